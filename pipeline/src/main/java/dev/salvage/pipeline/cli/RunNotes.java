package dev.salvage.pipeline.cli;

import static dev.salvage.pipeline.cli.FieldNotes.droppedEmits;
import static dev.salvage.pipeline.cli.FieldNotes.ignoredKinds;
import static dev.salvage.pipeline.cli.FieldNotes.neverFilled;
import static dev.salvage.pipeline.cli.FieldNotes.unmappedFields;
import static dev.salvage.pipeline.cli.LinkingNotes.brokenChecks;
import static dev.salvage.pipeline.cli.LinkingNotes.guessedTimes;
import static dev.salvage.pipeline.cli.LinkingNotes.leftAmbiguous;
import static dev.salvage.pipeline.cli.LinkingNotes.lookAlikeKeys;
import static dev.salvage.pipeline.cli.LinkingNotes.unreachableThresholds;
import static dev.salvage.pipeline.cli.LinkingNotes.unweighedForWantOfLinking;
import static dev.salvage.pipeline.cli.RuleNotes.firstQuarantineReasons;
import static dev.salvage.pipeline.cli.RuleNotes.mostlyQuarantinedRules;
import static dev.salvage.pipeline.cli.RuleNotes.quarantinedRecords;
import static dev.salvage.pipeline.cli.RuleNotes.unmatchedBackupRules;
import static dev.salvage.pipeline.cli.RuleNotes.unmatchedRules;
import static dev.salvage.pipeline.cli.RuleNotes.unusedBackup;
import static dev.salvage.pipeline.cli.RunCommand.BACKUP_SOURCE;
import static dev.salvage.pipeline.cli.RunCommand.Linking;
import static dev.salvage.pipeline.cli.SourceAccounting.decodingNotes;
import static dev.salvage.pipeline.cli.SourceAccounting.sourceNotes;
import static dev.salvage.pipeline.cli.SourceAccounting.sourcesThatGaveNothing;

import dev.salvage.mappings.RunConfig;
import dev.salvage.mappings.SourceConfig;
import dev.salvage.mappings.SourceMapping;
import dev.salvage.pipeline.bundle.RunLayout;
import dev.salvage.pipeline.bundle.RunSummary;
import dev.salvage.pipeline.stage.Stage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The run's closing notes, said after the summary table in this order: the backup and the sources
 * that gave nothing, the rules and fields of the mapping, the quarantine, then linking. Each note
 * is one of the role classes' (RuleNotes, FieldNotes, SourceAccounting, LinkingNotes); this keeps
 * their order and when each is said (a whole run, or one stopped after map).
 */
final class RunNotes {
  private RunNotes() {}

  static void say(
      RunConfig runConfig,
      RunSummary summary,
      Map<String, SourceMapping> parsed,
      RunLayout layout,
      Stage lastStage,
      Linking linking,
      PrintWriter err)
      throws IOException {
    if (runConfig.backup() != null) {
      String backupMapping = runConfig.backup().mappingFile().toString();
      String unusedBackup = unusedBackup(summary, backupMapping);
      String unmatched =
          unusedBackup != null
              ? unusedBackup
              : unmatchedBackupRules(summary, parsed.get(BACKUP_SOURCE).ruleNames(), backupMapping);
      if (unmatched != null) {
        err.println(unmatched);
      }
    }
    sourcesThatGaveNothing(summary).forEach(err::println);
    // sources sharing one mapping file (a Stripe mapping for the API and the CSV export, as
    // docs/stripe.md shows) each meet only some of its rules: a rule is said when it matched none
    // of the records of all of them
    Map<Path, List<String>> byMappingFile = new LinkedHashMap<>();
    for (SourceConfig source : runConfig.sources()) {
      byMappingFile
          .computeIfAbsent(
              source.mappingFile().toAbsolutePath().normalize(), file -> new ArrayList<>())
          .add(source.name());
    }
    // read only when some rule had records quarantined: the file may be long
    Map<String, String> firstReasons =
        summary.sources().values().stream().anyMatch(counts -> !counts.rulesQuarantined().isEmpty())
            ? firstQuarantineReasons(layout)
            : Map.of();
    for (List<String> sharing : byMappingFile.values()) {
      // a rule whose records are in partitions not read matched none for that reason: "a
      // condition that never holds" sent the operator to the rules after a key revoked mid-run,
      // and the not_read list already says what is missing
      if (sharing.stream().noneMatch(summary.notRead()::containsKey)) {
        unmatchedRules(summary, sharing, parsed.get(sharing.get(0)).ruleNames(), firstReasons)
            .ifPresent(err::println);
      }
      mostlyQuarantinedRules(summary, sharing, firstReasons).ifPresent(err::println);
    }
    decodingNotes(summary).forEach(err::println);
    sourceNotes(summary).forEach(err::println);
    if (summary.sources().values().stream().anyMatch(counts -> counts.quarantined() > 0)) {
      quarantinedRecords(layout).forEach(err::println);
    }
    // what the mapping did is known once every record is mapped: --stop-after map, which tries a
    // mapping on whole sources, says it too (until 2026-12-07 only a whole run did)
    if (lastStage != Stage.READ) {
      Map<String, Long> counters = RunSummary.counters(layout.countsTsv());
      unmappedFields(runConfig.entities(), parsed.values()).forEach(err::println);
      if (summary.linking() != null) {
        summary.linking().noSharedKey().values().forEach(err::println);
      }
      for (Map.Entry<String, SourceMapping> source : parsed.entrySet()) {
        neverFilled(source.getKey(), source.getValue().fieldsByRule(), summary, counters)
            .ifPresent(err::println);
        droppedEmits(source.getKey(), counters).ifPresent(err::println);
        ignoredKinds(source.getKey(), source.getValue().fileLabel(), counters)
            .ifPresent(err::println);
      }
    }
    if (summary.stoppedAfter() == null) {
      Map<String, Long> counters = RunSummary.counters(layout.countsTsv());
      guessedTimes(counters, runConfig.entities().types().keySet()).forEach(err::println);
      leftAmbiguous(counters, runConfig.entities().types().keySet()).forEach(err::println);
      UnlinkedGroups.notes(
              layout.unlinked(),
              summary.linking() == null ? Set.of() : summary.linking().noSharedKey().keySet())
          .forEach(err::println);
      lookAlikeKeys(layout.lookAlikeKeysTsv()).forEach(err::println);
    }
    if (summary.stoppedAfter() == null) {
      brokenChecks(runConfig.entities(), layout.records()).forEach(err::println);
    }
    if (linking == Linking.probabilistic) {
      unweighedForWantOfLinking(summary, runConfig.entities(), layout.unlinked())
          .forEach(err::println);
      unreachableThresholds(summary).forEach(err::println);
    }
  }
}
