package dev.salvage.pipeline.reconcile;

import dev.salvage.mappings.EntityType;
import dev.salvage.mappings.FieldType;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Alternative;
import dev.salvage.pipeline.bundle.ReconstructedRecord.FieldValue;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds money fields whose claims differ by a power of ten: a mail read {@code 34,000円} with two
 * decimals (3400000) while the payment said 34000. Prices change, but not a hundredfold; such a
 * pair is one mapping reading its amounts in the wrong units, and whichever claim won, the record
 * goes to a person rather than to the import.
 */
final class ScaledAmounts {
  private static final BigInteger HUNDRED = BigInteger.valueOf(100);
  private static final BigInteger THOUSAND = BigInteger.valueOf(1000);

  private ScaledAmounts() {}

  /** One reason per money field of {@code fields} with a claim 100 or 1000 times another. */
  static List<String> reasons(EntityType type, Map<String, FieldValue> fields) {
    List<String> reasons = new ArrayList<>();
    fields.forEach(
        (field, value) -> {
          if (type.fields().get(field) != FieldType.MONEY || value.alternatives().isEmpty()) {
            return;
          }
          BigInteger chosen = integer(value.value());
          if (chosen == null || chosen.signum() == 0) {
            return;
          }
          for (Alternative alternative : value.alternatives()) {
            BigInteger other = integer(alternative.value());
            if (other == null || other.signum() == 0) {
              continue;
            }
            String factor = factor(chosen.abs(), other.abs());
            if (factor == null) {
              factor = factor(other.abs(), chosen.abs());
              if (factor == null) {
                continue;
              }
              reasons.add(
                  said(field, other, alternative.sources(), factor, chosen, value.sources()));
            } else {
              reasons.add(
                  said(field, chosen, value.sources(), factor, other, alternative.sources()));
            }
            return;
          }
        });
    return reasons;
  }

  /** {@code "100"} when {@code larger} is exactly that many times {@code smaller}, else null. */
  private static String factor(BigInteger larger, BigInteger smaller) {
    if (larger.equals(smaller.multiply(HUNDRED))) {
      return "100";
    }
    if (larger.equals(smaller.multiply(THOUSAND))) {
      return "1000";
    }
    return null;
  }

  private static String said(
      String field,
      BigInteger larger,
      List<String> largerBy,
      String factor,
      BigInteger smaller,
      List<String> smallerBy) {
    return field
        + ": "
        + larger
        + " (from "
        + first(largerBy)
        + ") is "
        + factor
        + " times "
        + smaller
        + " (from "
        + first(smallerBy)
        + "): one source's mapping reads this amount in other units (a currency without minor"
        + " units read with two decimals, cents taken for whole units?); check its currency"
        + " before this value is imported";
  }

  private static String first(List<String> refs) {
    return refs.isEmpty() ? "?" : refs.get(0) + (refs.size() > 1 ? " and others" : "");
  }

  private static BigInteger integer(String value) {
    try {
      return new BigInteger(value.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
