package dev.salvage.pipeline.cli;

import static dev.salvage.pipeline.cli.RunCommand.BACKUP_SOURCE;

import dev.salvage.pipeline.bundle.RunLayout;
import dev.salvage.pipeline.bundle.RunSummary;
import dev.salvage.pipeline.stage.Stage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The run's closing notes on the mapping's rules: a rule that matched no record, one whose records
 * were mostly quarantined, the quarantined records' first reasons, and a backup whose rows no rule
 * used. They point the operator at the mapping file to mend, where the counts alone say only that
 * something is missing.
 */
final class RuleNotes {
  private RuleNotes() {}

  /**
   * What to say when the backup gave rows and its mapping used none of them, else null. No record
   * then has a backup counterpart: every one is NEW, and an import would insert copies of the rows
   * the application holds. It happens when the rules name the tables otherwise than the reader does
   * ({@code camping_guest} for a Django dumpdata's {@code camping.guest}, {@code customers} for
   * {@code billing.customers}).
   */
  static String unusedBackup(RunSummary summary, String mappingFile) {
    RunSummary.SourceCounts backup = summary.sources().get(BACKUP_SOURCE);
    if (backup == null || backup.used() > 0 || !mapped(summary)) {
      return null;
    }
    if (backup.read() == 0) {
      return null; // listed as not read, and said there (withSourcesReadToNothing)
    }
    String quarantinedByRules = quarantinedByRules(backup);
    String said =
        "The backup's "
            + backup.read()
            + " row(s) were read and none was used: "
            + (backup.ignored() == backup.read()
                ? "no rule of " + mappingFile + " matched any of them"
                : backup.ignored() == 0 && !quarantinedByRules.isEmpty()
                    ? "the rules of "
                        + mappingFile
                        + " matched them ("
                        + quarantinedByRules
                        + ") and every one was quarantined (quarantine.jsonl says why of each: a"
                        + " value its rule could not map)"
                    : backup.ignored()
                        + " matched no rule of "
                        + mappingFile
                        + ", "
                        + backup.quarantined()
                        + " were quarantined (quarantine.jsonl says why)")
            + ". No record has a backup counterpart, so every one is NEW and an import would"
            + " insert copies of rows the application holds.";
    if (backup.ignored() > 0 || quarantinedByRules.isEmpty()) {
      said +=
          " Compare the tables the rules name with those the backup holds (salvage backup"
              + " inspect lists them, as the rules see them).";
    }
    if (!quarantinedByRules.isEmpty()) {
      said += WHEN_QUARANTINED;
    }
    return said;
  }

  /**
   * What to do of rows a backup rule matched and could not map: a value the rule does not expect,
   * or, when every value looks garbled, a file read in another encoding than it was written in.
   */
  private static final String WHEN_QUARANTINED =
      " Mend the values or the rule (salvage mappings test shows what a row gives); if every"
          + " value looks garbled, the file was read in another encoding than it was written in"
          + " (set the backup option encoding).";

  /** {@code rule_a 26, rule_b 3}: the rows each backup rule matched and could not map. */
  private static String quarantinedByRules(RunSummary.SourceCounts backup) {
    List<String> counts = new ArrayList<>();
    backup.rulesQuarantined().forEach((rule, count) -> counts.add(rule + " " + count));
    return String.join(", ", counts);
  }

  /**
   * What to say of the rules of a source (not the backup, which has its own note) that matched none
   * of its records while the source gave some: a condition that never holds (a subject or a sender
   * written otherwise than the rule expects), or nothing of that kind in this run. Either way
   * whatever the rule would have said is in no record, and the rule was listed nowhere.
   */
  static Optional<String> unmatchedRules(RunSummary summary, String source, List<String> rules) {
    return unmatchedRules(summary, List.of(source), rules);
  }

  /**
   * The same for the sources that share one mapping file: a rule is said when it matched none of
   * the records of any of them.
   */
  static Optional<String> unmatchedRules(
      RunSummary summary, List<String> sources, List<String> rules) {
    return unmatchedRules(summary, sources, rules, Map.of());
  }

  /**
   * The same, a rule whose records were all quarantined said as such (with {@code firstReasons}'
   * reason for it, by rule), not as one that matched none: its condition holds, its values did not
   * map, and "a condition that never holds" sent the operator to the wrong place.
   */
  static Optional<String> unmatchedRules(
      RunSummary summary,
      List<String> sources,
      List<String> rules,
      Map<String, String> firstReasons) {
    long read = 0;
    Map<String, Long> matched = new HashMap<>();
    Map<String, Long> quarantined = new HashMap<>();
    Map<String, Long> shadowed = new TreeMap<>();
    for (String source : sources) {
      RunSummary.SourceCounts counts = summary.sources().get(source);
      if (counts != null) {
        read += counts.read() - counts.quarantinedByReader() - counts.superseded();
        counts.rules().forEach((rule, count) -> matched.merge(rule, count, Long::sum));
        counts.rulesShadowed().forEach((pair, count) -> shadowed.merge(pair, count, Long::sum));
        counts
            .rulesQuarantined()
            .forEach((rule, count) -> quarantined.merge(rule, count, Long::sum));
      }
    }
    // records its reader quarantined met no rule: "matched none of its 9 record(s): a condition
    // that never holds" blamed the rules for 9 rows whose dates the reader could not read
    if (read == 0 || !mapped(summary)) {
      return Optional.empty();
    }
    List<String> unused =
        rules.stream().filter(rule -> matched.getOrDefault(rule, 0L) == 0).toList();
    List<String> allQuarantined = allQuarantined(unused, quarantined);
    Map<String, String> takenEarlier = takenByEarlierRules(unused, shadowed);
    List<String> unmatched =
        unused.stream()
            .filter(rule -> !allQuarantined.contains(rule) && !takenEarlier.containsKey(rule))
            .toList();
    if (unused.isEmpty()) {
      return Optional.empty();
    }
    String sourcesSaid =
        (sources.size() == 1 ? "Source " : "Sources ") + String.join(", ", sources);
    List<String> said = new ArrayList<>();
    if (!allQuarantined.isEmpty()) {
      said.add(
          sourcesSaid
              + ": rule(s) "
              + matchedAllQuarantined(allQuarantined, quarantined, firstReasons, "record(s)")
              + ": a value the rule could not map (quarantine.jsonl says why of each; salvage"
              + " mappings test --input FILE shows what a record gives).");
    }
    for (Map.Entry<String, String> taken : takenEarlier.entrySet()) {
      said.add(
          sourcesSaid
              + ": rule "
              + taken.getKey()
              + " matched none of "
              + (sources.size() == 1 ? "its " : "their ")
              + read
              + " record(s), but its conditions held for "
              + taken.getValue()
              + ": if those are this rule's, put it above that rule or narrow that rule's"
              + " conditions (salvage mappings test --mail FILE names the rules a record also"
              + " matches).");
    }
    if (!unmatched.isEmpty()) {
      said.add(
          sourcesSaid
              + ": rule(s) "
              + String.join(", ", unmatched)
              + " matched none of "
              + (sources.size() == 1 ? "its " : "their ")
              + read
              + " record(s)"
              + (sources.size() == 1 ? "" : " (one mapping file for them all)")
              + ": a condition that never holds (a subject or sender written otherwise),"
              + " or nothing of that kind in this run (salvage mappings test --input FILE shows"
              + " which rule a record meets).");
    }
    return Optional.of(String.join(System.lineSeparator(), said));
  }

  /**
   * Of the {@code unused} rules, those whose conditions held for records an earlier rule took, each
   * with how many and which rules took them ({@code 2 that an earlier rule took (first match wins):
   * bekreftelse_no 2}), from the counts per {@code rule/earlier rule}.
   */
  private static Map<String, String> takenByEarlierRules(
      List<String> unused, Map<String, Long> shadowed) {
    Map<String, String> said = new LinkedHashMap<>();
    for (String rule : unused) {
      List<String> earlier = new ArrayList<>();
      long total = 0;
      for (Map.Entry<String, Long> pair : shadowed.entrySet()) {
        if (pair.getKey().startsWith(rule + "/")) {
          earlier.add(pair.getKey().substring(rule.length() + 1) + " " + pair.getValue());
          total += pair.getValue();
        }
      }
      if (!earlier.isEmpty()) {
        said.put(
            rule,
            total + " that an earlier rule took (first match wins): " + String.join(", ", earlier));
      }
    }
    return said;
  }

  /**
   * Whether every record read was mapped: a whole run, or one stopped after {@code map} or {@code
   * link}. What the run's end says of the mapping (a rule that matched nothing, one that
   * quarantined most of what it matched, a source or backup that gave nothing the rules used) needs
   * no more, and {@code --stop-after map}, the way to try a mapping on whole sources, says it too
   * (until 2026-12-07 only a whole run did).
   */
  static boolean mapped(RunSummary summary) {
    return !Stage.READ.label().equals(summary.stoppedAfter());
  }

  /** The share of a rule's matched records quarantined from which the run's end says so. */
  static final double MOSTLY_QUARANTINED = 0.2;

  /**
   * What to say of the rules that gave records but had a large share ({@link #MOSTLY_QUARANTINED}
   * or more, and at least 5) of the records they matched quarantined: a value one emit cannot map
   * ({@code required} on an optional phone) quarantines the whole record, with what its other emits
   * said, and an outside trial lost 855 of 1,515 calendar events so with exit 0 and nothing said
   * beyond a count in summary.json.
   */
  static Optional<String> mostlyQuarantinedRules(
      RunSummary summary, List<String> sources, Map<String, String> firstReasons) {
    if (!mapped(summary)) {
      return Optional.empty();
    }
    Map<String, Long> used = new java.util.TreeMap<>();
    Map<String, Long> quarantined = new java.util.TreeMap<>();
    for (String source : sources) {
      RunSummary.SourceCounts counts = summary.sources().get(source);
      if (counts != null) {
        counts.rules().forEach((rule, count) -> used.merge(rule, count, Long::sum));
        counts
            .rulesQuarantined()
            .forEach((rule, count) -> quarantined.merge(rule, count, Long::sum));
      }
    }
    List<String> said = new ArrayList<>();
    quarantined.forEach(
        (rule, lost) -> {
          long gave = used.getOrDefault(rule, 0L);
          long matched = gave + lost;
          if (gave > 0 && lost >= 5 && lost >= MOSTLY_QUARANTINED * matched) {
            String reason = firstReasons.get(rule);
            said.add(
                rule
                    + " quarantined "
                    + lost
                    + " of the "
                    + matched
                    + " record(s) it matched ("
                    + Math.round(100.0 * lost / matched)
                    + "%)"
                    + (reason == null ? "" : " (first reason: " + shortened(reason) + ")"));
          }
        });
    if (said.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        (sources.size() == 1 ? "Source " : "Sources ")
            + String.join(", ", sources)
            + ": rule(s) "
            + String.join("; ", said)
            + ": a value one field could not map quarantines the whole record, with what its other"
            + " fields and emits said (quarantine.jsonl says why of each; a condition on the emit,"
            + " or a regex narrowed to what the field reads, keeps the rest).");
  }

  /**
   * The rules of {@code unused} (which gave no record) that matched records all of which were
   * quarantined: their condition holds and their values did not map.
   */
  private static List<String> allQuarantined(List<String> unused, Map<String, Long> quarantined) {
    return unused.stream().filter(rule -> quarantined.getOrDefault(rule, 0L) > 0).toList();
  }

  /** {@code booking_en matched 4 record(s), all quarantined (first reason: ...)} for each rule. */
  private static String matchedAllQuarantined(
      List<String> rules,
      Map<String, Long> quarantined,
      Map<String, String> firstReasons,
      String unit) {
    List<String> said = new ArrayList<>();
    for (String rule : rules) {
      String reason = firstReasons.get(rule);
      said.add(
          rule
              + " matched "
              + quarantined.get(rule)
              + " "
              + unit
              + ", all quarantined"
              + (reason == null ? "" : " (first reason: " + shortened(reason) + ")"));
    }
    return String.join("; ", said);
  }

  static String shortened(String reason) {
    return reason.length() <= 300 ? reason : reason.substring(0, 300) + "...";
  }

  // "Cannot map mail email:<x@y>: rule booking_en field observed_at: ...", as Rule writes it
  static final Pattern QUARANTINED_BY_RULE = Pattern.compile(": rule (\\S+) ");

  /**
   * What to say of the records each source quarantined: those quarantined before any rule read them
   * (a mail past the size limit, a page that is not JSON), and those its rules could not map (a
   * mail without a Date header). What they held is in no record, and a count in the table was all
   * that said so (an outside trial's 213 MB mail, exit 0); the notes on rules name only rules most
   * or all of whose records were quarantined, so an outside trial's table said {@code quarantined
   * 2} of a source while the console explained one.
   */
  static List<String> quarantinedRecords(RunLayout layout) throws IOException {
    Map<String, Long> unread = new java.util.TreeMap<>();
    Map<String, String> firstUnread = new HashMap<>();
    Map<String, Long> unmapped = new java.util.TreeMap<>();
    Map<String, String> firstUnmapped = new HashMap<>();
    if (!layout.quarantine().exists()) {
      return List.of();
    }
    layout
        .quarantine()
        .scan(
            (line, entry) -> {
              boolean byRule = QUARANTINED_BY_RULE.matcher(entry.reason()).find();
              (byRule ? unmapped : unread).merge(entry.source(), 1L, Long::sum);
              (byRule ? firstUnmapped : firstUnread).putIfAbsent(entry.source(), entry.reason());
            });
    List<String> said = new ArrayList<>();
    unread.forEach(
        (source, count) ->
            said.add(
                "Source "
                    + source
                    + ": "
                    + count
                    + " record(s) could not be read at all and are in no record (quarantine.jsonl"
                    + " says why of each; first: "
                    + shortened(firstUnread.get(source))
                    + ")"));
    unmapped.forEach(
        (source, count) ->
            said.add(
                "Source "
                    + source
                    + ": "
                    + count
                    + " record(s) were read but its rules could not map them, and are in no record"
                    + " (quarantine.jsonl says why of each; first: "
                    + shortened(firstUnmapped.get(source))
                    + ")"));
    return said;
  }

  /**
   * The first reason quarantine.jsonl gives for each rule's records (of any source), by rule: what
   * to say of a rule all of whose records were quarantined.
   */
  static Map<String, String> firstQuarantineReasons(RunLayout layout) throws IOException {
    Map<String, String> reasons = new HashMap<>();
    if (!layout.quarantine().exists()) {
      return reasons;
    }
    layout
        .quarantine()
        .scan(
            (line, entry) -> {
              Matcher rule = QUARANTINED_BY_RULE.matcher(entry.reason());
              if (rule.find()) {
                reasons.putIfAbsent(rule.group(1), entry.reason());
              }
            });
    return reasons;
  }

  /**
   * What to say when some rules of the backup mapping matched no row while others did, else null. A
   * rule of a backup names a table; one that matched nothing names it otherwise than the reader
   * does (a Django dumpdata's {@code shop.client} for pg_dump's {@code shop_client}), or the table
   * is empty. Then every record of its entity is NEW, and an import would insert copies of the rows
   * the application holds: said even though the rest of the backup was used.
   */
  static String unmatchedBackupRules(RunSummary summary, List<String> rules, String mappingFile) {
    RunSummary.SourceCounts backup = summary.sources().get(BACKUP_SOURCE);
    if (backup == null || backup.read() == 0 || !mapped(summary)) {
      return null;
    }
    List<String> unused =
        rules.stream().filter(rule -> backup.rules().getOrDefault(rule, 0L) == 0).toList();
    // a rule whose rows were all quarantined matched them: its table's name is right, its values
    // did not map (a backup read in the wrong encoding, a value missing from a map)
    List<String> allQuarantined = allQuarantined(unused, backup.rulesQuarantined());
    List<String> unmatched =
        unused.stream().filter(rule -> !allQuarantined.contains(rule)).toList();
    if (unused.isEmpty()) {
      return null;
    }
    List<String> said = new ArrayList<>();
    if (!allQuarantined.isEmpty()) {
      List<String> counts =
          allQuarantined.stream()
              .map(rule -> rule + " matched " + backup.rulesQuarantined().get(rule) + " row(s)")
              .toList();
      said.add(
          "Backup rule(s) "
              + String.join(", ", counts)
              + " of "
              + mappingFile
              + ", and every one of them was quarantined (quarantine.jsonl says why of each: a"
              + " value its rule could not map). What such a rule emits has no backup"
              + " counterpart, so each of those records is NEW and an import would insert copies"
              + " of rows the application holds."
              + WHEN_QUARANTINED);
    }
    if (!unmatched.isEmpty()) {
      said.add(
          "Backup rule(s) "
              + String.join(", ", unmatched)
              + " of "
              + mappingFile
              + " matched none of the backup's "
              + backup.read()
              + " row(s). What such a rule emits has no backup counterpart, so each of those"
              + " records is NEW and an import would insert copies of rows the application"
              + " holds. Unless the table the rule names is empty, compare its name with those"
              + " the backup holds (salvage backup inspect lists them, as the rules see them).");
    }
    return String.join(System.lineSeparator(), said);
  }
}
