package dev.salvage.pipeline.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Holds a run's output directory for one {@code salvage run} at a time. A second run into the same
 * directory cleared the first one's parts while its workers wrote them: the first run hung in its
 * last stages and died without a word.
 */
final class RunDirLock implements AutoCloseable {
  static final String FILE = ".salvage-run.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private RunDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the directory, creating it when missing.
   *
   * @throws ConfigException when another run (in this JVM or another process) holds it
   */
  static RunDirLock acquire(Path directory) throws IOException, ConfigException {
    Files.createDirectories(directory);
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
      throw new ConfigException(
          "Cannot run into "
              + directory
              + ": another salvage run is writing it (it holds "
              + directory.resolve(FILE)
              + "); wait for that run to end or give another --out");
    }
    return new RunDirLock(channel, lock);
  }

  @Override
  public void close() throws IOException {
    try (channel) {
      lock.release();
    }
  }
}
