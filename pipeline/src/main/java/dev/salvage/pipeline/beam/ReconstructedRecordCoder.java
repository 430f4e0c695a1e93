package dev.salvage.pipeline.beam;

import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Alternative;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Change;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Contribution;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Evidence;
import dev.salvage.pipeline.bundle.ReconstructedRecord.FieldValue;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Link;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.CustomCoder;

/**
 * Binary coder of {@link ReconstructedRecord}, the largest value the pipeline shuffles (merge,
 * reference resolution and matching each move every record at least once). A record names each
 * evidence id in its fields, alternatives, changes, keys, evidence and links, and every evidence
 * entry repeats its source, rule and field names: through {@link BinaryCodec.Writer} each distinct
 * string is encoded once per record. The static {@code write}/{@code read} methods let a coder of a
 * value that holds a record or a link share that value's strings.
 */
public final class ReconstructedRecordCoder extends CustomCoder<ReconstructedRecord> {
  public static final ReconstructedRecordCoder INSTANCE = new ReconstructedRecordCoder();

  private static final Action[] ACTIONS = Action.values();

  private ReconstructedRecordCoder() {}

  @Override
  public void encode(ReconstructedRecord value, OutputStream outStream) throws IOException {
    BinaryCodec.encode(value, outStream, ENCODING);
  }

  private static final BinaryCodec.Encoding<ReconstructedRecord> ENCODING =
      ReconstructedRecordCoder::write;

  @Override
  public ReconstructedRecord decode(InputStream inStream) throws IOException {
    return read(new BinaryCodec.Reader(inStream));
  }

  // Every map of a record is sorted and every list ordered, so equal records give equal bytes.
  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean equals(Object other) {
    return other instanceof ReconstructedRecordCoder;
  }

  @Override
  public int hashCode() {
    return ReconstructedRecordCoder.class.hashCode();
  }

  public static void write(BinaryCodec.Writer out, ReconstructedRecord record) throws IOException {
    out.string(record.id());
    out.string(record.entity());
    out.size(record.action().ordinal());
    out.number(record.confidence());
    out.bool(record.flagged());
    out.strings(record.reasons());
    out.size(record.fields().size());
    for (Map.Entry<String, FieldValue> field : record.fields().entrySet()) {
      out.string(field.getKey());
      writeFieldValue(out, field.getValue());
    }
    out.bool(record.backup() != null);
    if (record.backup() != null) {
      out.stringMap(record.backup());
    }
    out.string(record.backupRef());
    out.size(record.changes().size());
    for (Change change : record.changes()) {
      out.string(change.field());
      out.string(change.before());
      out.string(change.after());
      out.strings(change.sources());
    }
    out.size(record.keys().size());
    for (Map.Entry<String, List<String>> key : record.keys().entrySet()) {
      out.string(key.getKey());
      out.strings(key.getValue());
    }
    out.size(record.evidence().size());
    for (Evidence evidence : record.evidence()) {
      out.string(evidence.ref());
      out.string(evidence.source());
      out.string(evidence.rule());
      out.string(evidence.observedAt());
      out.stringMap(evidence.claims());
      out.stringMap(evidence.hints());
      out.strings(evidence.notes());
      out.size(evidence.ordinal());
      out.stringMap(evidence.guessed());
    }
    out.size(record.links().size());
    for (Link link : record.links()) {
      writeLink(out, link);
    }
  }

  public static ReconstructedRecord read(BinaryCodec.Reader in) throws IOException {
    String id = in.string();
    String entity = in.string();
    Action action = ACTIONS[in.size()];
    double confidence = in.number();
    boolean flagged = in.bool();
    List<String> reasons = in.strings();
    int fieldCount = in.size();
    Map<String, FieldValue> fields = new TreeMap<>();
    for (int i = 0; i < fieldCount; i++) {
      fields.put(in.string(), readFieldValue(in));
    }
    Map<String, String> backup = in.bool() ? in.stringMap() : null;
    String backupRef = in.string();
    int changeCount = in.size();
    List<Change> changes = new ArrayList<>(changeCount);
    for (int i = 0; i < changeCount; i++) {
      changes.add(new Change(in.string(), in.string(), in.string(), in.strings()));
    }
    int keyCount = in.size();
    Map<String, List<String>> keys = new TreeMap<>();
    for (int i = 0; i < keyCount; i++) {
      keys.put(in.string(), in.strings());
    }
    int evidenceCount = in.size();
    List<Evidence> evidence = new ArrayList<>(evidenceCount);
    for (int i = 0; i < evidenceCount; i++) {
      evidence.add(
          new Evidence(
              in.string(),
              in.string(),
              in.string(),
              in.string(),
              in.stringMap(),
              in.stringMap(),
              in.strings(),
              in.size(),
              in.stringMap()));
    }
    int linkCount = in.size();
    List<Link> links = new ArrayList<>(linkCount);
    for (int i = 0; i < linkCount; i++) {
      links.add(readLink(in));
    }
    return new ReconstructedRecord(
        id,
        entity,
        action,
        confidence,
        flagged,
        reasons,
        Collections.unmodifiableMap(fields),
        backup,
        backupRef,
        changes,
        keys,
        evidence,
        links);
  }

  public static void writeLink(BinaryCodec.Writer out, Link link) throws IOException {
    out.strings(link.evidence());
    out.number(link.weight());
    out.number(link.probability());
    out.bool(link.review());
    out.size(link.fields().size());
    for (Contribution contribution : link.fields()) {
      out.string(contribution.field());
      out.string(contribution.a());
      out.string(contribution.b());
      out.string(contribution.level());
      out.number(contribution.weight());
    }
  }

  public static Link readLink(BinaryCodec.Reader in) throws IOException {
    List<String> evidence = in.strings();
    double weight = in.number();
    double probability = in.number();
    boolean review = in.bool();
    int count = in.size();
    List<Contribution> fields = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      fields.add(new Contribution(in.string(), in.string(), in.string(), in.string(), in.number()));
    }
    return new Link(evidence, weight, probability, review, fields);
  }

  private static void writeFieldValue(BinaryCodec.Writer out, FieldValue value) throws IOException {
    out.string(value.value());
    out.strings(value.sources());
    out.number(value.confidence());
    out.size(value.alternatives().size());
    for (Alternative alternative : value.alternatives()) {
      out.string(alternative.value());
      out.strings(alternative.sources());
      out.size(alternative.support());
      out.string(alternative.latest());
      out.string(alternative.note());
    }
  }

  private static FieldValue readFieldValue(BinaryCodec.Reader in) throws IOException {
    String value = in.string();
    List<String> sources = in.strings();
    double confidence = in.number();
    int count = in.size();
    List<Alternative> alternatives = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      alternatives.add(
          new Alternative(in.string(), in.strings(), in.size(), in.string(), in.string()));
    }
    return new FieldValue(value, sources, confidence, alternatives);
  }
}
