package dev.salvage.pipeline.importer;

/**
 * A target mapping is wrong. Thrown when it is loaded, before the target is touched; the message
 * names the file and the place in it ({@code entities.customer.columns.phone}).
 */
public final class TargetMappingException extends Exception {
  private static final long serialVersionUID = 1L;

  public TargetMappingException(String message) {
    super(message);
  }

  public TargetMappingException(String message, Throwable cause) {
    super(message, cause);
  }
}
