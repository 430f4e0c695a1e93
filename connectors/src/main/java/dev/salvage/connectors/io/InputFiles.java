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
        return new BufferedInputStream(new GZIPInputStream(in, BUFFER_SIZE), BUFFER_SIZE);
      }
      return in;
    } catch (IOException e) {
      in.close();
      throw e;
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
