package dev.salvage.pipeline.review;

/** A review API request that cannot be carried out; {@code status} is the HTTP status to answer. */
final class ReviewRequestException extends Exception {
  private final int status;

  ReviewRequestException(int status, String message) {
    super(message);
    this.status = status;
  }

  int status() {
    return status;
  }
}
