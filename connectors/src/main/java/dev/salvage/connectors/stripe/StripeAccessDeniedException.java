package dev.salvage.connectors.stripe;

import java.io.IOException;

/**
 * Stripe refused the key (401) or a permission it lacks (403). The message carries Stripe's own
 * explanation, which names the missing permission, and never the key.
 */
public final class StripeAccessDeniedException extends IOException {
  private final int status;
  private final String advice;

  StripeAccessDeniedException(String message, int status) {
    this(message, status, null);
  }

  /**
   * @param advice for a 403, what lets a rerun read the list (a key with the permission, or the
   *     list left out), or null
   */
  StripeAccessDeniedException(String message, int status, String advice) {
    super(message);
    this.status = status;
    this.advice = advice;
  }

  /** What lets a rerun read the refused list, or null when the message alone says it. */
  public String advice() {
    return advice;
  }

  /** 401 (the key refused) or 403 (a permission the key lacks). */
  public int status() {
    return status;
  }
}
