package dev.salvage.pipeline.cli;

import picocli.CommandLine.Option;

/**
 * {@code --allow-secret-key}: for every command that opens the Stripe API, declared once so that
 * {@code run} and {@code fetch} accept and explain it alike.
 */
final class SecretKeyOption {
  @Option(
      names = "--allow-secret-key",
      description =
          "Let stripe-api sources use a live secret key (sk_live_). A restricted read-only key"
              + " (rk_) is the safe choice; see docs/stripe.md.")
  boolean allowed;
}
