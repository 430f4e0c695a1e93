package dev.salvage.pipeline.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.cli.SalvageCli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewCliTest {
  @TempDir Path dir;

  @Test
  void reportCommandWritesTheReportOfARun() throws Exception {
    RunFixture.write(dir);
    assertThat(SalvageCli.execute("report", "--run", dir.toString())).isZero();
    assertThat(dir.resolve("review/report.html")).isNotEmptyFile();
  }

  @Test
  void reviewAndReportExitTwoOnADirectoryThatIsNotARun() {
    assertThat(SalvageCli.execute("review", "--run", dir.toString())).isEqualTo(2);
    assertThat(SalvageCli.execute("report", "--run", dir.toString())).isEqualTo(2);
    assertThat(SalvageCli.execute("review", "--run", dir.toString(), "--port", "70000"))
        .isEqualTo(2);
  }
}
