package dev.salvage.connectors.stripe;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The Stripe lists the {@code stripe-api} source can read, by their option name. */
enum StripeObjectType {
  CUSTOMERS("customers", "/v1/customers", List.of()),
  PAYMENT_INTENTS("payment_intents", "/v1/payment_intents", List.of()),
  // Since API version 2022-11-15 a charge no longer embeds its refunds unless asked to; the
  // mapping reads the last refund of a charge, so this is the one expansion needed.
  CHARGES("charges", "/v1/charges", List.of("data.refunds")),
  REFUNDS("refunds", "/v1/refunds", List.of()),
  CHECKOUT_SESSIONS("checkout_sessions", "/v1/checkout/sessions", List.of()),
  INVOICES("invoices", "/v1/invoices", List.of());

  private final String optionName;
  private final String path;
  private final List<String> expansions;

  StripeObjectType(String optionName, String path, List<String> expansions) {
    this.optionName = optionName;
    this.path = path;
    this.expansions = expansions;
  }

  /** The name in the {@code objects} option, in partitions and in snapshot directories. */
  String optionName() {
    return optionName;
  }

  /** The list endpoint, relative to the API base. */
  String path() {
    return path;
  }

  List<String> expansions() {
    return expansions;
  }

  static StripeObjectType byOptionName(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(type -> type.optionName.equals(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "names an unknown object '"
                        + name
                        + "' (known: "
                        + String.join(", ", optionNames())
                        + ")"));
  }

  static List<String> optionNames() {
    return Arrays.stream(values()).map(StripeObjectType::optionName).toList();
  }
}
