package dev.salvage.connectors.io;

import static java.util.Objects.requireNonNull;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * An input file as the run listed it: its size and modification time then. A partition that is a
 * file is read up to that size and no further ({@link #readAsListed}), whatever the file holds by
 * the time a worker opens it: a mail client delivering into an mbox while the run read it had the
 * reader stop at whatever end it met, 48 of 60 appended mails read and 12 lost with exit 0. What
 * changed since is said after the read ({@link #changeSince}), for the run to list as not read.
 *
 * @param file the file's absolute path
 * @param size its size in bytes when the run listed it
 * @param modified its modification time then
 */
public record ListedFile(String file, long size, Instant modified) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The file a read on this thread reads as listed, or null: {@link InputFiles#open} bounds it. */
  private static final ThreadLocal<ListedFile> READING = new ThreadLocal<>();

  public ListedFile {
    requireNonNull(file, "file");
    requireNonNull(modified, "modified");
    if (size < 0) {
      throw new IllegalArgumentException("Not a file size of " + file + ": " + size);
    }
  }

  /**
   * The state of {@code partition} now when it names a regular file, else empty (a directory, a
   * byte range of a big mbox, which checks its own file, a Stripe slice, a mail folder).
   */
  public static Optional<ListedFile> of(String partition) {
    Path path;
    try {
      path = Path.of(partition);
    } catch (InvalidPathException notAPath) {
      return Optional.empty();
    }
    if (!Files.isRegularFile(path)) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new ListedFile(
              path.toAbsolutePath().normalize().toString(),
              Files.size(path),
              Files.getLastModifiedTime(path).toInstant()));
    } catch (IOException goneSinceListed) {
      // removed or made unreadable since the source listed it: its read says so as not read
      return Optional.empty();
    }
  }

  /** Something a reader does with the file that may fail. */
  @FunctionalInterface
  public interface Read {
    void run() throws IOException;
  }

  /**
   * Runs {@code read} with every {@link InputFiles#open} of this file on this thread given its
   * first {@link #size} bytes only: what was appended since the listing is not read at all, rather
   * than read as far as the file had grown when the reader met its end.
   */
  public void readAsListed(Read read) throws IOException {
    ListedFile before = READING.get();
    READING.set(this);
    try {
      read.run();
    } finally {
      READING.set(before);
    }
  }

  /** {@code in}, opened on {@code file}, cut at the listed size when a read as listed opened it. */
  static InputStream bounded(Path file, InputStream in) {
    ListedFile listed = READING.get();
    if (listed == null || !Path.of(listed.file).equals(file.toAbsolutePath().normalize())) {
      return in;
    }
    return new FilterInputStream(in) {
      private long left = listed.size;

      @Override
      public int read() throws IOException {
        if (left <= 0) {
          return -1;
        }
        int b = super.read();
        if (b >= 0) {
          left--;
        }
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        if (left <= 0) {
          return length == 0 ? 0 : -1;
        }
        int n = super.read(buffer, offset, (int) Math.min(length, left));
        if (n > 0) {
          left -= n;
        }
        return n;
      }

      @Override
      public long skip(long n) throws IOException {
        long skipped = super.skip(Math.min(n, left));
        left -= skipped;
        return skipped;
      }

      @Override
      public int available() throws IOException {
        return (int) Math.min(super.available(), left);
      }

      @Override
      public boolean markSupported() {
        // a reset would have to give back the bytes counted off the bound
        return false;
      }
    };
  }

  /**
   * How the file differs from what the run listed, for the operator, or empty when it is the same
   * (same size and modification time). A file that only grew was appended to, which leaves the
   * bytes before alone: those were read, and what came after is the part not read. A file that
   * shrank or was rewritten in place is not the one whose bytes the reader began with.
   */
  public Optional<Change> changeSince() throws IOException {
    Path path = Path.of(file);
    if (!Files.exists(path)) {
      return Optional.of(
          new Change(
              "the file as the run listed it",
              "Cannot read "
                  + file
                  + " as the run listed it ("
                  + size
                  + " bytes): it was removed while the run read it; the records read before may"
                  + " be from a part of it only. Rerun to read what is there now",
              false));
    }
    long sizeNow = Files.size(path);
    Instant modifiedNow = Files.getLastModifiedTime(path).toInstant();
    if (sizeNow > size) {
      String appended = "bytes " + size + "-" + sizeNow + " of " + file;
      return Optional.of(
          new Change(
              appended + ", appended after the run listed the file",
              "Cannot read "
                  + appended
                  + ": appended after the run listed the file (written to while the run read"
                  + " it, a mail client delivering into it?); the "
                  + size
                  + " bytes before them were read. Rerun to read them",
              true));
    }
    if (sizeNow != size || !modifiedNow.equals(modified)) {
      return Optional.of(
          new Change(
              "the file as it is now (it changed while the run read it)",
              "Cannot read "
                  + file
                  + " as the run listed it: it changed while the run read it ("
                  + size
                  + " bytes modified "
                  + modified
                  + " then, "
                  + sizeNow
                  + " bytes modified "
                  + modifiedNow
                  + " now), so the records read from it may hold bytes of either; rerun to read"
                  + " it as it is now",
              false));
    }
    return Optional.empty();
  }

  /**
   * What changed in a listed file while it was read.
   *
   * @param notRead what was not read, for a partition's not-read entry
   * @param reason what happened and what to do, naming the file
   * @param appended whether it only grew: what was read is the file as listed
   */
  public record Change(String notRead, String reason, boolean appended) {
    public Change {
      requireNonNull(notRead, "notRead");
      requireNonNull(reason, "reason");
    }
  }
}
