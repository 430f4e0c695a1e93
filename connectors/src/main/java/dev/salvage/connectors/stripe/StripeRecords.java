package dev.salvage.connectors.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salvage.connectors.ContentDigest;
import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.RecordSink;

/** Turns one Stripe object into a {@code stripe.<object>} record, or quarantines it. */
final class StripeRecords {
  private StripeRecords() {}

  /**
   * @param location where the object was found, for the record and errors
   * @param where the object's place in its page or file, for messages ({@code data[3]})
   */
  static void emit(JsonNode node, String source, String location, String where, RecordSink sink) {
    if (!(node instanceof ObjectNode object)) {
      sink.quarantine(
          new Quarantined(
              source,
              location,
              "Cannot read Stripe object at " + where + ": not a JSON object",
              node.toString()));
      return;
    }
    removeSecrets(object);
    String id = text(object, "id");
    String type = text(object, "object");
    if (id == null || type == null) {
      String missing = id == null ? "id" : "object";
      String problem = object.hasNonNull(missing) ? " is not a non-empty string" : " is missing";
      sink.quarantine(
          new Quarantined(
              source,
              location,
              "Cannot read Stripe object at " + where + ": field " + missing + problem,
              object.toString()));
      return;
    }
    String json = object.toString();
    sink.accept(
        new RawRecord(
            source, "stripe." + type, "stripe:" + id, location, json, copyKey(id, type, object)));
  }

  /**
   * What the copies of an object share: its ref, but for an event, whose every delivery (a webhook
   * Stripe sent again because the first went unanswered) differs in {@code pending_webhooks}, how
   * many endpoints had yet to acknowledge it: the event's id and its content without that count, so
   * that a log holding both deliveries counts one piece of evidence, not two agreeing ones.
   */
  static String copyKey(String id, String type, ObjectNode object) {
    if (!type.equals("event") || !object.has("pending_webhooks")) {
      return "stripe:" + id;
    }
    ObjectNode content = object.deepCopy();
    content.remove("pending_webhooks");
    return "stripe:" + id + "#" + ContentDigest.of(content.toString());
  }

  /**
   * Removes every {@code client_secret} in {@code node}, at any depth: a PaymentIntent's,
   * SetupIntent's or Checkout Session's lets whoever holds it confirm the payment in a browser, and
   * nothing Salvage does needs it; records, the quarantine, evidence and snapshots would otherwise
   * carry it.
   *
   * @return how many were removed
   */
  static int removeSecrets(JsonNode node) {
    int removed = 0;
    if (node instanceof ObjectNode object && object.remove("client_secret") != null) {
      removed++;
    }
    for (JsonNode child : node) {
      removed += removeSecrets(child);
    }
    return removed;
  }

  static String text(JsonNode object, String field) {
    JsonNode value = object.get(field);
    return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
  }
}
