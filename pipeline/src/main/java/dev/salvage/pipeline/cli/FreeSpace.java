package dev.salvage.pipeline.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The free space of the directories a run writes: the embedded Flink's temp directory (its sort
 * spill files, the job's jar, its working files) and the output directory with its {@code .work}.
 * With its temp directory full, embedded Flink neither failed nor went on: its tasks waited for
 * ever for buffers its spilling could not free; and a full output directory failed the run with
 * {@code No space left on device} naming no directory. The run's watch asks {@link #nearlyFull}
 * every few seconds and ends the job when one is; a job that failed for want of space is explained
 * by {@link #afterNoSpace}.
 *
 * @param places the directories, each with what it is for and how to give it room
 * @param room how much room a directory's file system has
 */
record FreeSpace(List<Place> places, Room room) {
  private static final long MIB = 1024 * 1024;

  /**
   * A directory the run writes.
   *
   * @param directory the directory
   * @param what what it is, for the message (e.g. "the output directory (--out)")
   * @param why what a full one does to the run, for the message (e.g. "embedded Flink would wait
   *     for ever on a full temp directory")
   * @param remedy how to give the run room there, a sentence
   */
  record Place(Path directory, String what, String why, String remedy) {
    Place {
      Objects.requireNonNull(directory, "directory");
      Objects.requireNonNull(what, "what");
      Objects.requireNonNull(why, "why");
      Objects.requireNonNull(remedy, "remedy");
    }
  }

  /** How much room a directory's file system has; tests fake it rather than fill a disk. */
  interface Room {
    /** The bytes this JVM may still write there. */
    long usable(Path directory) throws IOException;

    /** The file system's size in bytes. */
    long total(Path directory) throws IOException;

    /** The file stores of the real file systems. */
    static Room ofFileStores() {
      return new Room() {
        @Override
        public long usable(Path directory) throws IOException {
          return Files.getFileStore(directory).getUsableSpace();
        }

        @Override
        public long total(Path directory) throws IOException {
          return Files.getFileStore(directory).getTotalSpace();
        }
      };
    }
  }

  FreeSpace {
    places = List.copyOf(places);
    Objects.requireNonNull(room, "room");
  }

  /**
   * The free space under which a file system counts as nearly full: 2 % of it, at least 1 MiB and
   * at most 64 MiB. Flink writes its spill files in 32 KiB buffers and the bundle's parts in
   * similar pieces, so that much is gone within seconds of a run that needs more; the cap keeps a
   * big disk from being called full while it still holds gigabytes.
   */
  static long lowMark(long total) {
    return Math.max(MIB, Math.min(64 * MIB, total / 50));
  }

  /**
   * What to say of the first directory whose file system is nearly full, or null when each has
   * room. A directory that cannot be measured (not made yet, or removed) is passed over.
   */
  String nearlyFull() {
    for (Place place : places) {
      Measure measure = measure(place);
      if (measure != null && measure.usable() < lowMark(measure.total())) {
        return "The run stopped: "
            + place.what()
            + " "
            + place.directory()
            + " is nearly full: "
            + measure
            + ", and the run cannot go on writing there ("
            + place.why()
            + "). No records were written (the output directory stays marked"
            + " RUN-NOT-FINISHED). "
            + place.remedy();
      }
    }
    return null;
  }

  /**
   * What to say after a write failed for want of space: the free space of each directory now (a
   * failed job may have removed its spill files since), and which one to give room: the one a
   * failure in {@code failure}'s cause chain names, else the one with the fewest bytes free. Not
   * the smallest share free: measured after the failed writes were cleared away, a 2 MB {@code
   * --out} disk was 95 % free and a 252 GB temp disk 26 %, and the advice sent the operator to the
   * temp directory, so that the rerun failed again.
   */
  String afterNoSpace(Throwable failure) {
    Place named = null;
    Place fullest = null;
    long fullestUsable = Long.MAX_VALUE;
    StringBuilder each = new StringBuilder();
    for (Place place : places) {
      if (named == null && names(failure, place.directory())) {
        named = place;
      }
      Measure measure = measure(place);
      if (measure == null) {
        continue;
      }
      each.append(each.isEmpty() ? "" : "; ")
          .append(place.what())
          .append(' ')
          .append(place.directory())
          .append(": ")
          .append(measure);
      if (measure.usable() < fullestUsable) {
        fullestUsable = measure.usable();
        fullest = place;
      }
    }
    if (named == null && fullest == null) {
      return "A directory the run writes is full: free space where it writes its output and where"
          + " the embedded Flink spills (--tmp-dir).";
    }
    String free = each.isEmpty() ? "" : "; free now: " + each;
    if (named != null) {
      return "A directory the run writes ran out of space"
          + free
          + ". The write that failed was in "
          + named.what()
          + " "
          + named.directory()
          + ": "
          + named.remedy();
    }
    return "A directory the run writes ran out of space"
        + free
        + ". The fullest is "
        + fullest.what()
        + " "
        + fullest.directory()
        + ": "
        + fullest.remedy();
  }

  /** Whether {@code failure} or one of its causes is a write refused for want of space. */
  static boolean isNoSpace(Throwable failure) {
    return noSpaceMessage(failure) != null;
  }

  /**
   * The message of the innermost cause of {@code failure} that says a disk is full ({@code No space
   * left on device}, {@code Disk quota exceeded}), or null when none does.
   */
  static String noSpaceMessage(Throwable failure) {
    String said = null;
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      String message = t.getMessage();
      if (message != null
          && (message.contains("No space left on device")
              || message.contains("Disk quota exceeded"))) {
        said = message;
      }
    }
    return said;
  }

  /**
   * Whether a throwable in {@code failure}'s cause chain names a file in {@code directory}: a file
   * system exception's file, or the path in a message.
   */
  private static boolean names(Throwable failure, Path directory) {
    Path absolute = directory.toAbsolutePath().normalize();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      if (t instanceof FileSystemException fs && fs.getFile() != null) {
        try {
          if (Path.of(fs.getFile()).toAbsolutePath().normalize().startsWith(absolute)) {
            return true;
          }
        } catch (InvalidPathException notAPath) {
          // a file name the platform cannot parse names no directory of the run
        }
      }
      String message = t.getMessage();
      if (message != null && message.contains(absolute + "/")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Removes the files the run wrote under {@code parts} (the bundle's parts in {@code --out}'s
   * {@code .work}) when it stopped for want of space: left there, they kept the disk full for
   * nothing, as the next run clears them anyway. Only files written since {@code started}, when the
   * run had cleared the folder: never anything the run did not write.
   *
   * @return what was removed, a sentence for the stop's message, or "" when nothing was
   */
  static String removeWrittenParts(Path parts, Instant started) {
    if (!Files.isDirectory(parts)) {
      return "";
    }
    long files = 0;
    long bytes = 0;
    String failed = null;
    try (Stream<Path> walk = Files.walk(parts)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        try {
          if (Files.isRegularFile(path)
              && !Files.getLastModifiedTime(path).toInstant().isBefore(started)) {
            long size = Files.size(path);
            Files.delete(path);
            files++;
            bytes += size;
          } else if (Files.isDirectory(path) && !path.equals(parts)) {
            try (Stream<Path> left = Files.list(path)) {
              if (left.findAny().isEmpty()) {
                Files.delete(path);
              }
            }
          }
        } catch (IOException e) {
          failed = path + ": " + e.getMessage();
        }
      }
    } catch (IOException | UncheckedIOException e) {
      failed = parts + ": " + e.getMessage();
    }
    String removed =
        files == 0
            ? ""
            : "The partial files it had written in "
                + parts
                + " were removed ("
                + files
                + " file(s), "
                + bytes(bytes)
                + ").";
    return failed == null
        ? removed
        : (removed + " Some could not be removed (" + failed + "); delete " + parts + " by hand.")
            .strip();
  }

  private Measure measure(Place place) {
    try {
      return new Measure(room.usable(place.directory()), room.total(place.directory()));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** A file system's usable and total bytes, said as "X free of Y". */
  private record Measure(long usable, long total) {
    @Override
    public String toString() {
      return bytes(usable) + " free of " + bytes(total);
    }
  }

  /** A size for people: bytes, KB, MB or GB (of 1024), one decimal above bytes. */
  static String bytes(long n) {
    if (n < 1024) {
      return n + " bytes";
    }
    String[] units = {"KB", "MB", "GB", "TB"};
    double value = n;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
