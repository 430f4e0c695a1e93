package dev.salvage.pipeline.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The embedded Flink's temp directories, one per run, each saying which process made it. A run
 * ended by {@code kill -9} (or a power cut) cannot remove its own, so the next run removes those
 * whose process is gone: an outside trial found them piling up in /tmp, 22 MB each.
 */
final class FlinkTempDirs {
  static final String PREFIX = "salvage-flink-";

  /** In each directory: {@code pid@host} of the run that made it. */
  static final String OWNER = ".salvage-owner";

  /** snappy-java's system property: the directory it extracts its native library to. */
  static final String SNAPPY_TEMPDIR = "org.xerial.snappy.tempdir";

  /** The run temp directory this process last gave snappy-java, or null. */
  private static String snappyDirGiven;

  private FlinkTempDirs() {}

  /**
   * Has snappy-java extract its native library into {@code dir}, this run's own temp directory,
   * unless the operator named a directory for it: in java.io.tmpdir a copy left by a run ended with
   * kill -9 stayed for ever, while {@code dir} is removed by the next run. A later run in the same
   * JVM moves it on to its own directory (the earlier one is gone; the library is extracted once
   * per JVM, so only a run that loads it first needs the directory). lz4-java has no such setting:
   * it extracts into java.io.tmpdir, which the JVM reads once at start-up.
   */
  static synchronized void extractNativeLibrariesInto(Path dir) {
    String set = System.getProperty(SNAPPY_TEMPDIR);
    if (set == null || set.equals(snappyDirGiven)) {
      snappyDirGiven = dir.toString();
      System.setProperty(SNAPPY_TEMPDIR, snappyDirGiven);
    }
  }

  /** A temp directory left by a run that no longer runs, and how many bytes it held. */
  record Left(Path directory, long bytes) {}

  /** A new directory in {@code base} for this process's embedded Flink, marked as its own. */
  static Path create(Path base) throws IOException {
    Path dir = Files.createTempDirectory(base, PREFIX);
    Files.writeString(dir.resolve(OWNER), ProcessHandle.current().pid() + "@" + host());
    return dir;
  }

  /**
   * Removes the directories in {@code base} that runs on this host left and whose process is gone.
   * One without the mark (another tool's, or an older version's) or of another host (a /tmp shared
   * over the network) is left alone, as is one whose process runs.
   */
  static List<Left> removeLeftBehind(Path base) {
    List<Left> removed = new ArrayList<>();
    String host = host();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(base, PREFIX + "*")) {
      for (Path dir : dirs) {
        String owner = owner(dir);
        int at = owner == null ? -1 : owner.indexOf('@');
        if (at <= 0 || !owner.substring(at + 1).equals(host)) {
          continue;
        }
        long pid;
        try {
          pid = Long.parseLong(owner.substring(0, at));
        } catch (NumberFormatException e) {
          continue;
        }
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
          continue;
        }
        long bytes = remove(dir);
        if (!Files.exists(dir)) {
          removed.add(new Left(dir, bytes));
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // an unreadable temp directory: nothing of ours to remove there
    }
    return removed;
  }

  /**
   * Removes {@code dir} with everything in it, best effort; the bytes its files held. A failed
   * embedded Flink still shuts down its threads for a moment after the job returns, and one of them
   * may write a file while the directory is being removed (CI saw the directory left): so the
   * removal is tried again for up to {@link #SETTLE_MILLIS} until the directory is gone.
   */
  static long remove(Path dir) {
    long bytes = removeOnce(dir);
    long deadline = System.nanoTime() + SETTLE_MILLIS * 1_000_000L;
    // gone once may not be gone for good: a thread that makes a directory below it with its
    // parents brings it back, so it must be found gone twice, 100 ms apart
    boolean goneBefore = false;
    while (System.nanoTime() < deadline) {
      boolean gone = !Files.exists(dir, LinkOption.NOFOLLOW_LINKS);
      if (gone && goneBefore) {
        break;
      }
      goneBefore = gone;
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      bytes += removeOnce(dir);
    }
    return bytes;
  }

  static final long SETTLE_MILLIS = 5_000;

  private static long removeOnce(Path dir) {
    AtomicLong bytes = new AtomicLong();
    try (Stream<Path> below = Files.walk(dir)) {
      below
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  long size = Files.isRegularFile(p) ? Files.size(p) : 0;
                  Files.deleteIfExists(p);
                  bytes.addAndGet(size);
                } catch (IOException e) {
                  // a file Flink still writes, or already removed: the rest goes all the same
                }
              });
    } catch (IOException | UncheckedIOException e) {
      // gone already
    }
    return bytes.get();
  }

  private static String owner(Path dir) {
    try {
      return Files.readString(dir.resolve(OWNER), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return null;
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
