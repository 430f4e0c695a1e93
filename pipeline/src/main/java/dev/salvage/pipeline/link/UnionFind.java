package dev.salvage.pipeline.link;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CustomCoder;

/**
 * A union-find forest over {@link CompactIds compact ids}, each root the smallest id of its tree
 * (as {@link String#compareTo} orders them), so the forest's partition and its roots do not depend
 * on the order of the unions or on how partial forests were merged.
 *
 * <p>Stored in primitive arrays, not objects: an id is two longs, its parent an int index, and an
 * open-addressing table of int indexes finds an id's node: 30 to 60 bytes an id (29.4 MB for a
 * million in {@code UnionFindTest}), where a map of String ids would take over 100 (a 22-character
 * String alone is 64 bytes).
 *
 * <p>Roots are chosen by id, not by tree size; with path halving that keeps finds amortised
 * logarithmic, and as the ids are hashes the trees stay shallow in practice.
 */
final class UnionFind {
  private static final int INITIAL_CAPACITY = 16;

  /** Node i's id is (highs[i], lows[i]); parents[i] is its parent's index (itself at a root). */
  private long[] highs = new long[INITIAL_CAPACITY];

  private long[] lows = new long[INITIAL_CAPACITY];
  private int[] parents = new int[INITIAL_CAPACITY];
  private int size;

  /** Slot → node index + 1 (0: empty); linear probing, at most half full. */
  private int[] slots = new int[2 * INITIAL_CAPACITY];

  /** The number of ids in the forest. */
  int size() {
    return size;
  }

  /** The bytes its arrays take on the heap (each a 16-byte header and its elements). */
  long heapBytes() {
    return 4L * 16 + 8L * highs.length + 8L * lows.length + 4L * parents.length + 4L * slots.length;
  }

  /** Puts {@code a} and {@code b} (compact ids) in one tree. */
  void union(String a, String b) {
    long[] packedA = CompactIds.pack(a);
    long[] packedB = CompactIds.pack(b);
    union(node(packedA[0], packedA[1]), node(packedB[0], packedB[1]));
  }

  /**
   * The root of {@code id}'s tree, {@code id} itself if the forest does not hold it. Reads only (no
   * path halving), so that the slots of a TaskManager can share one forest as a side input.
   */
  String root(String id) {
    long[] packed = CompactIds.pack(id);
    int node = find(packed[0], packed[1]);
    if (node < 0) {
      return id;
    }
    int root = node;
    while (parents[root] != root) {
      root = parents[root];
    }
    return CompactIds.unpack(highs[root], lows[root]);
  }

  /** Puts every tree of {@code other} into this forest (a union of each id with its root). */
  void addAll(UnionFind other) {
    for (int i = 0; i < other.size; i++) {
      int root = other.root(i);
      if (root != i) {
        union(node(other.highs[i], other.lows[i]), node(other.highs[root], other.lows[root]));
      }
    }
  }

  /** Points every node straight at its root, so that {@link #root(String)} takes one step. */
  void flatten() {
    for (int i = 0; i < size; i++) {
      parents[i] = root(i);
    }
  }

  private void union(int a, int b) {
    int rootA = root(a);
    int rootB = root(b);
    if (rootA == rootB) {
      return;
    }
    if (CompactIds.compare(highs[rootA], lows[rootA], highs[rootB], lows[rootB]) < 0) {
      parents[rootB] = rootA;
    } else {
      parents[rootA] = rootB;
    }
  }

  /** Finds the root of node {@code node}, halving the path on the way. */
  private int root(int node) {
    int current = node;
    while (parents[current] != current) {
      parents[current] = parents[parents[current]];
      current = parents[current];
    }
    return current;
  }

  /** The index of the node of id (high, low), or -1. */
  private int find(long high, long low) {
    int mask = slots.length - 1;
    for (int slot = slot(high, low, mask); ; slot = (slot + 1) & mask) {
      int entry = slots[slot];
      if (entry == 0) {
        return -1;
      }
      if (highs[entry - 1] == high && lows[entry - 1] == low) {
        return entry - 1;
      }
    }
  }

  /** The index of the node of id (high, low), added as a root of its own if new. */
  private int node(long high, long low) {
    int mask = slots.length - 1;
    int slot = slot(high, low, mask);
    for (; slots[slot] != 0; slot = (slot + 1) & mask) {
      int index = slots[slot] - 1;
      if (highs[index] == high && lows[index] == low) {
        return index;
      }
    }
    if (size == highs.length) {
      int capacity = Math.multiplyExact(highs.length, 2);
      highs = Arrays.copyOf(highs, capacity);
      lows = Arrays.copyOf(lows, capacity);
      parents = Arrays.copyOf(parents, capacity);
    }
    int index = size++;
    highs[index] = high;
    lows[index] = low;
    parents[index] = index;
    if (2 * size > slots.length) {
      rehash(slots.length * 2);
    } else {
      slots[slot] = index + 1;
    }
    return index;
  }

  /** Rebuilds the table for the first {@code size} nodes with {@code capacity} slots. */
  private void rehash(int capacity) {
    slots = new int[capacity];
    int mask = capacity - 1;
    for (int i = 0; i < size; i++) {
      int slot = slot(highs[i], lows[i], mask);
      while (slots[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = i + 1;
    }
  }

  private static int slot(long high, long low, int mask) {
    // the ids are MD5 bits, but mix anyway: the low bits alone would do, a cheap mix costs nothing
    long mixed = (high ^ low) * 0x9E3779B97F4A7C15L;
    return (int) (mixed >>> 32) & mask;
  }

  /** Same ids in the same trees (roots are determined by the trees). */
  @Override
  public boolean equals(Object other) {
    if (!(other instanceof UnionFind that) || that.size != size) {
      return false;
    }
    for (int i = 0; i < size; i++) {
      int there = that.find(highs[i], lows[i]);
      if (there < 0) {
        return false;
      }
      int root = root(i);
      int rootThere = that.root(there);
      if (highs[root] != that.highs[rootThere] || lows[root] != that.lows[rootThere]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int hash = 0;
    for (int i = 0; i < size; i++) {
      int root = root(i);
      hash += Long.hashCode(highs[i] ^ lows[i]) * 31 + Long.hashCode(highs[root] ^ lows[root]);
    }
    return hash;
  }

  @Override
  public String toString() {
    return "UnionFind of " + size + " ids";
  }

  /**
   * The forest as a count and, per id, its two longs and its root's index: 20 bytes an id, read
   * back into the arrays without a union. Written and read as one block, so decoding never reads
   * past its own bytes.
   */
  static final class UnionFindCoder extends CustomCoder<UnionFind> {
    private static final long serialVersionUID = 1L;
    private static final int BYTES_PER_ID = 8 + 8 + 4;

    /** Stateless: every instance codes alike, as Beam's checks of a serialised coder expect. */
    @Override
    public boolean equals(Object other) {
      return other instanceof UnionFindCoder;
    }

    @Override
    public int hashCode() {
      return UnionFindCoder.class.hashCode();
    }

    @Override
    public void encode(UnionFind forest, OutputStream out) throws IOException {
      ByteBuffer bytes = ByteBuffer.allocate(4 + forest.size * BYTES_PER_ID);
      bytes.putInt(forest.size);
      for (int i = 0; i < forest.size; i++) {
        bytes.putLong(forest.highs[i]).putLong(forest.lows[i]).putInt(forest.root(i));
      }
      out.write(bytes.array());
    }

    @Override
    public UnionFind decode(InputStream in) throws IOException {
      DataInputStream data = new DataInputStream(in);
      int size = data.readInt();
      if (size < 0) {
        throw new CoderException("UnionFind with a negative size: " + size);
      }
      byte[] block = new byte[Math.multiplyExact(size, BYTES_PER_ID)];
      data.readFully(block);
      ByteBuffer bytes = ByteBuffer.wrap(block);
      UnionFind forest = new UnionFind();
      int capacity = Math.max(INITIAL_CAPACITY, Integer.highestOneBit(Math.max(1, size)) * 2);
      forest.highs = new long[capacity];
      forest.lows = new long[capacity];
      forest.parents = new int[capacity];
      for (int i = 0; i < size; i++) {
        forest.highs[i] = bytes.getLong();
        forest.lows[i] = bytes.getLong();
        int root = bytes.getInt();
        if (root < 0 || root >= size) {
          throw new CoderException("UnionFind id " + i + " has root " + root + " of " + size);
        }
        forest.parents[i] = root;
      }
      for (int i = 0; i < size; i++) {
        // a root written for an id is a root itself: no cycle can come in
        if (forest.parents[forest.parents[i]] != forest.parents[i]) {
          throw new CoderException("UnionFind id " + i + " has a root that is not a root");
        }
      }
      forest.size = size;
      forest.rehash(2 * capacity);
      return forest;
    }
  }
}
