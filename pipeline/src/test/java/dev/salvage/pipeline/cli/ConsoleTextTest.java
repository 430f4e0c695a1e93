package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleTextTest {
  @TempDir Path dir;

  @Test
  void controlCharactersOfAnInputAreWrittenVisibleAndTheLineBreaksStay() {
    StringWriter console = new StringWriter();
    PrintWriter out = new PrintWriter(new ConsoleText(console), true);

    // a subject setting the terminal's title, clearing the screen, and a NUL and a C1 control
    out.print(
        "Cannot map mail \"\u001b]0;pwned\u0007Booking\u001b[2J\u0000 x\u0085\"\r\n\tnext é ✓");
    out.flush();

    assertThat(console.toString())
        .isEqualTo(
            "Cannot map mail \"\\x1b]0;pwned\\x07Booking\\x1b[2J\\x00 x\\x85\"\r\n\tnext é ✓");
  }

  @Test
  void theConsoleCommandLineNamesAFileWithAnEscapeInItsNameWithoutTheEscape() {
    PrintStream before = System.err;
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(said, true, StandardCharsets.UTF_8));
      String config = dir.resolve("salvage\u001b[2J.yaml").toString();

      int code = SalvageCli.consoleCommandLine().execute("run", "--config", config, "--out", "x");

      assertThat(code).isEqualTo(SalvageCli.EXIT_USAGE);
    } finally {
      System.setErr(before);
    }
    assertThat(said.toString(StandardCharsets.UTF_8))
        .contains("salvage\\x1b[2J.yaml")
        .doesNotContain("\u001b");
  }
}
