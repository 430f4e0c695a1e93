package dev.salvage.pipeline;

import static java.util.Objects.requireNonNull;

import dev.salvage.connectors.PartitionFailure;
import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RawRecord;
import dev.salvage.mappings.LookupSpec;
import dev.salvage.mappings.Observation;
import dev.salvage.pipeline.beam.Counts;
import dev.salvage.pipeline.beam.ReconstructedRecordCoder;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.RunLayout;
import dev.salvage.pipeline.bundle.RunSummary;
import dev.salvage.pipeline.link.LinkObservations;
import dev.salvage.pipeline.map.BuildLookupTables;
import dev.salvage.pipeline.map.MapRecords;
import dev.salvage.pipeline.map.MappingPlan;
import dev.salvage.pipeline.match.MatchUnlinkedEvidence;
import dev.salvage.pipeline.read.MailCopies;
import dev.salvage.pipeline.read.ReadSources;
import dev.salvage.pipeline.reconcile.EntityMerger;
import dev.salvage.pipeline.reconcile.IncompleteNewRecords;
import dev.salvage.pipeline.reconcile.LookAlikeKeys;
import dev.salvage.pipeline.reconcile.MergeClusters;
import dev.salvage.pipeline.reconcile.MergeSettings;
import dev.salvage.pipeline.reconcile.ResolveReferences;
import dev.salvage.pipeline.reconcile.UnreadBackupRows;
import dev.salvage.pipeline.stage.Stage;
import dev.salvage.pipeline.stage.StageMeters;
import dev.salvage.pipeline.write.WriteReviewBundle;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SimpleFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * The whole reconstruction as one Beam graph: read → map → link → merge and reconcile → resolve
 * references → write the review bundle, with exact counts of everything along the way.
 */
public final class SalvagePipeline {
  private SalvagePipeline() {}

  /**
   * Everything the graph needs, decided at the CLI edge.
   *
   * @param files the partitions to read, one task each (sources and backup alike)
   * @param mapping the mapping files' text
   * @param merge merge and reconciliation settings
   * @param maxKeyFanout a key shared by more observations than this is not used for linking
   * @param csvFields the entity fields written as columns of records.csv
   * @param probabilisticLinking whether unlinked evidence is matched to identified entities (see
   *     {@link MatchUnlinkedEvidence}); otherwise only exact keys link
   */
  public record Inputs(
      List<ReadSources.ReadTask> files,
      MappingPlan mapping,
      MergeSettings merge,
      int maxKeyFanout,
      List<String> csvFields,
      boolean probabilisticLinking)
      implements Serializable {
    public Inputs {
      files = List.copyOf(files);
      requireNonNull(mapping, "mapping");
      requireNonNull(merge, "merge");
      csvFields = List.copyOf(csvFields);
    }

    /** Inputs with probabilistic linking on. */
    public Inputs(
        List<ReadSources.ReadTask> files,
        MappingPlan mapping,
        MergeSettings merge,
        int maxKeyFanout,
        List<String> csvFields) {
      this(files, mapping, merge, maxKeyFanout, csvFields, true);
    }
  }

  public static void build(Pipeline pipeline, Inputs inputs, RunLayout layout) {
    build(pipeline, inputs, layout, Stage.REPORT, StageMeters.NONE);
  }

  /**
   * The graph of a run that stops after {@code stopAfter} (a whole run: {@link Stage#REPORT}),
   * metered by {@code meters}. A run stopped early still counts every record it read (read = used +
   * ignored + quarantined, + not mapped when it stops after reading), writes the quarantine, and
   * writes no records.
   *
   * <p>Every count is a Beam counter ({@link Counts#add}), read after the pipeline finished ({@link
   * #addMeasuredCounts}), not a collection: counts of every stage flattened into one sum put the
   * first stages and the last ones in one pipelined region of Flink's batch plan, and a plan with
   * regions that wait on each other in a cycle stalled, every task CREATED and none running.
   */
  public static void build(
      Pipeline pipeline, Inputs inputs, RunLayout layout, Stage stopAfter, StageMeters meters) {
    PCollectionTuple read = pipeline.apply("ReadSources", new ReadSources(inputs.files()));
    PCollection<RawRecord> records = meters.readRecords(read.get(ReadSources.RECORDS));
    PCollection<Quarantined> unreadable =
        meters.out(Stage.READ, "quarantined", read.get(ReadSources.QUARANTINED));
    // partitions not read to their end travel as data, so one failing source fails no other
    read.get(ReadSources.NOT_READ)
        .apply("FormatNotRead", MapElements.via(new FormatNotReadFn()))
        .apply("WriteNotRead", TextIO.write().to(layout.notReadTsv().toString()).withoutSharding());
    unreadable.apply("CountUnreadable", ParDo.of(new CountUnreadableFn()));
    if (stopAfter == Stage.READ) {
      WriteReviewBundle.quarantine(unreadable, layout);
      records.apply("CountNotMapped", ParDo.of(new CountNotMappedFn()));
      return;
    }
    // the same mail in two mailboxes is one piece of evidence: counted once, one source
    records = records.apply("MailCopies", new MailCopies(inputs.merge().sourcePrecedence()));

    Set<LookupSpec> lookups = inputs.mapping().lookups();
    MapRecords map = new MapRecords(inputs.mapping());
    if (!lookups.isEmpty()) {
      PCollectionTuple tables =
          records.apply(
              "BuildLookupTables", new BuildLookupTables(lookups, inputs.merge().backupSource()));
      map = new MapRecords(inputs.mapping(), BuildLookupTables.view(tables));
    }
    PCollectionTuple mapped = meters.in(Stage.MAP, "records", records).apply("MapRecords", map);
    PCollection<Observation> observations =
        meters.out(Stage.MAP, "observations", mapped.get(MapRecords.OBSERVATIONS));
    WriteReviewBundle.ignored(mapped.get(MapRecords.IGNORED), layout);
    PCollection<Quarantined> quarantined =
        PCollectionList.of(unreadable)
            .and(mapped.get(MapRecords.QUARANTINED))
            .apply("AllQuarantined", Flatten.pCollections());
    if (stopAfter == Stage.MAP) {
      WriteReviewBundle.quarantine(quarantined, layout);
      return;
    }
    if (stopAfter == Stage.LINK) {
      PCollectionTuple clustered =
          meters
              .in(Stage.LINK, "observations", observations)
              .apply(
                  "LinkObservations",
                  new LinkObservations(inputs.merge().linkKeys(), inputs.maxKeyFanout()));
      meters.out(Stage.LINK, "observations", clustered.get(LinkObservations.CLUSTERED));
      WriteReviewBundle.quarantine(quarantined, layout);
      return;
    }

    PCollectionTuple linked =
        link(
            observations,
            inputs.merge(),
            inputs.maxKeyFanout(),
            inputs.probabilisticLinking(),
            meters);
    // resolving references also attaches unlinked pieces to the entity their records name
    PCollectionTuple referenced =
        PCollectionTuple.of(
                MergeClusters.RECORDS,
                meters.in(Stage.RESOLVE, "records", linked.get(MatchUnlinkedEvidence.RECORDS)))
            .and(
                MergeClusters.UNLINKED,
                meters.in(Stage.RESOLVE, "unlinked", linked.get(MatchUnlinkedEvidence.UNLINKED)))
            .and(MergeClusters.LOOKED_UP, linked.get(MergeClusters.LOOKED_UP))
            .apply("ResolveReferences", new ResolveReferences(inputs.merge()));
    PCollection<ReconstructedRecord> resolved =
        meters.in(
            Stage.WRITE,
            "records",
            meters.out(
                Stage.RESOLVE,
                "records",
                lookAlikeKeys(
                    UnreadBackupRows.apply(
                        referenced
                            .get(MergeClusters.RECORDS)
                            .apply(
                                "FlagIncompleteNew",
                                ParDo.of(new IncompleteNewRecords.Fn(inputs.merge())))
                            .setCoder(ReconstructedRecordCoder.INSTANCE),
                        quarantined,
                        inputs.merge().backupSource()),
                    linked.get(MergeClusters.LOOKED_UP),
                    layout)));
    PCollection<ReconstructedRecord> unlinked =
        meters.in(
            Stage.WRITE,
            "unlinked",
            meters.out(Stage.RESOLVE, "unlinked", referenced.get(MergeClusters.UNLINKED)));

    WriteReviewBundle.records(resolved, layout, inputs.csvFields());
    WriteReviewBundle.unlinked(unlinked, layout);
    // the action of each record as written, after matching and resolving changed some
    resolved.apply("CountRecords", ParDo.of(new CountOutcomeFn(false)));
    unlinked.apply("CountUnlinked", ParDo.of(new CountOutcomeFn(true)));
    WriteReviewBundle.quarantine(meters.in(Stage.WRITE, "quarantined", quarantined), layout);
    WriteReviewBundle.evidence(
        meters.in(Stage.WRITE, "evidence", mapped.get(MapRecords.USED)), layout);
  }

  /**
   * {@code records} with those whose key another record writes in Greek or Cyrillic letters
   * flagged, both of them ({@link LookAlikeKeys}); {@code carried} are the backup's entities that
   * are not written but may be one of the two.
   */
  private static PCollection<ReconstructedRecord> lookAlikeKeys(
      PCollection<ReconstructedRecord> records,
      PCollection<ReconstructedRecord> carried,
      RunLayout layout) {
    return LookAlikeKeys.apply(records, carried, layout.lookAlikeKeysTsv().toString());
  }

  /**
   * The linking stage, observations to records: exact-key clustering, merging each cluster, then
   * (if {@code probabilistic}) matching the unlinked evidence. The result holds {@link
   * MatchUnlinkedEvidence#RECORDS} and {@link MatchUnlinkedEvidence#UNLINKED}, and the unchanged
   * backup entities that may answer lookups ({@link MergeClusters#LOOKED_UP}); the stage's counts
   * are Beam counters ({@link Counts}).
   */
  public static PCollectionTuple link(
      PCollection<Observation> observations,
      MergeSettings merge,
      int maxKeyFanout,
      boolean probabilistic) {
    return link(observations, merge, maxKeyFanout, probabilistic, StageMeters.NONE);
  }

  /** {@link #link(PCollection, MergeSettings, int, boolean)}, its stages metered. */
  static PCollectionTuple link(
      PCollection<Observation> observations,
      MergeSettings merge,
      int maxKeyFanout,
      boolean probabilistic,
      StageMeters meters) {
    PCollectionTuple linked =
        meters
            .in(Stage.LINK, "observations", observations)
            .apply("LinkObservations", new LinkObservations(merge.linkKeys(), maxKeyFanout));
    PCollectionTuple merged =
        meters
            .in(
                Stage.RECONCILE,
                "observations",
                meters.out(Stage.LINK, "observations", linked.get(LinkObservations.CLUSTERED)))
            .apply("MergeClusters", new MergeClusters(merge));
    PCollection<ReconstructedRecord> records =
        meters.out(Stage.RECONCILE, "records", merged.get(MergeClusters.RECORDS));
    PCollection<ReconstructedRecord> unlinked =
        meters.out(Stage.RECONCILE, "unlinked", merged.get(MergeClusters.UNLINKED));
    // backup rows nothing changed: matching may still attach evidence without keys to them
    PCollection<ReconstructedRecord> carried =
        meters.out(Stage.RECONCILE, "carried", merged.get(MergeClusters.CARRIED));
    // unchanged backup entities still answer lookups: a changed booking names its customer by id
    PCollection<ReconstructedRecord> lookedUp =
        PCollectionList.of(merged.get(MergeClusters.LOOKED_UP))
            .and(carried)
            .apply("CarriedForLookups", Flatten.pCollections())
            .setCoder(ReconstructedRecordCoder.INSTANCE);
    if (!probabilistic) {
      carried.apply("CountCarriedOver", ParDo.of(new MergeClusters.CountCarriedOverFn()));
      return PCollectionTuple.of(MatchUnlinkedEvidence.RECORDS, records)
          .and(MatchUnlinkedEvidence.UNLINKED, unlinked)
          .and(MergeClusters.LOOKED_UP, lookedUp);
    }
    PCollectionTuple matched =
        PCollectionTuple.of(MergeClusters.RECORDS, meters.in(Stage.MATCH, "records", records))
            .and(MergeClusters.UNLINKED, meters.in(Stage.MATCH, "unlinked", unlinked))
            .and(MergeClusters.HELD_OUT, merged.get(MergeClusters.HELD_OUT))
            .and(MergeClusters.CARRIED, meters.in(Stage.MATCH, "carried", carried))
            .apply("MatchUnlinkedEvidence", new MatchUnlinkedEvidence(merge));
    return PCollectionTuple.of(
            MatchUnlinkedEvidence.RECORDS,
            meters.out(Stage.MATCH, "records", matched.get(MatchUnlinkedEvidence.RECORDS)))
        .and(
            MatchUnlinkedEvidence.UNLINKED,
            meters.out(Stage.MATCH, "unlinked", matched.get(MatchUnlinkedEvidence.UNLINKED)))
        .and(MergeClusters.LOOKED_UP, lookedUp);
  }

  /** Readies the output directory for a run: removes what an earlier run left half done. */
  public static void prepareOutput(RunLayout layout) throws IOException {
    // first: a run that fails from here on leaves the directory marked (see markFinished)
    Files.writeString(
        layout.unfinished(),
        "A salvage run into this directory started at "
            + java.time.Instant.now()
            + " and has not finished: it is still running, or it failed.\n"
            + "Until a run finishes, the other files here are an earlier run's or partial ones;"
            + " do not review or import them (import refuses to).\n"
            + "salvage run removes this file when it finishes; rerun it into this directory.\n",
        java.nio.charset.StandardCharsets.UTF_8);
    WriteReviewBundle.clearParts(layout);
    Files.deleteIfExists(layout.notReadTsv());
    Files.deleteIfExists(layout.lookAlikeKeysTsv());
    // an earlier run's counts, read as this run's when its own were not where it looks
    Files.deleteIfExists(layout.countsTsv());
    // an earlier run's evaluation: beside this run's records it scored records it never saw
    Files.deleteIfExists(layout.root().resolve("metrics.json"));
  }

  /**
   * Writes the counters the finished pipeline counted ({@link Counts#add}) to {@code
   * .work/counts.tsv}, the summary's source; after {@link #finish}, which checks that the workers'
   * files are where this machine sees them.
   */
  public static void addMeasuredCounts(PipelineResult result, RunLayout layout) throws IOException {
    Map<String, Long> counts = Counts.measured(result);
    // every record read is counted: none at all beside written evidence or quarantine means the
    // runner lost its counters, and the summary would say nothing was read
    if (counts.isEmpty()
        && (hasLines(layout.evidence().path()) || hasLines(layout.quarantine().path()))) {
      throw new IOException(
          "Cannot account for the run in "
              + layout.root()
              + ": the runner reported none of its counters, yet the run wrote evidence or"
              + " quarantined records; its summary would say nothing was read. Rerun it");
    }
    List<String> lines = new ArrayList<>();
    counts.forEach((name, n) -> lines.add(name + "\t" + n));
    Files.write(layout.countsTsv(), lines, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static boolean hasLines(Path file) throws IOException {
    return Files.isRegularFile(file) && Files.size(file) > 0;
  }

  /**
   * Marks the directory as holding a finished run: its summary.json and review bundle are this
   * run's, whole (complete or with its partitions not read listed). Without the mark, a rerun that
   * failed left the earlier run's summary.json and bundle untouched, indistinguishable from a
   * finished rerun's, and import planned from them.
   */
  public static void markFinished(RunLayout layout) throws IOException {
    Files.deleteIfExists(layout.unfinished());
  }

  /**
   * Completes the files of a run whose pipeline finished: the review bundle is written in parts and
   * joined here.
   *
   * @throws IOException naming the directory when the pipeline's counts or its list of partitions
   *     not read are not there: the workers wrote them where this machine does not see
   */
  public static void finish(Inputs inputs, RunLayout layout) throws IOException {
    requireWorkersOutput(layout);
    WriteReviewBundle.assemble(layout, inputs.csvFields());
  }

  /**
   * The pipeline writes its list of partitions not read whatever it read (an empty file when there
   * is nothing), so a finished pipeline without it wrote into a directory this machine does not
   * see: on a Flink cluster, an --out that is not the same shared directory on the client and every
   * TaskManager. Without this check such a run wrote an empty bundle whose summary counted 0
   * records read, 0 not read, and exited 0 as complete.
   */
  static void requireWorkersOutput(RunLayout layout) throws IOException {
    if (!Files.isRegularFile(layout.notReadTsv())) {
      throw new IOException(
          "Cannot complete the run in "
              + layout.root()
              + ": the pipeline finished but "
              + layout.root().relativize(layout.notReadTsv())
              + " that its workers write there is missing, so what it read and wrote cannot be accounted for. On a Flink"
              + " cluster --out must be the same directory on the client and on every"
              + " TaskManager (a shared file system mounted at the same path; docs/cluster.md,"
              + " Where files must live); rerun into such a directory");
    }
  }

  /** A record the reader could not parse was still read: count it as read and quarantined. */
  static final class CountUnreadableFn extends DoFn<Quarantined, Void> {
    @ProcessElement
    public void process(@Element Quarantined bad) {
      Counts.add("source." + bad.source() + ".read", 1);
      Counts.add("source." + bad.source() + ".quarantined", 1);
      // apart from the rules' quarantines: no rule saw these, and a source all of whose records
      // are here read nothing usable
      Counts.add("source." + bad.source() + ".quarantined_by_reader", 1);
    }
  }

  /**
   * A run stopped after reading: each raw record counted as read and not mapped, so the source's
   * accounting still balances.
   */
  static final class CountNotMappedFn extends DoFn<RawRecord, Void> {
    @ProcessElement
    public void process(@Element RawRecord record) {
      Counts.add("source." + record.source() + ".read", 1);
      Counts.add("source." + record.source() + ".not_mapped", 1);
    }
  }

  /**
   * Counts each written record by its final action ({@code entity.TYPE.ACTION}); unlinked evidence
   * as {@code UNLINKED}. The merge counts only what it drops (carried-over backup rows).
   */
  static final class CountOutcomeFn extends DoFn<ReconstructedRecord, Void> {
    private final boolean unlinked;

    CountOutcomeFn(boolean unlinked) {
      this.unlinked = unlinked;
    }

    @ProcessElement
    public void process(@Element ReconstructedRecord record) {
      Counts.add("entity." + record.entity() + "." + (unlinked ? "UNLINKED" : record.action()), 1);
      if (!unlinked && EntityMerger.hasGuessedTime(record)) {
        Counts.add(guessedTimesCounter(record.entity()), 1);
      }
      if (unlinked && MatchUnlinkedEvidence.leftAmbiguous(record)) {
        Counts.add(ambiguousCounter(record.entity()), 1);
      }
    }
  }

  /**
   * The counter of the unlinked pieces of {@code entity} that two identified records matched about
   * equally, as written.
   */
  public static String ambiguousCounter(String entity) {
    return "unlinked_ambiguous." + entity;
  }

  /**
   * The counter of the written records of {@code entity} flagged for a date-time read from a
   * wall-clock time its zone skips or repeats.
   */
  public static String guessedTimesCounter(String entity) {
    return "guessed_time." + entity;
  }

  static final class FormatNotReadFn extends SimpleFunction<PartitionFailure, String> {
    @Override
    public String apply(PartitionFailure failure) {
      return RunSummary.notReadLine(failure);
    }
  }
}
