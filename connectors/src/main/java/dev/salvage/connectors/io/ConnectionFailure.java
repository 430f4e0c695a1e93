package dev.salvage.connectors.io;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;

/**
 * The one wording of a request that got no answer at all (a port refused, a host unknown, a
 * connection that timed out or broke): the JDK's own messages ({@code java.net.ConnectException:
 * Connection refused}) name no address, so a typo in a port or a host looked like an outage. Every
 * network connector says such a failure through {@link #describe}, with the host and port it tried
 * and the option it took them from. Never a query string or user info: those may hold secrets.
 */
public final class ConnectionFailure {
  private ConnectionFailure() {}

  /**
   * {@code 127.0.0.1:18799 refused the connection (api_base of source stripe)}, or null when no
   * failure to reach a server is among the causes of {@code failure} (an HTTP answer, a broken
   * page: the caller's own wording says those).
   *
   * @param url the URL asked, or the base URL it was made from
   * @param from the option or endpoint the URL came from, for the operator to mend
   */
  public static String describe(Throwable failure, String url, String from) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      String what = what(cause);
      if (what != null) {
        return address(url) + " " + what + " (" + from + ")";
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }

  private static String what(Throwable cause) {
    String message = cause.getMessage() == null ? "" : cause.getMessage().strip();
    if (cause instanceof RequestDeadline.Exceeded) {
      return "answered too slowly: " + message;
    }
    if (cause instanceof UnknownHostException) {
      return "is not a host name the resolver knows (unknown host)";
    }
    if (cause instanceof ConnectException) {
      return message.toLowerCase(java.util.Locale.ROOT).contains("refused")
          ? "refused the connection"
          : "could not be connected to: " + message;
    }
    if (cause instanceof SocketTimeoutException) {
      return message.toLowerCase(java.util.Locale.ROOT).contains("connect")
          ? "did not accept the connection in time (" + message + ")"
          : "did not answer in time (" + message + ")";
    }
    if (cause instanceof SSLException) {
      return "failed the TLS handshake: " + message;
    }
    if (cause instanceof SocketException) {
      return "broke the connection: " + message;
    }
    return null;
  }

  /** {@code host:port} of {@code url}, the scheme's port when it names none. */
  static String address(String url) {
    try {
      URI uri = URI.create(url.strip());
      if (uri.getHost() != null) {
        int port = uri.getPort();
        if (port < 0) {
          port = "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
        }
        String host = uri.getHost();
        return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
      }
    } catch (IllegalArgumentException notAUri) {
      // said without its query below
    }
    String bare = url.replaceAll("[?#].*$", "");
    return bare.replaceAll("//[^/@]*@", "//");
  }
}
