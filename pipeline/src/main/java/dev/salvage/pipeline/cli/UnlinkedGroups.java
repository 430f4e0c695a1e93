package dev.salvage.pipeline.cli;

import dev.salvage.pipeline.bundle.JsonlFile;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.match.MatchUnlinkedEvidence;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The closing note of a run whose unlinked pieces of one entity type come mostly from one rule for
 * one reason: the table's UNLINKED column gives only a count, and an outside trial (64) got 542
 * subscription charges taken by a catch-all deposit rule as unlinked loan pieces, each flagged,
 * with no word of what they had in common. A group is said when it holds at least {@link #AT_LEAST}
 * pieces and at least a third of its type's unlinked pieces; with it, up to {@link #VALUES_SAID}
 * field values more than half of the group holds and not every other unlinked piece of the type
 * (what tells them apart: an amount, a status), with how many hold each, so the operator can find
 * the records in the source and keep them out of the rule. Nothing here knows a source's format:
 * rule, source and reason are what the pieces' evidence and reasons say.
 */
final class UnlinkedGroups {
  /** The fewest pieces a group needs to be said: a few pieces alike are no pattern. */
  static final int AT_LEAST = 20;

  static final int VALUES_SAID = 2;

  private UnlinkedGroups() {}

  /** Where a piece came from and why it has no record of its own: what its group is told by. */
  private record Group(String entity, String rules, String reasons) {}

  /** One line per large group, largest first; read in two passes, so memory stays per group. */
  static List<String> notes(JsonlFile<ReconstructedRecord> unlinkedFile) throws IOException {
    return notes(unlinkedFile, java.util.Set.of());
  }

  /**
   * The same, where {@code noSharedKey} names the entity types whose sources no key joins and which
   * have no {@code linking:} section ({@code RunConfig.noSharedKeyNotes}): their pieces are of the
   * type, kept apart for want of a key, not records the rule should leave out.
   */
  static List<String> notes(
      JsonlFile<ReconstructedRecord> unlinkedFile, java.util.Set<String> noSharedKey)
      throws IOException {
    if (!unlinkedFile.exists()) {
      return List.of();
    }
    Map<String, Long> byEntity = new HashMap<>();
    Map<Group, Long> sizes = new HashMap<>();
    unlinkedFile.scan(
        (line, piece) -> {
          byEntity.merge(piece.entity(), 1L, Long::sum);
          sizes.merge(group(piece), 1L, Long::sum);
        });
    Map<Group, Long> large = new LinkedHashMap<>();
    sizes.entrySet().stream()
        .filter(
            group ->
                group.getValue() >= AT_LEAST
                    && group.getValue() * 3 >= byEntity.get(group.getKey().entity()))
        .sorted(
            Map.Entry.<Group, Long>comparingByValue()
                .reversed()
                .thenComparing(group -> group.getKey().toString()))
        .forEach(group -> large.put(group.getKey(), group.getValue()));
    if (large.isEmpty()) {
      return List.of();
    }
    // per large group: how many of its pieces hold each field value, and the values every other
    // unlinked piece of its type holds (one currency), which tell nothing apart
    Map<Group, Map<String, Long>> held = new HashMap<>();
    Map<Group, Map<String, String>> sharedByAllOthers = new HashMap<>();
    Map<Group, Map<Matched, Long>> matched = new HashMap<>();
    unlinkedFile.scan(
        (line, piece) -> {
          Group own = group(piece);
          Map<String, String> values = values(piece);
          if (large.containsKey(own)) {
            Map<String, Long> counts = held.computeIfAbsent(own, g -> new HashMap<>());
            values.forEach((field, value) -> counts.merge(field + " " + value, 1L, Long::sum));
            matched
                .computeIfAbsent(own, g -> new EnumMap<>(Matched.class))
                .merge(Matched.of(piece), 1L, Long::sum);
          }
          for (Group other : large.keySet()) {
            if (!other.equals(own) && other.entity().equals(piece.entity())) {
              sharedByAllOthers.merge(other, values, UnlinkedGroups::common);
            }
          }
        });
    List<String> notes = new ArrayList<>();
    large.forEach(
        (group, count) -> {
          Map<String, String> others = sharedByAllOthers.getOrDefault(group, Map.of());
          // a value most of the group holds (a subscription's amount, held by all but the odd
          // deposit taken with them) is what the operator can find the records by
          List<String> values =
              held.getOrDefault(group, Map.of()).entrySet().stream()
                  .filter(value -> value.getValue() * 2 > count)
                  .filter(
                      value -> {
                        String field = value.getKey().substring(0, value.getKey().indexOf(' '));
                        String text = value.getKey().substring(field.length() + 1);
                        return !text.equals(others.get(field));
                      })
                  .sorted(
                      Map.Entry.<String, Long>comparingByValue()
                          .reversed()
                          .thenComparing(Map.Entry::getKey))
                  .limit(VALUES_SAID)
                  .map(
                      value ->
                          (value.getValue().equals(count) ? "all " : "")
                              + value.getValue()
                              + (value.getValue().equals(count) ? " have " : " of them have ")
                              + value.getKey())
                  .toList();
          notes.add(
              note(
                  group,
                  count,
                  byEntity.get(group.entity()),
                  values,
                  matched.getOrDefault(group, Map.of()),
                  noSharedKey.contains(group.entity())));
        });
    return notes;
  }

  /**
   * What matching made of a piece: ambiguous between two records of its type, weighed against
   * records and below the review threshold, no record sharing a block with it, or not weighed.
   */
  enum Matched {
    AMBIGUOUS,
    MATCHED,
    BELOW_THRESHOLD,
    NO_CANDIDATE,
    NOT_WEIGHED;

    static Matched of(ReconstructedRecord piece) {
      if (MatchUnlinkedEvidence.leftAmbiguous(piece)) {
        return AMBIGUOUS;
      } else if (MatchUnlinkedEvidence.leftMatched(piece)) {
        return MATCHED;
      } else if (MatchUnlinkedEvidence.sharedNoBlock(piece)) {
        return NO_CANDIDATE;
      } else if (MatchUnlinkedEvidence.weighedBelowThreshold(piece)) {
        return BELOW_THRESHOLD;
      }
      return NOT_WEIGHED;
    }
  }

  private static String note(
      Group group,
      long count,
      long ofType,
      List<String> values,
      Map<Matched, Long> matched,
      boolean noSharedKey) {
    String head =
        "Note: "
            + group.entity()
            + ": "
            + count
            + " of the "
            + ofType
            + " unlinked piece(s) came from "
            + group.rules()
            + " and stayed unlinked: "
            + group.reasons()
            + (values.isEmpty() ? "" : "; " + String.join(", ", values));
    long ambiguous = matched.getOrDefault(Matched.AMBIGUOUS, 0L);
    long matchedOnly = matched.getOrDefault(Matched.MATCHED, 0L);
    if (ambiguous + matchedOnly == 0 && noSharedKey) {
      // the mappings give the type's sources no key in common and the model no linking: section:
      // the pieces are the type's own, which nothing could join (an outside trial's booking
      // widget's 274 confirmations, naming no booking, were said to be records to leave out)
      return head
          + ". No key joins the sources of "
          + group.entity()
          + " (said above), and it has no linking: section: these are likely "
          + group.entity()
          + " pieces nothing could join, not records the rule should leave out; add a linking:"
          + " section (docs/linking.md, Configuration). They are in review/unlinked.jsonl.";
    }
    if (ambiguous + matchedOnly == 0) {
      return head
          + ". So many pieces alike are likely records the rule should not take as a "
          + group.entity()
          + " (another kind of payment or event): narrow its when:, or take those records first"
          + " with a rule without emit; they are in review/unlinked.jsonl (docs/linking.md, Many"
          + " unlinked pieces from one rule).";
    }
    // a piece that matches records of its type (two about equally: a customer's weekly bookings
    // look alike) is one of that type: an outside trial's 40 real payments, 9 of them ambiguous,
    // were all said to be records the rule should not take
    List<String> counts = new ArrayList<>();
    if (ambiguous > 0) {
      counts.add(ambiguous + " ambiguous between two " + group.entity() + " records");
    }
    if (matchedOnly > 0) {
      counts.add(
          matchedOnly
              + " matching a "
              + group.entity()
              + " record or another unlinked piece but kept out");
    }
    long below = matched.getOrDefault(Matched.BELOW_THRESHOLD, 0L);
    if (below > 0) {
      counts.add(below + " weighed below the review threshold");
    }
    long none = matched.getOrDefault(Matched.NO_CANDIDATE, 0L);
    if (none > 0) {
      counts.add(none + " sharing no block with any record");
    }
    long notWeighed = matched.getOrDefault(Matched.NOT_WEIGHED, 0L);
    if (notWeighed > 0) {
      counts.add(notWeighed + " weighed against no record");
    }
    return head
        + "; of them "
        + String.join(", ", counts)
        + ". Pieces that match "
        + group.entity()
        + " records are "
        + group.entity()
        + " pieces the linking could not place (recurring bookings of one customer look alike),"
        + " not records the rule should take no "
        + group.entity()
        + " from: place the ones that matched in review, and for the others compare or block on a"
        + " field that tells them apart; narrow the rule's when: only if they are another kind of"
        + " payment or event. They are in review/unlinked.jsonl (docs/linking.md, Many unlinked"
        + " pieces from one rule).";
  }

  private static Group group(ReconstructedRecord piece) {
    TreeSet<String> rules = new TreeSet<>();
    piece
        .evidence()
        .forEach(
            evidence -> rules.add("rule " + evidence.rule() + " of source " + evidence.source()));
    return new Group(
        piece.entity(),
        rules.isEmpty() ? "no rule" : String.join(" and ", rules),
        // the first reason only: it says why the piece has no record of its own; the ones after
        // it carry each piece's weights and candidates, and split an outside trial's 542 alike
        // pieces into groups of 20 to 220
        piece.reasons().isEmpty() ? "none given" : "\"" + piece.reasons().get(0) + "\"");
  }

  private static Map<String, String> values(ReconstructedRecord piece) {
    Map<String, String> values = new HashMap<>();
    piece.fields().forEach((field, value) -> values.put(field, value.value()));
    return values;
  }

  /** The field values both hold alike. */
  private static Map<String, String> common(Map<String, String> one, Map<String, String> other) {
    Map<String, String> both = new HashMap<>();
    one.forEach(
        (field, value) -> {
          if (value != null && value.equals(other.get(field))) {
            both.put(field, value);
          }
        });
    return both;
  }
}
