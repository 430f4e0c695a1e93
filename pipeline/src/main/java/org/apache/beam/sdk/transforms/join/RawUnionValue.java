package org.apache.beam.sdk.transforms.join;

import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.util.CoderUtils;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Salvage's replacement for Beam 2.62.0's class of this name (the same public API), which the jar
 * and the tests load instead of Beam's: a union tag and a value, where a value that {@link
 * UnionCoder} read stays in its bytes until {@link #getValue} asks for it.
 *
 * <p>Beam's Flink runner sends every element of a step with several outputs to the consumer of each
 * output, which keeps the elements of its own tag: each consumer decoded every element of every
 * output to look at its tag (a raw record read decoded by the consumers of the readers' quarantine
 * and of the partitions not read; 629 of 8,275 CPU samples of a 10k run went to raw records so
 * decoded, docs/performance.md). Decoded only when asked, the elements a consumer drops cost it a
 * copy of their bytes, and an element passed on undecoded is written as it was read.
 */
public class RawUnionValue {
  private final int unionTag;
  private @Nullable Object value;
  // the value's bytes as its coder wrote them (CoderUtils' outer context) until it is decoded
  private byte @Nullable [] encoded;
  private @Nullable Coder<?> coder;

  /** Constructs a partial union from the given union tag and value. */
  public RawUnionValue(int unionTag, @Nullable Object value) {
    this.unionTag = unionTag;
    this.value = value;
  }

  /** A union of {@code tag} whose value is {@code encoded} by {@code coder}, decoded when asked. */
  RawUnionValue(int unionTag, byte[] encoded, Coder<?> coder) {
    this.unionTag = unionTag;
    this.encoded = encoded;
    this.coder = coder;
  }

  public int getUnionTag() {
    return unionTag;
  }

  public @Nullable Object getValue() {
    byte[] bytes = encoded;
    if (bytes != null) {
      try {
        value = CoderUtils.decodeFromByteArray(coder, bytes);
      } catch (CoderException e) {
        throw new IllegalStateException(
            "Cannot decode the value of union tag " + unionTag + " with " + coder, e);
      }
      encoded = null;
      coder = null;
    }
    return value;
  }

  /** The value's bytes as read, while it has not been decoded; null after, or when never read. */
  byte @Nullable [] encoded() {
    return encoded;
  }

  @Override
  public String toString() {
    return unionTag + ":" + getValue();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }

    RawUnionValue that = (RawUnionValue) o;

    if (unionTag != that.unionTag) {
      return false;
    }
    Object mine = getValue();
    Object theirs = that.getValue();
    return mine != null ? mine.equals(theirs) : theirs == null;
  }

  @Override
  public int hashCode() {
    Object mine = getValue();
    int result = unionTag;
    result = 31 * result + (mine != null ? mine.hashCode() : 0);
    return result;
  }
}
