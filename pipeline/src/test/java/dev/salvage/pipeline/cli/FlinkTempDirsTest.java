package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlinkTempDirsTest {
  @TempDir Path base;

  @Test
  void snappysNativeLibraryGoesToTheRunsOwnTempDirectoryUnlessTheOperatorChoseOne()
      throws Exception {
    String before = System.getProperty(FlinkTempDirs.SNAPPY_TEMPDIR);
    try {
      System.clearProperty(FlinkTempDirs.SNAPPY_TEMPDIR);
      Path first = FlinkTempDirs.create(Files.createDirectories(base.resolve("a")));
      Path second = FlinkTempDirs.create(Files.createDirectories(base.resolve("b")));

      FlinkTempDirs.extractNativeLibrariesInto(first);
      assertThat(System.getProperty(FlinkTempDirs.SNAPPY_TEMPDIR)).isEqualTo(first.toString());
      // the next run in this JVM: the first run's directory is removed when it ends
      FlinkTempDirs.extractNativeLibrariesInto(second);
      assertThat(System.getProperty(FlinkTempDirs.SNAPPY_TEMPDIR)).isEqualTo(second.toString());

      System.setProperty(FlinkTempDirs.SNAPPY_TEMPDIR, "/srv/native");
      FlinkTempDirs.extractNativeLibrariesInto(first);
      assertThat(System.getProperty(FlinkTempDirs.SNAPPY_TEMPDIR)).isEqualTo("/srv/native");
    } finally {
      if (before == null) {
        System.clearProperty(FlinkTempDirs.SNAPPY_TEMPDIR);
      } else {
        System.setProperty(FlinkTempDirs.SNAPPY_TEMPDIR, before);
      }
    }
  }

  @Test
  void theTempDirectoryOfARunThatWasKilledIsRemovedAndLiveOrForeignOnesAreKept() throws Exception {
    String host = InetAddress.getLocalHost().getHostName();
    Process finished = new ProcessBuilder("true").start();
    finished.waitFor();
    Path killed = leftBy(finished.pid() + "@" + host);
    Files.write(killed.resolve("spill-0001"), new byte[4096]);
    Path live = FlinkTempDirs.create(base);
    Path otherHost = leftBy(finished.pid() + "@another-host.example");
    Path unmarked = Files.createDirectory(base.resolve(FlinkTempDirs.PREFIX + "unmarked"));
    Path otherTool = Files.createDirectory(base.resolve("flink-io-123"));

    var removed = FlinkTempDirs.removeLeftBehind(base);

    assertThat(removed)
        .singleElement()
        .satisfies(
            left -> {
              assertThat(left.directory()).isEqualTo(killed);
              assertThat(left.bytes()).isGreaterThanOrEqualTo(4096);
            });
    assertThat(killed).doesNotExist();
    assertThat(live).as("this process runs").isDirectory();
    assertThat(otherHost).as("its process may run on the other host").isDirectory();
    assertThat(unmarked).as("nothing says whose it is").isDirectory();
    assertThat(otherTool).isDirectory();
  }

  @Test
  void aDirectoryStillWrittenByAFlinkThreadThatIsShuttingDownIsRemovedOnceTheThreadStops()
      throws Exception {
    Path dir = FlinkTempDirs.create(base);
    Files.write(dir.resolve("blobStore-1"), new byte[1024]);
    // a shutting-down thread that writes for 400 ms, as the failed embedded Flink's did in CI
    Thread writer =
        new Thread(
            () -> {
              long until = System.nanoTime() + 400_000_000L;
              for (int i = 0; System.nanoTime() < until; i++) {
                Path sub = dir.resolve("minicluster_" + i % 3);
                try {
                  if (!Files.isDirectory(sub)) {
                    Files.createDirectory(sub); // fails once the run's directory is gone
                  }
                  Files.write(sub.resolve("f" + i), new byte[16]);
                } catch (Exception e) {
                  // the directory went under it: write again, as Flink's threads do
                }
              }
            });
    writer.start();
    Thread.sleep(20);

    FlinkTempDirs.remove(dir);
    writer.join();

    assertThat(dir).doesNotExist();
  }

  private Path leftBy(String owner) throws Exception {
    Path dir = Files.createTempDirectory(base, FlinkTempDirs.PREFIX);
    Files.writeString(dir.resolve(FlinkTempDirs.OWNER), owner);
    return dir;
  }
}
