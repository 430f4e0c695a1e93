package dev.salvage.connectors.stripe;

import java.io.IOException;

/**
 * Stripe refused the key (401) or a permission it lacks (403). The message carries Stripe's own
 * explanation, which names the missing permission, and never the key.
 */
public final class StripeAccessDeniedException extends IOException {
  private final int status;

  StripeAccessDeniedException(String message, int status) {
    super(message);
    this.status = status;
  }

  /** 401 (the key refused) or 403 (a permission the key lacks). */
  public int status() {
    return status;
  }
}
