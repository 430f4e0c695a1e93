package dev.salvage.connectors.stripe;

import java.util.List;
import java.util.Set;

/**
 * The Stripe Dashboard exports the {@code stripe-csv} reader understands, the API object each row
 * stands for, and how an export is recognised from its header (exports let users pick columns, so
 * only the identifying ones are required).
 */
enum CsvExport {
  PAYMENTS("payments", "charge", List.of("ch_", "py_", "pi_")),
  CUSTOMERS("customers", "customer", List.of("cus_")),
  REFUNDS("refunds", "refund", List.of("re_", "pyr_"));

  private final String label;
  private final String object;
  private final List<String> idPrefixes;

  CsvExport(String label, String object, List<String> idPrefixes) {
    this.label = label;
    this.object = object;
    this.idPrefixes = idPrefixes;
  }

  /**
   * Whether {@code id} is one Stripe gives this export's objects ({@code ch_...}, {@code cus_...}).
   */
  boolean hasIdOf(String id) {
    return idPrefixes.stream().anyMatch(id::startsWith);
  }

  /** The id prefixes, for messages: {@code ch_, py_, pi_}. */
  String idPrefixes() {
    return String.join(", ", idPrefixes);
  }

  String label() {
    return label;
  }

  /** The API object type each row becomes ({@code charge}, {@code customer}, {@code refund}). */
  String object() {
    return object;
  }

  /**
   * The export a header belongs to, from its lower-case column names, or null.
   *
   * <p>Refund exports name the refunded charge; payment exports carry an amount; customer exports
   * an email but no amount.
   */
  static CsvExport recognise(Set<String> columns) {
    boolean amount = columns.contains("amount");
    if (amount
        && containsAny(columns, List.of("charge id", "charge"))
        && !columns.contains("amount refunded")) {
      return REFUNDS;
    }
    if (amount) {
      return PAYMENTS;
    }
    if (containsAny(columns, List.of("email", "customer email"))) {
      return CUSTOMERS;
    }
    return null;
  }

  private static boolean containsAny(Set<String> columns, List<String> names) {
    return names.stream().anyMatch(columns::contains);
  }
}
