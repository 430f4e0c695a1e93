package dev.salvage.pipeline.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
  @TempDir Path dir;

  @Test
  void writesASelfContainedReportWithCountsTimelineAndQuarantine() throws Exception {
    RunFixture.write(dir);
    Path report = ReportWriter.write(dir);
    String html = Files.readString(report, StandardCharsets.UTF_8);
    assertThat(report).isEqualTo(dir.resolve("review/report.html"));
    assertThat(html).contains("<svg id=\"timeline\"").contains("class=\"bar\"");
    assertThat(html).contains("backup (T0)").contains("class=\"gap-none\"");
    assertThat(html).contains("unexpected end of input");
    assertThat(html).contains("<th>quarantined</th>");
    assertThat(html).doesNotContain("src=\"http").doesNotContain("href=\"http");
    assertThat(html).contains(RunFixture.CONFLICT_ID).contains("UNLINKED");
  }

  @Test
  void refusesADirectoryWithoutRecords() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReportWriter.write(dir))
        .isInstanceOf(ReviewSetupException.class)
        .hasMessageContaining("records.jsonl");
  }
}
