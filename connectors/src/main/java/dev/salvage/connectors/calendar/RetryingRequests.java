package dev.salvage.connectors.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.client.http.HttpExecuteInterceptor;
import com.google.api.client.http.HttpIOExceptionHandler;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.HttpUnsuccessfulResponseHandler;
import com.google.api.client.util.BackOff;
import com.google.api.client.util.ExponentialBackOff;
import com.google.api.client.util.Sleeper;
import com.google.auth.http.HttpCredentialsAdapter;
import dev.salvage.connectors.RetryTally;
import dev.salvage.connectors.io.JsonInput;
import dev.salvage.connectors.io.RetryAfter;
import dev.salvage.connectors.io.SecretText;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Prepares every Calendar API request: the OAuth header, GET only, and retries with exponential
 * backoff on 429, 5xx, 403 {@code rateLimitExceeded} and unanswered requests.
 *
 * <p>google-api-client retries nothing by default, and the credentials adapter is itself the
 * request's unsuccessful-response handler (it refreshes the token on 401) and re-installs itself
 * after a refresh; so the handler here chains to it for 401 and re-installs itself afterwards.
 */
final class RetryingRequests implements HttpRequestInitializer {
  private static final Set<String> RATE_LIMIT_REASONS =
      Set.of("rateLimitExceeded", "userRateLimitExceeded");
  private static final int MAX_BODY = 64 << 10;

  private final String sourceName;
  private final HttpCredentialsAdapter credentials;
  private final int maxRetries;
  private final Duration backoff;
  private final Duration maxBackoff;
  private final Duration retryAfterMax;
  private final int timeoutMillis;
  private final Sleeper sleeper;
  private final PrintStream warnings;
  private final RetryTally tally = new RetryTally();

  /**
   * @param warnings where each retry is announced, one line with the status and the wait
   */
  RetryingRequests(
      String sourceName,
      HttpCredentialsAdapter credentials,
      CalendarApiOptions settings,
      PrintStream warnings) {
    this.sourceName = sourceName;
    this.credentials = credentials;
    this.maxRetries = settings.maxRetries();
    this.backoff = settings.backoff();
    this.maxBackoff = settings.maxBackoff();
    this.retryAfterMax = settings.retryAfterMax();
    this.timeoutMillis = (int) settings.timeout().toMillis();
    this.sleeper = Sleeper.DEFAULT;
    this.warnings = warnings;
  }

  /** The retries of the requests prepared here, for the calendar's read to pass on. */
  RetryTally tally() {
    return tally;
  }

  /** Whether Google's {@code reason} of a 403 says a rate limit, which a retry may pass. */
  static boolean isRateLimit(String reason) {
    return reason != null && RATE_LIMIT_REASONS.contains(reason);
  }

  @Override
  public void initialize(HttpRequest request) throws IOException {
    // one more than the retries: a token refresh on 401 is not counted as a retry
    request.setNumberOfRetries(maxRetries + 1);
    install(request, new Handler());
    request.setConnectTimeout(timeoutMillis);
    request.setReadTimeout(timeoutMillis);
  }

  /**
   * The credentials' header and the GET-only check, with {@code handler} answering failures; again
   * after a token refresh, which the credentials would otherwise install over them.
   */
  private void install(HttpRequest request, Handler handler) throws IOException {
    credentials.initialize(request);
    HttpExecuteInterceptor earlier = request.getInterceptor();
    request.setInterceptor(
        r -> {
          if (!"GET".equals(r.getRequestMethod())) {
            throw new IllegalStateException(
                "Refusing "
                    + r.getRequestMethod()
                    + " "
                    + r.getUrl()
                    + ": this connector only reads");
          }
          if (earlier != null) {
            earlier.intercept(r);
          }
        });
    request.setUnsuccessfulResponseHandler(handler);
    request.setIOExceptionHandler(handler);
  }

  private BackOff backOff() {
    return new ExponentialBackOff.Builder()
        .setInitialIntervalMillis((int) Math.max(1, backoff.toMillis()))
        .setMaxIntervalMillis((int) Math.max(1, maxBackoff.toMillis()))
        .setMultiplier(2)
        .setRandomizationFactor(0.2)
        .setMaxElapsedTimeMillis(Integer.MAX_VALUE)
        .build();
  }

  /**
   * The handler of one request's unsuccessful responses and unanswered attempts; both count against
   * the same retries and announce each retry, as the Stripe connector does.
   */
  private final class Handler implements HttpUnsuccessfulResponseHandler, HttpIOExceptionHandler {
    private final BackOff delays = backOff();
    private int retries;
    private boolean refreshed;

    @Override
    public boolean handleIOException(HttpRequest request, boolean supportsRetry)
        throws IOException {
      if (!supportsRetry || retries >= maxRetries) {
        return false;
      }
      retries++;
      wait(request, 0, "no answer (network error or timeout)", delays.nextBackOffMillis(), 0);
      return true;
    }

    /**
     * Waits the backoff, cut to max_backoff, or longer when the server asked for longer: asking
     * again sooner than it said only spends the retries on answers that say the same.
     */
    private void wait(
        HttpRequest request, int status, String failure, long backoffMillis, long askedMillis)
        throws IOException {
      long delay = Math.max(Math.min(backoffMillis, maxBackoff.toMillis()), askedMillis);
      tally.retried(status, delay);
      warnings.println(
          "Calendar source "
              + sourceName
              + ": "
              + failure
              + " on GET "
              + request.getUrl()
              + "; retry "
              + retries
              + "/"
              + maxRetries
              + " in "
              + delay
              + " ms");
      try {
        sleeper.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("Interrupted while waiting to retry GET " + request.getUrl(), e);
      }
    }

    @Override
    public boolean handleResponse(HttpRequest request, HttpResponse response, boolean supportsRetry)
        throws IOException {
      int status = response.getStatusCode();
      if (status == 401 && !refreshed && supportsRetry) {
        refreshed = true;
        // not credentials.handleResponse: it logs a refusal of the token endpoint as SEVERE with
        // its stack on the console and answers 401 as if nothing had been asked; the refusal
        // propagates instead, for the calendar's not-read entry to say it on one line
        credentials.getCredentials().refresh();
        install(request, this);
        return true;
      }
      ApiError error = ApiError.read(response);
      boolean retryable = status == 429 || status >= 500 || status == 403 && error.rateLimited();
      if (retryable && supportsRetry && retries < maxRetries) {
        String retryAfter = retryAfter(response);
        long asked = RetryAfter.millis(retryAfter);
        String failure = "HTTP " + status + " " + error.describe(response.getStatusMessage());
        if (asked > retryAfterMax.toMillis()) {
          // a day's wait would hold the whole run, and the other calendars' results, for a day
          throw new CalendarApiException(
              "Google Calendar API answered "
                  + status
                  + " to GET "
                  + request.getUrl()
                  + ": "
                  + error.describe(response.getStatusMessage())
                  + "; the server "
                  + RetryAfter.tooLong(asked, retryAfter, "retry_after_max", retryAfterMax),
              status,
              error.reason());
        }
        retries++;
        wait(
            request,
            status,
            retryAfter == null ? failure : failure + " (Retry-After: " + retryAfter.strip() + ")",
            delays.nextBackOffMillis(),
            asked);
        return true;
      }
      throw new CalendarApiException(
          "Google Calendar API answered "
              + status
              + " to GET "
              + request.getUrl()
              + (retryable ? " after " + retries + " retries" : "")
              + ": "
              + error.describe(response.getStatusMessage()),
          status,
          error.reason());
    }
  }

  private static String retryAfter(HttpResponse response) {
    Object header = response.getHeaders().get("retry-after");
    return header instanceof Iterable<?> values && values.iterator().hasNext()
        ? String.valueOf(values.iterator().next())
        : header == null ? null : header.toString();
  }

  /**
   * The error body Google sends: {@code {"error": {"code", "message", "errors": [{"reason"}]}}}.
   */
  private record ApiError(String message, String reason) {
    static ApiError read(HttpResponse response) {
      try (InputStream content = response.getContent()) {
        if (content == null) {
          return new ApiError(null, null);
        }
        byte[] body = content.readNBytes(MAX_BODY);
        JsonNode error = JsonInput.MAPPER.readTree(body).path("error");
        String message = error.path("message").isTextual() ? error.get("message").asText() : null;
        String reason = null;
        for (JsonNode item : error.path("errors")) {
          if (item.path("reason").isTextual()) {
            reason = item.get("reason").asText();
            break;
          }
        }
        if (reason == null && error.path("status").isTextual()) {
          reason = error.get("status").asText();
        }
        return new ApiError(message, reason);
      } catch (IOException | RuntimeException notJson) {
        return new ApiError(null, null);
      }
    }

    boolean rateLimited() {
      return isRateLimit(reason);
    }

    String describe(String statusMessage) {
      String text =
          message != null ? message : statusMessage == null ? "no message" : statusMessage;
      // a server's own message may quote what it was sent
      text = SecretText.redact(text, List.of());
      return reason == null ? text : text + " (reason " + reason + ")";
    }
  }
}
