package dev.salvage.mappings;

/**
 * A mapping, entity model or run config is wrong. Thrown at load time, before any record is read;
 * the message names the file, the place in it (rule, entity, field) and the line.
 */
public final class MappingException extends Exception {
  private static final long serialVersionUID = 1L;

  public MappingException(String message) {
    super(message);
  }

  public MappingException(String message, Throwable cause) {
    super(message, cause);
  }
}
