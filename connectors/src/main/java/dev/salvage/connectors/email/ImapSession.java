package dev.salvage.connectors.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Opens read-only IMAP connections for one source; the secret is looked up only here. */
final class ImapSession {
  private ImapSession() {}

  /** {@code imaps} for implicit TLS, {@code imap} for STARTTLS and clear text. */
  static String protocol(ImapOptions options) {
    return options.security() == ImapOptions.Security.SSL ? "imaps" : "imap";
  }

  /** The Jakarta Mail session properties; holds no secret. */
  static Properties properties(ImapOptions options) {
    String prefix = "mail." + protocol(options) + ".";
    Properties properties = new Properties();
    properties.setProperty(prefix + "host", options.host());
    properties.setProperty(prefix + "port", Integer.toString(options.port()));
    properties.setProperty(
        prefix + "connectiontimeout", Long.toString(options.connectTimeoutSeconds() * 1000L));
    properties.setProperty(prefix + "timeout", Long.toString(options.readTimeoutSeconds() * 1000L));
    // Jakarta Mail fetches with BODY[], which sets \Seen in a folder opened read-write; the folders
    // are opened READ_ONLY anyway, and peek makes the fetches harmless even if that ever changed.
    properties.setProperty(prefix + "peek", "true");
    switch (options.security()) {
      case SSL -> {
        properties.setProperty(prefix + "ssl.enable", "true");
        properties.setProperty(prefix + "ssl.checkserveridentity", "true");
      }
      case STARTTLS -> {
        properties.setProperty(prefix + "starttls.enable", "true");
        properties.setProperty(prefix + "starttls.required", "true");
        properties.setProperty(prefix + "ssl.checkserveridentity", "true");
      }
      case NONE -> {}
    }
    if (options.credential().oauth2()) {
      // Jakarta Mail supports XOAUTH2 but only uses it when it is the configured mechanism; the
      // access token is then passed as the password.
      properties.setProperty(prefix + "auth.mechanisms", "XOAUTH2");
    }
    return properties;
  }

  /**
   * Connects and logs in.
   *
   * @throws IOException naming the source when the secret cannot be found
   * @throws MessagingException when the server refuses the connection or the login
   */
  static Store connect(ImapOptions options) throws IOException, MessagingException {
    String secret = secret(options);
    Store store = Session.getInstance(properties(options)).getStore(protocol(options));
    store.connect(options.host(), options.port(), options.user(), secret);
    return store;
  }

  private static String secret(ImapOptions options) throws IOException {
    ImapOptions.Credential credential = options.credential();
    String what = credential.oauth2() ? "OAuth2 token" : "password";
    String secret;
    if (credential.environmentVariable() != null) {
      secret = System.getenv(credential.environmentVariable());
      if (secret == null || secret.isBlank()) {
        throw new IOException(
            "Source "
                + options.sourceName()
                + ": the environment variable "
                + credential.environmentVariable()
                + " named by "
                + credential.option()
                + " is not set or empty");
      }
    } else {
      Path file = Path.of(credential.file());
      try {
        secret = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IOException(
            "Source "
                + options.sourceName()
                + ": cannot read the "
                + what
                + " file "
                + file
                + " named by "
                + credential.option()
                + ": "
                + e.getClass().getSimpleName(),
            e);
      }
      if (secret.isBlank()) {
        throw new IOException(
            "Source " + options.sourceName() + ": the " + what + " file " + file + " is empty");
      }
    }
    // a trailing newline is what editors and `echo` leave, never part of the secret
    return secret.strip();
  }
}
