package dev.salvage.pipeline.importer;

/**
 * The import cannot go ahead safely: the target does not match the mapping, the plan digest is not
 * the current plan's, or rows the plan touches changed since it was made. Nothing was written.
 */
public class ImportRefusedException extends Exception {
  private static final long serialVersionUID = 1L;

  public ImportRefusedException(String message) {
    super(message);
  }

  public ImportRefusedException(String message, Throwable cause) {
    super(message, cause);
  }
}
