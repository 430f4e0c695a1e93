package dev.salvage.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.cli.SalvageCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private PrintStream originalErr;
  private PrintStream originalOut;

  @BeforeEach
  void captureStreams() {
    originalErr = System.err;
    originalOut = System.out;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreStreams() {
    System.setErr(originalErr);
    System.setOut(originalOut);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void printsHelpForEveryCommandAndExitsZero() {
    assertThat(SalvageCli.execute("--help")).isZero();
    assertThat(SalvageCli.execute("run", "--help")).isZero();
    assertThat(SalvageCli.execute("evaluate", "--help")).isZero();
    assertThat(SalvageCli.execute("samples", "generate", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("--flink-master", "--truth", "--reservations");
  }

  @Test
  void exitsTwoOnBadUsage() {
    assertThat(SalvageCli.execute("run", "--no-such-option")).isEqualTo(2);
    assertThat(SalvageCli.execute("run")).isEqualTo(2);
    assertThat(stderr()).contains("--config");
  }

  @Test
  void exitsTwoAndNamesTheFileWhenTheConfigIsMissing() {
    Path missing = dir.resolve("nope.yaml");
    assertThat(
            SalvageCli.execute(
                "run", "--config", missing.toString(), "--out", dir.resolve("out").toString()))
        .isEqualTo(2);
    assertThat(stderr()).contains("nope.yaml");
  }

  @Test
  void exitsTwoAndNamesThePlaceWhenTheConfigIsBroken() throws Exception {
    Path config = dir.resolve("salvage.yaml");
    Files.writeString(config, "business:\n  timezone: Mars/Olympus\n");
    assertThat(
            SalvageCli.execute(
                "run", "--config", config.toString(), "--out", dir.resolve("out").toString()))
        .isEqualTo(2);
    assertThat(stderr()).contains("salvage.yaml").startsWith("Invalid configuration");
  }

  @Test
  void evaluateExitsTwoWhenTheTruthIsMissing() {
    assertThat(
            SalvageCli.execute(
                "evaluate", "--truth", dir.resolve("truth").toString(), "--run", dir.toString()))
        .isEqualTo(2);
    assertThat(stderr()).contains("manifest.json");
  }
}
