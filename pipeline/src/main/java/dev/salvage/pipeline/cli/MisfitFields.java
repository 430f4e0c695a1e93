package dev.salvage.pipeline.cli;

import static java.util.Objects.requireNonNull;

import dev.salvage.mappings.RecordRejectedException;
import dev.salvage.pipeline.bundle.IgnoredWhy;
import dev.salvage.pipeline.bundle.JsonlFile;
import dev.salvage.pipeline.bundle.QuarantineEntry;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.RunSummary;
import dev.salvage.pipeline.reconcile.SourceDisagreements;
import dev.salvage.pipeline.reconcile.SourceDisagreements.Pair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules' fields whose format or type fits none (or almost none) of the values the source
 * writes: a mapping error, not damaged input. Each such record was quarantined on its own with the
 * advice to mend the source or declare {@code unreadable: leave_out}, and the run exited 0; an
 * outside trial lost all 143 of its lease confirmations to a {@code dd-MM-yyyy} read of {@code
 * 31/08/2027}, and the right fix (the format) was named nowhere.
 *
 * <p>Also the fields two sources claim on many records they share and disagree on nearly all of
 * ({@link Disagreement}): a format that fits the values the wrong way round reads every one of
 * them, and only the other source shows it wrong.
 */
final class MisfitFields {
  private MisfitFields() {}

  /** A mapping error the run ends with: its loud line, and its entry in {@code not_read}. */
  sealed interface MappingError permits Misfit, Disagreement, NothingMatched {
    String source();

    String said();

    RunSummary.NotRead notRead();
  }

  /** Below this many records both sources claim a field on, a disagreement may be chance. */
  static final long SHARED_AT_LEAST = 10;

  /** The share of the shared records disagreeing from which it is the mapping, not the world. */
  static final double DISAGREE_SHARE = 0.8;

  /** The share of a rule's matched records failing on one field from which it is the mapping. */
  static final double NEARLY_ALL = 0.9;

  /** Below this many failures a few damaged values are as likely as a wrong format. */
  static final long AT_LEAST = 5;

  private static final int EXAMPLES = 3;

  // "Cannot map mail <x>: rule booking field pickup_at: "31/08/2027" is not a date in format ...",
  // as Rule writes it; a missing value ("required value not found") has no quoted value
  static final Pattern FAILED_VALUE =
      Pattern.compile(
          ": rule (\\S+) (?:emit \\S+ )?field (\\S+): (\"(?:[^\"\\\\]|\\\\.)*\") (is not .*?)(?=: mend the value in the source|: the rule's format| \\(the backup gave|$)");

  private static final Pattern DECIMAL_AMOUNT =
      Pattern.compile("\"[^0-9-]{0,3}-?[0-9][0-9 ,.']*[.,][0-9]{1,2}\"");

  /**
   * One rule's field that failed on (nearly) every record its rule matched in one source.
   *
   * @param source the configured source
   * @param mapping the source's mapping file
   * @param rule the rule's name
   * @param field the field of the rule
   * @param failed how many records the field's value failed on
   * @param matched how many records the rule matched
   * @param examples up to three distinct failing values, quoted
   * @param problem what failed of the first value ({@code "x" is not a date in format dd-MM-yyyy})
   */
  record Misfit(
      String source,
      String mapping,
      String rule,
      String field,
      long failed,
      long matched,
      List<String> examples,
      String problem,
      String swappedFormat,
      long readSwapped)
      implements MappingError {
    /** A misfit whose values are no dates read the wrong way round. */
    Misfit(
        String source,
        String mapping,
        String rule,
        String field,
        long failed,
        long matched,
        List<String> examples,
        String problem) {
      this(source, mapping, rule, field, failed, matched, examples, problem, null, 0);
    }

    Misfit {
      requireNonNull(source, "source");
      requireNonNull(mapping, "mapping");
      requireNonNull(rule, "rule");
      requireNonNull(field, "field");
      examples = List.copyOf(examples);
      requireNonNull(problem, "problem");
    }

    /** The run's one loud line for it. */
    @Override
    public String said() {
      return "MAPPING ERROR: Source "
          + source
          + ", "
          + mapping
          + ", rule "
          + rule
          + ", field "
          + field
          + ": "
          + failed
          + " of the "
          + matched
          + " record(s) the rule matched failed on it ("
          + String.join(", ", examples)
          + "): "
          + problem
          + ". The mapping does not fit how the source writes this field, the source is not"
          + " damaged: "
          + fix()
          + ", and run again. Do not declare unreadable: leave_out for it, which would drop the"
          + " field from every record. Until then the run is incomplete.";
    }

    private String fix() {
      if (swappedFormat != null) {
        return "every value it failed on is a date in format "
            + swappedFormat
            + ": the format reads day and month the wrong way round, and the "
            + readSwapped
            + " record(s) it did read (a day of 12 or less) were read with day and month swapped;"
            + " write format: "
            + swappedFormat;
      }
      if (problem.contains("is not an integer")
          && examples.stream().anyMatch(value -> DECIMAL_AMOUNT.matcher(value).matches())) {
        return "the values are amounts with decimals; declare the field type: money (or read"
            + " the minor units with a regex)";
      }
      if (problem.contains(" is not a value but a JSON object")) {
        return "the path ends at an object (a Stripe object's customer_details, a list) where a"
            + " value was meant; name the member to read, one of those listed above";
      }
      if (problem.contains(" in format ")) {
        return "check the field's format against the values above (its letters must spell them"
            + " as they are written, order and separators included; mappings/README.md, Value"
            + " types)";
      }
      return "check the field's type, and the regex that picks the value it reads, against the"
          + " values above (salvage mappings test --input FILE shows what a record gives)";
    }

    /** Its entry in summary.json's {@code not_read}, which makes the run incomplete. */
    @Override
    public RunSummary.NotRead notRead() {
      return new RunSummary.NotRead(
          "(rule " + rule + ", field " + field + ")",
          "field "
              + field
              + " of rule "
              + rule
              + " of "
              + mapping
              + ": its format or type did not fit the value of "
              + failed
              + " of the "
              + matched
              + " record(s) the rule matched, each of them quarantined (the MAPPING ERROR line"
              + " above says what to mend)",
          matched,
          problem,
          false);
    }
  }

  /**
   * The misfits of a finished run, from the records quarantined by rules (quarantine.jsonl, read
   * only when some rule quarantined records) and the summary's counts of each rule's records.
   *
   * @param mappings each source's mapping file, by source
   */
  static List<Misfit> find(
      RunSummary summary, JsonlFile<QuarantineEntry> quarantine, Map<String, String> mappings)
      throws IOException {
    if (summary.stoppedAfter() != null
        || !quarantine.exists()
        || summary.sources().values().stream()
            .allMatch(counts -> counts.rulesQuarantined().isEmpty())) {
      return List.of();
    }
    Map<List<String>, Long> failed = new TreeMap<>(MisfitFields::byName);
    Map<List<String>, List<String>> examples = new LinkedHashMap<>();
    Map<List<String>, String> problems = new LinkedHashMap<>();
    Map<List<String>, Long> swapped = new TreeMap<>(MisfitFields::byName);
    Map<List<String>, String> swappedFormats = new LinkedHashMap<>();
    quarantine.scan(
        (line, entry) -> {
          Matcher value = FAILED_VALUE.matcher(entry.reason());
          if (!value.find()) {
            return;
          }
          List<String> key = List.of(entry.source(), value.group(1), value.group(2));
          failed.merge(key, 1L, Long::sum);
          String other = swappedFormat(value.group(3), value.group(4));
          if (other != null) {
            swapped.merge(key, 1L, Long::sum);
            swappedFormats.putIfAbsent(key, other);
          }
          problems.putIfAbsent(key, value.group(3) + " " + value.group(4));
          List<String> some = examples.computeIfAbsent(key, k -> new ArrayList<>());
          if (some.size() < EXAMPLES && !some.contains(value.group(3))) {
            some.add(value.group(3));
          }
        });
    List<Misfit> misfits = new ArrayList<>();
    failed.forEach(
        (key, count) -> {
          RunSummary.SourceCounts counts = summary.sources().get(key.get(0));
          if (counts == null) {
            return;
          }
          long matched =
              counts.rules().getOrDefault(key.get(1), 0L)
                  + counts.rulesQuarantined().getOrDefault(key.get(1), 0L);
          // a day and month read the wrong way round fail only on the days after the 12th
          boolean dayMonthSwapped =
              count >= AT_LEAST
                  && count >= SWAPPED_SHARE_OF_MATCHED * matched
                  && swapped.getOrDefault(key, 0L) >= NEARLY_ALL * count;
          if (count >= AT_LEAST && (count >= NEARLY_ALL * matched || dayMonthSwapped)) {
            misfits.add(
                new Misfit(
                    key.get(0),
                    mappings.getOrDefault(key.get(0), "its mapping"),
                    key.get(1),
                    key.get(2),
                    count,
                    matched,
                    examples.get(key),
                    problems.get(key),
                    dayMonthSwapped ? swappedFormats.get(key) : null,
                    counts.rules().getOrDefault(key.get(1), 0L)));
          }
        });
    return misfits;
  }

  /**
   * The share of a rule's matched records from which failures that all read with day and month
   * swapped are the format's, not damaged values: a format reading them the wrong way round fails
   * on the days after the 12th, about 60 % of dates, short of {@link #NEARLY_ALL}.
   */
  static final double SWAPPED_SHARE_OF_MATCHED = 0.2;

  private static final Pattern DATE_FORMAT =
      Pattern.compile("^is not a date(?:-time)? in format (.+?)(?: \\(locale [^)]*\\))?$");

  /**
   * The format with its numeric day and month exchanged ({@code dd/MM/yyyy} for {@code MM/dd/yyyy})
   * when {@code quoted}, the value a format refused, reads in it; else null.
   */
  static String swappedFormat(String quoted, String problem) {
    Matcher format = DATE_FORMAT.matcher(problem);
    if (!format.matches() || quoted.length() < 2) {
      return null;
    }
    String pattern = format.group(1);
    StringBuilder other = new StringBuilder();
    boolean quotedText = false;
    boolean day = false;
    boolean month = false;
    for (int i = 0; i < pattern.length(); ) {
      char c = pattern.charAt(i);
      int end = i;
      while (end < pattern.length() && pattern.charAt(end) == c) {
        end++;
      }
      String run = pattern.substring(i, end);
      if (c == '\'') {
        quotedText ^= run.length() % 2 == 1;
      } else if (!quotedText && c == 'd' && run.length() <= 2) {
        run = "M".repeat(run.length());
        day = true;
      } else if (!quotedText && c == 'M' && run.length() <= 2) {
        run = "d".repeat(run.length());
        month = true;
      }
      other.append(run);
      i = end;
    }
    if (!day || !month) {
      return null;
    }
    String value =
        quoted.substring(1, quoted.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    try {
      java.time.format.DateTimeFormatter.ofPattern(other.toString(), java.util.Locale.ROOT)
          .parse(value.strip());
      return other.toString();
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      return null;
    }
  }

  private static int byName(List<String> a, List<String> b) {
    return String.join("\u0000", a).compareTo(String.join("\u0000", b));
  }

  /**
   * Rewrites the reasons of the misfits' records in quarantine.jsonl: their per-record advice to
   * mend the source or leave the field out is wrong for every one of them. Only run when there is a
   * misfit, which is rare, so the file is copied once then and never otherwise.
   */
  static void markInQuarantine(JsonlFile<QuarantineEntry> quarantine, List<Misfit> misfits)
      throws IOException {
    if (misfits.isEmpty()) {
      return;
    }
    Path rewritten = quarantine.path().resolveSibling(quarantine.path().getFileName() + ".misfit");
    Files.deleteIfExists(rewritten);
    JsonlFile<QuarantineEntry> out = new JsonlFile<>(rewritten, QuarantineEntry.class);
    List<QuarantineEntry> batch = new ArrayList<>();
    quarantine.scan(
        (line, entry) -> {
          batch.add(isOf(entry, misfits) ? withFormatSuspected(entry) : entry);
          if (batch.size() >= 1_000) {
            out.append(batch);
            batch.clear();
          }
        });
    out.append(batch);
    Files.move(rewritten, quarantine.path(), StandardCopyOption.REPLACE_EXISTING);
  }

  private static boolean isOf(QuarantineEntry entry, List<Misfit> misfits) {
    Matcher value = FAILED_VALUE.matcher(entry.reason());
    if (!value.find()) {
      return false;
    }
    return misfits.stream()
        .anyMatch(
            misfit ->
                misfit.source().equals(entry.source())
                    && misfit.rule().equals(value.group(1))
                    && misfit.field().equals(value.group(2)));
  }

  private static QuarantineEntry withFormatSuspected(QuarantineEntry entry) {
    return new QuarantineEntry(
        entry.source(),
        entry.location(),
        RecordRejectedException.formatSuspected(entry.reason()),
        entry.excerpt());
  }

  /** {@code notRead} with an entry for each misfit added to its source's list. */
  /**
   * A source of which every record read was ignored as matching no rule of its mapping: its kinds
   * or conditions fit nothing the source gives (a calendar's events titled otherwise than its one
   * rule expects). An outside trial's 200 calendar events were all ignored so, said among the
   * closing notes only, at exit 0, and nothing they held was in any record.
   *
   * @param read the records the source gave, every one ignored as matching no rule
   */
  record NothingMatched(String source, String mapping, long read) implements MappingError {
    NothingMatched {
      requireNonNull(source, "source");
      requireNonNull(mapping, "mapping");
    }

    @Override
    public String said() {
      return "MAPPING ERROR: Source "
          + source
          + ", "
          + mapping
          + ": none of its "
          + read
          + " record(s) matched a rule (review/ignored.jsonl lists each as matching no rule),"
          + " so nothing the source says is in any record: its rules' kinds or conditions fit"
          + " none of them. Check the rules against its records (salvage mappings test --input"
          + " FILE --type TYPE shows which rule a record meets), mend them, and run again; a"
          + " source that holds nothing of use is dropped from the run config. Until then the run"
          + " is incomplete.";
    }

    @Override
    public RunSummary.NotRead notRead() {
      return new RunSummary.NotRead(
          "(every record of the source)",
          "anything of it: none of its "
              + read
              + " record(s) matched a rule of "
              + mapping
              + ", likely a mapping error (the MAPPING ERROR line above says what to check)",
          read,
          "every record matched no rule",
          false);
    }
  }

  /** The fewest records a source must give, none matching a rule, to be a mapping error. */
  static final long NOTHING_MATCHED_AT_LEAST = 10;

  /**
   * The sources (the backup aside, whose rules have their own note) that gave at least {@link
   * #NOTHING_MATCHED_AT_LEAST} records and of which every one was ignored as matching no rule.
   */
  static List<NothingMatched> nothingMatched(RunSummary counted, Map<String, String> mappings) {
    List<NothingMatched> found = new ArrayList<>();
    counted
        .sources()
        .forEach(
            (source, counts) -> {
              long unmatched =
                  counts.ignoredWhy().getOrDefault(IgnoredWhy.NO_RULE_MATCHED.key(), 0L);
              if (!source.equals(RunCommand.BACKUP_SOURCE)
                  && mappings.containsKey(source)
                  && counts.read() >= NOTHING_MATCHED_AT_LEAST
                  && unmatched == counts.read()) {
                found.add(new NothingMatched(source, mappings.get(source), counts.read()));
              }
            });
    return found;
  }

  static Map<String, List<RunSummary.NotRead>> withMisfits(
      Map<String, List<RunSummary.NotRead>> notRead, List<? extends MappingError> misfits) {
    Map<String, List<RunSummary.NotRead>> all = new TreeMap<>(notRead);
    for (MappingError misfit : misfits) {
      List<RunSummary.NotRead> entries =
          new ArrayList<>(all.getOrDefault(misfit.source(), List.of()));
      entries.add(misfit.notRead());
      all.put(misfit.source(), List.copyOf(entries));
    }
    return all;
  }

  /**
   * A field two rules of different sources both claim on many records, disagreeing on nearly all of
   * them: one of the two mappings reads it wrong.
   *
   * @param pair the entity type, field and the two rules ({@code source:rule})
   * @param mappings the two rules' mapping files, in the pair's order
   * @param differ on how many records their values differ
   * @param shared on how many records both claim the field
   * @param examples up to three pairs of values, the first rule's then the second's
   * @param hint what the differences have in common and what makes it, or null when nothing obvious
   */
  record Disagreement(
      Pair pair,
      List<String> mappings,
      long differ,
      long shared,
      List<String> examples,
      String hint)
      implements MappingError {
    Disagreement {
      requireNonNull(pair, "pair");
      mappings = List.copyOf(mappings);
      examples = List.copyOf(examples);
    }

    @Override
    public String source() {
      return sourceOf(pair.first());
    }

    @Override
    public String said() {
      return "MAPPING ERROR: "
          + pair.entity()
          + " field "
          + pair.field()
          + ": source "
          + sourceOf(pair.first())
          + " ("
          + mappings.get(0)
          + ", rule "
          + ruleOf(pair.first())
          + ") and source "
          + sourceOf(pair.second())
          + " ("
          + mappings.get(1)
          + ", rule "
          + ruleOf(pair.second())
          + ") disagree on "
          + differ
          + " of the "
          + shared
          + " record(s) where both claim it ("
          + String.join("; ", examples)
          + ")"
          + (hint == null ? "" : ": " + hint)
          + ". Two sources differ on nearly every record they share when one of them reads the"
          + " field wrong (a day and month the wrong way round, an exclusive end date, cents read"
          + " as units, a time zone), not when the values changed: check both rules against the"
          + " values the sources write (salvage mappings test --input FILE), mend the one that is"
          + " wrong, and run again. Each such record is flagged, and the rule read wrong may have"
          + " given wrong values to records the other source does not reach. If the sources"
          + " truly differ, run --allow-incomplete accepts the run. Until then the run is"
          + " incomplete.";
    }

    @Override
    public RunSummary.NotRead notRead() {
      return new RunSummary.NotRead(
          "(field " + pair.field() + " of " + pair.entity() + ", against " + pair.second() + ")",
          "field "
              + pair.field()
              + " of "
              + pair.entity()
              + ": rule "
              + pair.first()
              + " and rule "
              + pair.second()
              + " disagree on "
              + differ
              + " of the "
              + shared
              + " record(s) both claim it on, likely a mapping error (the MAPPING ERROR line above"
              + " says what to check)",
          shared,
          String.join("; ", examples),
          false);
    }
  }

  private static String sourceOf(String rule) {
    return rule.substring(0, rule.indexOf(':'));
  }

  private static String ruleOf(String rule) {
    return rule.substring(rule.indexOf(':') + 1);
  }

  /**
   * The fields two sources disagree on nearly everywhere, from the run's counters ({@link
   * SourceDisagreements}); {@code records} is read, for examples, only when there is one.
   *
   * @param mappings each source's mapping file, by source
   */
  static List<Disagreement> disagreements(
      Map<String, Long> counters,
      JsonlFile<ReconstructedRecord> records,
      Map<String, String> mappings)
      throws IOException {
    Map<Pair, Map<String, Long>> byPair = new TreeMap<>(MisfitFields::byPair);
    counters.forEach(
        (name, count) -> {
          Map.Entry<Pair, String> counter = Pair.ofCounter(name);
          if (counter != null) {
            byPair
                .computeIfAbsent(counter.getKey(), p -> new TreeMap<>())
                .merge(counter.getValue(), count, Long::sum);
          }
        });
    List<Pair> found = new ArrayList<>();
    byPair.forEach(
        (pair, counts) -> {
          long shared = counts.getOrDefault(SourceDisagreements.SHARED, 0L);
          long differ = counts.getOrDefault(SourceDisagreements.DIFFER, 0L);
          // a difference with no pattern is what real changes look like (a status cancelled after
          // the payment, a total changed): the bench's 100k scenario had seven such pairs at 100 %
          if (shared >= SHARED_AT_LEAST
              && differ >= DISAGREE_SHARE * shared
              && pattern(counts, differ) != null) {
            found.add(pair);
          }
        });
    if (found.isEmpty()) {
      return List.of();
    }
    Map<Pair, Set<String>> examples = examples(found, records);
    List<Disagreement> disagreements = new ArrayList<>();
    for (Pair pair : found) {
      Map<String, Long> counts = byPair.get(pair);
      long differ = counts.get(SourceDisagreements.DIFFER);
      SourceDisagreements.Pattern pattern = pattern(counts, differ);
      String hint = hint(pair, pattern, counts.getOrDefault(pattern.kind(), 0L));
      disagreements.add(
          new Disagreement(
              pair,
              List.of(
                  mappings.getOrDefault(sourceOf(pair.first()), "its mapping"),
                  mappings.getOrDefault(sourceOf(pair.second()), "its mapping")),
              differ,
              counts.get(SourceDisagreements.SHARED),
              List.copyOf(examples.getOrDefault(pair, Set.of())),
              hint));
    }
    return disagreements;
  }

  /**
   * The pattern most of the differing records follow (day and month swapped, a day apart, a factor
   * of 100), or null: a mapping read the wrong way differs the same way on every record.
   */
  private static SourceDisagreements.Pattern pattern(Map<String, Long> counts, long differ) {
    for (SourceDisagreements.Pattern pattern : SourceDisagreements.Pattern.values()) {
      if (counts.getOrDefault(pattern.kind(), 0L) >= DISAGREE_SHARE * differ) {
        return pattern;
      }
    }
    return null;
  }

  private static String hint(Pair pair, SourceDisagreements.Pattern pattern, long following) {
    String cause =
        switch (pattern) {
          case SWAPPED ->
              "one of the two formats reads day and month the wrong way round (MM/dd"
                  + " against dd/MM), which every date with a day of 12 or less fits";
          case DAY_LATER, DAY_EARLIER ->
              "an end date one source gives exclusive (a calendar's"
                  + " all-day end.date is the day after the last: plus: {const: -1, unit: days}), or"
                  + " a date read in another time zone";
          case TIMES_100, DIVIDED_100 ->
              "one source's amounts are minor units (cents) and the"
                  + " other's major units: declare type: money on the rule that reads major units";
        };
    return "on "
        + following
        + " of them the value from "
        + sourceOf(pair.second())
        + " is the value from "
        + sourceOf(pair.first())
        + " "
        + pattern.said()
        + ", likely "
        + cause;
  }

  /** Up to three pairs of differing values per pair of rules, from the records as written. */
  private static Map<Pair, Set<String>> examples(
      List<Pair> pairs, JsonlFile<ReconstructedRecord> records) throws IOException {
    Map<Pair, Set<String>> examples = new TreeMap<>(MisfitFields::byPair);
    if (!records.exists()) {
      return examples;
    }
    records.scan(
        (line, record) -> {
          for (Pair pair : pairs) {
            Set<String> some = examples.computeIfAbsent(pair, p -> new TreeSet<>());
            if (!pair.entity().equals(record.entity()) || some.size() >= EXAMPLES) {
              continue;
            }
            Set<String> first = claims(record, pair.first(), pair.field());
            Set<String> second = claims(record, pair.second(), pair.field());
            if (!first.isEmpty()
                && !second.isEmpty()
                && first.stream()
                    .noneMatch(
                        x -> second.stream().anyMatch(y -> SourceDisagreements.sameValue(x, y)))) {
              some.add(
                  sourceOf(pair.first())
                      + " "
                      + first.iterator().next()
                      + " against "
                      + sourceOf(pair.second())
                      + " "
                      + second.iterator().next());
            }
          }
        });
    return examples;
  }

  private static Set<String> claims(ReconstructedRecord record, String rule, String field) {
    Set<String> values = new TreeSet<>();
    for (ReconstructedRecord.Evidence evidence : record.evidence()) {
      if ((evidence.source() + ":" + evidence.rule()).equals(rule)
          && evidence.claims().containsKey(field)) {
        values.add(evidence.claims().get(field));
      }
    }
    return values;
  }

  private static int byPair(Pair a, Pair b) {
    return String.join("\u0000", a.entity(), a.field(), a.first(), a.second())
        .compareTo(String.join("\u0000", b.entity(), b.field(), b.first(), b.second()));
  }
}
