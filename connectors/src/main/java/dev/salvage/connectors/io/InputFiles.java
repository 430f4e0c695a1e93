package dev.salvage.connectors.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/** Opens input files for streaming, decompressing gzip transparently (detected by magic bytes). */
public final class InputFiles {
  private static final int BUFFER_SIZE = 1 << 16;

  /** The first bytes of every gzip stream. */
  private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b};

  private InputFiles() {}

  /** A buffered stream over {@code file}, gunzipped when the file starts with the gzip magic. */
  public static InputStream open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER_SIZE);
    try {
      if (startsWith(in, GZIP_MAGIC)) {
        return new OneReadBufferedInputStream(new GZIPInputStream(in, BUFFER_SIZE), BUFFER_SIZE);
      }
      return in;
    } catch (IOException e) {
      in.close();
      throw e;
    }
  }

  /**
   * A buffered stream whose bulk read reads the stream below at most once. {@link
   * BufferedInputStream} keeps reading into the caller's array while more is available, and when a
   * truncated gzip stream then fails, the bytes it already copied are lost with the exception: a
   * small truncated .mbox.gz gave no record at all. Here the failure comes on the next read, after
   * every byte decompressed before the cut was handed out.
   */
  static final class OneReadBufferedInputStream extends BufferedInputStream {
    OneReadBufferedInputStream(InputStream in, int size) {
      super(in, size);
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      int delivered = 0;
      if (pos >= count) {
        // one fill of the buffer, through the single-byte read: nothing is delivered yet
        int first = read();
        if (first < 0) {
          return -1;
        }
        b[off] = (byte) first;
        delivered = 1;
      }
      int copied = Math.min(count - pos, len - delivered);
      System.arraycopy(buf, pos, b, off + delivered, copied);
      pos += copied;
      return delivered + copied;
    }
  }

  /** Whether {@link #open} gunzips the file: a byte offset into it is not one of its bytes. */
  public static boolean isGzip(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), GZIP_MAGIC.length)) {
      return startsWith(in, GZIP_MAGIC);
    }
  }

  /** Whether the (mark-supporting) stream starts with {@code magic}; the stream is not consumed. */
  public static boolean startsWith(InputStream in, byte[] magic) throws IOException {
    in.mark(magic.length);
    try {
      byte[] head = in.readNBytes(magic.length);
      return Arrays.equals(head, magic);
    } finally {
      in.reset();
    }
  }
}
