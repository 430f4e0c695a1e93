package dev.salvage.pipeline.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salvage.pipeline.bundle.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
  void anIncompleteRunSaysWhatWasNotReadBeforeAnyCount() throws Exception {
    RunFixture.write(dir);
    Path summaryFile = dir.resolve("summary.json");
    ObjectNode summary = (ObjectNode) Json.MAPPER.readTree(summaryFile.toFile());
    summary
        .putObject("not_read")
        .putArray("mail")
        .addObject()
        .put("partition", "INBOX")
        .put("not_read", "UIDs 41..90 of folder INBOX <&>")
        .put("records_read", 40)
        .put("last_error", "connection reset")
        .put("resumable", true);
    Files.writeString(summaryFile, Json.MAPPER.writeValueAsString(summary));

    String html = Files.readString(ReportWriter.write(dir), StandardCharsets.UTF_8);

    assertThat(html).contains("Incomplete: not everything was read");
    assertThat(html.indexOf("id=\"not-read\"")).isLessThan(html.indexOf("<h2>Sources</h2>"));
    assertThat(html)
        .contains("UIDs 41..90 of folder INBOX &lt;&amp;&gt;")
        .contains("<td>40</td>")
        .contains("connection reset");
  }

  @Test
  void theSourcesTableAddsUpWithACopiesColumnWhenMailCopiesWereKeptOnce() throws Exception {
    RunFixture.write(dir);
    String plain = Files.readString(ReportWriter.write(dir), StandardCharsets.UTF_8);
    assertThat(plain).doesNotContain("<th>copies</th>");

    Path summaryFile = dir.resolve("summary.json");
    ObjectNode summary = (ObjectNode) Json.MAPPER.readTree(summaryFile.toFile());
    ObjectNode mail = (ObjectNode) summary.path("sources").fields().next().getValue();
    mail.putObject("copies_of").put("gmail", 200L).put("archive", 71L);
    Files.writeString(summaryFile, Json.MAPPER.writeValueAsString(summary));

    String html = Files.readString(ReportWriter.write(dir), StandardCharsets.UTF_8);

    assertThat(html)
        .contains("<th>quarantined</th><th>copies</th><th>rules</th>")
        .contains("<td title=\"mails kept once with a copy read elsewhere\">271</td>");
  }

  @Test
  void aCompleteRunHasNoNotReadSection() throws Exception {
    RunFixture.write(dir);
    assertThat(Files.readString(ReportWriter.write(dir), StandardCharsets.UTF_8))
        .doesNotContain("not-read");
  }

  /** The records table's data embedded in the page. */
  private static JsonNode rows(String html) throws Exception {
    String open = "<script id=\"records-data\" type=\"application/json\">";
    int start = html.indexOf(open) + open.length();
    return Json.MAPPER.readTree(html.substring(start, html.indexOf("</script>", start)));
  }

  @Test
  void showsEachFieldsChosenValueAgainstItsCompetingClaims() throws Exception {
    RunFixture.write(dir);
    Path records = dir.resolve("review/records.jsonl");
    ObjectNode record = (ObjectNode) Json.MAPPER.readTree(Files.readAllLines(records).get(0));
    record.put("id", "customer:spelled");
    String field = record.path("fields").fieldNames().next();
    ObjectNode value = (ObjectNode) record.path("fields").path(field);
    ObjectNode other = value.putArray("alternatives").addObject();
    other.put("value", "Bartosz Dąbrowski").put("support", 2).put("latest", "2026-09-16T10:00:40Z");
    other.put("note", "another spelling");
    other.putArray("sources").add("email:m2").add("calendar:ev2");
    Files.writeString(
        records,
        Json.MAPPER.writeValueAsString(record) + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);

    String html = Files.readString(ReportWriter.write(dir), StandardCharsets.UTF_8);

    assertThat(html).contains("<th>competing claims</th>");
    JsonNode spelled = null;
    JsonNode plain = null;
    for (JsonNode row : rows(html)) {
      if (row.path("id").asText().equals("customer:spelled")) {
        spelled = row;
      } else if (plain == null) {
        plain = row;
      }
    }
    assertThat(spelled).isNotNull();
    assertThat(spelled.path("competing").asText())
        .isEqualTo(
            field + ": " + value.path("value").asText() + " against Bartosz Dąbrowski (2 sources)");
    assertThat(plain.path("competing").asText()).isEmpty();
  }

  @Test
  void embedsRecordTextThatLooksLikeMarkupAsDataTheTableReadsBack() throws Exception {
    RunFixture.write(dir);
    Path records = dir.resolve("review/records.jsonl");
    ObjectNode record = (ObjectNode) Json.MAPPER.readTree(Files.readAllLines(records).get(0));
    String reason = "customer wrote </script><script>alert(1)</script> \u2028 and \u2029";
    record.put("id", "customer:markup");
    record.putArray("reasons").add(reason);
    Files.writeString(
        records,
        Json.MAPPER.writeValueAsString(record) + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);

    String html = Files.readString(ReportWriter.write(dir), StandardCharsets.UTF_8);

    JsonNode rows = rows(html);
    JsonNode row = null;
    for (JsonNode candidate : rows) {
      if (candidate.path("id").asText().equals("customer:markup")) {
        row = candidate;
      }
    }
    assertThat(row).as("row of customer:markup").isNotNull();
    assertThat(row.path("reasons").asText()).isEqualTo(reason);
    assertThat(rows.size()).isEqualTo(Files.readAllLines(records).size() + unlinkedLines());
    try (var files = Files.list(dir.resolve("review"))) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .as("no side file left behind")
          .noneMatch(name -> name.startsWith(".report-rows"));
    }
  }

  private long unlinkedLines() throws Exception {
    Path unlinked = dir.resolve("review/unlinked.jsonl");
    return Files.exists(unlinked)
        ? Files.readAllLines(unlinked).stream().filter(line -> !line.isBlank()).count()
        : 0;
  }

  @Test
  void refusesADirectoryWithoutRecords() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReportWriter.write(dir))
        .isInstanceOf(ReviewSetupException.class)
        .hasMessageContaining("records.jsonl");
  }
}
