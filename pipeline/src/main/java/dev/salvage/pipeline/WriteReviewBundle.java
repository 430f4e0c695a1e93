package dev.salvage.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RawRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.SimpleFunction;
import org.apache.beam.sdk.values.PCollection;

/** Writes records, the unlinked evidence and the quarantine as single files for the operator. */
final class WriteReviewBundle {
  private WriteReviewBundle() {}

  static void records(
      PCollection<ReconstructedRecord> records, OutputLayout layout, List<String> csvFields) {
    records
        .apply("RecordToJson", MapElements.via(new ToJsonFn<ReconstructedRecord>()))
        .apply("WriteRecordsJsonl", TextIO.write().to(layout.recordsJsonl()).withoutSharding());
    records
        .apply("RecordToCsv", MapElements.via(new ToCsvFn(csvFields)))
        .apply(
            "WriteRecordsCsv",
            TextIO.write()
                .to(layout.recordsCsv())
                .withoutSharding()
                .withHeader(ToCsvFn.header(csvFields)));
  }

  static void unlinked(PCollection<ReconstructedRecord> unlinked, OutputLayout layout) {
    unlinked
        .apply("UnlinkedToJson", MapElements.via(new ToJsonFn<ReconstructedRecord>()))
        .apply("WriteUnlinked", TextIO.write().to(layout.unlinkedJsonl()).withoutSharding());
  }

  static void quarantine(PCollection<Quarantined> quarantined, OutputLayout layout) {
    quarantined
        .apply("QuarantineToJson", MapElements.via(new QuarantineToJsonFn()))
        .apply("WriteQuarantine", TextIO.write().to(layout.quarantineJsonl()).withoutSharding());
  }

  /** The raw records behind the observations, so review can open the mail, payment or event. */
  static void evidence(PCollection<RawRecord> used, OutputLayout layout) {
    used.apply("EvidenceToJson", MapElements.via(new EvidenceToJsonFn()))
        .apply("WriteEvidence", TextIO.write().to(layout.evidenceJsonl()).withoutSharding());
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
