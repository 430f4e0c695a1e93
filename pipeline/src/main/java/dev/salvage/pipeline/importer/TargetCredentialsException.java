package dev.salvage.pipeline.importer;

/**
 * The target database refused the role or its password, or the connection the URL asks for (TLS a
 * server does not offer): configuration to mend (exit 2), answered the same way to every retry,
 * like a refused IMAP login. Nothing was read or written.
 */
public final class TargetCredentialsException extends ImportRefusedException {
  private static final long serialVersionUID = 1L;

  TargetCredentialsException(String message, Throwable cause) {
    super(message, cause);
  }
}
