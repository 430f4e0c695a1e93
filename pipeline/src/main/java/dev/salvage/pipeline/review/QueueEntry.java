package dev.salvage.pipeline.review;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * What the queue keeps of one reconstructed record: enough to order, filter and list it; the full
 * record stays on disk at {@code span}.
 */
record QueueEntry(
    String id,
    String entity,
    String action,
    double confidence,
    boolean flagged,
    String title,
    String searchText,
    JsonlFile.Span span) {

  private static final List<String> TITLE_FIELDS =
      List.of("reference", "full_name", "name", "email", "phone");

  /** Conflicts first, then flagged links, then the least confident, then the rest. */
  static final Comparator<QueueEntry> BY_NEED =
      Comparator.comparingInt(QueueEntry::tier)
          .thenComparingDouble(QueueEntry::confidence)
          .thenComparing(QueueEntry::entity)
          .thenComparing(QueueEntry::id);

  QueueEntry {
    requireNonNull(id, "id");
    requireNonNull(entity, "entity");
    requireNonNull(action, "action");
  }

  static QueueEntry of(JsonNode record, JsonlFile.Span span) {
    JsonNode fields = record.path("fields");
    StringBuilder search = new StringBuilder(record.path("id").asText()).append(' ');
    for (Iterator<JsonNode> values = fields.elements(); values.hasNext(); ) {
      search.append(values.next().path("value").asText()).append(' ');
    }
    return new QueueEntry(
        record.path("id").asText(),
        record.path("entity").asText(),
        record.path("action").asText(),
        record.path("confidence").asDouble(),
        record.path("flagged").asBoolean(),
        title(fields),
        search.toString().toLowerCase(Locale.ROOT),
        span);
  }

  /** A short human label: the reference, name or email when the record has one. */
  static String title(JsonNode fields) {
    for (String name : TITLE_FIELDS) {
      String value = fields.path(name).path("value").asText("");
      if (!value.isEmpty()) {
        return value;
      }
    }
    Iterator<JsonNode> values = fields.elements();
    return values.hasNext() ? values.next().path("value").asText("") : "";
  }

  int tier() {
    if (action.equals("CONFLICT")) {
      return 0;
    }
    return flagged ? 1 : 2;
  }
}
