package dev.salvage.pipeline.write;

import dev.salvage.connectors.io.ByteLineReader;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.UnaryOperator;

/**
 * Joins the lines of a file's parts in sorted order, so that a file comes out byte-identical
 * however the runner split and ordered its work: the line order of the parts depends on the
 * workers' scheduling, the sorted order only on the content. Lines start with the record's id, so
 * the files are in id order. Memory stays bounded: runs of at most {@link #RUN_BYTES} bytes are
 * sorted and spilled beside the parts, then merged.
 *
 * <p>Lines stay the UTF-8 bytes the parts hold and are compared as unsigned bytes, which is code
 * point order: decoding them to strings and encoding them again took most of this step's time at
 * 10k reservations (hundreds of MB of evidence), on the client's one thread after the pipeline.
 */
final class SortedLines {
  /** Bytes of lines sorted in memory at once. */
  static final long RUN_BYTES = 64L << 20;

  // a line is kept whole however long it is: a part line is one record, never cut
  private static final int NO_LIMIT = Integer.MAX_VALUE - 8;

  private static final Comparator<byte[]> BYTE_ORDER = Arrays::compareUnsigned;

  private SortedLines() {}

  /** Writes the lines of {@code parts}, sorted, to {@code out}, each followed by a line feed. */
  static void join(List<Path> parts, Path work, OutputStream out) throws IOException {
    join(parts, work, out, null, RUN_BYTES);
  }

  /**
   * As {@link #join(List, Path, OutputStream)}, each line passed through {@code decode} after
   * sorting.
   *
   * @param work a directory for the sorted runs of a large input
   */
  static void join(List<Path> parts, Path work, OutputStream out, UnaryOperator<String> decode)
      throws IOException {
    join(parts, work, out, decode, RUN_BYTES);
  }

  /**
   * As {@link #join(List, Path, OutputStream, UnaryOperator)}, with runs of {@code runBytes}; a
   * null {@code decode} writes the lines as they are.
   */
  static void join(
      List<Path> parts, Path work, OutputStream target, UnaryOperator<String> decode, long runBytes)
      throws IOException {
    List<Path> runs = new ArrayList<>();
    List<byte[]> lines = new ArrayList<>();
    long bytes = 0;
    // runs of files joined at the same time must not meet: each named after the first part
    String runPrefix =
        ".sorted-run-" + (parts.isEmpty() ? "none" : parts.get(0).getFileName().toString()) + "-";
    try {
      for (Path part : parts) {
        try (ByteLineReader in = new ByteLineReader(Files.newInputStream(part), NO_LIMIT)) {
          for (ByteLineReader.Line line; (line = in.next()) != null; ) {
            byte[] content = Arrays.copyOf(line.bytes(), line.contentLength());
            lines.add(content);
            bytes += content.length + 32;
            if (bytes >= runBytes) {
              runs.add(spill(lines, work.resolve(runPrefix + runs.size())));
              lines.clear();
              bytes = 0;
            }
          }
        }
      }
      OutputStream out = new BufferedOutputStream(target, 1 << 16);
      if (runs.isEmpty()) {
        lines.sort(BYTE_ORDER);
        for (byte[] line : lines) {
          writeLine(out, line, decode);
        }
      } else {
        if (!lines.isEmpty()) {
          runs.add(spill(lines, work.resolve(runPrefix + runs.size())));
          lines.clear();
        }
        merge(runs, out, decode);
      }
      out.flush();
    } finally {
      for (Path run : runs) {
        Files.deleteIfExists(run);
      }
    }
  }

  private static void writeLine(OutputStream out, byte[] line, UnaryOperator<String> decode)
      throws IOException {
    if (decode == null) {
      out.write(line);
    } else {
      out.write(
          decode.apply(new String(line, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    }
    out.write('\n');
  }

  private static Path spill(List<byte[]> lines, Path run) throws IOException {
    lines.sort(BYTE_ORDER);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(run), 1 << 16)) {
      for (byte[] line : lines) {
        out.write(line);
        out.write('\n');
      }
    }
    return run;
  }

  private record Head(byte[] line, ByteLineReader reader) {}

  private static void merge(List<Path> runs, OutputStream out, UnaryOperator<String> decode)
      throws IOException {
    PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::line, BYTE_ORDER));
    List<ByteLineReader> readers = new ArrayList<>();
    try {
      for (Path run : runs) {
        ByteLineReader reader = new ByteLineReader(Files.newInputStream(run), NO_LIMIT);
        readers.add(reader);
        byte[] first = content(reader);
        if (first != null) {
          heads.add(new Head(first, reader));
        }
      }
      while (!heads.isEmpty()) {
        Head head = heads.poll();
        writeLine(out, head.line(), decode);
        byte[] next = content(head.reader());
        if (next != null) {
          heads.add(new Head(next, head.reader()));
        }
      }
    } finally {
      for (ByteLineReader reader : readers) {
        reader.close();
      }
    }
  }

  private static byte[] content(ByteLineReader reader) throws IOException {
    ByteLineReader.Line line = reader.next();
    return line == null ? null : Arrays.copyOf(line.bytes(), line.contentLength());
  }
}
