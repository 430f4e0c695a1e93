package dev.salvage.pipeline.read;

import dev.salvage.connectors.ContentDigest;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CustomCoder;

/**
 * The 64-bit hashes of the keys that more than one record (or a bounce) meets under, sorted: only
 * the records under those keys need to meet in a shuffle; every other one is alone under its key.
 * Two keys sharing a hash only send a lone record through the shuffle, where it comes out as it
 * went in.
 */
final class SharedKeys {
  private long[] hashes;
  private int size;

  SharedKeys() {
    this(new long[16], 0);
  }

  private SharedKeys(long[] hashes, int size) {
    this.hashes = hashes;
    this.size = size;
  }

  void add(long hash) {
    if (size == hashes.length) {
      hashes = Arrays.copyOf(hashes, size * 2);
    }
    hashes[size++] = hash;
  }

  void addAll(SharedKeys other) {
    for (int i = 0; i < other.size; i++) {
      add(other.hashes[i]);
    }
  }

  /** Sorted and without repeats, ready for {@link #contains}. */
  SharedKeys sorted() {
    long[] sorted = Arrays.copyOf(hashes, size);
    Arrays.sort(sorted);
    int distinct = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[distinct - 1]) {
        sorted[distinct++] = sorted[i];
      }
    }
    return new SharedKeys(sorted, distinct);
  }

  /** Whether {@code key}'s hash is one of these; only after {@link #sorted}. */
  boolean contains(String key) {
    return Arrays.binarySearch(hashes, 0, size, hash(key)) >= 0;
  }

  int size() {
    return size;
  }

  static long hash(String key) {
    return ContentDigest.hash64(key);
  }

  /** The hashes as a count and a block of longs, read back in one piece. */
  static final class SharedKeysCoder extends CustomCoder<SharedKeys> {
    private static final long serialVersionUID = 1L;

    /** Stateless: every instance codes alike, as Beam's checks of a serialised coder expect. */
    @Override
    public boolean equals(Object other) {
      return other instanceof SharedKeysCoder;
    }

    @Override
    public int hashCode() {
      return SharedKeysCoder.class.hashCode();
    }

    @Override
    public void encode(SharedKeys keys, OutputStream out) throws IOException {
      ByteBuffer bytes = ByteBuffer.allocate(4 + 8 * keys.size);
      bytes.putInt(keys.size);
      for (int i = 0; i < keys.size; i++) {
        bytes.putLong(keys.hashes[i]);
      }
      out.write(bytes.array());
    }

    @Override
    public SharedKeys decode(InputStream in) throws IOException {
      DataInputStream data = new DataInputStream(in);
      int size = data.readInt();
      if (size < 0) {
        throw new CoderException("SharedKeys with a negative size: " + size);
      }
      byte[] block = new byte[Math.multiplyExact(size, 8)];
      data.readFully(block);
      ByteBuffer bytes = ByteBuffer.wrap(block);
      long[] hashes = new long[Math.max(16, size)];
      for (int i = 0; i < size; i++) {
        hashes[i] = bytes.getLong();
      }
      return new SharedKeys(hashes, size);
    }
  }
}
