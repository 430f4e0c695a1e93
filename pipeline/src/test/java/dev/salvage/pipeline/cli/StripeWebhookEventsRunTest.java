package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.pipeline.bundle.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log of the Stripe webhook events an application received (one event a line, in the order they
 * arrived, which Stripe does not promise is the order they happened in), read as {@code
 * stripe-json}: each event is a {@code stripe.event} record holding its object as it was at the
 * event's {@code created}. Mapped with the mapping language as it is (docs/stripe.md, Webhook
 * events), the charge's later state wins over its earlier one.
 */
class StripeWebhookEventsRunTest {
  @TempDir Path dir;

  // 2026-06-10T09:50:00Z, the charge's own created, in every snapshot of it
  private static final long CHARGE_CREATED = 1781085000L;

  private static String event(
      String id, String type, long created, String reference, boolean refunded) {
    return ("{\"id\": \"%s\", \"object\": \"event\", \"api_version\": \"2024-06-20\", \"created\":"
            + " %d, \"type\": \"%s\", \"livemode\": false, \"pending_webhooks\": 1, \"request\":"
            + " {\"id\": null, \"idempotency_key\": null}, \"data\": {\"object\": {\"id\":"
            + " \"ch_9\", \"object\": \"charge\", \"amount\": 4500, \"amount_refunded\": %d,"
            + " \"currency\": \"eur\", \"created\": %d, \"paid\": true, \"refunded\": %s,"
            + " \"status\": \"succeeded\", \"customer\": {\"id\": \"cus_4\", \"object\":"
            + " \"customer\", \"email\": \"ana@example.com\"}, \"metadata\": {\"booking_ref\":"
            + " \"%s\"}}%s}}")
        .formatted(
            id,
            created,
            type,
            refunded ? 4500 : 0,
            CHARGE_CREATED,
            refunded,
            reference,
            refunded
                ? ", \"previous_attributes\": {\"amount_refunded\": 0, \"refunded\": false}"
                : "");
  }

  private Path config(String observedAt) throws Exception {
    Files.createDirectories(dir.resolve("mappings"));
    Files.createDirectories(dir.resolve("hooks"));
    Files.writeString(
        dir.resolve("entities.yaml"),
        """
        entities:
          rental:
            keys: [code]
            fields: {code: upper, status: text, paid_cents: integer, refunded_cents: integer,
                     stripe_customer: text}
        """);
    Files.writeString(
        dir.resolve("mappings/hooks.yaml"),
        """
        rules:
          - name: charge_event
            kind: stripe.event
            when: {path: type, in: [charge.succeeded, charge.refunded]}
            observed_at: %s
            emit:
              - entity: rental
                fields:
                  code: {path: data.object.metadata.booking_ref, required: true}
                  status: {path: data.object.refunded, map: {"true": cancelled, "false": confirmed}}
                  paid_cents: {path: data.object.amount, type: integer}
                  refunded_cents: {path: data.object.amount_refunded, type: integer}
                  stripe_customer: {path: data.object.customer}
          - name: other_event
            kind: stripe.event
        """
            .formatted(observedAt));
    // the refund's event arrived first: webhooks are not delivered in order
    Files.writeString(
        dir.resolve("hooks/events.jsonl"),
        event("evt_2", "charge.refunded", CHARGE_CREATED + 86_400, "RB-9", true)
            + "\n"
            + event("evt_1", "charge.succeeded", CHARGE_CREATED + 2, "RB-9", false)
            + "\n"
            // a webhook retried: the same event again, once as it was, once with another
            // pending_webhooks (the endpoints still to answer), which no rule reads
            + event("evt_1", "charge.succeeded", CHARGE_CREATED + 2, "RB-9", false)
            + "\n"
            + event("evt_2", "charge.refunded", CHARGE_CREATED + 86_400, "RB-9", true)
                .replace("\"pending_webhooks\": 1", "\"pending_webhooks\": 0")
            + "\n"
            + "{\"id\": \"evt_3\", \"object\": \"event\", \"created\": 1781085003, \"type\":"
            + " \"customer.updated\", \"data\": {\"object\": {\"id\": \"cus_4\", \"object\":"
            + " \"customer\"}}}\n");
    return Files.writeString(
        dir.resolve("salvage.yaml"),
        """
        business: {name: Rent, timezone: Europe/Berlin}
        entities: entities.yaml
        as_of: 2026-12-02T00:00:00Z
        sources:
          - {name: hooks, type: stripe-json, path: hooks, mapping: mappings/hooks.yaml}
        """);
  }

  @Test
  void aChargeRefundedAfterItSucceededComesOutRefundedFromItsEventsWhateverTheirOrderInTheLog()
      throws Exception {
    Path config = config("{path: created, type: datetime, format: epoch_seconds}");
    Path out = dir.resolve("out");

    CliRun run = CliRun.of("run", "--config", config.toString(), "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode rental = RunRecords.byCode(out).get("RB-9");
    assertThat(RunRecords.evidenceRefs(rental))
        .as(rental.toString())
        .containsExactlyInAnyOrder("stripe:evt_1", "stripe:evt_2");
    assertThat(rental.at("/fields/status/value").asText())
        .as(rental.toString())
        .isEqualTo("cancelled");
    assertThat(rental.at("/fields/refunded_cents/value").asText()).isEqualTo("4500");
    assertThat(rental.at("/fields/paid_cents/value").asText()).isEqualTo("4500");
    // the charge's customer, expanded into an object, stands for its id
    assertThat(rental.at("/fields/stripe_customer/value").asText()).isEqualTo("cus_4");
    JsonNode hooks =
        Json.MAPPER.readTree(out.resolve("summary.json").toFile()).at("/sources/hooks");
    assertThat(rental.get("flagged").asBoolean()).as(rental.toString()).isFalse();
    assertThat(hooks.get("read").asLong()).as(hooks.toString()).isEqualTo(5);
    assertThat(hooks.get("quarantined").asLong()).as(hooks.toString()).isZero();
    // both deliveries of each retried event are one piece of evidence, the other a copy
    assertThat(hooks.at("/copies_of/hooks").asLong()).as(hooks.toString()).isEqualTo(2);
  }
}
