package dev.salvage.connectors.stripe;

import com.stripe.exception.ApiConnectionException;
import com.stripe.net.ApiResource;
import com.stripe.net.HttpURLConnectionClient;
import com.stripe.net.StripeRequest;
import com.stripe.net.StripeResponse;

/**
 * stripe-java's HTTP client, restricted to GET (so that no code path can change the account) and
 * keeping the last response's {@code Retry-After}, which stripe-java's exceptions do not carry. One
 * instance serves one partition read, on one thread.
 */
final class ReadOnlyHttpClient extends HttpURLConnectionClient {
  private String lastRetryAfter;

  @Override
  public StripeResponse request(StripeRequest request) throws ApiConnectionException {
    if (request.method() != ApiResource.RequestMethod.GET) {
      throw new IllegalStateException(
          "Salvage only reads Stripe: refused " + request.method() + " " + request.url().getPath());
    }
    lastRetryAfter = null;
    StripeResponse response = super.request(request);
    lastRetryAfter = response.headers().firstValue("Retry-After").orElse(null);
    return response;
  }

  /** The {@code Retry-After} of the last response, or null. */
  String lastRetryAfter() {
    return lastRetryAfter;
  }
}
