package dev.salvage.pipeline.beam;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salvage.pipeline.bundle.Json;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CustomCoder;

/**
 * Encodes a Jackson-mappable value as length-prefixed JSON. Used for the few nested records where a
 * hand-written coder would be long and the JSON is written out anyway.
 */
public final class JsonCoder<T> extends CustomCoder<T> {
  private final Class<T> type;
  private transient ObjectMapper mapper;

  private JsonCoder(Class<T> type) {
    this.type = type;
  }

  public static <T> JsonCoder<T> of(Class<T> type) {
    return new JsonCoder<>(type);
  }

  private ObjectMapper mapper() {
    if (mapper == null) {
      mapper = Json.MAPPER;
    }
    return mapper;
  }

  @Override
  public void encode(T value, OutputStream outStream) throws IOException {
    byte[] bytes = mapper().writeValueAsBytes(value);
    DataOutputStream out = new DataOutputStream(outStream);
    out.writeInt(bytes.length);
    out.write(bytes);
    out.flush();
  }

  @Override
  public T decode(InputStream inStream) throws IOException {
    DataInputStream in = new DataInputStream(inStream);
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return mapper().readValue(bytes, type);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof JsonCoder<?> that && that.type.equals(type);
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }
}
