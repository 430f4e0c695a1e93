package dev.salvage.pipeline.cli;

import static dev.salvage.pipeline.cli.RuleNotes.QUARANTINED_BY_RULE;
import static dev.salvage.pipeline.cli.RuleNotes.mapped;
import static dev.salvage.pipeline.cli.RunCommand.BACKUP_SOURCE;

import dev.salvage.connectors.email.MailNotes;
import dev.salvage.pipeline.bundle.RunLayout;
import dev.salvage.pipeline.bundle.RunSummary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The sources' accounting after the job: which sources, files and places were read to nothing or
 * mostly refused (added to summary.json's not_read, so that the run counts as incomplete), and the
 * notes on what a source held that was not evidence. A source that gave nothing must not pass for
 * one that had nothing to give.
 */
final class SourceAccounting {
  private SourceAccounting() {}

  static List<String> sourcesThatGaveNothing(RunSummary summary) {
    if (!mapped(summary)) {
      return List.of();
    }
    List<String> said = new ArrayList<>();
    summary
        .sources()
        .forEach(
            (source, counts) -> {
              // a source with partitions not read is said last, with what was not read and why:
              // advice on files would be wrong for a server that did not answer
              if (!source.equals(BACKUP_SOURCE)
                  && counts.read() == 0
                  && !summary.notRead().containsKey(source)) {
                said.add(
                    "Source "
                        + source
                        + " gave no record at all: its files are empty or hold nothing its reader"
                        + " knows. Every record it would have supported is missing; check its path"
                        + " and type (salvage mappings test --input FILE --type TYPE shows what a"
                        + " file gives).");
              }
            });
    return said;
  }

  /**
   * {@code notRead} with an entry for each source that read records and whose reader quarantined
   * every one, or more than half of them (given {@code firstReasons}' reason, by source), unless it
   * has entries already: it read nothing usable, or too little to trust, like a partition not read,
   * and is said last and exits 3 as one. An outside trial's payments export re-saved by a UK
   * spreadsheet had every row quarantined for its dates, and the run exited 0 with no payment;
   * another's, re-saved by Czech Excel, had 139 of 179 rows quarantined, exit 0 again. A reader
   * refusing most of what it read is refusing the file's format, not a few damaged records: those
   * stay at exit 0, said per source by {@link #unreadRecords}. So does a backup that gave no row at
   * all (a 0-byte file, a schema-only dump): every record comes out NEW and an import would insert
   * copies, while an empty Stripe page, a source's file alike, was already not read.
   */
  static Map<String, List<RunSummary.NotRead>> withSourcesReadToNothing(
      RunSummary summary,
      Map<String, List<RunSummary.NotRead>> notRead,
      Map<String, String> firstReasons,
      Map<String, Map<String, Long>> unreadPlaces) {
    return withSourcesReadToNothing(summary, notRead, firstReasons, unreadPlaces, null);
  }

  /**
   * As above, and also, for a source left out by it (most of its records were read), an entry for
   * each file of which its reader quarantined every record, at least {@value
   * #MIN_REFUSED_IN_PLACE}: a whole file in a format the reader does not read (an Exchange calendar
   * of one room among others, each event refused), which exited 0 when the source's other files
   * held more records. {@code reads} says which files gave a record; null (no evidence written: a
   * run stopped early) leaves files out.
   */
  static Map<String, List<RunSummary.NotRead>> withSourcesReadToNothing(
      RunSummary summary,
      Map<String, List<RunSummary.NotRead>> notRead,
      Map<String, String> firstReasons,
      Map<String, Map<String, Long>> unreadPlaces,
      PlaceReads reads) {
    Map<String, List<RunSummary.NotRead>> all =
        withSourcesMostlyRefused(summary, notRead, firstReasons, unreadPlaces);
    if (reads == null) {
      return all;
    }
    unreadPlaces.forEach(
        (source, places) -> {
          if (all.containsKey(source) || !summary.sources().containsKey(source)) {
            return;
          }
          List<RunSummary.NotRead> refused = new ArrayList<>();
          new TreeMap<>(places)
              .forEach(
                  (place, count) -> {
                    if (count >= MIN_REFUSED_IN_PLACE && !reads.gaveRecords(source, place)) {
                      refused.add(
                          new RunSummary.NotRead(
                              place,
                              "anything usable of this file: its reader quarantined every one of"
                                  + " its "
                                  + count
                                  + " record(s) before any rule read them (quarantine.jsonl says"
                                  + " why of each), though the source's other files were read",
                              count,
                              reads.firstRefusal(place, firstReasons.getOrDefault(source, "")),
                              false));
                    }
                  });
          if (!refused.isEmpty()) {
            all.put(source, List.copyOf(refused));
          }
        });
    return all;
  }

  /** The fewest records a file's reader must refuse, all it read, for the file to be not read. */
  static final int MIN_REFUSED_IN_PLACE = 3;

  /**
   * Per source, the places ({@link #placeOf}) that gave a record a rule read (used, ignored or
   * quarantined by a rule), and the first reason a reader gave for a record it refused, by place.
   */
  record PlaceReads(Map<String, Set<String>> read, Map<String, String> firstRefusals) {
    boolean gaveRecords(String source, String place) {
      return read.getOrDefault(source, Set.of()).contains(place);
    }

    String firstRefusal(String place, String otherwise) {
      return firstRefusals.getOrDefault(place, otherwise);
    }

    /** From the run's bundle; null when it holds no evidence.jsonl (a run stopped early). */
    static PlaceReads of(RunLayout layout) throws IOException {
      if (!layout.evidence().exists()) {
        return null;
      }
      Map<String, Set<String>> read = new HashMap<>();
      Map<String, String> first = new HashMap<>();
      layout
          .evidence()
          .scan(
              (line, entry) -> {
                if (entry.location() != null) {
                  read.computeIfAbsent(entry.source(), s -> new HashSet<>())
                      .add(placeOf(entry.location()));
                }
              });
      if (layout.ignored().exists()) {
        layout
            .ignored()
            .scan(
                (line, entry) -> {
                  if (entry.location() != null) {
                    read.computeIfAbsent(entry.source(), s -> new HashSet<>())
                        .add(placeOf(entry.location()));
                  }
                });
      }
      if (layout.quarantine().exists()) {
        layout
            .quarantine()
            .scan(
                (line, entry) -> {
                  String place = placeOf(entry.location());
                  if (QUARANTINED_BY_RULE.matcher(entry.reason()).find()) {
                    read.computeIfAbsent(entry.source(), s -> new HashSet<>()).add(place);
                  } else {
                    first.putIfAbsent(place, entry.reason());
                  }
                });
      }
      return new PlaceReads(read, first);
    }

    /**
     * As {@link #of}, or null without reading anything when no place of {@code unreadPlaces} had
     * {@value #MIN_REFUSED_IN_PLACE} records refused, so none can be a file not read:
     * evidence.jsonl is the run's largest file, and its scan took 3 % of a 10k run's CPU samples,
     * on one thread after the job, for nothing on a run whose readers refused nothing.
     */
    static PlaceReads ofWhereRefused(RunLayout layout, Map<String, Map<String, Long>> unreadPlaces)
        throws IOException {
      boolean anyPlaceMostlyRefused =
          unreadPlaces.values().stream()
              .flatMap(places -> places.values().stream())
              .anyMatch(count -> count >= MIN_REFUSED_IN_PLACE);
      return anyPlaceMostlyRefused ? of(layout) : null;
    }
  }

  /** The partition of the entry that lists a source's mails too large to be read. */
  static final String MAILS_TOO_LARGE = "(mails too large to read)";

  /**
   * {@code notRead} and, per source whose reader quarantined a mail past the size a mail is read
   * whole (128 MB), an entry naming each such mail: nothing of it was read, not even its sender,
   * date and text, so the run is incomplete (exit 3) as for a file cut short. Until 2026-12-07 such
   * a mail was one quarantined record among damaged ones, at exit 0: an outside trial's customer
   * reply with a 112 MB video was said on the console and missed by a script checking {@code $?}. A
   * source already listed as (most or every record) refused keeps that entry alone.
   */
  static Map<String, List<RunSummary.NotRead>> withMailsTooLarge(
      Map<String, List<RunSummary.NotRead>> notRead, RunSummary summary, RunLayout layout)
      throws IOException {
    boolean anyRefused =
        summary.sources().values().stream().anyMatch(counts -> counts.quarantinedByReader() > 0);
    if (!anyRefused || !layout.quarantine().exists()) {
      return notRead;
    }
    Map<String, List<String>> places = new TreeMap<>();
    Map<String, String> firstReason = new HashMap<>();
    layout
        .quarantine()
        .scan(
            (line, entry) -> {
              if (MailNotes.isTooLarge(entry.reason())) {
                places
                    .computeIfAbsent(entry.source(), s -> new ArrayList<>())
                    .add(entry.location());
                firstReason.putIfAbsent(entry.source(), entry.reason());
              }
            });
    if (places.isEmpty()) {
      return notRead;
    }
    Map<String, List<RunSummary.NotRead>> all = new TreeMap<>(notRead);
    places.forEach(
        (source, at) -> {
          List<RunSummary.NotRead> entries = new ArrayList<>(all.getOrDefault(source, List.of()));
          if (entries.stream()
              .anyMatch(
                  e ->
                      e.partition().equals("(every record)")
                          || e.partition().equals("(most records)"))) {
            return;
          }
          RunSummary.SourceCounts counts = summary.sources().get(source);
          entries.add(
              new RunSummary.NotRead(
                  MAILS_TOO_LARGE,
                  at.size()
                      + " mail(s) larger than the most a mail is read whole (128 MB), nothing of"
                      + " which was read: "
                      + String.join(", ", at.stream().limit(5).toList())
                      + (at.size() > 5 ? " and " + (at.size() - 5) + " more" : "")
                      + " (quarantine.jsonl holds the start of each)",
                  counts == null ? 0 : counts.read(),
                  firstReason.get(source),
                  false,
                  "a rerun meets the same limit: if the mail holds no evidence, accept the run"
                      + " with --allow-incomplete; else save its text and the parts that hold"
                      + " evidence with a mail client, or remove its largest attachment"));
          all.put(source, List.copyOf(entries));
        });
    return all;
  }

  private static Map<String, List<RunSummary.NotRead>> withSourcesMostlyRefused(
      RunSummary summary,
      Map<String, List<RunSummary.NotRead>> notRead,
      Map<String, String> firstReasons,
      Map<String, Map<String, Long>> unreadPlaces) {
    Map<String, List<RunSummary.NotRead>> all = new TreeMap<>(notRead);
    summary
        .sources()
        .forEach(
            (source, counts) -> {
              long refused = counts.quarantinedByReader();
              // copies left out for a newer copy of the same record were read fine: neither
              // refused nor among what the reader could have refused
              long candidates = counts.read() - counts.superseded();
              if (candidates == 0 || all.containsKey(source) || !mostOf(refused, candidates)) {
                return;
              }
              boolean every = refused == candidates;
              all.put(
                  source,
                  List.of(
                      new RunSummary.NotRead(
                          every ? "(every record)" : "(most records)",
                          every
                              ? "anything usable: its reader quarantined every one of its "
                                  + candidates
                                  + " record(s) before any rule read them"
                                  + inPlaces(unreadPlaces.get(source))
                                  + " (quarantine.jsonl says why of each)"
                              : "most of it: its reader quarantined "
                                  + refused
                                  + " of its "
                                  + candidates
                                  + " record(s) before any rule read them"
                                  + inPlaces(unreadPlaces.get(source))
                                  + ", more than half: a format it does not read rather than a"
                                  + " few damaged records (quarantine.jsonl says why of each; the"
                                  + " other "
                                  + (candidates - refused)
                                  + " were read)",
                          counts.read(),
                          firstReasons.getOrDefault(source, "(none given)"),
                          false)));
            });
    RunSummary.SourceCounts backup = summary.sources().get(BACKUP_SOURCE);
    if (backup != null && backup.read() == 0 && !all.containsKey(BACKUP_SOURCE)) {
      all.put(
          BACKUP_SOURCE,
          List.of(
              new RunSummary.NotRead(
                  "(the whole backup)",
                  "any row: the backup gave none (an empty file, a dump of the schema only?)",
                  0,
                  NO_BACKUP_ROW,
                  false)));
    }
    return all;
  }

  /**
   * Where a source's reader quarantined its records, for the operator to open: {@code " in FILE"},
   * or {@code " in FILE (n), FILE2 (m)"} when there are several, the most first; empty when not
   * known. Without it the entry of a source of many files named none of them.
   */
  static String inPlaces(Map<String, Long> places) {
    if (places == null || places.isEmpty()) {
      return "";
    }
    if (places.size() == 1) {
      return " in " + places.keySet().iterator().next();
    }
    List<String> named = new ArrayList<>();
    places.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(MAX_PLACES)
        .forEach(place -> named.add(place.getKey() + " (" + place.getValue() + ")"));
    return " in "
        + String.join(", ", named)
        + (places.size() > MAX_PLACES
            ? " and " + (places.size() - MAX_PLACES) + " other place(s)"
            : "");
  }

  private static final int MAX_PLACES = 10;

  /**
   * The file, mail folder or URL a quarantined record's location names: the location without its
   * line and column or byte offset ({@code file:12:3}) or its UID ({@code imap:INBOX#7}).
   */
  static String placeOf(String location) {
    return TRAILING_POSITION.matcher(location).replaceFirst("");
  }

  private static final Pattern TRAILING_POSITION = Pattern.compile("(?::\\d+){1,2}$|#\\d+$");

  /**
   * Per source, per place ({@link #placeOf}), the records its reader quarantined: where to look
   * when most of a source's records were refused.
   */
  static Map<String, Map<String, Long>> unreadPlaces(RunLayout layout) throws IOException {
    Map<String, Map<String, Long>> places = new HashMap<>();
    if (layout.quarantine().exists()) {
      layout
          .quarantine()
          .scan(
              (line, entry) -> {
                if (!QUARANTINED_BY_RULE.matcher(entry.reason()).find()) {
                  places
                      .computeIfAbsent(entry.source(), s -> new TreeMap<>())
                      .merge(placeOf(entry.location()), 1L, Long::sum);
                }
              });
    }
    return places;
  }

  /**
   * Whether a reader that quarantined {@code refused} of the {@code read} records it read refused
   * more than half: the share past which the run calls the source incomplete.
   */
  static boolean mostOf(long refused, long read) {
    return read > 0 && refused * 2 > read;
  }

  private static final String NO_BACKUP_ROW =
      "The backup gave no row at all (an empty file, a dump of the schema only?). No record has a"
          + " backup counterpart, so every one is NEW and an import would insert copies of rows"
          + " the application holds. Check the backup with salvage backup inspect; if the"
          + " application's database really was empty then, --allow-incomplete accepts the run.";

  /**
   * The first reason quarantine.jsonl gives for a record each source's reader quarantined, by
   * source.
   */
  static Map<String, String> firstUnreadReasons(RunLayout layout) throws IOException {
    Map<String, String> first = new HashMap<>();
    if (layout.quarantine().exists()) {
      layout
          .quarantine()
          .scan(
              (line, entry) -> {
                if (!QUARANTINED_BY_RULE.matcher(entry.reason()).find()) {
                  first.putIfAbsent(entry.source(), entry.reason());
                }
              });
    }
    return first;
  }

  /**
   * What to say of each file read as text in an encoding assumed (not UTF-8, none declared) or with
   * bytes not valid in its encoding: read so, a file in another encoding is mojibake in every
   * value, and a warning among the workers' log lines was all that said so.
   */
  static List<String> decodingNotes(RunSummary summary) {
    return summary.decodingNotes().stream()
        .map(note -> "Source " + note.source() + ": " + note.note() + ".")
        .toList();
  }

  /**
   * What the sources' readers said of partitions they read to their end (a backup table some of
   * whose JSON objects lack keys its others have): said on the worker that read them, which on a
   * cluster is not the operator's console.
   */
  static List<String> sourceNotes(RunSummary summary) {
    List<String> said = new ArrayList<>();
    summary
        .sources()
        .forEach(
            (source, counts) ->
                counts.notes().forEach(note -> said.add("Source " + source + ": " + note + ".")));
    return said;
  }
}
