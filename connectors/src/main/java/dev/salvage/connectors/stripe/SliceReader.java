package dev.salvage.connectors.stripe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.net.ApiResource;
import com.stripe.net.LiveStripeResponseGetter;
import dev.salvage.connectors.RecordSink;
import dev.salvage.connectors.io.JsonInput;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reads one slice of one Stripe list page by page ({@code limit=100}, {@code starting_after}) with
 * stripe-java, GET only. A failed page is retried from the same cursor, so an interrupted read
 * loses nothing and repeats nothing; when its retries run out the slice fails with the cursor to
 * resume from.
 */
final class SliceReader {
  static final int PAGE_SIZE = 100;

  private final String sourceName;
  private final StripeApiOptions options;
  private final String key;
  private final PrintStream warnings;
  private final SnapshotPages snapshot;

  SliceReader(String sourceName, StripeApiOptions options, String key, PrintStream warnings) {
    this.sourceName = sourceName;
    this.options = options;
    this.key = key;
    this.warnings = warnings;
    this.snapshot =
        options.snapshotDir() == null ? null : new SnapshotPages(Path.of(options.snapshotDir()));
  }

  /** Fetches one object of the list, to fail early when the key may not read it. */
  void probe(StripeObjectType type) throws IOException {
    ReadOnlyHttpClient http = new ReadOnlyHttpClient();
    fetch(client(http), http, type.path() + "?limit=1", type.optionName() + " (permission check)");
  }

  void read(Slice slice, RecordSink sink) throws IOException {
    ReadOnlyHttpClient http = new ReadOnlyHttpClient();
    StripeClient client = client(http);
    String cursor = null;
    int page = 0;
    boolean hasMore = true;
    while (hasMore) {
      String url = url(slice, cursor);
      String what =
          slice.describe() + (cursor == null ? " (first page)" : " (page after " + cursor + ")");
      String body = fetch(client, http, url, what);
      JsonNode list = JsonInput.MAPPER.readTree(body);
      page++;
      if (snapshot != null) {
        snapshot.write(slice, page, body);
      }
      JsonNode data = list.get("data");
      String location = options.apiBase() + url;
      for (int i = 0; i < data.size(); i++) {
        StripeRecords.emit(data.get(i), sourceName, location, "data[" + i + "]", sink);
      }
      hasMore = list.path("has_more").asBoolean(false);
      if (hasMore) {
        String last = data.isEmpty() ? null : StripeRecords.text(data.get(data.size() - 1), "id");
        if (last == null) {
          throw new StripeReadException(
              "Cannot read Stripe "
                  + slice.describe()
                  + ": page "
                  + page
                  + " says has_more but its last object has no id to continue from");
        }
        cursor = last;
      }
    }
  }

  /** One page's body, retried on 429, 5xx, network errors and malformed pages. */
  private String fetch(StripeClient client, ReadOnlyHttpClient http, String url, String what)
      throws IOException {
    for (int attempt = 0; ; attempt++) {
      String failure;
      try {
        String body = client.rawRequest(ApiResource.RequestMethod.GET, url, null).body();
        failure = malformed(body);
        if (failure == null) {
          return body;
        }
      } catch (StripeException e) {
        // stripe-java reports network errors with no status, or 0
        int status = e.getStatusCode() == null ? 0 : e.getStatusCode();
        String message = StripeKeys.redact(stripeMessage(e), key);
        if (status == 401 || status == 403) {
          throw new StripeAccessDeniedException(
              "Stripe refused to list "
                  + what
                  + " (GET "
                  + url.substring(0, url.indexOf('?'))
                  + ", HTTP "
                  + status
                  + "): "
                  + message
                  + (status == 403
                      ? " Give the restricted key read access to this resource (docs/stripe.md)."
                      : " Check the key in the source's api_key_env or api_key_file."));
        }
        if (status != 0 && status != 429 && status < 500) {
          throw new StripeReadException(
              "Cannot read Stripe "
                  + what
                  + ": Stripe rejected GET "
                  + url
                  + " (HTTP "
                  + status
                  + "): "
                  + message);
        }
        failure = (status == 0 ? "network error" : "HTTP " + status) + ": " + message;
      }
      if (attempt >= options.maxRetries()) {
        throw new StripeReadException(
            "Cannot read Stripe "
                + what
                + ": gave up after "
                + (attempt + 1)
                + " attempt(s); last error: "
                + failure
                + ". Objects before this page were read; rerun to resume.");
      }
      Duration delay = delay(attempt, http.lastRetryAfter());
      warnings.println(
          "Stripe source "
              + sourceName
              + ": "
              + failure
              + " on "
              + what
              + "; retry "
              + (attempt + 1)
              + "/"
              + options.maxRetries()
              + " in "
              + delay.toMillis()
              + " ms");
      sleep(delay);
    }
  }

  private StripeClient client(ReadOnlyHttpClient http) {
    return new StripeClient(
        new LiveStripeResponseGetter(
            new ClientOptions(key, options.apiBase(), (int) options.timeout().toMillis()), http));
  }

  private static String malformed(String body) {
    try {
      JsonNode list = JsonInput.MAPPER.readTree(body);
      if (list == null
          || !"list".equals(list.path("object").asText())
          || !list.path("data").isArray()) {
        return "the response is not a Stripe list";
      }
      return null;
    } catch (JsonProcessingException e) {
      return "the response is not JSON: " + e.getOriginalMessage();
    }
  }

  private static String stripeMessage(StripeException e) {
    if (e.getStripeError() != null && e.getStripeError().getMessage() != null) {
      return e.getStripeError().getMessage();
    }
    String message = e.getMessage();
    // stripe-java's network error text points at the global API base and support; keep the cause
    return e.getCause() != null ? e.getCause().toString() : message;
  }

  /**
   * Exponential backoff with jitter (half fixed, half random), and never shorter than the server's
   * Retry-After.
   */
  private Duration delay(int attempt, String retryAfter) {
    long initial = options.backoffInitial().toMillis();
    long cap = options.backoffMax().toMillis();
    long base = Math.min(cap, initial << Math.min(attempt, 30));
    long jittered = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
    return Duration.ofMillis(Math.max(jittered, retryAfterMillis(retryAfter)));
  }

  static long retryAfterMillis(String retryAfter) {
    if (retryAfter == null || retryAfter.isBlank()) {
      return 0;
    }
    try {
      return (long) (Double.parseDouble(retryAfter.trim()) * 1000);
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at =
            ZonedDateTime.parse(retryAfter.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        return Math.max(0, Duration.between(ZonedDateTime.now(), at).toMillis());
      } catch (RuntimeException e) {
        return 0;
      }
    }
  }

  private static void sleep(Duration delay) throws InterruptedIOException {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted while waiting to retry Stripe");
    }
  }

  private static String url(Slice slice, String cursor) {
    StringBuilder url = new StringBuilder(slice.type().path());
    url.append("?limit=").append(PAGE_SIZE);
    url.append('&').append(encode("created[gte]")).append('=').append(slice.from());
    url.append('&').append(encode("created[lt]")).append('=').append(slice.to());
    for (String expansion : slice.type().expansions()) {
      url.append('&').append(encode("expand[]")).append('=').append(encode(expansion));
    }
    if (cursor != null) {
      url.append("&starting_after=").append(encode(cursor));
    }
    return url.toString();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
