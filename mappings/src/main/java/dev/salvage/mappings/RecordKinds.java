package dev.salvage.mappings;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * The kinds of raw record the readers make, for checking a mapping's rules at load: a rule whose
 * kind no reader makes ({@code stripe.charges} for {@code stripe.charge}) would match nothing, and
 * every record it was meant for would be counted as ignored without a word.
 */
final class RecordKinds {
  private static final String STRIPE = "stripe.";

  /** Kinds that are exactly these: mail, calendars and backups. */
  private static final List<String> CLOSED = List.of("mail", "calendar.event", "backup.row");

  /**
   * Stripe objects the connectors list or export, and others a page saved by hand may hold; any
   * other {@code stripe.<object>} is accepted unless it is one letter or two from one of these.
   */
  private static final Set<String> STRIPE_OBJECTS =
      Set.of(
          "charge",
          "customer",
          "payment_intent",
          "refund",
          "checkout.session",
          "invoice",
          "invoiceitem",
          "dispute",
          "balance_transaction",
          "payout",
          "subscription",
          "subscription_item",
          "payment_method",
          "setup_intent",
          "product",
          "price",
          "plan",
          "coupon",
          "promotion_code",
          "credit_note",
          "transfer",
          "application_fee",
          "quote",
          "tax_rate",
          "payment_link",
          "event");

  private static final LevenshteinDistance DISTANCE = new LevenshteinDistance(2);

  private RecordKinds() {}

  /**
   * Why no reader makes records of {@code kind}, with the nearest kind that one does, or empty when
   * some reader does (or may: a Stripe object this list does not know).
   */
  static Optional<String> problem(String kind) {
    if (CLOSED.contains(kind)) {
      return Optional.empty();
    }
    if (kind.startsWith(STRIPE)) {
      String object = kind.substring(STRIPE.length());
      if (STRIPE_OBJECTS.contains(object)) {
        return Optional.empty();
      }
      Optional<String> near = nearest(object, STRIPE_OBJECTS);
      if (near.isEmpty() && !object.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          "no reader makes records of kind \""
              + kind
              + "\""
              + near.map(n -> "; did you mean \"" + STRIPE + n + "\"?").orElse("")
              + " (a Stripe record's kind is stripe. and its object's singular name, as in the"
              + " object's \"object\" field)");
    }
    Optional<String> near = nearest(kind, CLOSED);
    return Optional.of(
        "no reader makes records of kind \""
            + kind
            + "\""
            + near.map(n -> "; did you mean \"" + n + "\"?").orElse("")
            + " (kinds: mail, calendar.event, backup.row, stripe.<object> such as stripe.charge)");
  }

  /** The candidate one letter or two from {@code text}, the nearest first, if any. */
  static Optional<String> nearest(String text, Collection<String> candidates) {
    return candidates.stream()
        .filter(c -> DISTANCE.apply(text, c) >= 0)
        .min(Comparator.comparingInt((String c) -> DISTANCE.apply(text, c)).thenComparing(c -> c));
  }
}
