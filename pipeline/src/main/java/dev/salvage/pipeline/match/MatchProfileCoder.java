package dev.salvage.pipeline.match;

import dev.salvage.pipeline.beam.BinaryCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.CustomCoder;

/** Profiles cross several shuffles per candidate pair: JSON was most of matching's CPU time. */
final class MatchProfileCoder extends CustomCoder<MatchProfile> {
  static final MatchProfileCoder INSTANCE = new MatchProfileCoder();

  // A profile's key values are often also its compared values: each string is written once.
  @Override
  public void encode(MatchProfile value, OutputStream outStream) throws IOException {
    BinaryCodec.Writer out = new BinaryCodec.Writer(outStream);
    out.string(value.key());
    out.string(value.entity());
    out.bool(value.identified());
    out.stringMap(value.values());
    out.size(value.keys().size());
    for (Map.Entry<String, List<String>> key : value.keys().entrySet()) {
      out.string(key.getKey());
      out.strings(key.getValue());
    }
    out.flush();
  }

  @Override
  public MatchProfile decode(InputStream inStream) throws IOException {
    BinaryCodec.Reader in = new BinaryCodec.Reader(inStream);
    String key = in.string();
    String entity = in.string();
    boolean identified = in.bool();
    Map<String, String> values = in.stringMap();
    int size = in.size();
    Map<String, List<String>> keys = new TreeMap<>();
    for (int i = 0; i < size; i++) {
      keys.put(in.string(), in.strings());
    }
    return new MatchProfile(key, entity, identified, values, keys);
  }
}
