package dev.salvage.connectors.stripe;

import java.io.IOException;

/**
 * Stripe could not be read as asked: the permission check of a list could not be completed after
 * its retries, or a page broke the list's paging. A slice that stops part-way is reported as a
 * {@link dev.salvage.connectors.UnreadPartitionException} with this as its cause.
 */
public final class StripeReadException extends IOException {
  StripeReadException(String message) {
    super(message);
  }
}
