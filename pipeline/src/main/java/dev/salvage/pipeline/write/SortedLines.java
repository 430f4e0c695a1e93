package dev.salvage.pipeline.write;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.UnaryOperator;

/**
 * Joins the lines of a file's parts in sorted order, so that a file comes out byte-identical
 * however the runner split and ordered its work: the line order of the parts depends on the
 * workers' scheduling, the sorted order only on the content. Lines start with the record's id, so
 * the files are in id order. Memory stays bounded: runs of at most {@link #RUN_CHARS} characters
 * are sorted and spilled beside the parts, then merged.
 */
final class SortedLines {
  /** Characters of lines sorted in memory at once (about 2 bytes each). */
  static final long RUN_CHARS = 32L << 20;

  private SortedLines() {}

  /**
   * Writes the lines of {@code parts}, sorted, to {@code out}, each passed through {@code decode}
   * and followed by a line feed.
   *
   * @param work a directory for the sorted runs of a large input
   */
  static void join(List<Path> parts, Path work, OutputStream out, UnaryOperator<String> decode)
      throws IOException {
    join(parts, work, out, decode, RUN_CHARS);
  }

  /** As {@link #join(List, Path, OutputStream, UnaryOperator)}, with runs of {@code runChars}. */
  static void join(
      List<Path> parts, Path work, OutputStream out, UnaryOperator<String> decode, long runChars)
      throws IOException {
    List<Path> runs = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    long chars = 0;
    try {
      for (Path part : parts) {
        try (BufferedReader in = Files.newBufferedReader(part, StandardCharsets.UTF_8)) {
          for (String line; (line = in.readLine()) != null; ) {
            lines.add(line);
            chars += line.length() + 32;
            if (chars >= runChars) {
              runs.add(spill(lines, work, runs.size()));
              lines.clear();
              chars = 0;
            }
          }
        }
      }
      Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
      if (runs.isEmpty()) {
        lines.sort(Comparator.naturalOrder());
        for (String line : lines) {
          writer.write(decode.apply(line));
          writer.write('\n');
        }
      } else {
        if (!lines.isEmpty()) {
          runs.add(spill(lines, work, runs.size()));
          lines.clear();
        }
        merge(runs, writer, decode);
      }
      writer.flush();
    } finally {
      for (Path run : runs) {
        Files.deleteIfExists(run);
      }
    }
  }

  private static Path spill(List<String> lines, Path work, int number) throws IOException {
    lines.sort(Comparator.naturalOrder());
    Path run = work.resolve(".sorted-run-" + number);
    Files.write(run, lines, StandardCharsets.UTF_8);
    return run;
  }

  private record Head(String line, BufferedReader reader) {}

  private static void merge(List<Path> runs, Writer writer, UnaryOperator<String> decode)
      throws IOException {
    PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::line));
    List<BufferedReader> readers = new ArrayList<>();
    try {
      for (Path run : runs) {
        BufferedReader reader = Files.newBufferedReader(run, StandardCharsets.UTF_8);
        readers.add(reader);
        String first = reader.readLine();
        if (first != null) {
          heads.add(new Head(first, reader));
        }
      }
      while (!heads.isEmpty()) {
        Head head = heads.poll();
        writer.write(decode.apply(head.line()));
        writer.write('\n');
        String next = head.reader().readLine();
        if (next != null) {
          heads.add(new Head(next, head.reader()));
        }
      }
    } finally {
      for (BufferedReader reader : readers) {
        reader.close();
      }
    }
  }
}
