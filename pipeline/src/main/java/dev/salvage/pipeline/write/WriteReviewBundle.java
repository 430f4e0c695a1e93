package dev.salvage.pipeline.write;

import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RawRecord;
import dev.salvage.pipeline.bundle.EvidenceEntry;
import dev.salvage.pipeline.bundle.Json;
import dev.salvage.pipeline.bundle.QuarantineEntry;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.RecordCsv;
import dev.salvage.pipeline.bundle.RunLayout;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.SimpleFunction;
import org.apache.beam.sdk.values.PCollection;

/**
 * Writes records, the unlinked evidence and the quarantine as single files for the operator.
 *
 * <p>The pipeline writes each as parts under {@code .work/parts/}, as many as the runner likes: a
 * single-file write would shuffle every line to one worker (and sort and spill hundreds of MB of
 * evidence on the way). {@link #assemble} joins the parts once the pipeline is done.
 */
public final class WriteReviewBundle {
  private WriteReviewBundle() {}

  public static void records(
      PCollection<ReconstructedRecord> records, RunLayout layout, List<String> csvFields) {
    records
        .apply("RecordToJson", MapElements.via(new ToJsonFn<ReconstructedRecord>()))
        .apply("WriteRecordsJsonl", parts(layout, layout.records().path()));
    records
        .apply("RecordToCsv", MapElements.via(new ToCsvFn(csvFields)))
        .apply("WriteRecordsCsv", parts(layout, layout.recordsCsv()));
  }

  public static void unlinked(PCollection<ReconstructedRecord> unlinked, RunLayout layout) {
    unlinked
        .apply("UnlinkedToJson", MapElements.via(new ToJsonFn<ReconstructedRecord>()))
        .apply("WriteUnlinked", parts(layout, layout.unlinked().path()));
  }

  public static void quarantine(PCollection<Quarantined> quarantined, RunLayout layout) {
    quarantined
        .apply("QuarantineToJson", MapElements.via(new QuarantineToJsonFn()))
        .apply("WriteQuarantine", parts(layout, layout.quarantine().path()));
  }

  /** The ignored records, already as JSON lines. */
  public static void ignored(PCollection<String> lines, RunLayout layout) {
    lines.apply("WriteIgnored", parts(layout, layout.ignored().path()));
  }

  /** The raw records behind the observations, so review can open the mail, payment or event. */
  public static void evidence(PCollection<RawRecord> used, RunLayout layout) {
    used.apply("EvidenceToJson", MapElements.via(new EvidenceToJsonFn()))
        .apply("WriteEvidence", parts(layout, layout.evidence().path()));
  }

  private static TextIO.Write parts(RunLayout layout, Path file) {
    return TextIO.write().to(partsPrefix(layout, file).toString());
  }

  private static Path partsPrefix(RunLayout layout, Path file) {
    return layout.partsDir().resolve(file.getFileName());
  }

  /** Deletes parts an earlier run left behind, so that {@link #assemble} joins only this run's. */
  public static void clearParts(RunLayout layout) throws IOException {
    Path parts = layout.partsDir();
    if (!Files.isDirectory(parts)) {
      return;
    }
    try (java.util.stream.Stream<Path> walk = Files.walk(parts)) {
      for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /**
   * Joins the parts the pipeline wrote into the bundle's files (the CSV under its header) and
   * deletes them. An output with no parts becomes an empty file.
   */
  public static void assemble(RunLayout layout, List<String> csvFields) throws IOException {
    List<Callable<Void>> joins =
        List.of(
            // the largest first: the evidence holds every mail's text
            () -> join(layout, layout.evidence().path(), null, null),
            () -> join(layout, layout.records().path(), null, null),
            () ->
                join(
                    layout,
                    layout.recordsCsv(),
                    RecordCsv.header(csvFields),
                    WriteReviewBundle::csvRow),
            () -> join(layout, layout.unlinked().path(), null, null),
            () -> join(layout, layout.quarantine().path(), null, null),
            () -> join(layout, layout.ignored().path(), null, null));
    // the pipeline is done and its workers gone: the client's cores join the files side by side
    ExecutorService pool = Executors.newFixedThreadPool(JOINERS);
    try {
      List<Future<Void>> joined = new ArrayList<>();
      for (Callable<Void> join : joins) {
        joined.add(pool.submit(join));
      }
      // every join ends before the first failure is told: none writes on after this returns
      Exception failed = null;
      for (Future<Void> join : joined) {
        try {
          awaitJoin(join);
        } catch (IOException | RuntimeException e) {
          if (failed == null) {
            failed = e;
          } else {
            failed.addSuppressed(e);
          }
        }
      }
      if (failed instanceof IOException io) {
        throw io;
      }
      if (failed != null) {
        throw (RuntimeException) failed;
      }
    } finally {
      pool.shutdown();
    }
  }

  private static final int JOINERS =
      Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));

  private static void awaitJoin(Future<Void> join) throws IOException {
    try {
      join.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("Interrupted while joining the run's files");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IOException(e.getCause());
    }
  }

  /**
   * Joins the parts sorted by line (records by id), so that two runs on the same inputs write the
   * same bytes whatever order the workers finished in; a null {@code decode} keeps lines as they
   * are.
   */
  private static Void join(RunLayout layout, Path file, String header, UnaryOperator<String> decode)
      throws IOException {
    Path prefix = partsPrefix(layout, file);
    List<Path> parts = new ArrayList<>();
    if (Files.isDirectory(prefix.getParent())) {
      try (DirectoryStream<Path> found =
          Files.newDirectoryStream(prefix.getParent(), prefix.getFileName() + "-*")) {
        found.forEach(parts::add);
      }
    }
    parts.sort(null);
    requireEveryShard(file, parts);
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      if (header != null) {
        out.write((header + "\n").getBytes(StandardCharsets.UTF_8));
      }
      SortedLines.join(parts, layout.partsDir(), out, decode);
    }
    for (Path part : parts) {
      Files.delete(part);
    }
    return null;
  }

  private static final java.util.regex.Pattern SHARD =
      java.util.regex.Pattern.compile(".*-([0-9]+)-of-([0-9]+)");

  /**
   * Refuses to join an output some of whose shards are missing: Beam moves each worker's temporary
   * files to their shard names ignoring the ones it cannot find, so a TaskManager that wrote into
   * another directory than the client's {@code --out} (a mount missing on one machine) left a
   * bundle with half its records and a run that ended as complete.
   */
  static void requireEveryShard(Path file, List<Path> parts) throws IOException {
    java.util.Set<Integer> present = new java.util.TreeSet<>();
    java.util.Set<Integer> totals = new java.util.TreeSet<>();
    for (Path part : parts) {
      java.util.regex.Matcher shard = SHARD.matcher(part.getFileName().toString());
      if (shard.matches()) {
        present.add(Integer.parseInt(shard.group(1)));
        totals.add(Integer.parseInt(shard.group(2)));
      }
    }
    if (totals.isEmpty()) {
      return;
    }
    int total = totals.iterator().next();
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      if (!present.contains(i)) {
        missing.add(i);
      }
    }
    if (totals.size() > 1 || !missing.isEmpty()) {
      throw new IOException(
          "Cannot write "
              + file
              + ": "
              + (totals.size() > 1
                  ? "its parts say different shard counts " + totals
                  : missing.size() + " of its " + total + " parts are missing " + missing)
              + " from "
              + parts.get(0).getParent()
              + ". Each worker writes its parts into --out: one whose --out is another directory"
              + " (a shared mount missing on one TaskManager) wrote them where this machine does"
              + " not see them. --out must be the same directory on every TaskManager"
              + " (docs/cluster.md); the run is not finished");
    }
  }

  static final class EvidenceToJsonFn extends SimpleFunction<RawRecord, String> {
    @Override
    public String apply(RawRecord raw) {
      return Json.line(EvidenceEntry.of(raw));
    }
  }

  static final class ToJsonFn<T> extends SimpleFunction<T, String> {
    @Override
    public String apply(T value) {
      return Json.line(value);
    }
  }

  static final class QuarantineToJsonFn extends SimpleFunction<Quarantined, String> {
    @Override
    public String apply(Quarantined bad) {
      return Json.line(QuarantineEntry.of(bad));
    }
  }

  static final class ToCsvFn extends SimpleFunction<ReconstructedRecord, String> {
    private final List<String> fields;

    ToCsvFn(List<String> fields) {
      this.fields = List.copyOf(fields);
    }

    // a row may hold line breaks in quoted cells: one JSON string a part line keeps it one line
    @Override
    public String apply(ReconstructedRecord record) {
      return Json.line(RecordCsv.row(record, fields));
    }
  }

  private static String csvRow(String partLine) {
    try {
      return Json.MAPPER.readValue(partLine, String.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("A records.csv part line is not a JSON string", e);
    }
  }
}
