package dev.salvage.pipeline.match;

import dev.salvage.pipeline.bundle.ReconstructedRecord.Contribution;

/**
 * The prior of a pair as a contribution to its weight: a piece of evidence has at most one match
 * among the n records it could be compared with, so before any field is looked at the odds are 1 in
 * n. This is what keeps thresholds meaning the same at 200 and at 100,000 bookings: the more
 * bookings, the more look-alikes, the more the fields must agree.
 */
public final class PopulationPrior {
  /** The name of the prior's line in a link's waterfall. */
  public static final String FIELD = "(prior)";

  private PopulationPrior() {}

  static Contribution of(String entity, boolean identified, long population) {
    long n = Math.max(1, population);
    return new Contribution(
        FIELD,
        null,
        null,
        "1 in " + n + (identified ? " identified " : " unlinked ") + entity + " records",
        Math.round(-Math.log(n) / Math.log(2) * 1000) / 1000.0);
  }

  /** What a profile is counted among: identified or unlinked records of its type. */
  static String populationKey(String entity, boolean identified) {
    return entity + (identified ? "|identified" : "|unlinked");
  }
}
