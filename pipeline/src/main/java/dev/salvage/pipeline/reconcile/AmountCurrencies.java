package dev.salvage.pipeline.reconcile;

import dev.salvage.mappings.EntityType;
import dev.salvage.mappings.MergeRule;
import dev.salvage.mappings.MergeStrategy;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Evidence;
import dev.salvage.pipeline.bundle.ReconstructedRecord.FieldValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The currencies of an amount field's claims, where the entity model ties the field to the field
 * naming their currency ({@code paid_cents: {strategy: sum, currency: currency}}). A sum adds
 * numbers: a deposit of 34320 CHF and a balance of 76267 EUR made {@code paid_cents} 110587, and
 * the {@code currency} field, merged latest, took the balance's EUR; an outside trial's hut booking
 * came out so at confidence 1.0, unflagged, until 2026-12-07. A record whose sum adds claims of
 * pieces of evidence claiming different currencies, or whose amounts are all in one currency other
 * than the record's, goes to a person, who enters the amount in one currency. Nothing is converted.
 * A piece that claims no currency (a refund object that names none) is named but weighs nothing;
 * one that shares its raw record with a piece claiming one (a Dashboard CSV row's refund emit
 * beside its charge's) is in that currency. An amount merged otherwise (a price, {@code latest}) is
 * flagged when the pieces claiming its chosen value claim two currencies or one other than the
 * record's.
 */
final class AmountCurrencies {
  /** How many added amounts a reason names before it counts the rest. */
  private static final int NAMED = 12;

  private AmountCurrencies() {}

  /**
   * One reason per {@code sum} field of {@code type} tied to a currency field whose added claims
   * are in more than one currency, or in one other than {@code fields}' value of the currency
   * field.
   *
   * @param fields the record's merged values
   * @param observations the record's evidence, oldest first, as the sum read it
   * @param fromBackup whether a piece of evidence is a backup row
   * @param backupTakenAt when the backup was taken
   */
  static List<String> reasons(
      EntityType type,
      Map<String, FieldValue> fields,
      List<Evidence> observations,
      Predicate<Evidence> fromBackup,
      Instant backupTakenAt) {
    List<String> reasons = new ArrayList<>();
    for (Map.Entry<String, MergeRule> entry : type.merge().entrySet()) {
      String field = entry.getKey();
      MergeRule rule = entry.getValue();
      if (rule.currency() == null || !fields.containsKey(field)) {
        continue;
      }
      if (rule.strategy() != MergeStrategy.SUM) {
        String said = chosenReason(field, rule.currency(), fields, observations);
        if (said != null) {
          reasons.add(said);
        }
        continue;
      }
      List<Evidence> added = FieldMerger.summed(field, observations, fromBackup, backupTakenAt);
      if (added == null) {
        continue;
      }
      String currencyField = rule.currency();
      Set<String> currencies = new LinkedHashSet<>();
      List<String> amounts = new ArrayList<>();
      for (Evidence piece : added) {
        String currency = currencyOf(piece, currencyField, observations);
        if (currency != null) {
          currencies.add(currency);
        }
        amounts.add(
            piece.claims().get(field)
                + (currency == null ? "" : " " + currency)
                + " ("
                + piece.piece()
                + (fromBackup.test(piece) ? ", the backup's value" : "")
                + (currency == null ? ", which claims no " + currencyField : "")
                + ")");
      }
      FieldValue recordCurrency = fields.get(currencyField);
      String chosen = recordCurrency == null ? null : normal(recordCurrency.value());
      if (currencies.size() > 1) {
        reasons.add(
            field
                + " adds "
                + listed(amounts)
                + ": amounts in "
                + (currencies.size() == 2 ? "two" : String.valueOf(currencies.size()))
                + " currencies cannot be added; enter the total in one currency in review");
      } else if (currencies.size() == 1 && chosen != null && !currencies.contains(chosen)) {
        String currency = currencies.iterator().next();
        reasons.add(
            field
                + " adds "
                + listed(amounts)
                + ", in "
                + currency
                + notInRecordCurrency(currencyField, chosen, recordCurrency));
      }
    }
    return reasons;
  }

  /**
   * Why the value chosen for {@code field} (a price merged latest) is in doubt for its currency:
   * the pieces claiming it claim two currencies, or one other than the record's; null when neither.
   * A CHF booking whose mail states its price in CHF and whose payment, a checkout in EUR, made the
   * record's currency EUR held the CHF price as EUR, unflagged, until 2026-12-07.
   */
  private static String chosenReason(
      String field,
      String currencyField,
      Map<String, FieldValue> fields,
      List<Evidence> observations) {
    FieldValue value = fields.get(field);
    Map<String, List<String>> byCurrency = new java.util.LinkedHashMap<>();
    for (Evidence piece : observations) {
      if (!value.sources().contains(piece.ref())
          || !value.value().equals(piece.claims().get(field))) {
        continue;
      }
      String currency = currencyOf(piece, currencyField, observations);
      if (currency != null) {
        List<String> refs = byCurrency.computeIfAbsent(currency, c -> new ArrayList<>());
        if (!refs.contains(piece.piece())) {
          refs.add(piece.piece());
        }
      }
    }
    FieldValue recordCurrency = fields.get(currencyField);
    String chosen = recordCurrency == null ? null : normal(recordCurrency.value());
    if (byCurrency.isEmpty()
        || (byCurrency.size() == 1 && (chosen == null || byCurrency.containsKey(chosen)))) {
      return null;
    }
    List<String> claimed = new ArrayList<>();
    byCurrency.forEach(
        (currency, refs) -> claimed.add("in " + currency + " (" + String.join(", ", refs) + ")"));
    String said = field + " " + value.value() + " is claimed " + listed(claimed);
    if (byCurrency.size() > 1) {
      return said
          + ": the same number in "
          + (byCurrency.size() == 2 ? "two" : String.valueOf(byCurrency.size()))
          + " currencies is not one amount; check which it is in and correct it or "
          + currencyField
          + " in review";
    }
    return said + notInRecordCurrency(currencyField, chosen, recordCurrency);
  }

  /** The end of a reason whose amounts are in one currency, not the record's {@code chosen}. */
  private static String notInRecordCurrency(
      String currencyField, String chosen, FieldValue recordCurrency) {
    return ", while the record's "
        + currencyField
        + " is "
        + chosen
        + " (from "
        + first(recordCurrency.sources())
        + "): the amount is not in the record's currency; enter it in "
        + chosen
        + " or correct "
        + currencyField
        + " in review";
  }

  /**
   * The currency {@code piece} claims in {@code currencyField}, upper-cased; else the one claimed
   * by the other pieces of its raw record when they claim one alone; else null.
   */
  private static String currencyOf(
      Evidence piece, String currencyField, List<Evidence> observations) {
    String own = piece.claims().get(currencyField);
    if (own != null && !own.isBlank()) {
      return normal(own);
    }
    Set<String> ofRecord = new LinkedHashSet<>();
    for (Evidence other : observations) {
      String claimed = other.claims().get(currencyField);
      if (other.ref().equals(piece.ref()) && claimed != null && !claimed.isBlank()) {
        ofRecord.add(normal(claimed));
      }
    }
    return ofRecord.size() == 1 ? ofRecord.iterator().next() : null;
  }

  private static String normal(String currency) {
    return currency.strip().toUpperCase(Locale.ROOT);
  }

  /** {@code a}, {@code a and b}, {@code a, b and c}; past {@link #NAMED}, the rest counted. */
  private static String listed(List<String> items) {
    List<String> named = items.size() > NAMED ? items.subList(0, NAMED) : items;
    String more = items.size() > NAMED ? " and " + (items.size() - NAMED) + " more" : "";
    if (named.size() == 1) {
      return named.get(0) + more;
    }
    if (!more.isEmpty()) {
      return String.join(", ", named) + more;
    }
    return String.join(", ", named.subList(0, named.size() - 1))
        + " and "
        + named.get(named.size() - 1);
  }

  private static String first(List<String> refs) {
    return refs.isEmpty() ? "?" : refs.get(0) + (refs.size() > 1 ? " and others" : "");
  }
}
