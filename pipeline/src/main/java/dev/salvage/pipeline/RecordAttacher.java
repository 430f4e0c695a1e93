package dev.salvage.pipeline;

import dev.salvage.pipeline.MatchUnlinkedEvidence.Attachment;
import dev.salvage.pipeline.ReconstructedRecord.Action;
import dev.salvage.pipeline.ReconstructedRecord.Change;
import dev.salvage.pipeline.ReconstructedRecord.Evidence;
import dev.salvage.pipeline.ReconstructedRecord.FieldValue;
import dev.salvage.pipeline.ReconstructedRecord.Link;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.transforms.DoFn.OutputReceiver;
import org.apache.beam.sdk.values.KV;

/**
 * Folds unlinked evidence that matched an identified record into it: fields the record lacks are
 * filled, a field both have takes the value of the newer evidence, keys and evidence are joined,
 * and each attachment is recorded as a {@link Link}. The record's confidence becomes that of its
 * weakest link; a link below the {@code link} threshold flags the record for review.
 */
final class RecordAttacher {
  private RecordAttacher() {}

  static ReconstructedRecord withReason(ReconstructedRecord record, String reason) {
    List<String> reasons = new ArrayList<>(record.reasons());
    reasons.add(reason);
    return new ReconstructedRecord(
        record.id(),
        record.entity(),
        record.action(),
        record.confidence(),
        record.flagged(),
        reasons,
        record.fields(),
        record.backup(),
        record.backupRef(),
        record.changes(),
        record.keys(),
        record.evidence(),
        record.links());
  }

  /**
   * Evidence that matched no identified record, made a record of its own: NEW, flagged for review,
   * with an id hashed from its strong keys (stable across reruns).
   */
  static ReconstructedRecord asNew(ReconstructedRecord record, double confidence) {
    StringBuilder identity = new StringBuilder(record.entity()).append("|unmatched");
    record
        .keys()
        .forEach((name, values) -> identity.append('|').append(name).append('=').append(values));
    List<String> reasons = new ArrayList<>(record.reasons());
    reasons.add(
        "new "
            + record.entity()
            + " from evidence that matches no identified one ("
            + String.join(", ", record.evidence().stream().map(Evidence::ref).toList())
            + "): review before import");
    return new ReconstructedRecord(
        record.entity() + ":new-" + EntityMerger.sha256(identity.toString()).substring(0, 16),
        record.entity(),
        Action.NEW,
        confidence,
        true,
        reasons,
        record.fields(),
        null,
        null,
        List.of(),
        record.keys(),
        record.evidence(),
        record.links());
  }

  static ReconstructedRecord attach(
      MergeSettings settings,
      ReconstructedRecord record,
      List<Attachment> attachments,
      OutputReceiver<ReconstructedRecord> refused,
      OutputReceiver<KV<String, Long>> counts) {
    if (attachments.isEmpty()) {
      return record;
    }
    List<Attachment> ordered = new ArrayList<>(attachments);
    ordered.sort(
        Comparator.comparingDouble((Attachment a) -> -a.link().weight())
            .thenComparing(a -> a.link().evidence().toString()));
    Map<String, Set<String>> keys = new TreeMap<>();
    record.keys().forEach((name, values) -> keys.put(name, new TreeSet<>(values)));
    Map<String, FieldValue> fields = new TreeMap<>(record.fields());
    List<Evidence> evidence = new ArrayList<>(record.evidence());
    List<String> reasons = new ArrayList<>(record.reasons());
    List<Link> links = new ArrayList<>(record.links());
    boolean flagged = record.flagged();
    double confidence = record.confidence();
    String prefix = "linking." + record.entity() + ".";
    for (Attachment attachment : ordered) {
      ReconstructedRecord extra = attachment.record();
      String conflict = conflictingKey(keys, extra.keys());
      if (conflict != null) {
        refused.output(
            withReason(
                extra,
                "matched "
                    + record.id()
                    + " (weight "
                    + attachment.link().weight()
                    + ") but names another "
                    + conflict
                    + " than evidence already attached: left for review"));
        counts.output(Counts.of(prefix + "refused_attachment_conflict", 1));
        continue;
      }
      extra
          .keys()
          .forEach(
              (name, values) -> keys.computeIfAbsent(name, k -> new TreeSet<>()).addAll(values));
      evidence.addAll(extra.evidence());
      Map<String, Instant> times = times(evidence);
      for (Map.Entry<String, FieldValue> field : extra.fields().entrySet()) {
        FieldValue current = fields.get(field.getKey());
        FieldValue offered = field.getValue();
        if (current == null) {
          fields.put(field.getKey(), offered);
        } else if (current.value().equals(offered.value())) {
          Set<String> sources = new LinkedHashSet<>(current.sources());
          sources.addAll(offered.sources());
          fields.put(
              field.getKey(),
              new FieldValue(current.value(), List.copyOf(sources), current.confidence()));
        } else if (latest(offered, times).isAfter(latest(current, times))) {
          fields.put(field.getKey(), offered);
          reasons.add(
              field.getKey()
                  + ": newer attached evidence says "
                  + offered.value()
                  + " (was "
                  + current.value()
                  + ")");
        }
      }
      Link link = attachment.link();
      links.add(link);
      flagged |= link.review();
      confidence = Math.min(confidence, link.probability());
      reasons.add(
          "attached "
              + String.join(", ", link.evidence())
              + " by probabilistic match, weight "
              + link.weight()
              + (link.review() ? " (below the link threshold: review)" : ""));
      counts.output(Counts.of(prefix + "attached_evidence", extra.evidence().size()));
    }
    evidence.sort(Comparator.comparing(Evidence::observedAt).thenComparing(Evidence::ref));
    Map<String, List<String>> keyLists = new TreeMap<>();
    keys.forEach((name, values) -> keyLists.put(name, List.copyOf(values)));
    List<Change> changes = record.changes();
    Action action = record.action();
    if (record.backup() != null) {
      changes = new ArrayList<>();
      for (String field : settings.backupFields().getOrDefault(record.entity(), List.of())) {
        FieldValue after = fields.get(field);
        String before = record.backup().get(field);
        if (after != null && !after.value().equals(before)) {
          changes.add(new Change(field, before, after.value(), after.sources()));
        }
      }
      if (action == Action.UNCHANGED && !changes.isEmpty()) {
        action = Action.UPDATED;
      }
    }
    return new ReconstructedRecord(
        record.id(),
        record.entity(),
        action,
        confidence,
        flagged,
        reasons,
        fields,
        record.backup(),
        record.backupRef(),
        changes,
        keyLists,
        evidence,
        links);
  }

  private static String conflictingKey(
      Map<String, Set<String>> keys, Map<String, List<String>> offered) {
    for (Map.Entry<String, List<String>> key : offered.entrySet()) {
      Set<String> have = keys.get(key.getKey());
      if (have != null && !have.isEmpty() && key.getValue().stream().noneMatch(have::contains)) {
        return key.getKey();
      }
    }
    return null;
  }

  private static Map<String, Instant> times(List<Evidence> evidence) {
    Map<String, Instant> times = new HashMap<>();
    for (Evidence e : evidence) {
      Instant at = FieldComparison.instant(e.observedAt());
      if (at != null) {
        times.merge(e.ref(), at, (a, b) -> a.isAfter(b) ? a : b);
      }
    }
    return times;
  }

  private static Instant latest(FieldValue value, Map<String, Instant> times) {
    return value.sources().stream()
        .map(times::get)
        .filter(java.util.Objects::nonNull)
        .max(Instant::compareTo)
        .orElse(Instant.MIN);
  }
}
