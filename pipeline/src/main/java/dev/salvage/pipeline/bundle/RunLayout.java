package dev.salvage.pipeline.bundle;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * Where a run keeps what, under its output directory: the review bundle {@code salvage run} writes
 * (records, their CSV, unlinked evidence, raw evidence, quarantine, summary), what review adds
 * (decisions, the report), the import's folder and the run's work files. Every stage names these
 * files through this record, and reads and writes the JSON-lines ones through the typed {@link
 * JsonlFile}s it hands out.
 *
 * @param dir the run directory, absolute and normalised (a string: the pipeline ships it to
 *     workers)
 */
public record RunLayout(String dir) implements Serializable {
  private static final long serialVersionUID = 1L;

  public RunLayout {
    requireNonNull(dir, "dir");
  }

  public static RunLayout of(Path dir) {
    return new RunLayout(dir.toAbsolutePath().normalize().toString());
  }

  public Path root() {
    return Path.of(dir);
  }

  /** {@code review/records.jsonl}: the reconstructed records, one a line. */
  public JsonlFile<ReconstructedRecord> records() {
    return new JsonlFile<>(root().resolve("review/records.jsonl"), ReconstructedRecord.class);
  }

  /** {@code review/records.csv}: the records' flat form ({@link RecordCsv}). */
  public Path recordsCsv() {
    return root().resolve("review/records.csv");
  }

  /** {@code review/unlinked.jsonl}: evidence that did not link to an identifiable entity. */
  public JsonlFile<ReconstructedRecord> unlinked() {
    return new JsonlFile<>(root().resolve("review/unlinked.jsonl"), ReconstructedRecord.class);
  }

  /** {@code review/evidence.jsonl}: the raw record behind every observation. */
  public JsonlFile<EvidenceEntry> evidence() {
    return new JsonlFile<>(root().resolve("review/evidence.jsonl"), EvidenceEntry.class);
  }

  /** {@code review/ignored.jsonl}: every record no rule used, with why ({@link IgnoredEntry}). */
  public JsonlFile<IgnoredEntry> ignored() {
    return new JsonlFile<>(root().resolve("review/ignored.jsonl"), IgnoredEntry.class);
  }

  /** {@code quarantine.jsonl}: input that could not be used, with the reason. */
  public JsonlFile<QuarantineEntry> quarantine() {
    return new JsonlFile<>(root().resolve("quarantine.jsonl"), QuarantineEntry.class);
  }

  /** {@code review/decisions.jsonl}: the operator's decisions, append-only. */
  public JsonlFile<Decision> decisions() {
    return new JsonlFile<>(root().resolve("review/decisions.jsonl"), Decision.class);
  }

  /**
   * {@code RUN-NOT-FINISHED}: there while a run writes the directory, removed when it finishes; a
   * run that failed (a TaskManager lost, the client killed) leaves it beside an earlier run's files
   * or its own partial ones, which must not pass for its result.
   */
  public Path unfinished() {
    return root().resolve("RUN-NOT-FINISHED");
  }

  /** {@code summary.json}: the run's counts ({@link RunSummary}). */
  public Path summaryJson() {
    return root().resolve("summary.json");
  }

  /** {@code review/report.html}: the static report. */
  public Path reportHtml() {
    return root().resolve("review/report.html");
  }

  /** {@code import/}: the import plan, its SQL and the undo script. */
  public Path importDir() {
    return root().resolve("import");
  }

  /** {@code .work/counts.tsv}: the pipeline's summed counters, read into the summary. */
  public Path countsTsv() {
    return root().resolve(".work/counts.tsv");
  }

  /**
   * {@code .work/not-read.tsv}: the partitions the pipeline did not read to their end, read into
   * the summary ({@link RunSummary#readNotRead}).
   */
  public Path notReadTsv() {
    return root().resolve(".work/not-read.tsv");
  }

  /**
   * {@code .work/lookalike-keys.tsv}: the key values that read as another one when Greek or
   * Cyrillic letters are read as Latin ones, for the run's end to name.
   */
  public Path lookAlikeKeysTsv() {
    return root().resolve(".work/lookalike-keys.tsv");
  }

  /** {@code .work/parts/}: the pipeline's parts of the bundle's files, joined when it is done. */
  public Path partsDir() {
    return root().resolve(".work/parts");
  }
}
