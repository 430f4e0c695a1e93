package org.apache.beam.sdk.transforms.join;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.StructuredCoder;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.util.VarInt;
import org.apache.beam.sdk.util.common.ElementByteSizeObserver;

/**
 * Salvage's replacement for Beam 2.62.0's class of this name (the same public API), which the jar
 * and the tests load instead of Beam's. It writes a union as its tag, the length of the value's
 * bytes and those bytes, and reads it back without decoding the value ({@link RawUnionValue}): a
 * consumer of one output of a step with several skips the other outputs' elements unread, and a
 * value read and written again undecoded is copied as bytes. The encoding is only ever read by the
 * job that wrote it.
 */
@SuppressWarnings({
  "nullness" // as Beam's own UnionCoder
})
public class UnionCoder extends StructuredCoder<RawUnionValue> {
  /**
   * Builds a union coder with the given list of element coders. This list corresponds to a mapping
   * of union tag to Coder. Union tags start at 0.
   */
  public static UnionCoder of(List<Coder<?>> elementCoders) {
    return new UnionCoder(elementCoders);
  }

  private int getIndexForEncoding(RawUnionValue union) {
    if (union == null) {
      throw new IllegalArgumentException("cannot encode a null tagged union");
    }
    int index = union.getUnionTag();
    if (index < 0 || index >= elementCoders.size()) {
      throw new IllegalArgumentException(
          "union value index " + index + " not in range [0.." + (elementCoders.size() - 1) + "]");
    }
    return index;
  }

  @Override
  public void encode(RawUnionValue union, OutputStream outStream)
      throws IOException, CoderException {
    encode(union, outStream, Context.NESTED);
  }

  @SuppressWarnings({"unchecked", "deprecation"})
  @Override
  public void encode(RawUnionValue union, OutputStream outStream, Context context)
      throws IOException, CoderException {
    int index = getIndexForEncoding(union);
    VarInt.encode(index, outStream);
    byte[] bytes = union.encoded();
    if (bytes == null) {
      bytes =
          CoderUtils.encodeToByteArray((Coder<Object>) elementCoders.get(index), union.getValue());
    }
    VarInt.encode(bytes.length, outStream);
    outStream.write(bytes);
  }

  @Override
  public RawUnionValue decode(InputStream inStream) throws IOException, CoderException {
    return decode(inStream, Context.NESTED);
  }

  @SuppressWarnings("deprecation")
  @Override
  public RawUnionValue decode(InputStream inStream, Context context)
      throws IOException, CoderException {
    int index = VarInt.decodeInt(inStream);
    if (index < 0 || index >= elementCoders.size()) {
      throw new CoderException(
          "union value index " + index + " not in range [0.." + (elementCoders.size() - 1) + "]");
    }
    int length = VarInt.decodeInt(inStream);
    if (length < 0) {
      throw new CoderException("union value of tag " + index + " with a negative length " + length);
    }
    byte[] bytes = new byte[length];
    (inStream instanceof DataInputStream data ? data : new DataInputStream(inStream))
        .readFully(bytes);
    return new RawUnionValue(index, bytes, elementCoders.get(index));
  }

  @Override
  public List<? extends Coder<?>> getCoderArguments() {
    return Collections.emptyList();
  }

  @Override
  public List<? extends Coder<?>> getComponents() {
    return elementCoders;
  }

  public List<? extends Coder<?>> getElementCoders() {
    return elementCoders;
  }

  /** Cheap for a value still in its bytes, else as cheap as its coder says. */
  @Override
  public boolean isRegisterByteSizeObserverCheap(RawUnionValue union) {
    int index = getIndexForEncoding(union);
    if (union.encoded() != null) {
      return true;
    }
    @SuppressWarnings("unchecked")
    Coder<Object> coder = (Coder<Object>) elementCoders.get(index);
    return coder.isRegisterByteSizeObserverCheap(union.getValue());
  }

  /**
   * Notifies ElementByteSizeObserver about the byte size of the encoded value using this coder; of
   * a decoded value, as its coder counts it (without the length, at most a few bytes more).
   */
  @Override
  public void registerByteSizeObserver(RawUnionValue union, ElementByteSizeObserver observer)
      throws Exception {
    int index = getIndexForEncoding(union);
    observer.update(VarInt.getLength(index));
    byte[] bytes = union.encoded();
    if (bytes != null) {
      observer.update(VarInt.getLength(bytes.length) + bytes.length);
      return;
    }
    @SuppressWarnings("unchecked")
    Coder<Object> coder = (Coder<Object>) elementCoders.get(index);
    coder.registerByteSizeObserver(union.getValue(), observer);
  }

  /////////////////////////////////////////////////////////////////////////////

  private final List<Coder<?>> elementCoders;

  private UnionCoder(List<Coder<?>> elementCoders) {
    this.elementCoders = elementCoders;
  }

  @Override
  public void verifyDeterministic() throws NonDeterministicException {
    verifyDeterministic(
        this, "UnionCoder is only deterministic if all element coders are", elementCoders);
  }
}
