package dev.salvage.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Writes Rentwise's Stripe account as list pages of the API (newest first, 100 a page), each object
 * in the shape the current API returns it, as it stands at the loss.
 */
final class StripeWriter {
  static final int PAGE_SIZE = 100;
  private static final String CURRENCY = "eur";

  /**
   * How a business names its bookings on its Stripe objects.
   *
   * @param descriptor the statement descriptor of its charges
   * @param refKey the metadata key holding the booking reference
   * @param locationKey the metadata key holding the branch
   * @param reference a booking's reference as the business writes it
   * @param location a booking's branch as the business writes it in metadata
   * @param describe a booking's description: with the reference, or (false) without
   * @param clientKey the metadata key holding the app's customer id beside the reference, or null
   */
  record Style(
      String descriptor,
      String refKey,
      String locationKey,
      Function<Reservation, String> reference,
      Function<Reservation, String> location,
      BiFunction<Reservation, Boolean, String> describe,
      String clientKey) {

    static final Style RENTWISE =
        new Style(
            "RENTWISE CARS",
            "booking_ref",
            "location",
            r -> r.reference,
            r -> r.location.code(),
            (r, withRef) ->
                withRef ? "Rentwise booking " + r.reference : "Car rental · " + r.location.name(),
            null);
  }

  private final World world;
  private final Style style;

  StripeWriter(World world) {
    this(world, Style.RENTWISE);
  }

  StripeWriter(World world, Style style) {
    this.world = world;
    this.style = style;
  }

  /** Writes the pages; returns, per object type, {objects, pages}. */
  Map<String, long[]> write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Map<String, long[]> counts = new LinkedHashMap<>();

    List<Customer> customers = new ArrayList<>();
    for (Customer customer : world.customers()) {
      if (customer.stripeId != null) {
        customers.add(customer);
      }
    }
    customers.sort(
        Comparator.comparing((Customer c) -> c.stripeCreatedAt)
            .thenComparing(c -> c.stripeId)
            .reversed());
    counts.put("customers", list(dir, "customers", customers, this::customer));

    List<Reservation> paid = new ArrayList<>();
    List<Refunded> refunds = new ArrayList<>();
    for (Reservation reservation : world.reservations()) {
      if (reservation.card) {
        paid.add(reservation);
        for (Reservation.Refund refund : reservation.refunds) {
          refunds.add(new Refunded(reservation, refund));
        }
      }
    }
    paid.sort(
        Comparator.comparing((Reservation r) -> r.intentCreatedAt)
            .thenComparing(r -> r.paymentIntentId)
            .reversed());
    counts.put("payment_intents", list(dir, "payment_intents", paid, this::paymentIntent));
    paid.sort(
        Comparator.comparing((Reservation r) -> r.paidAt)
            .thenComparing(r -> r.chargeId)
            .reversed());
    counts.put("charges", list(dir, "charges", paid, this::charge));
    refunds.sort(
        Comparator.comparing((Refunded r) -> r.refund().at())
            .thenComparing(r -> r.refund().id())
            .reversed());
    counts.put("refunds", list(dir, "refunds", refunds, this::refund));
    return counts;
  }

  private record Refunded(Reservation reservation, Reservation.Refund refund) {}

  private <T> long[] list(Path dir, String name, List<T> items, Function<T, JsonNode> render)
      throws IOException {
    int pages =
        JsonFiles.writePages(
            dir,
            name,
            items,
            PAGE_SIZE,
            2,
            (slice, index, last) -> {
              ObjectNode page = JsonFiles.object();
              page.put("object", "list");
              page.set("data", JsonFiles.arrayOf(slice, render));
              page.put("has_more", !last);
              page.put("url", "/v1/" + name);
              return page;
            });
    return new long[] {items.size(), pages};
  }

  // ---------------------------------------------------------------- objects

  private JsonNode customer(Customer customer) {
    Rng rng = new Rng(customer.seed ^ 0xC057L);
    Customer.Contact contact = customer.current();
    ObjectNode node = JsonFiles.object();
    node.put("id", customer.stripeId);
    node.put("object", "customer");
    node.putNull("address");
    node.put("balance", 0);
    node.put("created", customer.stripeCreatedAt.getEpochSecond());
    node.putNull("currency");
    node.putNull("default_source");
    node.put("delinquent", false);
    node.putNull("description");
    node.putNull("discount");
    node.put("email", contact.email());
    node.put("invoice_prefix", rng.hex(8).toUpperCase(Locale.ROOT));
    ObjectNode invoiceSettings = node.putObject("invoice_settings");
    invoiceSettings.putNull("custom_fields");
    invoiceSettings.put("default_payment_method", Card.of(customer).paymentMethodId());
    invoiceSettings.putNull("footer");
    invoiceSettings.putNull("rendering_options");
    node.put("livemode", false);
    node.putObject("metadata").put("app_customer_id", String.valueOf(customer.id));
    node.put("name", customer.fullName);
    node.put("next_invoice_sequence", 1);
    node.put("phone", contact.phone());
    node.putArray("preferred_locales").add(customer.language());
    node.putNull("shipping");
    node.put("tax_exempt", "none");
    node.putNull("test_clock");
    return node;
  }

  private JsonNode paymentIntent(Reservation reservation) {
    Rng rng = new Rng(reservation.seed ^ 0x91L);
    Customer customer = reservation.customer;
    Card card = Card.of(customer);
    ObjectNode node = JsonFiles.object();
    node.put("id", reservation.paymentIntentId);
    node.put("object", "payment_intent");
    node.put("amount", reservation.paidCents);
    node.put("amount_capturable", 0);
    node.putObject("amount_details").putObject("tip");
    node.put("amount_received", reservation.paidCents);
    node.putNull("application");
    node.putNull("application_fee_amount");
    ObjectNode automatic = node.putObject("automatic_payment_methods");
    automatic.put("allow_redirects", "always");
    automatic.put("enabled", true);
    node.putNull("canceled_at");
    node.putNull("cancellation_reason");
    node.put("capture_method", "automatic_async");
    node.put("client_secret", reservation.paymentIntentId + "_secret_" + rng.mixedAlnum(25));
    node.put("confirmation_method", "automatic");
    node.put("created", reservation.intentCreatedAt.getEpochSecond());
    node.put("currency", CURRENCY);
    node.put("customer", customer.stripeId);
    node.put("description", description(reservation));
    node.putNull("invoice");
    node.putNull("last_payment_error");
    node.put("latest_charge", reservation.chargeId);
    node.put("livemode", false);
    node.set("metadata", metadata(reservation));
    node.putNull("next_action");
    node.putNull("on_behalf_of");
    node.put("payment_method", card.paymentMethodId());
    ObjectNode configuration = node.putObject("payment_method_configuration_details");
    configuration.put("id", "pmc_1Rw1tKc9ZqPmCfG7aBc0XyZ1");
    configuration.putNull("parent");
    ObjectNode options = node.putObject("payment_method_options").putObject("card");
    options.putNull("installments");
    options.putNull("mandate_options");
    options.putNull("network");
    options.put("request_three_d_secure", "automatic");
    node.putArray("payment_method_types").add("card");
    node.putNull("processing");
    node.put("receipt_email", customer.contactAt(reservation.paidAt).email());
    node.putNull("review");
    node.putNull("setup_future_usage");
    node.putNull("shipping");
    node.putNull("source");
    node.putNull("statement_descriptor");
    node.putNull("statement_descriptor_suffix");
    node.put("status", "succeeded");
    node.putNull("transfer_data");
    node.putNull("transfer_group");
    return node;
  }

  private JsonNode charge(Reservation reservation) {
    Rng rng = new Rng(reservation.seed ^ 0xC4L);
    Customer customer = reservation.customer;
    Card card = Card.of(customer);
    int refunded = reservation.refundedCents();
    ObjectNode node = JsonFiles.object();
    node.put("id", reservation.chargeId);
    node.put("object", "charge");
    node.put("amount", reservation.paidCents);
    node.put("amount_captured", reservation.paidCents);
    node.put("amount_refunded", refunded);
    node.putNull("application");
    node.putNull("application_fee");
    node.putNull("application_fee_amount");
    node.put(
        "balance_transaction", "txn_" + reservation.chargeId.substring(3, 20) + rng.mixedAlnum(7));
    ObjectNode billing = node.putObject("billing_details");
    ObjectNode address = billing.putObject("address");
    address.putNull("city");
    address.put("country", card.country());
    address.putNull("line1");
    address.putNull("line2");
    if (rng.chance(0.5)) {
      address.put("postal_code", rng.digits(4));
    } else {
      address.putNull("postal_code");
    }
    address.putNull("state");
    billing.put("email", customer.contactAt(reservation.paidAt).email());
    billing.put("name", reservation.cardholderName);
    billing.putNull("phone");
    node.put("calculated_statement_descriptor", style.descriptor());
    node.put("captured", true);
    node.put("created", reservation.paidAt.getEpochSecond());
    node.put("currency", CURRENCY);
    node.put("customer", customer.stripeId);
    node.put("description", description(reservation));
    node.put("disputed", false);
    node.putNull("failure_balance_transaction");
    node.putNull("failure_code");
    node.putNull("failure_message");
    node.putObject("fraud_details");
    node.putNull("invoice");
    node.put("livemode", false);
    node.set("metadata", metadata(reservation));
    node.putNull("on_behalf_of");
    ObjectNode outcome = node.putObject("outcome");
    outcome.putNull("advice_code");
    outcome.putNull("network_advice_code");
    outcome.putNull("network_decline_code");
    outcome.put("network_status", "approved_by_network");
    outcome.putNull("reason");
    outcome.put("risk_level", "normal");
    outcome.put("risk_score", rng.between(5, 60));
    outcome.put("seller_message", "Payment complete.");
    outcome.put("type", "authorized");
    node.put("paid", true);
    node.put("payment_intent", reservation.paymentIntentId);
    node.put("payment_method", card.paymentMethodId());
    ObjectNode details = node.putObject("payment_method_details");
    ObjectNode cardNode = details.putObject("card");
    cardNode.put("amount_authorized", reservation.paidCents);
    cardNode.put("authorization_code", rng.digits(6));
    cardNode.put("brand", card.brand());
    ObjectNode checks = cardNode.putObject("checks");
    checks.putNull("address_line1_check");
    checks.putNull("address_postal_code_check");
    checks.put("cvc_check", "pass");
    cardNode.put("country", card.country());
    cardNode.put("exp_month", card.expMonth());
    cardNode.put("exp_year", card.expYear());
    cardNode.putObject("extended_authorization").put("status", "disabled");
    cardNode.put("fingerprint", card.fingerprint());
    cardNode.put("funding", card.funding());
    cardNode.putObject("incremental_authorization").put("status", "unavailable");
    cardNode.putNull("installments");
    cardNode.put("last4", card.last4());
    cardNode.putNull("mandate");
    cardNode.putObject("multicapture").put("status", "unavailable");
    cardNode.put("network", card.brand());
    cardNode.putObject("network_token").put("used", false);
    cardNode.put("network_transaction_id", rng.digits(15));
    ObjectNode overcapture = cardNode.putObject("overcapture");
    overcapture.put("maximum_amount_capturable", reservation.paidCents);
    overcapture.put("status", "unavailable");
    cardNode.put("regulated_status", "unregulated");
    cardNode.putNull("three_d_secure");
    cardNode.putNull("wallet");
    details.put("type", "card");
    node.putObject("radar_options");
    node.put("receipt_email", customer.contactAt(reservation.paidAt).email());
    node.putNull("receipt_number");
    node.put(
        "receipt_url",
        "https://pay.stripe.com/receipts/payment/CAcaFwoVYWNjdF8xUncxdEtjOVpx"
            + rng.mixedAlnum(40)
            + "?s=ap");
    node.put("refunded", refunded >= reservation.paidCents);
    node.putNull("review");
    node.putNull("shipping");
    node.putNull("source");
    node.putNull("source_transfer");
    node.putNull("statement_descriptor");
    node.putNull("statement_descriptor_suffix");
    node.put("status", "succeeded");
    node.putNull("transfer_data");
    node.putNull("transfer_group");
    return node;
  }

  private JsonNode refund(Refunded refunded) {
    Reservation reservation = refunded.reservation();
    Reservation.Refund refund = refunded.refund();
    Rng rng = new Rng(reservation.seed ^ refund.at().getEpochSecond());
    ObjectNode node = JsonFiles.object();
    node.put("id", refund.id());
    node.put("object", "refund");
    node.put("amount", refund.amountCents());
    node.put("balance_transaction", "txn_" + refund.id().substring(3, 20) + rng.mixedAlnum(7));
    node.put("charge", reservation.chargeId);
    node.put("created", refund.at().getEpochSecond());
    node.put("currency", CURRENCY);
    ObjectNode destination = node.putObject("destination_details");
    ObjectNode card = destination.putObject("card");
    card.put("reference", rng.digits(23));
    card.put("reference_status", "available");
    card.put("reference_type", "acquirer_reference_number");
    card.put("type", "refund");
    destination.put("type", "card");
    ObjectNode metadata = node.putObject("metadata");
    if (reservation.paymentRefStyle.inMetadata()) {
      metadata.put(style.refKey(), style.reference().apply(reservation));
      metadata.put("reason", refund.cancellation() ? "cancellation" : "price_adjustment");
    }
    node.put("payment_intent", reservation.paymentIntentId);
    if (refund.cancellation()) {
      node.put("reason", "requested_by_customer");
    } else {
      node.set("reason", NullNode.instance);
    }
    node.putNull("receipt_number");
    node.putNull("source_transfer_reversal");
    node.put("status", "succeeded");
    node.putNull("transfer_reversal");
    return node;
  }

  private String description(Reservation reservation) {
    return style.describe().apply(reservation, reservation.paymentRefStyle.inDescription());
  }

  private ObjectNode metadata(Reservation reservation) {
    ObjectNode metadata = JsonFiles.object();
    if (reservation.paymentRefStyle.inMetadata()) {
      metadata.put(style.refKey(), style.reference().apply(reservation));
      metadata.put(style.locationKey(), style.location().apply(reservation));
      if (style.clientKey() != null) {
        metadata.put(style.clientKey(), String.valueOf(reservation.customer.id));
      }
    }
    return metadata;
  }
}
