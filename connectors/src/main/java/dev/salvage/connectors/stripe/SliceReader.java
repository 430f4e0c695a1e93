package dev.salvage.connectors.stripe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.net.ApiResource;
import com.stripe.net.LiveStripeResponseGetter;
import dev.salvage.connectors.PartitionFailure;
import dev.salvage.connectors.RecordSink;
import dev.salvage.connectors.UnreadPartitionException;
import dev.salvage.connectors.io.JsonInput;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reads one slice of one Stripe list page by page ({@code limit=100}, {@code starting_after}) with
 * stripe-java, GET only. A failed page is retried from the same cursor, so an interrupted read
 * loses nothing and repeats nothing; when its retries run out the slice fails with what was not
 * read, and with a snapshot a rerun resumes after the last page stored.
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
    String what = type.optionName() + " (permission check)";
    try {
      fetch(client(http), http, type.path() + "?limit=1", what);
    } catch (PageFailure e) {
      throw new StripeReadException(
          "Cannot check that the key may list "
              + type.optionName()
              + ": "
              + e.getMessage()
              + ". Nothing was read.");
    }
  }

  /**
   * Reads one slice. Pages a snapshot already holds for this very slice are read from it, and
   * Stripe is asked only for what follows the last of them: a rerun resumes where a failed one
   * stopped, and a slice stored to its end is not fetched again.
   *
   * @throws UnreadPartitionException when a page cannot be had after its retries, or Stripe refuses
   *     it part-way: what was not read, and the objects before it passed on
   */
  void read(Slice slice, RecordSink sink) throws IOException {
    ReadOnlyHttpClient http = new ReadOnlyHttpClient();
    StripeClient client = client(http);
    String cursor = null;
    int page = 0;
    long read = 0;
    boolean hasMore = true;
    if (snapshot != null) {
      for (Path stored : snapshot.stored(slice)) {
        JsonNode list = storedList(stored);
        if (list == null) {
          snapshot.setAsideFrom(slice, page + 1); // unreadable: fetched again below
          break;
        }
        page++;
        read += emit(list, stored.toString(), sink);
        hasMore = list.path("has_more").asBoolean(false);
        if (!hasMore) {
          break;
        }
        cursor = lastId(list);
        if (cursor == null) {
          throw unread(slice, null, read, noCursor(slice, page));
        }
      }
    }
    while (hasMore) {
      String url = url(slice, cursor);
      String what =
          slice.describe() + (cursor == null ? " (first page)" : " (page after " + cursor + ")");
      String body;
      try {
        body = fetch(client, http, url, what);
      } catch (PageFailure | StripeAccessDeniedException e) {
        throw unread(slice, cursor, read, e);
      }
      JsonNode list = JsonInput.MAPPER.readTree(body);
      page++;
      if (snapshot != null) {
        // the page as Stripe sent it, unless it held secrets
        snapshot.write(slice, page, StripeRecords.removeSecrets(list) > 0 ? list.toString() : body);
      }
      read += emit(list, options.apiBase() + url, sink);
      hasMore = list.path("has_more").asBoolean(false);
      if (hasMore) {
        String last = lastId(list);
        if (last == null) {
          throw unread(slice, cursor, read, noCursor(slice, page));
        }
        cursor = last;
      }
    }
  }

  private static StripeReadException noCursor(Slice slice, int page) {
    return new StripeReadException(
        "Cannot read Stripe "
            + slice.describe()
            + ": page "
            + page
            + " says has_more but its last object has no id to continue from");
  }

  private long emit(JsonNode list, String location, RecordSink sink) {
    JsonNode data = list.get("data");
    for (int i = 0; i < data.size(); i++) {
      StripeRecords.emit(data.get(i), sourceName, location, "data[" + i + "]", sink);
    }
    return data.size();
  }

  private static String lastId(JsonNode list) {
    JsonNode data = list.get("data");
    return data.isEmpty() ? null : StripeRecords.text(data.get(data.size() - 1), "id");
  }

  /** A stored page, or null when it is not a Stripe list. */
  private static JsonNode storedList(Path page) {
    try {
      String body = Files.readString(page, StandardCharsets.UTF_8);
      return malformed(body) == null ? JsonInput.MAPPER.readTree(body) : null;
    } catch (IOException unreadable) {
      return null;
    }
  }

  private UnreadPartitionException unread(Slice slice, String cursor, long read, Exception e) {
    String notRead =
        slice.describe()
            + (cursor == null ? ", from its newest object" : ", the objects older than " + cursor);
    return new UnreadPartitionException(
        new PartitionFailure(
            sourceName, slice.partition(), notRead, read, e.getMessage(), snapshot != null),
        e);
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
        // a body that is not Stripe's (a proxy's HTML page) is named as such, not by the JSON
        // parser's complaint about it
        String message =
            http.lastStatus() != 0 && !isJsonObject(http.lastBody())
                ? "an answer that is not Stripe's JSON ("
                    + StripeKeys.redact(excerpt(http.lastBody()), key)
                    + ")"
                : StripeKeys.redact(stripeMessage(e), key);
        if (status == 401) {
          // the key itself: every request of every source would meet the same answer
          throw new StripeAccessDeniedException(
              "Stripe refused the credentials (GET "
                  + url.substring(0, url.indexOf('?'))
                  + ", HTTP 401, listing "
                  + what
                  + "): "
                  + message
                  + " Check the key in the source's api_key_env or api_key_file.",
              status);
        }
        if (status == 403) {
          throw new StripeAccessDeniedException(
              "Stripe refused to list "
                  + what
                  + " (GET "
                  + url.substring(0, url.indexOf('?'))
                  + ", HTTP 403): "
                  + message
                  + " Give the restricted key read access to this resource (docs/stripe.md).",
              status);
        }
        if (status != 0 && status != 429 && status < 500) {
          throw new PageFailure(
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
      } catch (RuntimeException e) {
        // stripe-java fails on an error answer whose body is not Stripe's JSON, as a gateway or a
        // proxy in front of the API sends (an empty 504 made it throw a NullPointerException):
        // judged by its status like any other answer, not taken for a failure of the read
        int status = http.lastStatus();
        if (status == 0) {
          throw e;
        }
        String notStripe =
            "an answer that is not Stripe's JSON ("
                + StripeKeys.redact(excerpt(http.lastBody()), key)
                + ")";
        if (status != 429 && status < 500 && status >= 300) {
          throw new PageFailure(
              "Cannot read Stripe "
                  + what
                  + ": GET "
                  + url
                  + " was answered HTTP "
                  + status
                  + " with "
                  + notStripe);
        }
        failure = "HTTP " + status + ": " + notStripe;
      }
      if (attempt >= options.maxRetries()) {
        throw new PageFailure(
            "Cannot read Stripe "
                + what
                + ": gave up after "
                + (attempt + 1)
                + " attempt(s); last error: "
                + failure);
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

  /** One page could not be had: its retries ran out, or Stripe rejected the request. */
  private static final class PageFailure extends IOException {
    PageFailure(String message) {
      super(message);
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

  private static boolean isJsonObject(String body) {
    try {
      return body != null && JsonInput.MAPPER.readTree(body) instanceof ObjectNode;
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  /** The start of a body for a message: its first line, at most 80 characters. */
  static String excerpt(String body) {
    if (body == null || body.isBlank()) {
      return "an empty body";
    }
    String text = body.strip().replaceAll("\\s+", " ");
    return text.length() <= 80 ? text : text.substring(0, 80) + "…";
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
