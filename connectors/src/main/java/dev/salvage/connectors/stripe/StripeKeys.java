package dev.salvage.connectors.stripe;

import dev.salvage.connectors.InvalidSourceException;
import dev.salvage.connectors.io.SecretText;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Resolves the Stripe key of a source from its environment variable or file and enforces least
 * privilege. The key is returned to the caller only; it is never stored in a field, logged or put
 * in a message (messages name the variable or file and the key's kind).
 */
final class StripeKeys {
  private StripeKeys() {}

  /**
   * The key, after checking its kind: restricted keys pass, a test secret key passes with a loud
   * warning on {@code warnings}, a live secret key only when allowed, anything else is refused.
   */
  static String resolve(String sourceName, StripeApiOptions options, PrintStream warnings)
      throws InvalidSourceException {
    String key = read(sourceName, options);
    String where = where(options);
    if (key.startsWith("rk_live_") || key.startsWith("rk_test_")) {
      return key;
    }
    if (key.startsWith("sk_test_")) {
      warn(warnings, sourceName, where, "a test secret key (sk_test_)");
      return key;
    }
    if (key.startsWith("sk_live_")) {
      if (!options.allowSecretKey()) {
        throw new InvalidSourceException(
            "Source "
                + sourceName
                + ": the key in "
                + where
                + " is a live secret key (sk_live_), which can write, refund and pay out;"
                + " create a restricted read-only key (rk_live_, see docs/stripe.md) or, if you"
                + " must, allow it with allow_secret_key: true or the --allow-secret-key option of salvage"
                + " run and salvage fetch");
      }
      warn(warnings, sourceName, where, "a LIVE secret key (sk_live_), allowed explicitly");
      return key;
    }
    throw new InvalidSourceException(
        "Source "
            + sourceName
            + ": the value in "
            + where
            + " is not a Stripe restricted key (rk_...) or secret key (sk_...)");
  }

  /** {@code text} with every occurrence of {@code key} masked, for messages from elsewhere. */
  static String redact(String text, String key) {
    if (text == null) {
      return null;
    }
    // a proxy may echo the request's Authorization header, where the key is whole
    String masked = key == null || key.isEmpty() ? text : text.replace(key, mask(key));
    return SecretText.redact(masked, List.of());
  }

  private static String mask(String key) {
    int prefix = key.indexOf('_', 3);
    return (prefix > 0 ? key.substring(0, prefix + 1) : "") + "***";
  }

  private static void warn(PrintStream warnings, String sourceName, String where, String kind) {
    warnings.println(
        "WARNING: source "
            + sourceName
            + " reads Stripe with "
            + kind
            + " from "
            + where
            + ". A secret key can change the account (refunds, payouts, deletions); Salvage only"
            + " needs a restricted key with read permissions. See docs/stripe.md.");
    warnings.flush();
  }

  private static String read(String sourceName, StripeApiOptions options)
      throws InvalidSourceException {
    String key;
    if (options.apiKeyFile() != null) {
      try {
        key = Files.readString(Path.of(options.apiKeyFile()), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new InvalidSourceException(
            "Source "
                + sourceName
                + ": cannot read the Stripe key file "
                + options.apiKeyFile()
                + ": "
                + e.getClass().getSimpleName());
      }
    } else {
      key = System.getenv(options.apiKeyEnv());
      key = key == null ? "" : key.strip();
    }
    if (key.isEmpty()) {
      throw new InvalidSourceException(
          "Source " + sourceName + ": no Stripe key in " + where(options));
    }
    return key;
  }

  private static String where(StripeApiOptions options) {
    return options.apiKeyFile() != null
        ? "file " + options.apiKeyFile()
        : "environment variable " + options.apiKeyEnv();
  }
}
