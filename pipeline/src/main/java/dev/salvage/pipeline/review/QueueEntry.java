package dev.salvage.pipeline.review;

import static java.util.Objects.requireNonNull;

import dev.salvage.pipeline.bundle.JsonlFile;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the queue keeps of one reconstructed record: enough to order, filter and list it; the full
 * record stays on disk at {@code line}.
 */
record QueueEntry(
    String id,
    String entity,
    Action action,
    double confidence,
    boolean flagged,
    String title,
    String searchText,
    String digest,
    Map<String, List<String>> keys,
    JsonlFile.Line line) {

  /**
   * Conflicts first, then flagged links, then the least confident; at equal confidence records that
   * need a decision before the unchanged ones, which a reviewer would otherwise wade through first
   * when every confidence is 1.0.
   */
  static final Comparator<QueueEntry> BY_NEED =
      Comparator.comparingInt(QueueEntry::tier)
          .thenComparingDouble(QueueEntry::confidence)
          .thenComparing(entry -> !entry.needsDecision())
          .thenComparing(QueueEntry::entity)
          .thenComparing(QueueEntry::id);

  QueueEntry {
    requireNonNull(id, "id");
    requireNonNull(entity, "entity");
    requireNonNull(action, "action");
  }

  static QueueEntry of(ReconstructedRecord record, JsonlFile.Line line, RunModel model) {
    StringBuilder search = new StringBuilder(record.id()).append(' ');
    record.fields().values().forEach(value -> search.append(value.value()).append(' '));
    return new QueueEntry(
        record.id(),
        record.entity(),
        record.action(),
        record.confidence(),
        record.flagged(),
        model.title(record),
        search.toString().toLowerCase(Locale.ROOT),
        record.digest(),
        record.keys(),
        line);
  }

  /**
   * Whether the import needs a reviewer's word on the record: an unchanged record that nothing
   * flagged writes nothing either way.
   */
  boolean needsDecision() {
    return action != Action.UNCHANGED || flagged;
  }

  int tier() {
    if (action == Action.CONFLICT) {
      return 0;
    }
    return flagged ? 1 : 2;
  }
}
