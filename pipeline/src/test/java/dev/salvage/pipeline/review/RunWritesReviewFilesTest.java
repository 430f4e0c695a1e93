package dev.salvage.pipeline.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.pipeline.bundle.Json;
import dev.salvage.pipeline.cli.SalvageCli;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code salvage run} leaves what review needs: the raw evidence and the report. */
class RunWritesReviewFilesTest {
  @TempDir Path out;

  static Path scenario() throws Exception {
    return Path.of(RunWritesReviewFilesTest.class.getResource("/review-run/salvage.yaml").toURI());
  }

  @Test
  void everyEvidenceRefOfTheRecordsCanBeOpenedInReview() throws Exception {
    int exit =
        SalvageCli.execute(
            "run",
            "--config",
            scenario().toString(),
            "--out",
            out.toString(),
            "--runner",
            "direct");
    assertThat(exit).isZero();
    assertThat(out.resolve("review/report.html")).exists();
    Set<String> refs = new HashSet<>();
    for (String line : Files.readAllLines(out.resolve("review/records.jsonl"))) {
      Json.MAPPER.readTree(line).path("evidence").forEach(e -> refs.add(e.path("ref").asText()));
    }
    assertThat(refs).contains("stripe:ch_3PfX2a").anyMatch(r -> r.startsWith("email:"));
    try (ReviewServer server = ReviewServer.start(out, "127.0.0.1", 0, "e2e")) {
      ReviewApi api = new ReviewApi(server);
      for (String ref : refs) {
        ReviewApi.Answer answer =
            api.get("/api/evidence?ref=" + URLEncoder.encode(ref, StandardCharsets.UTF_8));
        assertThat(answer.status()).as(ref).isEqualTo(200);
      }
      JsonNode charge = api.get("/api/evidence?ref=stripe:ch_3PfX2a").json().path("items").get(0);
      assertThat(charge.path("kind").asText()).isEqualTo("stripe.charge");
      assertThat(charge.path("json").path("amount").asLong()).isEqualTo(123450);
    }
    Set<String> stored = new HashSet<>();
    for (String line : Files.readAllLines(out.resolve("review/evidence.jsonl"))) {
      stored.add(Json.MAPPER.readTree(line).path("ref").asText());
    }
    // Backup rows carried over unchanged are evidence too, though no record shows them.
    assertThat(stored).containsAll(refs).contains("backup:customers#2");
  }
}
