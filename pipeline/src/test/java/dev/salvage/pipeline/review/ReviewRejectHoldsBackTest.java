package dev.salvage.pipeline.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salvage.pipeline.bundle.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reject that holds back other NEW records built only from the same evidence says so when it is
 * made: an outside trial rejected a booking for a closed room, and plan then kept its real guest
 * out as "in doubt", which review had never mentioned.
 */
class ReviewRejectHoldsBackTest {
  private static final String GUEST = "customer:n-ana";

  @TempDir Path dir;
  private ReviewServer server;
  private ReviewApi api;

  @BeforeEach
  void start() throws Exception {
    RunFixture.write(dir);
    // a NEW customer made from exactly the evidence of the first confident reservation
    Path records = dir.resolve("review/records.jsonl");
    String reservation =
        Files.readAllLines(records).stream()
            .filter(line -> line.contains("\"" + RunFixture.CONFIDENT_NEW.get(0) + "\""))
            .findFirst()
            .orElseThrow();
    ObjectNode guest = (ObjectNode) Json.MAPPER.readTree(reservation);
    guest.put("id", GUEST);
    guest.put("entity", "customer");
    Files.writeString(records, guest + "\n", StandardOpenOption.APPEND);
    server = ReviewServer.start(dir, "127.0.0.1", 0, "tester");
    api = new ReviewApi(server);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void saysWhichRecordsARejectHoldsBackAndThatAnApproveReleasesThem() throws Exception {
    ReviewApi.Answer rejected =
        api.post(
            "/api/decisions",
            "{\"record_id\":\""
                + RunFixture.CONFIDENT_NEW.get(0)
                + "\",\"decision\":\"reject\",\"reason\":\"room closed\"}");

    assertThat(rejected.status()).isEqualTo(200);
    assertThat(rejected.json().get("holds_back").get(0).asText()).isEqualTo(GUEST);
    assertThat(rejected.json().get("note").asText())
        .contains("also holds back " + GUEST)
        .contains("approve each in review");
  }

  @Test
  void aRejectHoldingNothingBackSaysNothingMore() throws Exception {
    ReviewApi.Answer rejected =
        api.post(
            "/api/decisions",
            "{\"record_id\":\""
                + RunFixture.CONFIDENT_NEW.get(1)
                + "\",\"decision\":\"reject\",\"reason\":\"spam\"}");

    assertThat(rejected.status()).isEqualTo(200);
    assertThat(rejected.json().has("holds_back")).isFalse();
    assertThat(rejected.json().has("note")).isFalse();
  }

  @Test
  void theRecordPageSaysWhatARejectWouldHoldBackBeforeAnyoneRejects() throws Exception {
    ReviewApi.Answer holding =
        api.get(
            "/api/record?id="
                + java.net.URLEncoder.encode(
                    RunFixture.CONFIDENT_NEW.get(0), java.nio.charset.StandardCharsets.UTF_8));
    ReviewApi.Answer holdingNothing =
        api.get(
            "/api/record?id="
                + java.net.URLEncoder.encode(
                    RunFixture.CONFIDENT_NEW.get(1), java.nio.charset.StandardCharsets.UTF_8));

    assertThat(holding.status()).isEqualTo(200);
    assertThat(holding.json().get("holds_back").get(0).asText()).isEqualTo(GUEST);
    assertThat(holdingNothing.json().get("holds_back").size()).isZero();
    assertThat(ReviewApi.decisions(dir)).isEmpty();
  }
}
