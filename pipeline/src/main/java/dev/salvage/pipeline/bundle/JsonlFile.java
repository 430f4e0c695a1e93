package dev.salvage.pipeline.bundle;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A JSON-lines file of a run holding one type of line ({@link ReconstructedRecord}, {@link
 * Decision}, ...): read one line at a time in order, or again later by the place a scan found it,
 * and appended to durably. Nothing here holds a whole file in memory; a line that does not parse as
 * its type fails with a {@link BundleFormatException} naming the file and the line.
 *
 * @param <T> the type of every line
 */
public final class JsonlFile<T> {
  private static final int BUFFER = 1 << 16;

  /**
   * Where one line lies in the file.
   *
   * @param number the line number, from 1
   * @param offset its first byte
   * @param length its bytes, without the line break
   */
  public record Line(long number, long offset, int length) {}

  /** Told every line of a file in order. */
  @FunctionalInterface
  public interface Visitor<T> {
    void line(Line line, T value) throws IOException;
  }

  private final Path path;
  private final ObjectReader reader;

  public JsonlFile(Path path, Class<T> type) {
    this.path = requireNonNull(path, "path");
    this.reader = Json.MAPPER.readerFor(requireNonNull(type, "type"));
  }

  public Path path() {
    return path;
  }

  public boolean exists() {
    return Files.exists(path);
  }

  /**
   * Reads the file one line at a time, in order, handing each value to {@code visitor}. Blank lines
   * are skipped; a missing file has no lines.
   */
  public void scan(Visitor<T> visitor) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (InputStream in = Files.newInputStream(path)) {
      byte[] buffer = new byte[BUFFER];
      byte[] pending = new byte[0];
      int pendingLength = 0;
      long read = 0;
      long number = 0;
      long lineStart = 0;
      for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
        int start = 0;
        for (int i = 0; i < n; i++) {
          if (buffer[i] != '\n') {
            continue;
          }
          number++;
          Line line = new Line(number, lineStart, pendingLength + i - start);
          if (pendingLength == 0) {
            visit(buffer, start, i - start, line, visitor);
          } else {
            pending = append(pending, pendingLength, buffer, start, i - start);
            visit(pending, 0, line.length(), line, visitor);
            pendingLength = 0;
          }
          start = i + 1;
          lineStart = read + start;
        }
        pending = append(pending, pendingLength, buffer, start, n - start);
        pendingLength += n - start;
        read += n;
      }
      if (pendingLength > 0) {
        visit(pending, 0, pendingLength, new Line(number + 1, lineStart, pendingLength), visitor);
      }
    }
  }

  /** Every line's value, in order (for files small enough to hold, like decisions). */
  public List<T> readAll() throws IOException {
    List<T> all = new ArrayList<>();
    scan((line, value) -> all.add(value));
    return all;
  }

  /**
   * Scans the file like {@link #scan} and keeps it open, so that {@link LineReader#read} can fetch
   * a line again by the {@link Line} the scan handed out.
   */
  public LineReader<T> open(Visitor<T> visitor) throws IOException {
    scan(visitor);
    return new LineReader<>(
        this, Files.exists(path) ? FileChannel.open(path, StandardOpenOption.READ) : null);
  }

  /**
   * Appends {@code values} as one write under a file lock and forces it to disk before returning,
   * so concurrent writers (two processes, two threads) never interleave and an acknowledged line
   * survives a crash.
   */
  public void append(List<? extends T> values) throws IOException {
    if (values.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder();
    for (T value : values) {
      text.append(Json.line(value)).append('\n');
    }
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (FileChannel channel =
            FileChannel.open(
                path,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        FileLock lock = channel.lock()) {
      ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      channel.force(true);
    }
  }

  /** An error naming this file and {@code line}, for problems a visitor finds in a value. */
  BundleFormatException malformed(Line line, String problem) {
    return new BundleFormatException(path, line.number(), problem, null);
  }

  private void visit(byte[] bytes, int offset, int length, Line line, Visitor<T> visitor)
      throws IOException {
    if (isBlank(bytes, offset, length)) {
      return;
    }
    visitor.line(line, parse(bytes, offset, length, line.number()));
  }

  private T parse(byte[] bytes, int offset, int length, long number) throws IOException {
    T value;
    try {
      value = reader.readValue(bytes, offset, length);
    } catch (JsonProcessingException e) {
      throw new BundleFormatException(path, number, problem(e), e);
    }
    if (value == null) {
      throw new BundleFormatException(path, number, "expected a JSON object, found null", null);
    }
    return value;
  }

  /**
   * What is wrong, in the words of whoever found it: a line type's own check (a decision of an
   * unknown kind) rather than Jackson's wrapping of it.
   */
  static String problem(JsonProcessingException e) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
        return cause.getMessage();
      }
      if (cause instanceof NullPointerException && cause.getMessage() != null) {
        // requireNonNull(value, "name") in a record's constructor: the line lacks that field
        return "field " + cause.getMessage() + " is missing";
      }
    }
    return e.getOriginalMessage();
  }

  private static boolean isBlank(byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      byte b = bytes[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  private static byte[] append(byte[] to, int used, byte[] from, int offset, int length) {
    byte[] target = to;
    if (used + length > to.length) {
      target = Arrays.copyOf(to, Math.max(used + length, to.length * 2));
    }
    System.arraycopy(from, offset, target, used, length);
    return target;
  }

  /** A scanned file kept open to read lines again by their place. */
  public static final class LineReader<T> implements Closeable {
    private final JsonlFile<T> file;
    private final FileChannel channel;

    private LineReader(JsonlFile<T> file, FileChannel channel) {
      this.file = file;
      this.channel = channel;
    }

    /** The value of the line the scan found at {@code line}. */
    public T read(Line line) throws IOException {
      if (channel == null) {
        throw new IOException("Cannot read " + file.path + ": it does not exist");
      }
      ByteBuffer buffer = ByteBuffer.allocate(line.length());
      long position = line.offset();
      while (buffer.hasRemaining()) {
        int n = channel.read(buffer, position);
        if (n < 0) {
          throw new IOException(
              "Cannot read " + file.path + " at byte " + line.offset() + ": the file shrank");
        }
        position += n;
      }
      return file.parse(buffer.array(), 0, line.length(), line.number());
    }

    @Override
    public void close() throws IOException {
      if (channel != null) {
        channel.close();
      }
    }
  }
}
