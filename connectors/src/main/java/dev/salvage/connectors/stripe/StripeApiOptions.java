package dev.salvage.connectors.stripe;

import static java.util.Objects.requireNonNull;

import dev.salvage.connectors.InvalidSourceException;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The configuration of a {@code stripe-api} source, parsed and validated from the run config's
 * options. It holds where the key is, never the key.
 *
 * @param objects the lists to read
 * @param createdFrom the window's start (inclusive)
 * @param createdTo the window's end (exclusive)
 * @param slices how many created-time slices each list is split into (read in parallel)
 * @param apiKeyEnv the environment variable holding the key, used when apiKeyFile is null
 * @param apiKeyFile the file holding the key, or null
 * @param apiBase the API base URL (Stripe, a proxy, or a test server)
 * @param maxRetries attempts after the first for one page before the partition is given up
 * @param backoffInitial the first retry delay (doubled each attempt, with jitter)
 * @param backoffMax the longest retry delay
 * @param timeout connect and read timeout of one request
 * @param snapshotDir where every page read is kept as Stripe list JSON, or null for no snapshot
 * @param allowSecretKey whether a live secret key ({@code sk_live_}) is accepted
 */
record StripeApiOptions(
    List<StripeObjectType> objects,
    Instant createdFrom,
    Instant createdTo,
    int slices,
    String apiKeyEnv,
    String apiKeyFile,
    String apiBase,
    int maxRetries,
    Duration backoffInitial,
    Duration backoffMax,
    Duration timeout,
    String snapshotDir,
    boolean allowSecretKey)
    implements Serializable {

  static final OptionSpec<List<StripeObjectType>> OBJECTS =
      new OptionSpec<>(
          "objects",
          "Comma-separated lists to read: " + String.join(", ", StripeObjectType.optionNames()),
          String.join(",", StripeObjectType.optionNames()),
          StripeApiOptions::objectList);
  static final OptionSpec<Instant> CREATED_FROM =
      new OptionSpec<>(
          "created_from",
          "Start of the created-time window (ISO-8601 instant or date, or epoch seconds);"
              + " default: backup_taken_at minus created_margin",
          null,
          StripeApiOptions::instant);
  static final OptionSpec<Instant> CREATED_TO =
      new OptionSpec<>(
          "created_to",
          "End of the created-time window, exclusive; default: now",
          null,
          StripeApiOptions::instant);
  static final OptionSpec<Instant> BACKUP_TAKEN_AT =
      new OptionSpec<>(
          "backup_taken_at",
          "When the backup was taken; the window starts created_margin before it. salvage run and"
              + " fetch set it from the backup unless it is set here",
          null,
          StripeApiOptions::instant);
  static final OptionSpec<Duration> CREATED_MARGIN =
      new OptionSpec<>(
          "created_margin",
          "How long before backup_taken_at the window starts (ISO-8601 duration)",
          "P30D",
          StripeApiOptions::duration);
  static final OptionSpec<Integer> SLICES =
      new OptionSpec<>(
          "slices",
          "Created-time slices per list, read in parallel (1..64)",
          "4",
          text -> bounded(text, 1, 64));
  static final OptionSpec<String> API_KEY_ENV =
      new OptionSpec<>(
          "api_key_env",
          "Environment variable holding the restricted key",
          "STRIPE_API_KEY",
          text -> text);
  static final OptionSpec<String> API_KEY_FILE =
      new OptionSpec<>(
          "api_key_file",
          "File holding the restricted key (wins over api_key_env)",
          null,
          text -> text);
  static final OptionSpec<String> API_BASE =
      new OptionSpec<>(
          "api_base",
          "API base URL, for proxies and tests",
          "https://api.stripe.com",
          StripeApiOptions::baseUrl);
  static final OptionSpec<Integer> MAX_RETRIES =
      new OptionSpec<>(
          "max_retries",
          "Retries of one page on 429, 5xx and network errors before the partition is given up",
          "8",
          text -> bounded(text, 0, 100));
  static final OptionSpec<Duration> BACKOFF_INITIAL =
      new OptionSpec<>(
          "backoff_initial",
          "First retry delay, doubled each retry, with jitter (ISO-8601 duration or milliseconds)",
          "PT0.5S",
          StripeApiOptions::duration);
  static final OptionSpec<Duration> BACKOFF_MAX =
      new OptionSpec<>(
          "backoff_max",
          "Longest retry delay (Retry-After is honoured even when longer)",
          "PT30S",
          StripeApiOptions::duration);
  static final OptionSpec<Duration> TIMEOUT =
      new OptionSpec<>(
          "timeout",
          "Connect and read timeout of one request",
          "PT80S",
          StripeApiOptions::duration);
  static final OptionSpec<String> SNAPSHOT_DIR =
      new OptionSpec<>(
          "snapshot_dir",
          "Directory receiving every page read as <object>/page-*.json (stripe-json format);"
              + " default: the source's path, if any",
          null,
          text -> text);
  static final OptionSpec<Boolean> ALLOW_SECRET_KEY =
      new OptionSpec<>(
          "allow_secret_key",
          "Accept a live secret key (sk_live_); also set by salvage run --allow-secret-key",
          "false",
          StripeApiOptions::bool);

  static final List<OptionSpec<?>> ALL =
      List.of(
          OBJECTS,
          CREATED_FROM,
          CREATED_TO,
          BACKUP_TAKEN_AT,
          CREATED_MARGIN,
          SLICES,
          API_KEY_ENV,
          API_KEY_FILE,
          API_BASE,
          MAX_RETRIES,
          BACKOFF_INITIAL,
          BACKOFF_MAX,
          TIMEOUT,
          SNAPSHOT_DIR,
          ALLOW_SECRET_KEY);

  StripeApiOptions {
    objects = List.copyOf(objects);
    requireNonNull(createdFrom, "createdFrom");
    requireNonNull(createdTo, "createdTo");
    requireNonNull(apiKeyEnv, "apiKeyEnv");
    requireNonNull(apiBase, "apiBase");
    requireNonNull(backoffInitial, "backoffInitial");
    requireNonNull(backoffMax, "backoffMax");
    requireNonNull(timeout, "timeout");
  }

  /**
   * Parses and validates the options of source {@code sourceName}.
   *
   * @param path the source's configured path, the default snapshot directory
   * @param now the default end of the window
   */
  static StripeApiOptions parse(
      String sourceName, Path path, Map<String, String> options, Instant now)
      throws InvalidSourceException {
    Set<String> known = new LinkedHashSet<>();
    ALL.forEach(spec -> known.add(spec.name()));
    List<String> unknown = new ArrayList<>(options.keySet());
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      throw new InvalidSourceException(
          "Source "
              + sourceName
              + " of type stripe-api: unknown option(s) "
              + String.join(", ", unknown)
              + "; known: "
              + String.join(", ", known));
    }
    Instant from = CREATED_FROM.value(sourceName, options);
    if (from == null) {
      Instant backup = BACKUP_TAKEN_AT.value(sourceName, options);
      if (backup == null) {
        throw new InvalidSourceException(
            "Source "
                + sourceName
                + " of type stripe-api: set created_from (or backup_taken_at) to bound the"
                + " created-time window");
      }
      from = backup.minus(CREATED_MARGIN.value(sourceName, options));
    }
    Instant to = CREATED_TO.value(sourceName, options);
    to = to == null ? now : to;
    if (!from.isBefore(to)) {
      throw new InvalidSourceException(
          "Source "
              + sourceName
              + " of type stripe-api: created_from "
              + from
              + " is not before created_to "
              + to);
    }
    String snapshot = SNAPSHOT_DIR.value(sourceName, options);
    if (snapshot == null && path != null) {
      snapshot = path.toString();
    }
    return new StripeApiOptions(
        OBJECTS.value(sourceName, options),
        from,
        to,
        SLICES.value(sourceName, options),
        API_KEY_ENV.value(sourceName, options),
        API_KEY_FILE.value(sourceName, options),
        API_BASE.value(sourceName, options),
        MAX_RETRIES.value(sourceName, options),
        BACKOFF_INITIAL.value(sourceName, options),
        BACKOFF_MAX.value(sourceName, options),
        TIMEOUT.value(sourceName, options),
        snapshot,
        ALLOW_SECRET_KEY.value(sourceName, options));
  }

  private static List<StripeObjectType> objectList(String text) {
    List<StripeObjectType> types = new ArrayList<>();
    for (String name : text.split(",")) {
      if (!name.isBlank()) {
        StripeObjectType type = StripeObjectType.byOptionName(name);
        if (!types.contains(type)) {
          types.add(type);
        }
      }
    }
    if (types.isEmpty()) {
      throw new IllegalArgumentException("names no object");
    }
    return types;
  }

  static Instant instant(String text) {
    if (text.chars().allMatch(Character::isDigit)) {
      return Instant.ofEpochSecond(Long.parseLong(text));
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException notInstant) {
      try {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "not an ISO-8601 instant (2025-01-31T00:00:00Z), date or epoch seconds");
      }
    }
  }

  private static Duration duration(String text) {
    if (text.chars().allMatch(Character::isDigit)) {
      return Duration.ofMillis(Long.parseLong(text));
    }
    try {
      Duration duration = Duration.parse(text.toUpperCase(Locale.ROOT));
      if (duration.isNegative()) {
        throw new IllegalArgumentException("is negative");
      }
      return duration;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "not an ISO-8601 duration (PT0.5S, P30D) or a number of milliseconds");
    }
  }

  private static int bounded(String text, int min, int max) {
    int value;
    try {
      value = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a whole number");
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException("must be between " + min + " and " + max);
    }
    return value;
  }

  private static boolean bool(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true", "yes" -> true;
      case "false", "no" -> false;
      default -> throw new IllegalArgumentException("must be true or false");
    };
  }

  private static String baseUrl(String text) {
    if (!text.startsWith("https://") && !text.startsWith("http://")) {
      throw new IllegalArgumentException("must be an http(s) URL");
    }
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }
}
