package dev.salvage.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.pipeline.bundle.Json;
import dev.salvage.pipeline.cli.SalvageCli;
import dev.salvage.pipeline.evaluate.Evaluation;
import dev.salvage.pipeline.match.PopulationPrior;
import dev.salvage.samples.ScenarioGenerator;
import dev.salvage.samples.ScenarioParams;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance of probabilistic linking on embedded Flink: generates a noisy scenario where only
 * half the payments and a third of the calendar events carry the booking reference (with more typos
 * and contact changes than the defaults), runs it with exact-key linking (the baseline) and with
 * probabilistic linking through the CLI, evaluates both against the truth, and holds the
 * probabilistic run to the bar: recall of recoverable reservations at least 0.97, precision at
 * least 0.99, above the baseline's recall, and no record joining two distinct truth customers or
 * bookings.
 */
class LinkingEndToEndTest {
  @TempDir static Path dir;
  static Map<String, Evaluation.Metrics> exact;
  static Map<String, Evaluation.Metrics> probabilistic;
  static Path probabilisticRun;

  @BeforeAll
  static void runBoth() throws Exception {
    ScenarioParams defaults = ScenarioParams.defaults();
    ScenarioParams noisy =
        new ScenarioParams(
            11,
            350,
            defaults.missingMail(),
            defaults.missingPayment(),
            defaults.missingCalendar(),
            0.5,
            0.33,
            0.06,
            0.1,
            defaults.duplicateMailRate(),
            defaults.lateChangeRate(),
            defaults.t0());
    Path scenario = dir.resolve("scenario");
    ScenarioGenerator.generate(noisy, scenario);
    exact = run(scenario, "exact");
    probabilisticRun = dir.resolve("run-probabilistic");
    probabilistic = run(scenario, "probabilistic");
  }

  static Map<String, Evaluation.Metrics> run(Path scenario, String linking) throws Exception {
    Path out = dir.resolve("run-" + linking);
    int exit =
        SalvageCli.execute(
            "run",
            "--config",
            scenario.resolve("salvage.yaml").toString(),
            "--out",
            out.toString(),
            "--parallelism",
            "2",
            "--linking",
            linking);
    assertThat(exit).as("salvage run --linking " + linking).isZero();
    Map<String, Evaluation.Metrics> metrics = Evaluation.evaluate(scenario.resolve("truth"), out);
    System.out.println("--linking " + linking + "\n" + Evaluation.table(metrics));
    return metrics;
  }

  @Test
  void probabilisticLinkingMeetsTheAcceptanceBarAndBeatsExactKeysAlone() {
    Evaluation.Metrics before = exact.get("reservations");
    Evaluation.Metrics after = probabilistic.get("reservations");
    assertThat(after.recallRecoverable()).isGreaterThanOrEqualTo(0.97);
    assertThat(after.precision()).isGreaterThanOrEqualTo(0.99);
    assertThat(after.recallRecoverable()).isGreaterThan(before.recallRecoverable());
    assertThat(after.fieldAccuracy()).isGreaterThan(before.fieldAccuracy());
  }

  @Test
  void mergesNoTwoDistinctTruthCustomersOrBookings() {
    assertThat(probabilistic.get("customers").mergedTruthEntities()).isZero();
    assertThat(probabilistic.get("reservations").mergedTruthEntities()).isZero();
    assertThat(exact.get("customers").mergedTruthEntities()).isZero();
  }

  @Test
  void neverJoinsTwoBookingsOrTwoCustomers() throws Exception {
    List<String> lines =
        Files.readAllLines(
            probabilisticRun.resolve("review").resolve("records.jsonl"), StandardCharsets.UTF_8);
    Set<String> attachedEvidence = new HashSet<>();
    int linked = 0;
    for (String line : lines) {
      JsonNode record = Json.MAPPER.readTree(line);
      String entity = record.path("entity").asText();
      String identity = entity.equals("reservation") ? "reference" : "backup_id";
      assertThat(record.path("keys").path(identity).size())
          .as("%s keys of %s", identity, record.path("id").asText())
          .isLessThanOrEqualTo(1);
      for (JsonNode link : record.path("links")) {
        linked++;
        assertThat(link.path("fields").size()).isPositive();
        for (JsonNode ref : link.path("evidence")) {
          assertThat(attachedEvidence.add(ref.asText())).as("attached twice: " + ref).isTrue();
        }
      }
    }
    assertThat(linked).isPositive();
  }

  @Test
  void summaryCountsCandidatePairsPerBlockingRuleAndTheDecisions() throws Exception {
    JsonNode linking =
        Json.MAPPER.readTree(probabilisticRun.resolve("summary.json").toFile()).path("linking");
    JsonNode reservation = linking.path("reservation");
    for (String rule : List.of("customer_email", "vehicle+pickup_at", "customer_name+booked_at")) {
      assertThat(reservation.path("block." + rule + ".keys").asLong()).as(rule).isPositive();
      assertThat(reservation.path("block." + rule + ".pairs").asLong()).as(rule).isPositive();
    }
    long attached = reservation.path("attached").asLong();
    assertThat(attached).isPositive();
    long linksInRecords = 0;
    for (String line :
        Files.readAllLines(
            probabilisticRun.resolve("review").resolve("records.jsonl"), StandardCharsets.UTF_8)) {
      JsonNode record = Json.MAPPER.readTree(line);
      if (record.path("keys").path("reference").size() == 1) {
        linksInRecords += record.path("links").size();
      }
    }
    // an attachment refused later (two attachments naming different payments) stays unlinked;
    // a new entity that joins a booking brings two links: to the booking and its own pairing
    long joined =
        reservation.path("new_entity.attached").asLong()
            + reservation.path("new_entity.attached_for_review").asLong();
    assertThat(linksInRecords)
        .isLessThanOrEqualTo(
            attached + reservation.path("attached_for_review").asLong() + 2 * joined)
        .isPositive();
  }

  @Test
  void everyLinkWeighsThePopulationPriorFirst() throws Exception {
    int links = 0;
    for (String line :
        Files.readAllLines(
            probabilisticRun.resolve("review").resolve("records.jsonl"), StandardCharsets.UTF_8)) {
      for (JsonNode link : Json.MAPPER.readTree(line).path("links")) {
        links++;
        JsonNode prior = link.path("fields").get(0);
        assertThat(prior.path("field").asText()).isEqualTo(PopulationPrior.FIELD);
        // a few hundred bookings: the odds before looking at any field are 1 in hundreds
        assertThat(prior.path("weight").asDouble()).isBetween(-12.0, -6.0);
        double sum = 0;
        for (JsonNode field : link.path("fields")) {
          sum += field.path("weight").asDouble();
        }
        assertThat(link.path("weight").asDouble())
            .isCloseTo(sum, org.assertj.core.data.Offset.offset(0.01));
      }
    }
    assertThat(links).isPositive();
  }

  @Test
  void theSummaryAndConsoleCountTheRecordsAsWrittenAfterMatching() throws Exception {
    // regression: the table counted records before matching attached evidence and made new ones
    java.util.Map<String, Integer> written = new java.util.HashMap<>();
    for (String file : List.of("records.jsonl", "unlinked.jsonl")) {
      for (String line :
          Files.readAllLines(
              probabilisticRun.resolve("review").resolve(file), StandardCharsets.UTF_8)) {
        JsonNode record = Json.MAPPER.readTree(line);
        String action = file.equals("unlinked.jsonl") ? "UNLINKED" : record.path("action").asText();
        written.merge(record.path("entity").asText() + "." + action, 1, Integer::sum);
      }
    }
    JsonNode entities =
        Json.MAPPER.readTree(probabilisticRun.resolve("summary.json").toFile()).path("entities");
    assertThat(
            Json.MAPPER
                .readTree(probabilisticRun.resolve("summary.json").toFile())
                .at("/linking/reservation/new_entities")
                .asLong())
        .as("matching made new bookings, which only a count after matching sees")
        .isPositive();
    for (String entity : List.of("reservation", "customer")) {
      for (String action : List.of("NEW", "UPDATED", "UNCHANGED", "CONFLICT", "UNLINKED")) {
        assertThat(entities.path(entity).path(action).asInt())
            .as(entity + " " + action)
            .isEqualTo(written.getOrDefault(entity + "." + action, 0));
      }
    }
  }

  @Test
  void turnsEvidenceWithoutAnyReferenceIntoNewBookingsFlaggedForReview() throws Exception {
    List<JsonNode> created = new java.util.ArrayList<>();
    for (String line :
        Files.readAllLines(
            probabilisticRun.resolve("review").resolve("records.jsonl"), StandardCharsets.UTF_8)) {
      JsonNode record = Json.MAPPER.readTree(line);
      if (record.path("entity").asText().equals("reservation")
          && record.path("keys").path("reference").isEmpty()) {
        created.add(record);
      }
    }
    assertThat(created).isNotEmpty();
    for (JsonNode record : created) {
      assertThat(record.path("action").asText()).isEqualTo("NEW");
      assertThat(record.path("flagged").asBoolean()).isTrue();
      assertThat(record.path("fields").path("vehicle").path("value").asText()).isNotBlank();
      assertThat(record.path("fields").path("pickup_at").path("value").asText()).isNotBlank();
    }
  }
}
