package dev.salvage.pipeline.match;

import static java.util.Objects.requireNonNull;

import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Link;
import java.util.List;
import org.apache.beam.sdk.values.KV;

/**
 * What matching decided for one unlinked record: attached to {@code identified}, or why not; {@code
 * partner} names the unlinked record it would form a new entity with ({@code link} then weighs that
 * pair); {@code doubted} names the identified records it cleared the review threshold against but
 * was not attached to (the two it matches about equally, the one a better unlinked partner took it
 * from): if it stays unlinked, what it would add to them is missing from them; {@code keptOut}
 * says, when an attachment was undone because another unlinked record matched it better, which
 * partner and which record, so that the piece can follow the partner once the partner's own
 * decision is known ({@link FollowPartners}); null otherwise. {@code nearest} is, for a record no
 * candidate matched well enough, the best candidate and its link ({@link TimesInDoubt} reads it);
 * null otherwise.
 */
record MatchDecision(
    Kind kind,
    String identified,
    Link link,
    String reason,
    String partner,
    List<String> doubted,
    KeptOut keptOut,
    Nearest nearest) {
  MatchDecision {
    requireNonNull(kind, "kind");
    doubted = List.copyOf(doubted);
  }

  MatchDecision(
      Kind kind,
      String identified,
      Link link,
      String reason,
      String partner,
      List<String> doubted,
      KeptOut keptOut) {
    this(kind, identified, link, reason, partner, doubted, keptOut, null);
  }

  MatchDecision(
      Kind kind,
      String identified,
      Link link,
      String reason,
      String partner,
      List<String> doubted) {
    this(kind, identified, link, reason, partner, doubted, null);
  }

  MatchDecision(Kind kind, String identified, Link link, String reason, String partner) {
    this(kind, identified, link, reason, partner, List.of());
  }

  /**
   * The better unlinked partner that kept a piece from {@code identified}: {@code partnerLink}
   * weighs the piece against the partner, {@code identifiedLink} against the record it would have
   * joined.
   */
  record KeptOut(String partner, Link partnerLink, String identified, Link identifiedLink) {
    KeptOut {
      requireNonNull(partner, "partner");
      requireNonNull(partnerLink, "partnerLink");
      requireNonNull(identified, "identified");
      requireNonNull(identifiedLink, "identifiedLink");
    }
  }

  /** The best candidate of a record none matched well enough, and how it weighed. */
  record Nearest(String identified, Link link) {
    Nearest {
      requireNonNull(identified, "identified");
      requireNonNull(link, "link");
    }
  }

  /** This decision, remembering the partner that kept the piece out. */
  MatchDecision keptOutBy(KeptOut why) {
    return new MatchDecision(kind, identified, link, reason, partner, doubted, why, nearest);
  }

  /** This decision, remembering the best candidate that did not match well enough. */
  MatchDecision nearestWas(Nearest best) {
    return new MatchDecision(kind, identified, link, reason, partner, doubted, keptOut, best);
  }

  /** The kinds of decision, each counted in summary.json under its own name. */
  enum Kind {
    /** Attached to an identified record. */
    ATTACH,
    /** No identified record matches well enough: it may still form a new entity. */
    BELOW_THRESHOLD,
    /** Two identified records match about equally: left for a person. */
    AMBIGUOUS,
    /** Matches no identified record but pairs with another unlinked one into a new entity. */
    PAIR,
    /**
     * Two identified records match about equally, and each lacks a {@code new_entity} field the
     * record holds: it may be neither, and may still become a new entity.
     */
    AMBIGUOUS_AMONG_INCOMPLETE
  }

  static MatchDecision notAttached(Kind kind, String reason) {
    return new MatchDecision(kind, null, null, reason, null);
  }

  /** Not attached, though {@code doubted} may be the record's. */
  static MatchDecision notAttached(Kind kind, String reason, List<String> doubted) {
    return new MatchDecision(kind, null, null, reason, null, doubted);
  }

  /**
   * The attachment of {@code record} this decision makes, its link naming {@code evidence}: the
   * record's evidence that the link vouches for.
   */
  KV<String, Attachment> attachment(ReconstructedRecord record, List<String> evidence) {
    return KV.of(
        identified,
        new Attachment(
            record,
            new Link(evidence, link.weight(), link.probability(), link.review(), link.fields()),
            reason));
  }

  /** Whether the record may still become (part of) a new entity. */
  boolean mayBeNew() {
    return kind == Kind.BELOW_THRESHOLD
        || kind == Kind.PAIR
        || kind == Kind.AMBIGUOUS_AMONG_INCOMPLETE;
  }

  /** Whether two identified records matched about equally. */
  boolean ambiguous() {
    return kind == Kind.AMBIGUOUS || kind == Kind.AMBIGUOUS_AMONG_INCOMPLETE;
  }

  /** The counter this decision adds to: {@code attached}, {@code ambiguous}, ... */
  String counter() {
    return switch (kind) {
      case AMBIGUOUS -> "ambiguous";
      case AMBIGUOUS_AMONG_INCOMPLETE -> "ambiguous_among_incomplete";
      case ATTACH -> link.review() ? "attached_for_review" : "attached";
      default -> "below_threshold";
    };
  }
}
