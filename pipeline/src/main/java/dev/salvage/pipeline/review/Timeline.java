package dev.salvage.pipeline.review;

import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Records per day for the report's chart: each piece of evidence once, by the day it was observed
 * and its source (backup rows included, by their own time), and each reconstructed record by the
 * day of its latest non-backup evidence.
 */
final class Timeline {
  static final String BACKUP = "backup";

  private final NavigableMap<LocalDate, Map<String, Integer>> evidence = new TreeMap<>();
  private final Map<LocalDate, Integer> reconstructed = new TreeMap<>();
  private final Set<String> sources = new TreeSet<>();
  private final Set<String> seen = new HashSet<>();

  /** Adds one line of records.jsonl or unlinked.jsonl. */
  void add(ReconstructedRecord record, boolean linked) {
    String latest = null;
    for (ReconstructedRecord.Evidence item : record.evidence()) {
      String source = item.source();
      String observedAt = item.observedAt();
      LocalDate day = day(observedAt);
      if (day == null) {
        continue;
      }
      if (!source.equals(BACKUP) && (latest == null || observedAt.compareTo(latest) > 0)) {
        latest = observedAt;
      }
      if (seen.add(source + "\u0000" + item.ref())) {
        sources.add(source);
        evidence.computeIfAbsent(day, d -> new TreeMap<>()).merge(source, 1, Integer::sum);
      }
    }
    if (linked && latest != null && record.action() != Action.UNCHANGED) {
      reconstructed.merge(day(latest), 1, Integer::sum);
    }
  }

  NavigableMap<LocalDate, Map<String, Integer>> evidence() {
    return evidence;
  }

  Map<LocalDate, Integer> reconstructed() {
    return reconstructed;
  }

  /** Sources in the order the chart stacks them: the backup at the bottom. */
  Set<String> sources() {
    Set<String> ordered = new java.util.LinkedHashSet<>();
    if (sources.contains(BACKUP)) {
      ordered.add(BACKUP);
    }
    ordered.addAll(sources);
    return ordered;
  }

  int evidenceOn(LocalDate day, boolean withBackup) {
    int total = 0;
    for (Map.Entry<String, Integer> count : evidence.getOrDefault(day, Map.of()).entrySet()) {
      if (withBackup || !count.getKey().equals(BACKUP)) {
        total += count.getValue();
      }
    }
    return total;
  }

  /** The UTC day of an ISO-8601 instant, or null when it is not one. */
  static LocalDate day(String instant) {
    if (instant == null || instant.length() < 10) {
      return null;
    }
    try {
      return LocalDate.parse(instant.substring(0, 10));
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }
}
