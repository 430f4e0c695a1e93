package dev.salvage.connectors.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Stripe objects in the shapes of API version 2025-03-31 (trimmed of rarely used fields). */
public final class StripeFixtures {
  private StripeFixtures() {}

  static ObjectNode customer(int n, long created) {
    ObjectNode c = FakeStripeServer.JSON.createObjectNode();
    c.put("id", String.format("cus_T%06d", n));
    c.put("object", "customer");
    c.putNull("address");
    c.put("balance", 0);
    c.put("created", created);
    c.putNull("currency");
    c.putNull("default_source");
    c.put("delinquent", false);
    c.putNull("description");
    c.put("email", "customer" + n + "@example.com");
    c.put("invoice_prefix", String.format("A%07X", n));
    ObjectNode settings = c.putObject("invoice_settings");
    settings.putNull("custom_fields");
    settings.putNull("default_payment_method");
    settings.putNull("footer");
    settings.putNull("rendering_options");
    c.put("livemode", false);
    c.putObject("metadata");
    c.put("name", "Customer " + n);
    c.put("phone", "+3519100" + String.format("%05d", n));
    c.putArray("preferred_locales");
    c.putNull("shipping");
    c.put("tax_exempt", "none");
    c.putNull("test_clock");
    return c;
  }

  static ObjectNode charge(int n, long created) {
    ObjectNode c = FakeStripeServer.JSON.createObjectNode();
    String id = String.format("ch_3T%06d", n);
    c.put("id", id);
    c.put("object", "charge");
    c.put("amount", 10_000 + n);
    c.put("amount_captured", 10_000 + n);
    c.put("amount_refunded", 0);
    c.putNull("application");
    c.putNull("application_fee");
    c.putNull("application_fee_amount");
    c.put("balance_transaction", String.format("txn_3T%06d", n));
    ObjectNode billing = c.putObject("billing_details");
    billing.putNull("address");
    billing.put("email", "customer" + n + "@example.com");
    billing.put("name", "Customer " + n);
    billing.putNull("phone");
    c.put("calculated_statement_descriptor", "RENTWISE");
    c.put("captured", true);
    c.put("created", created);
    c.put("currency", "eur");
    c.put("customer", String.format("cus_T%06d", n));
    c.put("description", "Booking RW-" + n);
    c.putNull("failure_code");
    c.putNull("failure_message");
    c.putObject("fraud_details");
    c.put("livemode", false);
    c.putObject("metadata").put("booking_ref", "RW-" + n);
    ObjectNode outcome = c.putObject("outcome");
    outcome.put("network_status", "approved_by_network");
    outcome.put("risk_level", "normal");
    outcome.put("seller_message", "Payment complete.");
    outcome.put("type", "authorized");
    c.put("paid", true);
    c.put("payment_intent", String.format("pi_3T%06d", n));
    c.put("payment_method", String.format("pm_1T%06d", n));
    c.putNull("receipt_email");
    c.put("refunded", false);
    ObjectNode refunds = c.putObject("refunds");
    refunds.put("object", "list");
    refunds.putArray("data");
    refunds.put("has_more", false);
    refunds.put("url", "/v1/charges/" + id + "/refunds");
    c.putNull("review");
    c.putNull("shipping");
    c.putNull("source_transfer");
    c.putNull("statement_descriptor");
    c.put("status", "succeeded");
    return c;
  }

  /** A list object of another type with the minimal common fields. */
  static ObjectNode other(String prefix, String object, int n, long created) {
    ObjectNode o = FakeStripeServer.JSON.createObjectNode();
    o.put("id", String.format("%s_T%06d", prefix, n));
    o.put("object", object);
    o.put("created", created);
    o.put("livemode", false);
    o.putObject("metadata");
    return o;
  }

  /** {@code count} objects per list, created one every {@code step} seconds from {@code start}. */
  public static Map<String, List<ObjectNode>> account(int count, long start, long step) {
    List<ObjectNode> customers = new ArrayList<>();
    List<ObjectNode> charges = new ArrayList<>();
    List<ObjectNode> intents = new ArrayList<>();
    List<ObjectNode> refunds = new ArrayList<>();
    List<ObjectNode> sessions = new ArrayList<>();
    List<ObjectNode> invoices = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      long created = start + n * step;
      customers.add(customer(n, created));
      charges.add(charge(n, created));
      ObjectNode intent = other("pi", "payment_intent", n, created);
      intent.put("client_secret", intent.get("id").asText() + "_secret_fixture");
      intents.add(intent);
      refunds.add(other("re", "refund", n, created));
      sessions.add(other("cs_test", "checkout.session", n, created));
      invoices.add(other("in", "invoice", n, created));
    }
    return Map.of(
        "/v1/customers", customers,
        "/v1/charges", charges,
        "/v1/payment_intents", intents,
        "/v1/refunds", refunds,
        "/v1/checkout/sessions", sessions,
        "/v1/invoices", invoices);
  }
}
