package dev.salvage.connectors.stripe;

import com.stripe.exception.ApiConnectionException;
import com.stripe.net.ApiResource;
import com.stripe.net.HttpClient;
import com.stripe.net.HttpHeaders;
import com.stripe.net.StripeRequest;
import com.stripe.net.StripeResponse;
import com.stripe.net.StripeResponseStream;
import dev.salvage.connectors.RetryTally;
import dev.salvage.connectors.io.RequestDeadline;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * stripe-java's HTTP transport (HttpURLConnection, as its {@code HttpURLConnectionClient}),
 * restricted to GET (so that no code path can change the account) and keeping the last response's
 * {@code Retry-After}, which stripe-java's exceptions do not carry, and its status and body, which
 * they lose when the body is not Stripe's JSON. One instance serves one partition read, on one
 * thread.
 *
 * <p>It does the request itself rather than through {@code HttpURLConnectionClient} because that
 * client fails with a NullPointerException on an error answer without a body (a gateway's 504:
 * {@code getErrorStream()} is null), which is not an API error and so was not retried: the slice
 * was given up at once.
 *
 * <p>Each answer is bounded as a whole by a {@link RequestDeadline}: the read timeout bounds each
 * read only, and an answer trickled a byte at a time passed every one of them forever.
 */
final class ReadOnlyHttpClient extends HttpClient {
  private final RequestDeadline deadline;
  private String lastRetryAfter;
  private final RetryTally retries = new RetryTally();
  private int lastStatus;
  private String lastBody;

  ReadOnlyHttpClient(RequestDeadline deadline) {
    this.deadline = deadline;
  }

  @Override
  public StripeResponseStream requestStream(StripeRequest request) throws ApiConnectionException {
    if (request.method() != ApiResource.RequestMethod.GET) {
      throw new IllegalStateException(
          "Salvage only reads Stripe: refused " + request.method() + " " + request.url().getPath());
    }
    try {
      long start = System.nanoTime();
      HttpURLConnection connection =
          (HttpURLConnection)
              (request.options().getConnectionProxy() == null
                  ? request.url().openConnection()
                  : request.url().openConnection(request.options().getConnectionProxy()));
      connection.setConnectTimeout(request.options().getConnectTimeout());
      connection.setReadTimeout(request.options().getReadTimeout());
      connection.setUseCaches(false);
      connection.setRequestMethod("GET");
      for (Map.Entry<String, List<String>> header : request.headers().map().entrySet()) {
        connection.setRequestProperty(header.getKey(), String.join(",", header.getValue()));
      }
      connection.setRequestProperty("User-Agent", buildUserAgentString(request));
      connection.setRequestProperty(
          "X-Stripe-Client-User-Agent", buildXStripeClientUserAgentString());
      int status = connection.getResponseCode();
      Map<String, List<String>> fields = new LinkedHashMap<>();
      connection
          .getHeaderFields()
          .forEach(
              (name, values) -> {
                if (name != null) { // the status line
                  fields.put(name, values);
                }
              });
      InputStream body =
          status >= 200 && status < 300 ? connection.getInputStream() : connection.getErrorStream();
      return new StripeResponseStream(
          status,
          HttpHeaders.of(fields),
          body == null
              ? new ByteArrayInputStream(new byte[0])
              : deadline.guard(body, start, "request_deadline"));
    } catch (IOException e) {
      throw failed("during GET " + request.url().getPath(), e);
    }
  }

  private static ApiConnectionException failed(String when, IOException e) {
    return new ApiConnectionException("IOException " + when + ": " + e.getMessage(), e);
  }

  @Override
  public StripeResponse request(StripeRequest request) throws ApiConnectionException {
    lastRetryAfter = null;
    lastStatus = 0;
    lastBody = null;
    StripeResponseStream stream = requestStream(request);
    String body;
    try (InputStream in = stream.body()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw failed("reading the answer to GET " + request.url().getPath(), e);
    }
    StripeResponse response = new StripeResponse(stream.code(), stream.headers(), body);
    lastRetryAfter = response.headers().firstValue("Retry-After").orElse(null);
    lastStatus = response.code();
    lastBody = body;
    return response;
  }

  /** The retries of the requests of this client, one partition's read. */
  RetryTally retries() {
    return retries;
  }

  /** The {@code Retry-After} of the last response, or null. */
  String lastRetryAfter() {
    return lastRetryAfter;
  }

  /** The HTTP status of the last response, or 0 when the last request got none. */
  int lastStatus() {
    return lastStatus;
  }

  /** The body of the last response, or null when the last request got none. */
  String lastBody() {
    return lastBody;
  }
}
