package dev.salvage.connectors.email;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One partition of a big mbox file: the messages starting in bytes {@code [start, end)}, both ends
 * message starts, and the file's size and modification time when the starts were found, so that a
 * read of a file that changed since fails instead of cutting messages apart. As a partition string
 * it stays readable in logs and in {@code summary.json}: {@code
 * FILE#bytes=START-END;size=SIZE;modified=INSTANT}.
 *
 * @param file the file's absolute path
 * @param start the offset of the range's first message
 * @param end the offset of the message after its last one, or the file's size
 * @param size the file's size when the range was found
 * @param modified the file's modification time then
 */
record MboxRange(String file, long start, long end, long size, Instant modified) {
  private static final Pattern PARTITION =
      Pattern.compile("(.+)#bytes=(\\d{1,19})-(\\d{1,19});size=(\\d{1,19});modified=(\\S+)");

  MboxRange {
    requireNonNull(file, "file");
    requireNonNull(modified, "modified");
    if (start < 0 || end <= start || end > size) {
      throw new IllegalArgumentException(
          "Not a byte range of " + file + " (" + size + " bytes): " + start + "-" + end);
    }
  }

  /** The range of a partition string, or empty when the partition is a whole file. */
  static Optional<MboxRange> parse(String partition) {
    Matcher m = PARTITION.matcher(partition);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new MboxRange(
              m.group(1),
              Long.parseLong(m.group(2)),
              Long.parseLong(m.group(3)),
              Long.parseLong(m.group(4)),
              Instant.parse(m.group(5))));
    } catch (NumberFormatException | DateTimeException e) {
      throw new IllegalArgumentException("Not an mbox range partition: " + partition, e);
    }
  }

  String partition() {
    return file + "#bytes=" + start + "-" + end + ";size=" + size + ";modified=" + modified;
  }

  /** The range for messages: {@code bytes 0-67108912 of /data/all.mbox}. */
  String describe() {
    return "bytes " + start + "-" + end + " of " + file;
  }

  /**
   * Fails naming the file and the range when the file is not the one the range was found in (its
   * size or modification time differ): its message starts may be elsewhere now. A file that grew
   * had mail appended, and its ranges are read as they were found.
   */
  void checkUnchanged() throws IOException {
    Path path = Path.of(file);
    long sizeNow = Files.size(path);
    Instant modifiedNow = Files.getLastModifiedTime(path).toInstant();
    if (sizeNow > size) {
      // grown: mail appended (a client delivering), which leaves the bytes before alone; the
      // range is read as found, and the last range says what came after it was not read
      return;
    }
    if (sizeNow != size || !modifiedNow.equals(modified)) {
      throw new IOException(
          "Cannot read "
              + describe()
              + ": the file changed since it was split into ranges ("
              + size
              + " bytes modified "
              + modified
              + " then, "
              + sizeNow
              + " bytes modified "
              + modifiedNow
              + " now); rerun to split it again");
    }
  }
}
