package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * scripts/bench's command line: an operator reads its --help before benchmarking a scenario of
 * their own. Until 2026-12-07 (trial 80) --help printed the table's header, passed "--help" on to
 * samples generate as the number of reservations and failed with exit 1.
 */
class BenchScriptTest {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Path BENCH = REPO.resolve("scripts/bench");

  private record Result(int code, String out, String err) {}

  private static Result bench(String... args) throws IOException, InterruptedException {
    Path out = Files.createTempFile("bench-out", ".txt");
    Path err = Files.createTempFile("bench-err", ".txt");
    try {
      Process process =
          new ProcessBuilder(
                  java.util.stream.Stream.concat(
                          java.util.stream.Stream.of("bash", BENCH.toString()),
                          java.util.stream.Stream.of(args))
                      .toList())
              .directory(REPO.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("bench ended").isTrue();
      return new Result(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  @Test
  void helpSaysHowToBenchmarkGeneratedScenariosAndOnesOwnAndRunsNothing() throws Exception {
    Result result = bench("--help");

    assertThat(result.code()).isZero();
    assertThat(result.out())
        .contains("scripts/bench [RESERVATIONS...]")
        .contains("--config salvage.yaml [--truth DIR]")
        .contains("--stop-after map")
        .doesNotContain("reservations stage");
    assertThat(result.err()).isEmpty();
    assertThat(REPO.resolve("out/bench/scenario---help")).doesNotExist();
  }

  @Test
  void anArgumentThatIsNeitherANumberNorAnOptionIsRefusedWithExit2NamingIt() throws Exception {
    Result result = bench("ten");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("'ten'").contains("scripts/bench --help");
    assertThat(result.out()).isEmpty();
    assertThat(REPO.resolve("out/bench/scenario-ten")).doesNotExist();
  }

  @Test
  void aConfigThatDoesNotExistIsRefusedBeforeAnythingRuns() throws Exception {
    Result result = bench("--config", "no/such/salvage.yaml");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("--config no/such/salvage.yaml");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void theTruthWithoutAConfigIsRefusedSinceAGeneratedScenarioBringsItsOwn() throws Exception {
    Result result = bench("--truth", REPO.resolve("samples/scenario/truth").toString());

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("--truth needs --config");
    assertThat(List.of(result.out())).containsExactly("");
  }
}
