package dev.salvage.samples;

/**
 * The card a customer pays with, the same for all their bookings, derived from their seed.
 *
 * @param paymentMethodId the Stripe PaymentMethod id
 */
record Card(
    String brand,
    String last4,
    int expMonth,
    int expYear,
    String country,
    String funding,
    String fingerprint,
    String paymentMethodId) {

  static Card of(Customer customer) {
    Rng rng = new Rng(customer.seed ^ 0x5EEDCA4DL);
    double u = rng.nextDouble();
    String brand = u < 0.6 ? "visa" : u < 0.9 ? "mastercard" : "amex";
    String last4 = rng.digits(4);
    int expMonth = rng.between(1, 13);
    int expYear = rng.between(2026, 2032);
    String funding = rng.chance(0.7) ? "credit" : "debit";
    return new Card(
        brand,
        last4,
        expMonth,
        expYear,
        customer.country.code(),
        funding,
        rng.mixedAlnum(16),
        "pm_1" + rng.mixedAlnum(23));
  }

  String displayBrand() {
    return switch (brand) {
      case "visa" -> "Visa";
      case "mastercard" -> "Mastercard";
      default -> "American Express";
    };
  }
}
