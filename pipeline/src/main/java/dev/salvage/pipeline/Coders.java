package dev.salvage.pipeline;

import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RawRecord;
import dev.salvage.mappings.Observation;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

  static CustomCoder<MatchProfile> matchProfile() {
    return MatchProfileCoder.INSTANCE;
  }

  private static DataOutputStream data(OutputStream out) {
    return out instanceof DataOutputStream d ? d : new DataOutputStream(out);
  }

  private static DataInputStream data(InputStream in) {
    return in instanceof DataInputStream d ? d : new DataInputStream(in);
  }

  private static final class RawRecordCoder extends CustomCoder<RawRecord> {
    static final RawRecordCoder INSTANCE = new RawRecordCoder();

    @Override
    public void encode(RawRecord value, OutputStream outStream) throws IOException {
      DataOutputStream out = data(outStream);
      BinaryCodec.writeString(out, value.source());
      BinaryCodec.writeString(out, value.kind());
      BinaryCodec.writeString(out, value.ref());
      BinaryCodec.writeString(out, value.location());
      BinaryCodec.writeString(out, value.json());
      out.flush();
    }

    @Override
    public RawRecord decode(InputStream inStream) throws IOException {
      DataInputStream in = data(inStream);
      return new RawRecord(
          BinaryCodec.readString(in),
          BinaryCodec.readString(in),
          BinaryCodec.readString(in),
          BinaryCodec.readString(in),
          BinaryCodec.readString(in));
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

  private static final class ObservationCoder extends CustomCoder<Observation> {
    static final ObservationCoder INSTANCE = new ObservationCoder();

    @Override
    public void encode(Observation value, OutputStream outStream) throws IOException {
      DataOutputStream out = data(outStream);
      BinaryCodec.writeString(out, value.entityType());
      BinaryCodec.writeMap(out, value.keys());
      BinaryCodec.writeMap(out, value.fields());
      BinaryCodec.writeInstant(out, value.observedAt());
      BinaryCodec.writeString(out, value.source());
      BinaryCodec.writeString(out, value.sourceRef());
      BinaryCodec.writeString(out, value.rule());
      out.flush();
    }

    @Override
    public Observation decode(InputStream inStream) throws IOException {
      DataInputStream in = data(inStream);
      return new Observation(
          BinaryCodec.readString(in),
          BinaryCodec.readMap(in),
          BinaryCodec.readMap(in),
          BinaryCodec.readInstant(in),
          BinaryCodec.readString(in),
          BinaryCodec.readString(in),
          BinaryCodec.readString(in));
    }

    @Override
    public void verifyDeterministic() {}
  }

  /** Profiles cross several shuffles per candidate pair: JSON was most of matching's CPU time. */
  private static final class MatchProfileCoder extends CustomCoder<MatchProfile> {
    static final MatchProfileCoder INSTANCE = new MatchProfileCoder();

    @Override
    public void encode(MatchProfile value, OutputStream outStream) throws IOException {
      DataOutputStream out = data(outStream);
      BinaryCodec.writeString(out, value.key());
      BinaryCodec.writeString(out, value.entity());
      out.writeBoolean(value.identified());
      BinaryCodec.writeMap(out, value.values());
      out.writeInt(value.keys().size());
      for (Map.Entry<String, List<String>> key : value.keys().entrySet()) {
        BinaryCodec.writeString(out, key.getKey());
        out.writeInt(key.getValue().size());
        for (String v : key.getValue()) {
          BinaryCodec.writeString(out, v);
        }
      }
      out.flush();
    }

    @Override
    public MatchProfile decode(InputStream inStream) throws IOException {
      DataInputStream in = data(inStream);
      String key = BinaryCodec.readString(in);
      String entity = BinaryCodec.readString(in);
      boolean identified = in.readBoolean();
      Map<String, String> values = BinaryCodec.readMap(in);
      int size = in.readInt();
      Map<String, List<String>> keys = new TreeMap<>();
      for (int i = 0; i < size; i++) {
        String name = BinaryCodec.readString(in);
        int n = in.readInt();
        List<String> list = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
          list.add(BinaryCodec.readString(in));
        }
        keys.put(name, List.copyOf(list));
      }
      return new MatchProfile(key, entity, identified, values, keys);
    }
  }
}
