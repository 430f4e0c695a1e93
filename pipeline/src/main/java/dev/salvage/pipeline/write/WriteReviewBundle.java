package dev.salvage.pipeline.write;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RawRecord;
import dev.salvage.pipeline.bundle.Csv;
import dev.salvage.pipeline.bundle.Json;
import dev.salvage.pipeline.bundle.OutputLayout;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
      PCollection<ReconstructedRecord> records, OutputLayout layout, List<String> csvFields) {
    records
        .apply("RecordToJson", MapElements.via(new ToJsonFn<ReconstructedRecord>()))
        .apply("WriteRecordsJsonl", parts(layout, layout.recordsJsonl()));
    records
        .apply("RecordToCsv", MapElements.via(new ToCsvFn(csvFields)))
        .apply("WriteRecordsCsv", parts(layout, layout.recordsCsv()));
  }

  public static void unlinked(PCollection<ReconstructedRecord> unlinked, OutputLayout layout) {
    unlinked
        .apply("UnlinkedToJson", MapElements.via(new ToJsonFn<ReconstructedRecord>()))
        .apply("WriteUnlinked", parts(layout, layout.unlinkedJsonl()));
  }

  public static void quarantine(PCollection<Quarantined> quarantined, OutputLayout layout) {
    quarantined
        .apply("QuarantineToJson", MapElements.via(new QuarantineToJsonFn()))
        .apply("WriteQuarantine", parts(layout, layout.quarantineJsonl()));
  }

  /** The raw records behind the observations, so review can open the mail, payment or event. */
  public static void evidence(PCollection<RawRecord> used, OutputLayout layout) {
    used.apply("EvidenceToJson", MapElements.via(new EvidenceToJsonFn()))
        .apply("WriteEvidence", parts(layout, layout.evidenceJsonl()));
  }

  private static TextIO.Write parts(OutputLayout layout, String file) {
    return TextIO.write().to(partsPrefix(layout, file));
  }

  private static String partsPrefix(OutputLayout layout, String file) {
    return layout.root().resolve(".work/parts").resolve(Path.of(file).getFileName()).toString();
  }

  /** Deletes parts an earlier run left behind, so that {@link #assemble} joins only this run's. */
  public static void clearParts(OutputLayout layout) throws IOException {
    Path parts = layout.root().resolve(".work/parts");
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
  public static void assemble(OutputLayout layout, List<String> csvFields) throws IOException {
    join(layout, layout.recordsJsonl(), null);
    join(layout, layout.recordsCsv(), ToCsvFn.header(csvFields));
    join(layout, layout.unlinkedJsonl(), null);
    join(layout, layout.quarantineJsonl(), null);
    join(layout, layout.evidenceJsonl(), null);
  }

  private static void join(OutputLayout layout, String file, String header) throws IOException {
    Path prefix = Path.of(partsPrefix(layout, file));
    List<Path> parts = new ArrayList<>();
    if (Files.isDirectory(prefix.getParent())) {
      try (DirectoryStream<Path> found =
          Files.newDirectoryStream(prefix.getParent(), prefix.getFileName() + "-*")) {
        found.forEach(parts::add);
      }
    }
    parts.sort(null);
    Path target = Path.of(file);
    Files.createDirectories(target.getParent());
    try (OutputStream out = Files.newOutputStream(target)) {
      if (header != null) {
        out.write((header + "\n").getBytes(StandardCharsets.UTF_8));
      }
      for (Path part : parts) {
        Files.copy(part, out);
      }
    }
    for (Path part : parts) {
      Files.delete(part);
    }
  }

  static final class EvidenceToJsonFn extends SimpleFunction<RawRecord, String> {
    @Override
    public String apply(RawRecord raw) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("ref", raw.ref());
      line.put("source", raw.source());
      line.put("kind", raw.kind());
      line.put("location", raw.location());
      try {
        line.put("json", Json.MAPPER.readTree(raw.json()));
      } catch (JsonProcessingException e) {
        // A mapped record's JSON parsed once already; keep the text rather than lose the evidence.
        line.put("json", raw.json());
      }
      try {
        return Json.MAPPER.writeValueAsString(line);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("Cannot write evidence " + raw.ref() + " as JSON", e);
      }
    }
  }

  static final class ToJsonFn<T> extends SimpleFunction<T, String> {
    @Override
    public String apply(T value) {
      try {
        return Json.MAPPER.writeValueAsString(value);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("Cannot write " + value + " as JSON", e);
      }
    }
  }

  static final class QuarantineToJsonFn extends SimpleFunction<Quarantined, String> {
    @Override
    public String apply(Quarantined bad) {
      Map<String, String> line = new LinkedHashMap<>();
      line.put("source", bad.source());
      line.put("location", bad.location());
      line.put("reason", bad.reason());
      line.put("excerpt", bad.excerpt());
      try {
        return Json.MAPPER.writeValueAsString(line);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("Cannot write quarantine entry as JSON", e);
      }
    }
  }

  static final class ToCsvFn extends SimpleFunction<ReconstructedRecord, String> {
    private final List<String> fields;

    ToCsvFn(List<String> fields) {
      this.fields = List.copyOf(fields);
    }

    static String header(List<String> fields) {
      StringBuilder header =
          new StringBuilder("id,entity,action,confidence,flagged,backup_ref,evidence,reasons");
      for (String field : fields) {
        header.append(',').append(Csv.escape(field));
      }
      return header.toString();
    }

    @Override
    public String apply(ReconstructedRecord record) {
      StringBuilder line = new StringBuilder();
      line.append(Csv.escape(record.id())).append(',');
      line.append(record.entity()).append(',');
      line.append(record.action()).append(',');
      line.append(record.confidence()).append(',');
      line.append(record.flagged()).append(',');
      line.append(Csv.escape(record.backupRef())).append(',');
      line.append(record.evidence().size()).append(',');
      line.append(Csv.escape(String.join("; ", record.reasons())));
      for (String field : fields) {
        line.append(',').append(Csv.escape(record.value(field)));
      }
      return line.toString();
    }
  }
}
