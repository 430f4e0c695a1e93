package dev.salvage.pipeline.match;

import static java.util.Objects.requireNonNull;

import dev.salvage.pipeline.bundle.ReconstructedRecord.Link;

/**
 * A scored candidate of one unlinked record: an identified record, or another unlinked one it might
 * form a new entity with.
 *
 * @param key the candidate's profile key (an identified record's id, or an unlinked key)
 * @param link the weight of the pair and its explanation
 * @param kind whether the candidate is identified or another unlinked piece
 */
record Candidate(String key, Link link, Kind kind) {
  Candidate {
    requireNonNull(key, "key");
    requireNonNull(link, "link");
    requireNonNull(kind, "kind");
  }

  /** What the candidate is. */
  enum Kind {
    /** A record identified by its strong keys: the evidence may be attached to it. */
    IDENTIFIED,
    /** Another piece of unlinked evidence: the two may form a new entity. */
    PARTNER
  }

  boolean partner() {
    return kind == Kind.PARTNER;
  }
}
