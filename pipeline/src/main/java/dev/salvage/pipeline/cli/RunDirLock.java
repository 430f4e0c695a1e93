package dev.salvage.pipeline.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Holds a run's output directory for one {@code salvage run}, or one {@code salvage review}, at a
 * time. A second run into the same directory cleared the first one's parts while its workers wrote
 * them: the first run hung in its last stages and died without a word. A run under a review server
 * would rewrite the records it reads by their place in the file.
 */
final class RunDirLock implements AutoCloseable {
  static final String FILE = ".salvage-run.lock";
  private static final String RUN = "salvage run";
  private static final String REVIEW = "salvage review";

  private final FileChannel channel;
  private final FileLock lock;

  private RunDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the directory for a run, creating it when missing.
   *
   * @throws ConfigException when another run or a review (in this JVM or another process) holds it
   */
  static RunDirLock acquire(Path directory) throws IOException, ConfigException {
    Files.createDirectories(directory);
    RunDirLock taken = take(directory, RUN);
    if (taken == null) {
      throw new ConfigException(
          "Cannot run into "
              + directory
              + ": "
              + heldBy(directory)
              + " (it holds "
              + directory.resolve(FILE)
              + "); wait for it to end or give another --out");
    }
    return taken;
  }

  /**
   * Takes an existing run directory for a review server.
   *
   * @throws ConfigException when a run (or another review) holds it
   */
  static RunDirLock forReview(Path directory) throws IOException, ConfigException {
    RunDirLock taken = take(directory, REVIEW);
    if (taken == null) {
      throw new ConfigException(
          "Cannot review "
              + directory
              + ": "
              + heldBy(directory)
              + " (it holds "
              + directory.resolve(FILE)
              + "); wait for it to end");
    }
    return taken;
  }

  private static RunDirLock take(Path directory, String holder) throws IOException {
    FileChannel channel =
        FileChannel.open(
            directory.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException heldHere) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      return null;
    }
    // who holds it, for the message of the one refused
    channel.truncate(0);
    channel.write(
        ByteBuffer.wrap(
            (holder + " (pid " + ProcessHandle.current().pid() + ", since " + Instant.now() + ")\n")
                .getBytes(StandardCharsets.UTF_8)),
        0);
    channel.force(false);
    return new RunDirLock(channel, lock);
  }

  /** What the lock file says of its holder, as the reason of a refusal. */
  private static String heldBy(Path directory) {
    String holder;
    try {
      holder = Files.readString(directory.resolve(FILE), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      holder = "";
    }
    if (holder.startsWith(REVIEW)) {
      return "a review server shows it ("
          + holder
          + "), and a run would rewrite the records it shows; stop the review (Ctrl-C) first";
    }
    if (holder.startsWith(RUN)) {
      return "another salvage run is writing it (" + holder + ")";
    }
    return "another salvage run is writing it";
  }

  @Override
  public void close() throws IOException {
    try (channel) {
      lock.release();
    }
  }
}
