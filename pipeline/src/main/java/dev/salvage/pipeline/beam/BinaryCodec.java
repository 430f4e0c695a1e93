package dev.salvage.pipeline.beam;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.util.VarInt;

/**
 * Primitives shared by the hand-written coders: length-prefixed strings (no 64 KiB limit as
 * writeUTF), and a {@link Writer}/{@link Reader} pair for values whose strings repeat.
 */
public final class BinaryCodec {
  private BinaryCodec() {}

  public static void writeString(DataOutputStream out, String value) throws IOException {
    if (value == null) {
      out.writeInt(-1);
      return;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  public static String readString(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      return null;
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** How one type of value is written through a {@link Writer}. */
  @FunctionalInterface
  public interface Encoding<T> {
    void write(Writer out, T value) throws IOException;
  }

  private static final ThreadLocal<Memo> LAST_ENCODED = ThreadLocal.withInitial(Memo::new);

  /** The value a thread encoded last, with the encoding and the writer that holds its bytes. */
  private static final class Memo {
    final Writer writer = new Writer(null);
    Object value;
    Encoding<?> encoding;
    boolean busy;
  }

  /**
   * Writes {@code value} to {@code target} as {@code encoding} does through a {@link Writer}. The
   * same instance written again with the same encoding as the next value on this thread is copied
   * from the bytes of the first time: Flink serializes each element of a multi-output DoFn once per
   * consumer of any of its outputs, each time the same instance (reading, keying and mapping send
   * every raw record to three or four consumers). Values are immutable records, so the instance
   * stands for its bytes. Pass {@code encoding} as a constant: its identity is part of the test.
   */
  public static <T> void encode(T value, OutputStream target, Encoding<T> encoding)
      throws IOException {
    Memo memo = LAST_ENCODED.get();
    if (memo.busy) {
      // a value encoded inside another one's encoding: written on its own
      Writer out = new Writer(target);
      encoding.write(out, value);
      out.flush();
      return;
    }
    if (memo.value != value || memo.encoding != encoding) {
      memo.value = null;
      memo.busy = true;
      try {
        memo.writer.reset();
        encoding.write(memo.writer, value);
      } finally {
        memo.busy = false;
      }
      memo.value = value;
      memo.encoding = encoding;
    }
    memo.writer.copyTo(target);
  }

  /**
   * Writes one value whose strings repeat (a record names each evidence id in its fields, changes,
   * keys, evidence and links): each distinct string is encoded once, later occurrences as a
   * reference to the first, and sizes as varints. Read it back with a {@link Reader} in the same
   * order. A writer lives for one value: the references count from the value's first string.
   */
  public static final class Writer {
    private static final int NULL = 0;
    private static final int NEW = 1;
    // a reference to the string first written as the i-th is written as i + FIRST_REFERENCE
    private static final int FIRST_REFERENCE = 2;

    private final OutputStream target;
    private final Buffer buffer = new Buffer();
    private final DataOutputStream out = new DataOutputStream(buffer);
    private StringTable written = new StringTable();

    /** A writer of one value to {@code target}, which receives it whole at {@link #flush}. */
    public Writer(OutputStream target) {
      this.target = target;
    }

    public void string(String value) throws IOException {
      if (value == null) {
        buffer.varint(NULL);
        return;
      }
      int index = written.indexOrAdd(value);
      if (index >= 0) {
        buffer.varint(index + FIRST_REFERENCE);
        return;
      }
      buffer.varint(NEW);
      buffer.utf8(value);
    }

    /**
     * A string written whole, never as a reference: for a long text that no other string of the
     * value repeats (a mail's JSON), which is not worth hashing. Read it with {@link Reader#text}.
     */
    public void text(String value) {
      if (value == null) {
        buffer.varint(NULL);
        return;
      }
      buffer.varint(NEW);
      buffer.utf8(value);
    }

    public void strings(List<String> values) throws IOException {
      size(values.size());
      for (String value : values) {
        string(value);
      }
    }

    public void stringMap(Map<String, String> map) throws IOException {
      size(map.size());
      for (Map.Entry<String, String> entry : map.entrySet()) {
        string(entry.getKey());
        string(entry.getValue());
      }
    }

    /** A count or an enum ordinal: never negative. */
    public void size(int value) throws IOException {
      buffer.varint(value);
    }

    public void number(long value) throws IOException {
      buffer.varint(value);
    }

    public void number(double value) throws IOException {
      out.writeDouble(value);
    }

    public void bool(boolean value) throws IOException {
      out.writeBoolean(value);
    }

    public void instant(Instant value) throws IOException {
      buffer.varint(value.getEpochSecond());
      buffer.varint(value.getNano());
    }

    /**
     * Hands the value to the target in one write. Varints are written a byte at a time, and each
     * byte written straight into a runner's stream costs a call through its wrappers: the top frame
     * of 15 % of a JFR profile's samples of the linking stage. (Measured after, the stage's time
     * moved by less than run-to-run noise, 2-5 %.)
     */
    public void flush() throws IOException {
      buffer.drainTo(target);
      target.flush();
    }

    /** Starts the next value: no bytes, no strings written. */
    void reset() {
      buffer.clear();
      written = written.size() > 256 ? new StringTable() : written.cleared();
    }

    /** Hands the value written since {@link #reset} to {@code target}, keeping it. */
    void copyTo(OutputStream target) throws IOException {
      buffer.copyTo(target);
      target.flush();
    }
  }

  /**
   * The strings a writer has written, each with the order it was first written in: an
   * open-addressing table of arrays. A {@code HashMap<String, Integer>} here (a node and often a
   * boxed index per string) was the top frame of 7 % of a 10k run's CPU samples.
   */
  private static final class StringTable {
    private String[] keys = new String[64];
    private int[] indexes = new int[64];
    private int size;

    int size() {
      return size;
    }

    /** This table emptied, for the next value. */
    StringTable cleared() {
      if (size > 0) {
        Arrays.fill(keys, null);
        size = 0;
      }
      return this;
    }

    /** The index {@code value} was first added with, or -1 after adding it as the next one. */
    int indexOrAdd(String value) {
      int mask = keys.length - 1;
      int hash = value.hashCode();
      int slot = (hash ^ (hash >>> 16)) & mask;
      for (String key = keys[slot]; key != null; key = keys[slot]) {
        // decoded records share one instance per repeated string: identity settles most
        if (key == value || key.equals(value)) {
          return indexes[slot];
        }
        slot = (slot + 1) & mask;
      }
      keys[slot] = value;
      indexes[slot] = size++;
      if (size * 2 > keys.length) {
        grow();
      }
      return -1;
    }

    private void grow() {
      String[] oldKeys = keys;
      int[] oldIndexes = indexes;
      keys = new String[oldKeys.length * 2];
      indexes = new int[oldKeys.length * 2];
      int mask = keys.length - 1;
      for (int i = 0; i < oldKeys.length; i++) {
        String key = oldKeys[i];
        if (key != null) {
          int hash = key.hashCode();
          int slot = (hash ^ (hash >>> 16)) & mask;
          while (keys[slot] != null) {
            slot = (slot + 1) & mask;
          }
          keys[slot] = key;
          indexes[slot] = oldIndexes[i];
        }
      }
    }
  }

  /** A growable byte array, unsynchronised: a writer lives on one thread for one value. */
  private static final class Buffer extends OutputStream {
    private byte[] bytes = new byte[256];
    private int size;

    @Override
    public void write(int b) {
      if (size == bytes.length) {
        bytes = Arrays.copyOf(bytes, size * 2);
      }
      bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (size + len > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(size * 2, size + len));
      }
      System.arraycopy(b, off, bytes, size, len);
      size += len;
    }

    /**
     * A varint as Beam's {@link VarInt} writes it (a negative number as its 64-bit pattern, ten
     * bytes), straight into the array: through the stream it was a virtual call per byte.
     */
    void varint(int value) {
      varint(value & 0xFFFFFFFFL); // as VarInt.encode(int): a negative int in five bytes
    }

    void varint(long value) {
      ensure(10);
      long rest = value;
      while ((rest & ~0x7FL) != 0) {
        bytes[size++] = (byte) ((rest & 0x7F) | 0x80);
        rest >>>= 7;
      }
      bytes[size++] = (byte) rest;
    }

    /** The string's UTF-8 length as a varint, then its bytes; ASCII copied without a byte array. */
    void utf8(String value) {
      int length = value.length();
      int i = 0;
      while (i < length && value.charAt(i) < 0x80) {
        i++;
      }
      if (i < length) {
        byte[] encoded = value.getBytes(StandardCharsets.UTF_8);
        varint(encoded.length);
        write(encoded, 0, encoded.length);
        return;
      }
      varint(length);
      ensure(length);
      for (int j = 0; j < length; j++) {
        bytes[size++] = (byte) value.charAt(j);
      }
    }

    private void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }

    void drainTo(OutputStream target) throws IOException {
      target.write(bytes, 0, size);
      size = 0;
    }

    void copyTo(OutputStream target) throws IOException {
      target.write(bytes, 0, size);
    }

    /** Empties the buffer, letting go of an array a large value grew. */
    void clear() {
      size = 0;
      if (bytes.length > 1 << 20) {
        bytes = new byte[256];
      }
    }
  }

  /** Reads what a {@link Writer} wrote, in the same order. */
  public static final class Reader {
    private final DataInputStream in;
    private final List<String> read = new ArrayList<>();

    public Reader(InputStream in) {
      this.in = Coders.data(in);
    }

    public String string() throws IOException {
      int tag = VarInt.decodeInt(in);
      if (tag == Writer.NULL) {
        return null;
      }
      if (tag != Writer.NEW) {
        int index = tag - Writer.FIRST_REFERENCE;
        if (index >= read.size()) {
          throw new IOException(
              "Cannot decode a string: reference "
                  + index
                  + " names none of the "
                  + read.size()
                  + " strings read so far");
        }
        return read.get(index);
      }
      byte[] bytes = new byte[VarInt.decodeInt(in)];
      in.readFully(bytes);
      String value = new String(bytes, StandardCharsets.UTF_8);
      read.add(value);
      return value;
    }

    /** A string a {@link Writer#text} wrote. */
    public String text() throws IOException {
      int tag = VarInt.decodeInt(in);
      if (tag == Writer.NULL) {
        return null;
      }
      if (tag != Writer.NEW) {
        throw new IOException("Cannot decode a text: it is written as a reference " + tag);
      }
      byte[] bytes = new byte[VarInt.decodeInt(in)];
      in.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    }

    public List<String> strings() throws IOException {
      int size = size();
      List<String> values = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        values.add(string());
      }
      return Collections.unmodifiableList(values);
    }

    public Map<String, String> stringMap() throws IOException {
      int size = size();
      Map<String, String> map = new TreeMap<>();
      for (int i = 0; i < size; i++) {
        map.put(string(), string());
      }
      return Collections.unmodifiableMap(map);
    }

    public int size() throws IOException {
      return VarInt.decodeInt(in);
    }

    public long longNumber() throws IOException {
      return VarInt.decodeLong(in);
    }

    public double number() throws IOException {
      return in.readDouble();
    }

    public boolean bool() throws IOException {
      return in.readBoolean();
    }

    public Instant instant() throws IOException {
      return Instant.ofEpochSecond(VarInt.decodeLong(in), VarInt.decodeInt(in));
    }
  }
}
