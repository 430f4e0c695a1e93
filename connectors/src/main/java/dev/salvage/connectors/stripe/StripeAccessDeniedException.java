package dev.salvage.connectors.stripe;

import java.io.IOException;

/**
 * Stripe refused the key (401) or a permission it lacks (403). The message carries Stripe's own
 * explanation, which names the missing permission, and never the key.
 */
public final class StripeAccessDeniedException extends IOException {
  StripeAccessDeniedException(String message) {
    super(message);
  }
}
