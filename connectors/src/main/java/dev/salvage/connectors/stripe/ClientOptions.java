package dev.salvage.connectors.stripe;

import com.stripe.net.Authenticator;
import com.stripe.net.BearerTokenAuthenticator;
import com.stripe.net.StripeResponseGetterOptions;
import java.net.PasswordAuthentication;
import java.net.Proxy;

/**
 * stripe-java client settings for one read: our base URL and timeouts, and no retries of its own
 * (it would ignore Retry-After and retry only when Stripe-Should-Retry is set; we retry ourselves).
 */
final class ClientOptions extends StripeResponseGetterOptions {
  private final Authenticator authenticator;
  private final String apiBase;
  private final int timeoutMillis;

  ClientOptions(String key, String apiBase, int timeoutMillis) {
    this.authenticator = new BearerTokenAuthenticator(key);
    this.apiBase = apiBase;
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  public Authenticator getAuthenticator() {
    return authenticator;
  }

  @Override
  public String getClientId() {
    return null;
  }

  @Override
  public int getConnectTimeout() {
    return timeoutMillis;
  }

  @Override
  public Proxy getConnectionProxy() {
    return null;
  }

  @Override
  public int getMaxNetworkRetries() {
    return 0;
  }

  @Override
  public PasswordAuthentication getProxyCredential() {
    return null;
  }

  @Override
  public String getApiBase() {
    return apiBase;
  }

  @Override
  public String getFilesBase() {
    return apiBase;
  }

  @Override
  public String getConnectBase() {
    return apiBase;
  }

  @Override
  public String getMeterEventsBase() {
    return apiBase;
  }

  @Override
  public int getReadTimeout() {
    return timeoutMillis;
  }

  @Override
  public String getStripeAccount() {
    return null;
  }

  @Override
  public String getStripeContext() {
    return null;
  }

  @Override
  public String toString() {
    return "ClientOptions[" + apiBase + "]";
  }
}
