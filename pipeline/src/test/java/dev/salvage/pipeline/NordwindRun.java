package dev.salvage.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.cli.SalvageCli;
import dev.salvage.samples.ScenarioGenerator;
import dev.salvage.samples.ScenarioParams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * One generated scenario of the second sample business, Nordwind Autovermietung (a fresh seed,
 * default noise, 200 bookings after the backup), run once through {@code salvage run} and shared by
 * the tests of a JVM: the accuracy test and the import test read the same run.
 *
 * @param scenario the scenario directory (salvage.yaml, backup/, truth/, target.yaml, ...)
 * @param run the run's output directory
 */
public record NordwindRun(Path scenario, Path run) {
  public static final long SEED = 2026;
  public static final int BOOKINGS = 200;

  private static NordwindRun shared;

  /** The shared run, generated and run on first use. */
  public static synchronized NordwindRun get() {
    if (shared == null) {
      try {
        Path dir = Files.createTempDirectory("salvage-nordwind-");
        // shared by the JVM's tests, so removed when the JVM ends, not after one test class
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
        Path scenario = dir.resolve("scenario");
        ScenarioGenerator.generate(
            "nordwind",
            ScenarioParams.defaults().withSeed(SEED).withReservations(BOOKINGS),
            scenario,
            message -> {});
        Path run = dir.resolve("run");
        int exit =
            SalvageCli.execute(
                "run",
                "--config",
                scenario.resolve("salvage.yaml").toString(),
                "--out",
                run.toString(),
                "--parallelism",
                "2");
        assertThat(exit).as("salvage run on the Nordwind scenario").isZero();
        shared = new NordwindRun(scenario, run);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp directory left behind is no reason to fail the build
    }
  }
}
