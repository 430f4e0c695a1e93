package dev.salvage.connectors.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads an input stream line by line as raw bytes, keeping each line's terminator, its 1-based line
 * number and its byte offset, so that readers can rebuild the exact input and point at the place of
 * a bad record. Lines longer than the limit are cut and flagged instead of exhausting the heap.
 */
public final class ByteLineReader implements Closeable {
  /** One line of input. */
  public record Line(long number, long offset, byte[] bytes, boolean truncated) {
    /** Length of the line without its {@code \n} or {@code \r\n} terminator. */
    public int contentLength() {
      int end = bytes.length;
      if (end > 0 && bytes[end - 1] == '\n') {
        end--;
        if (end > 0 && bytes[end - 1] == '\r') {
          end--;
        }
      }
      return end;
    }

    /** Whether the line, without its terminator, starts with {@code prefix} (ASCII). */
    public boolean startsWith(String prefix) {
      if (contentLength() < prefix.length()) {
        return false;
      }
      for (int i = 0; i < prefix.length(); i++) {
        if (bytes[i] != (byte) prefix.charAt(i)) {
          return false;
        }
      }
      return true;
    }
  }

  private static final int BUFFER_SIZE = 1 << 16;

  private final InputStream in;
  private final int maxLineLength;
  private final byte[] buffer = new byte[BUFFER_SIZE];
  private int position;
  private int limit;
  private long offset;
  private long lineNumber;

  public ByteLineReader(InputStream in, int maxLineLength) {
    this(in, maxLineLength, 0);
  }

  /**
   * A reader of a stream that starts at byte {@code startOffset} of a file, so that the lines'
   * offsets are the file's (their numbers count from 1 at the start of the stream).
   */
  public ByteLineReader(InputStream in, int maxLineLength, long startOffset) {
    this.in = in;
    this.maxLineLength = maxLineLength;
    this.offset = startOffset;
  }

  /** The next line, or null at the end of the input. */
  public Line next() throws IOException {
    long start = offset;
    byte[] line = new byte[128];
    int length = 0;
    boolean truncated = false;
    while (true) {
      if (position == limit && !fill()) {
        if (length == 0 && !truncated) {
          return null;
        }
        break;
      }
      int newline = indexOfNewline();
      int end = newline < 0 ? limit : newline + 1;
      int count = end - position;
      int room = maxLineLength - length;
      int copied = Math.min(count, Math.max(room, 0));
      if (copied < count) {
        truncated = true;
      }
      if (copied > 0) {
        if (length + copied > line.length) {
          line = Arrays.copyOf(line, Math.max(line.length * 2, length + copied));
        }
        System.arraycopy(buffer, position, line, length, copied);
        length += copied;
      }
      position = end;
      offset += count;
      if (newline >= 0) {
        break;
      }
    }
    lineNumber++;
    return new Line(lineNumber, start, Arrays.copyOf(line, length), truncated);
  }

  /** The offset of the next byte to read: at the end of the input, where the input ends. */
  public long offset() {
    return offset;
  }

  private int indexOfNewline() {
    for (int i = position; i < limit; i++) {
      if (buffer[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private boolean fill() throws IOException {
    int read = in.read(buffer, 0, buffer.length);
    if (read <= 0) {
      return false;
    }
    position = 0;
    limit = read;
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
