package dev.salvage.pipeline.review;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A JSON-lines file read by position: one scan at open hands every line's span and parsed JSON to a
 * visitor (which keeps what it needs, usually the span), and {@link #read} fetches one line again
 * later, so large runs are never held in memory whole.
 */
final class JsonlFile implements Closeable {
  /** Where one line lies in the file. */
  record Span(long offset, int length) {}

  interface Visitor {
    void line(Span span, JsonNode json) throws IOException;
  }

  private final Path file;
  private final FileChannel channel;

  private JsonlFile(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /** Opens and scans {@code file}; a missing file reads as empty, a bad line names its place. */
  static JsonlFile open(Path file, Visitor visitor) throws IOException {
    if (!Files.exists(file)) {
      return new JsonlFile(file, null);
    }
    scan(file, visitor);
    return new JsonlFile(file, FileChannel.open(file, StandardOpenOption.READ));
  }

  /** Visits every line of {@code file} without keeping it open. */
  static void scan(Path file, Visitor visitor) throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
      long offset = 0;
      long lineStart = 0;
      long lineNumber = 0;
      int b;
      while (true) {
        b = in.read();
        if (b == '\n' || b == -1) {
          lineNumber++;
          if (line.size() > 0) {
            String text = line.toString(StandardCharsets.UTF_8);
            if (!text.isBlank()) {
              JsonNode json;
              try {
                json = ReviewJson.MAPPER.readTree(text);
              } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IOException(
                    "Cannot read " + file + " line " + lineNumber + ": " + e.getOriginalMessage(),
                    e);
              }
              visitor.line(new Span(lineStart, line.size()), json);
            }
          }
          if (b == -1) {
            return;
          }
          line.reset();
          offset++;
          lineStart = offset;
        } else {
          line.write(b);
          offset++;
        }
      }
    }
  }

  String read(Span span) throws IOException {
    if (channel == null) {
      throw new IOException("Cannot read " + file + ": it does not exist");
    }
    ByteBuffer buffer = ByteBuffer.allocate(span.length());
    long position = span.offset();
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, position);
      if (n < 0) {
        throw new IOException("Cannot read " + file + " at " + span.offset() + ": file shrank");
      }
      position += n;
    }
    return new String(buffer.array(), StandardCharsets.UTF_8);
  }

  JsonNode readJson(Span span) throws IOException {
    return ReviewJson.MAPPER.readTree(read(span));
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      channel.close();
    }
  }
}
