package dev.salvage.pipeline.review;

/** A run directory that cannot be reported on or reviewed, named with what is wrong. */
public final class ReviewSetupException extends Exception {
  public ReviewSetupException(String message) {
    super(message);
  }

  public ReviewSetupException(String message, Throwable cause) {
    super(message, cause);
  }
}
