package dev.salvage.connectors.stripe;

import java.io.IOException;

/**
 * A Stripe list could not be read to its end: the retries of one page ran out (429, 5xx, network
 * errors) or Stripe rejected the request. The message names the list, the slice and the cursor to
 * resume from; the pages before it were read and kept.
 */
public final class StripeReadException extends IOException {
  StripeReadException(String message) {
    super(message);
  }
}
