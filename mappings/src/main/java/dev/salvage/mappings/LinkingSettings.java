package dev.salvage.mappings;

import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * How evidence that lacks an entity's identifying keys is matched to identified entities of the
 * same type (the optional {@code linking:} section of an entity type).
 *
 * @param link total match weight (log2 of the likelihood ratio) above which evidence is attached
 * @param review weight above which evidence is attached but the record is flagged for review
 * @param ambiguity a best candidate less than this much heavier than the runner-up is ambiguous
 * @param maxBlock blocks with more records than this are skipped (and counted)
 * @param compare the fields compared pairwise; {@value #FIRST_SEEN} is the time of the earliest
 *     evidence
 * @param block blocking rules, each a list of fields whose values must all agree for two records to
 *     be compared (a datetime field contributes its UTC day)
 * @param newEntity fields that evidence matching no identified entity (alone, or with the one piece
 *     of such evidence it matches best and that matches it best) must have to become a new entity,
 *     flagged for review; empty: such evidence stays unlinked
 */
public record LinkingSettings(
    double link,
    double review,
    double ambiguity,
    int maxBlock,
    List<String> compare,
    List<List<String>> block,
    List<String> newEntity)
    implements Serializable {
  /** The pseudo-field holding the time of an entity's earliest evidence. */
  public static final String FIRST_SEEN = "first_seen";

  public LinkingSettings {
    compare = List.copyOf(compare);
    block = block.stream().map(List::copyOf).toList();
    newEntity = List.copyOf(newEntity);
  }

  /**
   * Every field a record's match profile holds: the compared ones, then those only blocked on (a
   * rule may block on {@link #FIRST_SEEN} and compare a better time).
   */
  public List<String> profiled() {
    LinkedHashSet<String> fields = new LinkedHashSet<>(compare);
    block.forEach(fields::addAll);
    return List.copyOf(fields);
  }

  /** Settings under which unmatched evidence stays unlinked. */
  public LinkingSettings(
      double link,
      double review,
      double ambiguity,
      int maxBlock,
      List<String> compare,
      List<List<String>> block) {
    this(link, review, ambiguity, maxBlock, compare, block, List.of());
  }
}
