package dev.salvage.pipeline.match;

import dev.salvage.pipeline.beam.BinaryCodec;
import dev.salvage.pipeline.beam.Coders;
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

/** Profiles cross several shuffles per candidate pair: JSON was most of matching's CPU time. */
final class MatchProfileCoder extends CustomCoder<MatchProfile> {
  static final MatchProfileCoder INSTANCE = new MatchProfileCoder();

  @Override
  public void encode(MatchProfile value, OutputStream outStream) throws IOException {
    DataOutputStream out = Coders.data(outStream);
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
    DataInputStream in = Coders.data(inStream);
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
