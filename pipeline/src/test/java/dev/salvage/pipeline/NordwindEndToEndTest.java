package dev.salvage.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.pipeline.bundle.Json;
import dev.salvage.pipeline.evaluate.Evaluation;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The acceptance of the second sample business, Nordwind Autovermietung, mapped with YAML only:
 * generated with a seed of its own and default noise, run with the default (probabilistic) linking,
 * and evaluated against its truth. Both entities must reach precision 0.99, recall of recoverable
 * records 0.99 and field accuracy 0.98, with no record joining two truth entities.
 */
class NordwindEndToEndTest {
  static NordwindRun nordwind;
  static Map<String, Evaluation.Metrics> metrics;

  @BeforeAll
  static void runAndEvaluate() throws Exception {
    nordwind = NordwindRun.get();
    metrics = Evaluation.evaluate(nordwind.scenario().resolve("truth"), nordwind.run());
    System.out.println("Nordwind, seed " + NordwindRun.SEED + "\n" + Evaluation.table(metrics));
  }

  @Test
  void bookingsAndClientsMeetTheAcceptanceBar() {
    for (String table : new String[] {"bookings", "clients"}) {
      Evaluation.Metrics measured = metrics.get(table);
      assertThat(measured.recoverable()).as(table + " recoverable").isPositive();
      assertThat(measured.precision()).as(table + " precision").isGreaterThanOrEqualTo(0.99);
      assertThat(measured.recallRecoverable())
          .as(table + " recall of recoverable")
          .isGreaterThanOrEqualTo(0.99);
      assertThat(measured.fieldAccuracy())
          .as(table + " field accuracy")
          .isGreaterThanOrEqualTo(0.98);
      assertThat(measured.mergedTruthEntities()).as(table + " merged").isZero();
    }
  }

  @Test
  void everySourceIsReadAndMostOfItUsed() throws Exception {
    JsonNode sources =
        Json.MAPPER.readTree(nordwind.run().resolve("summary.json").toFile()).path("sources");
    for (String source : new String[] {"mail", "stripe", "calendar", "backup"}) {
      JsonNode counts = sources.path(source);
      assertThat(counts.path("read").asLong()).as(source + " read").isPositive();
      assertThat(counts.path("used").asLong())
          .as(source + " used")
          .isGreaterThan(counts.path("read").asLong() / 2);
    }
  }

  @Test
  void completedBookingsComeFromTheDerivationAndUntaggedEventsAreLinked() throws Exception {
    String records = Files.readString(nordwind.run().resolve("review").resolve("records.jsonl"));
    assertThat(records).contains("status derived as completed by rule completed_after_return");
    JsonNode linking =
        Json.MAPPER
            .readTree(nordwind.run().resolve("summary.json").toFile())
            .path("linking")
            .path("booking");
    assertThat(linking.path("attached").asLong()).as("untagged evidence attached").isPositive();
  }
}
