package dev.salvage.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salvage.pipeline.bundle.Json;
import dev.salvage.pipeline.cli.SalvageCli;
import dev.salvage.samples.ScenarioGenerator;
import dev.salvage.samples.ScenarioParams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Generates a scenario with a seed that is not checked in, runs the whole job on embedded Flink
 * through the CLI, evaluates it against the truth, and holds the metrics to the acceptance bar.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndTest {
  private static final ObjectMapper MAPPER = Json.MAPPER;

  Path work;
  Path scenario;
  Path run;
  int runExit;

  @BeforeAll
  void generateAndRun() throws Exception {
    work = Files.createTempDirectory("salvage-e2e");
    scenario = work.resolve("scenario");
    run = work.resolve("run");
    ScenarioParams params = ScenarioParams.defaults().withSeed(20261121L).withReservations(400);
    ScenarioGenerator.generate(params, scenario);
    runExit =
        SalvageCli.execute(
            "run",
            "--config",
            scenario.resolve("salvage.yaml").toString(),
            "--out",
            run.toString(),
            "--parallelism",
            "2");
  }

  @org.junit.jupiter.api.AfterAll
  void removeWorkDirectory() throws Exception {
    try (var paths = Files.walk(work)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void reconstructsLostReservationsAndCustomersAboveTheAcceptanceBar() throws Exception {
    assertThat(runExit).isZero();
    int evaluateExit =
        SalvageCli.execute(
            "evaluate", "--truth", scenario.resolve("truth").toString(), "--run", run.toString());
    assertThat(evaluateExit).isZero();
    JsonNode metrics = MAPPER.readTree(run.resolve("metrics.json").toFile());
    for (String table : List.of("reservations", "customers")) {
      JsonNode m = metrics.path(table);
      assertThat(m.path("truth_lost").asLong()).as(table + " truth_lost").isPositive();
      assertThat(m.path("recall_recoverable").asDouble())
          .as(table + " recall_recoverable")
          .isGreaterThanOrEqualTo(0.95);
      assertThat(m.path("precision").asDouble())
          .as(table + " precision")
          .isGreaterThanOrEqualTo(0.98);
      assertThat(m.path("field_accuracy").asDouble())
          .as(table + " field_accuracy")
          .isGreaterThanOrEqualTo(0.95);
      // a value the run gives is believed by whoever imports it
      assertThat(m.path("value_precision").asDouble())
          .as(table + " value_precision")
          .isGreaterThanOrEqualTo(0.99);
    }
  }

  @Test
  void writesTheReviewBundleAndAccountsForEveryRecordRead() throws Exception {
    assertThat(runExit).isZero();
    assertThat(run.resolve("review/records.jsonl")).isNotEmptyFile();
    assertThat(run.resolve("review/records.csv")).isNotEmptyFile();
    assertThat(run.resolve("quarantine.jsonl")).exists();
    JsonNode summary = MAPPER.readTree(run.resolve("summary.json").toFile());
    long totalRead = 0;
    for (JsonNode source : (Iterable<JsonNode>) () -> summary.path("sources").elements()) {
      long read = source.path("read").asLong();
      totalRead += read;
      // copies of a mail read elsewhere reach the rules once (docs/mail.md, Evidence ids)
      long copies = 0;
      for (JsonNode n : (Iterable<JsonNode>) () -> source.path("copies_of").elements()) {
        copies += n.asLong();
      }
      assertThat(read)
          .isEqualTo(
              source.path("used").asLong()
                  + source.path("ignored").asLong()
                  + source.path("quarantined").asLong()
                  + copies);
    }
    assertThat(totalRead).isPositive();
    assertThat(summary.path("records_read").asLong()).isEqualTo(totalRead);
    List<String> csv = Files.readAllLines(run.resolve("review/records.csv"));
    long jsonl = Files.readAllLines(run.resolve("review/records.jsonl")).size();
    assertThat(csv).hasSize((int) jsonl + 1);
  }

  @Test
  void givesTheSameRecordIdsOnARerun() throws Exception {
    Path again = work.resolve("again");
    int exit =
        SalvageCli.execute(
            "run",
            "--config",
            scenario.resolve("salvage.yaml").toString(),
            "--out",
            again.toString(),
            "--parallelism",
            "1");
    assertThat(exit).isZero();
    assertThat(ids(again)).isEqualTo(ids(run));
  }

  private static java.util.SortedSet<String> ids(Path runDir) throws Exception {
    java.util.SortedSet<String> ids = new java.util.TreeSet<>();
    for (String line : Files.readAllLines(runDir.resolve("review/records.jsonl"))) {
      ids.add(
          MAPPER.readTree(line).path("id").asText()
              + " "
              + MAPPER.readTree(line).path("action").asText());
    }
    return ids;
  }
}
