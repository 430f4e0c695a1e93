package dev.salvage.pipeline.beam;

import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RawRecord;
import dev.salvage.mappings.EventCopy;
import dev.salvage.mappings.Observation;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.CustomCoder;

/**
 * Hand-written coders for the pipeline's value records: Beam cannot infer coders for Java records,
 * and SerializableCoder is several times slower and larger on the wire.
 */
public final class Coders {
  private Coders() {}

  public static CustomCoder<RawRecord> rawRecord() {
    return RawRecordCoder.INSTANCE;
  }

  public static CustomCoder<Quarantined> quarantined() {
    return QuarantinedCoder.INSTANCE;
  }

  public static CustomCoder<Observation> observation() {
    return ObservationCoder.INSTANCE;
  }

  /** The stream as a DataOutputStream, without wrapping one twice. */
  public static DataOutputStream data(OutputStream out) {
    return out instanceof DataOutputStream d ? d : new DataOutputStream(out);
  }

  /** The stream as a DataInputStream, without wrapping one twice. */
  public static DataInputStream data(InputStream in) {
    return in instanceof DataInputStream d ? d : new DataInputStream(in);
  }

  private static final class RawRecordCoder extends CustomCoder<RawRecord> {
    static final RawRecordCoder INSTANCE = new RawRecordCoder();

    @Override
    public void encode(RawRecord value, OutputStream outStream) throws IOException {
      BinaryCodec.encode(value, outStream, ENCODING);
    }

    private static final BinaryCodec.Encoding<RawRecord> ENCODING =
        (out, value) -> {
          out.string(value.source());
          out.string(value.kind());
          out.text(value.ref());
          out.text(value.location());
          out.text(value.json());
          // most records' copies are those with their ref: the key once more would only add bytes
          boolean ownKey = !value.copyKey().equals(value.ref());
          out.bool(ownKey);
          if (ownKey) {
            out.text(value.copyKey());
          }
        };

    @Override
    public RawRecord decode(InputStream inStream) throws IOException {
      BinaryCodec.Reader in = new BinaryCodec.Reader(inStream);
      String source = in.string();
      String kind = in.string();
      String ref = in.text();
      String location = in.text();
      String json = in.text();
      String copyKey = in.bool() ? in.text() : ref;
      return new RawRecord(source, kind, ref, location, json, copyKey);
    }

    @Override
    public void verifyDeterministic() {}
  }

  private static final class QuarantinedCoder extends CustomCoder<Quarantined> {
    static final QuarantinedCoder INSTANCE = new QuarantinedCoder();

    @Override
    public void encode(Quarantined value, OutputStream outStream) throws IOException {
      DataOutputStream out = data(outStream);
      BinaryCodec.writeString(out, value.source());
      BinaryCodec.writeString(out, value.location());
      BinaryCodec.writeString(out, value.reason());
      BinaryCodec.writeString(out, value.excerpt());
      out.flush();
    }

    @Override
    public Quarantined decode(InputStream inStream) throws IOException {
      DataInputStream in = data(inStream);
      return new Quarantined(
          BinaryCodec.readString(in),
          BinaryCodec.readString(in),
          BinaryCodec.readString(in),
          BinaryCodec.readString(in));
    }
  }

  /**
   * Observations cross the link stage's join and the merge's grouping. A key's value is usually
   * also a field's (an email, a booking code): each distinct string is written once.
   */
  private static final class ObservationCoder extends CustomCoder<Observation> {
    static final ObservationCoder INSTANCE = new ObservationCoder();

    @Override
    public void encode(Observation value, OutputStream outStream) throws IOException {
      BinaryCodec.encode(value, outStream, ENCODING);
    }

    private static final BinaryCodec.Encoding<Observation> ENCODING = ObservationCoder::write;

    private static void write(BinaryCodec.Writer out, Observation value) throws IOException {
      out.string(value.entityType());
      out.stringMap(value.keys());
      out.stringMap(value.fields());
      out.instant(value.observedAt());
      out.string(value.source());
      out.string(value.sourceRef());
      out.string(value.rule());
      out.stringMap(value.hints());
      out.strings(value.notes());
      out.size(value.ordinal());
      out.stringMap(value.guessed());
      EventCopy event = value.event();
      out.bool(event != null);
      if (event != null) {
        out.string(event.calendar());
        out.string(event.id());
        out.string(event.iCalUid());
        out.string(event.originalStart());
        out.bool(event.cancelled());
      }
    }

    @Override
    public Observation decode(InputStream inStream) throws IOException {
      BinaryCodec.Reader in = new BinaryCodec.Reader(inStream);
      String entityType = in.string();
      Map<String, String> keys = in.stringMap();
      Map<String, String> fields = in.stringMap();
      Instant observedAt = in.instant();
      String source = in.string();
      String sourceRef = in.string();
      String rule = in.string();
      Map<String, String> hints = in.stringMap();
      List<String> notes = in.strings();
      int ordinal = in.size();
      Map<String, String> guessed = in.stringMap();
      EventCopy event =
          in.bool()
              ? new EventCopy(in.string(), in.string(), in.string(), in.string(), in.bool())
              : null;
      return new Observation(
          entityType,
          keys,
          fields,
          observedAt,
          source,
          sourceRef,
          rule,
          hints,
          notes,
          ordinal,
          guessed,
          event);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
