package dev.salvage.mappings;

/** How the values several observations give for one field are merged into one. */
public enum MergeStrategy {
  /** The newest observation wins; ties go to the source listed first in the rule's order. */
  LATEST,
  /** The first source in the rule's order that has a value wins; newest within a source. */
  PRECEDENCE,
  /**
   * Integer and money fields: the sum of every piece of evidence's claim (payments, refunds claimed
   * as negative amounts); with a backup value, that value plus the claims made after the backup was
   * taken.
   */
  SUM,
  /**
   * The smallest value any evidence claims: when something was first booked or created, which a
   * later edit of the same object must not move (an edited calendar event still tells when it was
   * created).
   */
  EARLIEST
}
