package dev.salvage.connectors.stripe;

import static java.util.Objects.requireNonNull;

import dev.salvage.connectors.InvalidOptionException;
import dev.salvage.connectors.InvalidSourceException;
import dev.salvage.connectors.Option;
import dev.salvage.connectors.OptionSet;
import dev.salvage.connectors.OptionValues;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The options of a {@code stripe-api} source, each declared once, and the configuration they give.
 * It holds where the key is, never the key.
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
 * @param requestDeadline the longest one request and its whole answer may take
 * @param retryAfterMax the longest {@code Retry-After} waited for; a longer one gives the slice up
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
    Duration requestDeadline,
    Duration retryAfterMax,
    String snapshotDir,
    boolean allowSecretKey)
    implements Serializable {

  static final Option<List<StripeObjectType>> OBJECTS =
      Option.listOf("objects", "list", StripeObjectType::byOptionName)
          .withDefault(String.join(",", StripeObjectType.optionNames()))
          .withDescription(
              "the lists to read, comma-separated: "
                  + String.join(
                      ", ",
                      StripeObjectType.optionNames().stream().map(n -> "`" + n + "`").toList()));
  static final Option<Instant> CREATED_FROM =
      Option.instant("created_from")
          .withDefaultDescribed("`backup_taken_at − created_margin`")
          .withDescription(
              "start of the created-time window (an instant, a date or epoch seconds); required"
                  + " unless `backup_taken_at` is known");
  static final Option<Instant> CREATED_TO =
      Option.instant("created_to")
          .withDefaultDescribed("now")
          .withDescription("end of the created-time window, exclusive");
  static final Option<Instant> BACKUP_TAKEN_AT =
      Option.instant("backup_taken_at")
          .withDefaultDescribed("the backup's time")
          .withDescription(
              "when the backup was taken (the window then starts `created_margin` earlier);"
                  + " `salvage run` and `salvage fetch` set it from the config's `backup` (its"
                  + " `taken_at`, else the pg_dump header) unless it is set here");
  static final Option<Duration> CREATED_MARGIN =
      Option.duration("created_margin")
          .withDefault("P30D")
          .withDescription("how long before `backup_taken_at` the window starts");
  static final Option<Integer> SLICES =
      Option.integer("slices", 1, 64)
          .withDefault("4")
          .withDescription(
              "created-time slices per list; each (list, slice) is one partition, read in"
                  + " parallel");
  static final Option<String> API_KEY_ENV =
      Option.secretEnv("api_key_env")
          .withDefault("STRIPE_API_KEY")
          .withDescription("environment variable holding the restricted key");
  static final Option<String> API_KEY_FILE =
      Option.secretFile("api_key_file")
          .withDescription("file holding the restricted key (wins over `api_key_env`)");
  static final Option<String> API_BASE =
      Option.url("api_base")
          .withDefault("https://api.stripe.com")
          .withDescription("API base URL, for proxies and tests");
  static final Option<Integer> MAX_RETRIES =
      Option.integer("max_retries", 0, 100)
          .withDefault("8")
          .withDescription(
              "retries of one page (429, 5xx, network errors) before the partition is given up");
  static final Option<Duration> BACKOFF_INITIAL =
      Option.duration("backoff_initial")
          .withDefault("PT0.5S")
          .withDescription("first retry delay, doubled each retry, with jitter");
  static final Option<Duration> BACKOFF_MAX =
      Option.duration("backoff_max")
          .withDefault("PT30S")
          .withDescription(
              "longest retry delay; a longer `Retry-After` is still honoured, up to"
                  + " `retry_after_max`");
  static final Option<Duration> RETRY_AFTER_MAX =
      Option.duration("retry_after_max")
          .withDefault("PT10M")
          .withDescription(
              "longest `Retry-After` waited for; a server asking for a longer wait gives the slice"
                  + " up at once as not read, saying when it asked to come back");
  static final Option<Duration> TIMEOUT =
      Option.duration("timeout")
          .withDefault("PT80S")
          .withDescription("connect and read timeout of one request");
  static final Option<Duration> REQUEST_DEADLINE =
      Option.duration("request_deadline")
          .withDefault("PT5M")
          .withDescription(
              "longest time one request may take, its whole answer included (an answer sent a"
                  + " byte at a time passes every read timeout); past it the attempt fails and is"
                  + " retried like a timeout");
  static final Option<String> SNAPSHOT_DIR =
      Option.directory("snapshot_dir")
          .withDefaultDescribed("the source's `path`, if any")
          .withDescription(
              "where every page read is kept as `<object>/page-*.json` (the `stripe-json`"
                  + " format)");
  static final Option<Boolean> ALLOW_SECRET_KEY =
      Option.flag("allow_secret_key")
          .withDefault("false")
          .withDescription(
              "accept a live secret key (`sk_live_`); also set by `--allow-secret-key` of"
                  + " `salvage run` and `salvage fetch`");

  static final OptionSet OPTIONS =
      OptionSet.of(
          "stripe-api",
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
          REQUEST_DEADLINE,
          RETRY_AFTER_MAX,
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
    requireNonNull(requestDeadline, "requestDeadline");
    requireNonNull(retryAfterMax, "retryAfterMax");
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
    return OPTIONS.configure(sourceName, options, values -> assemble(values, path, now));
  }

  private static StripeApiOptions assemble(OptionValues values, Path path, Instant now)
      throws InvalidOptionException {
    Instant from = values.get(CREATED_FROM);
    if (from == null) {
      Instant backup = values.get(BACKUP_TAKEN_AT);
      if (backup == null) {
        throw values.invalid(
            "set created_from (or backup_taken_at) to bound the created-time window");
      }
      from = backup.minus(values.get(CREATED_MARGIN));
    }
    Instant to = values.get(CREATED_TO);
    to = to == null ? now : to;
    if (!from.isBefore(to)) {
      throw values.invalid("created_from " + from + " is not before created_to " + to);
    }
    String snapshot = values.get(SNAPSHOT_DIR);
    if (snapshot == null && path != null) {
      snapshot = path.toString();
    }
    String apiBase = values.get(API_BASE);
    Duration deadline = values.get(REQUEST_DEADLINE);
    if (deadline.isZero()) {
      throw values.invalid(REQUEST_DEADLINE, "must be longer than zero, got " + deadline);
    }
    return new StripeApiOptions(
        values.get(OBJECTS),
        from,
        to,
        values.get(SLICES),
        values.get(API_KEY_ENV),
        values.get(API_KEY_FILE),
        apiBase.endsWith("/") ? apiBase.substring(0, apiBase.length() - 1) : apiBase,
        values.get(MAX_RETRIES),
        values.get(BACKOFF_INITIAL),
        values.get(BACKOFF_MAX),
        values.get(TIMEOUT),
        deadline,
        values.get(RETRY_AFTER_MAX),
        snapshot,
        values.get(ALLOW_SECRET_KEY));
  }
}
