package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ConsoleLostTest {
  /** A disk that is full: every write fails, as stdout redirected to a full tmpfs did. */
  private static final class FullDisk extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      throw new IOException("No space left on device");
    }
  }

  @Test
  void aCommandWhoseConsoleCouldNotBeWrittenExitsOneNotZero() {
    PrintStream full = new PrintStream(new FullDisk(), true, StandardCharsets.UTF_8);
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(said, true, StandardCharsets.UTF_8);
    CommandLine cli = SalvageCli.commandLine();
    cli.setOut(new PrintWriter(full, true));
    cli.setErr(new PrintWriter(err, true));

    int code = SalvageCli.executeOnConsole(cli, full, err, "report", "--help");

    assertThat(code).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(said.toString(StandardCharsets.UTF_8))
        .contains("its console output could not all be written", "exit 1 instead of 0");
  }

  @Test
  void aCommandWhoseConsoleWasWrittenKeepsItsExitCode() {
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(written, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    CommandLine cli = SalvageCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));

    assertThat(SalvageCli.executeOnConsole(cli, out, err, "report", "--help")).isZero();
    assertThat(written.toString(StandardCharsets.UTF_8)).contains("Usage: salvage report");
  }
}
