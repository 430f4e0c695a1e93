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

  /** Told of a last line a writer left unfinished: see {@link #scan(Visitor, TornTail)}. */
  @FunctionalInterface
  public interface TornTail {
    void torn(Line line, String problem) throws IOException;
  }

  /**
   * Reads the file one line at a time, in order, handing each value to {@code visitor}. Blank lines
   * are skipped; a missing file has no lines.
   */
  public void scan(Visitor<T> visitor) throws IOException {
    scan(visitor, null);
  }

  /**
   * Reads as {@link #scan(Visitor)} does, except a last line that lacks its line break and does not
   * parse, which goes to {@code torn} (when not null) instead of failing the read: what a writer
   * cut off mid-line leaves (a killed process, a full disk, a power cut during {@link #append},
   * which writes whole lines and forces them to disk before it returns, so nobody was told of that
   * one).
   */
  public void scan(Visitor<T> visitor, TornTail torn) throws IOException {
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
        Line last = new Line(number + 1, lineStart, pendingLength);
        if (torn == null || isBlank(pending, 0, pendingLength)) {
          visit(pending, 0, pendingLength, last, visitor);
        } else {
          T value;
          try {
            value = parse(pending, 0, pendingLength, last.number());
          } catch (BundleFormatException e) {
            torn.torn(last, e.getMessage());
            return;
          }
          visitor.line(last, value);
        }
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
   * Scans the file like {@link #open(Visitor)}, reading each line as {@code index}, a lighter type
   * (the key lines are found by, the rest skipped), and keeps it open to read lines again as this
   * file's type: an index of 132k evidence lines built from whole entries took half the review
   * server's start-up (trial 89).
   */
  public <I> LineReader<T> open(Class<I> index, Visitor<I> visitor) throws IOException {
    new JsonlFile<>(path, index).scan(visitor);
    return new LineReader<>(
        this, Files.exists(path) ? FileChannel.open(path, StandardOpenOption.READ) : null);
  }

  /**
   * Whether the file's last line lacks its line break (a line written by hand without one, or one a
   * writer was cut off in); false for a missing or empty file.
   */
  public boolean unfinished() throws IOException {
    if (!Files.exists(path)) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size == 0) {
        return false;
      }
      ByteBuffer last = ByteBuffer.allocate(1);
      channel.read(last, size - 1);
      return last.get(0) != '\n';
    }
  }

  /**
   * Moves {@code line}, the unfinished last line {@link #scan(Visitor, TornTail)} handed out, from
   * the file to the end of {@code FILE.torn} beside it (nothing is destroyed), so that the next
   * {@link #append} starts a line of its own instead of finishing the fragment into a line nobody
   * can read. Returns that file.
   *
   * @throws IOException when the file has changed since, its end being another line now
   */
  public Path setAside(Line line) throws IOException {
    Path aside = path.resolveSibling(path.getFileName() + ".torn");
    try (FileChannel channel =
            FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      if (channel.size() != line.offset() + line.length()) {
        throw new IOException(
            path + " changed while it was read: line " + line.number() + " is not its end now");
      }
      ByteBuffer fragment = ByteBuffer.allocate(line.length() + 1);
      while (fragment.position() < line.length()) {
        if (channel.read(fragment, line.offset() + fragment.position()) < 0) {
          break;
        }
      }
      fragment.put((byte) '\n').flip();
      try (FileChannel out =
          FileChannel.open(
              aside,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND)) {
        while (fragment.hasRemaining()) {
          out.write(fragment);
        }
        out.force(true);
      }
      channel.truncate(line.offset());
      channel.force(true);
    }
    return aside;
  }

  /**
   * Appends {@code values} as one write under a file lock and forces it to disk before returning,
   * so concurrent writers (two processes, two threads) never interleave and an acknowledged line
   * survives a crash. A last line without its line break (written by hand) gets one first: the
   * first value appended would otherwise finish that line, and neither would read.
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
      // read under the lock: an appending channel cannot read
      if (channel.size() > 0 && unfinished()) {
        text.insert(0, '\n');
      }
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
