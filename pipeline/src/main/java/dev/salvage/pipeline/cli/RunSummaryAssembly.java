package dev.salvage.pipeline.cli;

import static dev.salvage.pipeline.cli.FieldNotes.neverFilledFields;
import static dev.salvage.pipeline.cli.RunCommand.BACKUP_SOURCE;
import static dev.salvage.pipeline.cli.RunInputs.Prepared;
import static dev.salvage.pipeline.cli.SourceAccounting.PlaceReads;
import static dev.salvage.pipeline.cli.SourceAccounting.firstUnreadReasons;
import static dev.salvage.pipeline.cli.SourceAccounting.unreadPlaces;
import static dev.salvage.pipeline.cli.SourceAccounting.withMailsTooLarge;
import static dev.salvage.pipeline.cli.SourceAccounting.withSourcesReadToNothing;

import dev.salvage.mappings.LookupSpec;
import dev.salvage.mappings.MappingException;
import dev.salvage.mappings.RunConfig;
import dev.salvage.mappings.SourceConfig;
import dev.salvage.mappings.SourceMapping;
import dev.salvage.pipeline.bundle.RunLayout;
import dev.salvage.pipeline.bundle.RunSummary;
import dev.salvage.pipeline.map.BuildLookupTables;
import dev.salvage.pipeline.stage.Stage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The run's summary, assembled after the job from its counts, the bundle's files and what preparing
 * the inputs learnt: per source read = used + ignored + quarantined, the partitions not read (with
 * the sources read to nothing and the mapping's misfits), the rules declared and the fields never
 * filled. It is written to summary.json before any closing note is said, so that a run stopped
 * during the notes still leaves it.
 */
final class RunSummaryAssembly {
  private RunSummaryAssembly() {}

  /**
   * @param summary the summary as written to summary.json
   * @param parsed each source's mapping, parsed again (it parsed at the start): what its rules
   *     declare
   * @param misfits the rules' fields whose values never fitted, marked in the quarantine
   * @param mappingErrors said once each at the very end, before the incomplete list they belong to
   */
  record Assembled(
      RunSummary summary,
      Map<String, SourceMapping> parsed,
      List<MisfitFields.Misfit> misfits,
      List<MisfitFields.MappingError> mappingErrors) {}

  static Assembled assemble(
      RunConfig runConfig,
      RunInputs inputs,
      Prepared prepared,
      RunLayout layout,
      Stage lastStage,
      boolean allowIncomplete,
      RunSummary.RunInfo run)
      throws IOException, MappingException {
    List<String> sourceNames = new ArrayList<>();
    runConfig.sources().forEach(s -> sourceNames.add(s.name()));
    if (runConfig.backup() != null) {
      sourceNames.add(BACKUP_SOURCE);
    }
    List<String> entityTypes =
        new ArrayList<>(new TreeSet<>(runConfig.entities().types().keySet()));
    Map<String, Integer> leftOut = new LinkedHashMap<>();
    prepared.leftOut().forEach((source, files) -> leftOut.put(source, files.size()));
    Map<String, String> lookupCounters = new LinkedHashMap<>();
    for (LookupSpec lookup : prepared.inputs().mapping().lookups()) {
      lookupCounters.put(lookup.describe(), BuildLookupTables.rowCounter(lookup));
    }
    // each source's mapping, parsed again (it parsed at the start): what its rules declare
    Map<String, SourceMapping> parsed = new LinkedHashMap<>();
    for (SourceConfig source : runConfig.sources()) {
      parsed.put(
          source.name(),
          SourceMapping.parse(
              source.mappingText(),
              source.mappingFile().toString(),
              runConfig.entities(),
              runConfig.business()));
    }
    if (runConfig.backup() != null) {
      parsed.put(
          BACKUP_SOURCE,
          SourceMapping.parse(
              runConfig.backup().mappingText(),
              runConfig.backup().mappingFile().toString(),
              runConfig.entities(),
              runConfig.business()));
    }
    Map<String, List<String>> declaredRules = new LinkedHashMap<>();
    parsed.forEach((name, mapping) -> declaredRules.put(name, mapping.ruleNames()));
    RunSummary counted =
        RunSummary.fromCounts(
            layout.countsTsv(), sourceNames, entityTypes, leftOut, lookupCounters, run);
    Map<String, String> mappingFiles = new LinkedHashMap<>();
    runConfig.sources().forEach(s -> mappingFiles.put(s.name(), s.mappingFile().toString()));
    if (runConfig.backup() != null) {
      mappingFiles.put(BACKUP_SOURCE, runConfig.backup().mappingFile().toString());
    }
    // before anything reads the quarantine's reasons: theirs say the mapping, not the source
    List<MisfitFields.Misfit> misfits =
        MisfitFields.find(counted, layout.quarantine(), mappingFiles);
    MisfitFields.markInQuarantine(layout.quarantine(), misfits);
    List<MisfitFields.MappingError> mappingErrors = new ArrayList<>(misfits);
    if (lastStage != Stage.READ) {
      mappingErrors.addAll(MisfitFields.nothingMatched(counted, mappingFiles));
    }
    if (counted.stoppedAfter() == null && lastStage == Stage.REPORT) {
      mappingErrors.addAll(
          MisfitFields.disagreements(
              RunSummary.counters(layout.countsTsv()), layout.records(), mappingFiles));
    }
    Map<String, Map<String, Long>> unreadPlaces = unreadPlaces(layout);
    Map<String, List<RunSummary.NotRead>> notRead =
        MisfitFields.withMisfits(
            withMailsTooLarge(
                withSourcesReadToNothing(
                    counted,
                    inputs.withUnlisted(RunSummary.readNotRead(layout.notReadTsv())),
                    firstUnreadReasons(layout),
                    unreadPlaces,
                    PlaceReads.ofWhereRefused(layout, unreadPlaces)),
                counted,
                layout),
            mappingErrors);
    RunSummary summary =
        (allowIncomplete ? counted.withNotReadAccepted(notRead) : counted.withNotRead(notRead))
            .withDeclaredRules(declaredRules)
            .withSourceNotes(RunSummary.readSourceNotes(layout.notReadTsv()))
            .withSourceNotes(inputs.fetchNotes)
            .withSourceNotes(inputs.identicalFiles)
            .withSourceNotes(inputs.emptyFiles);
    if (lastStage != Stage.REPORT) {
      summary = summary.withStoppedAfter(lastStage.label());
    }
    summary = summary.withDecodingNotes(prepared.decodingNotes());
    if (lastStage != Stage.READ) {
      // said on the console at the end, and kept where a script reads the run (until 2026-12-07
      // on the console only)
      Map<String, Long> mapped = RunSummary.counters(layout.countsTsv());
      Map<String, Map<String, Long>> neverFilled = new LinkedHashMap<>();
      for (Map.Entry<String, SourceMapping> source : parsed.entrySet()) {
        neverFilled.put(
            source.getKey(),
            neverFilledFields(source.getKey(), source.getValue().fieldsByRule(), summary, mapped));
      }
      summary = summary.withFieldsNeverFilled(neverFilled);
    }
    summary = summary.withNoSharedKey(runConfig.noSharedKeyNotes());
    summary.write(layout.summaryJson());
    return new Assembled(summary, parsed, misfits, mappingErrors);
  }
}
