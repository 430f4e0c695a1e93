package dev.salvage.connectors.calendar;

import java.io.IOException;

/**
 * The Google Calendar API refused a request for good (not found, forbidden, bad request) or kept
 * failing after every retry. The message names the request and the API's own reason.
 */
final class CalendarApiException extends IOException {
  private final int status;
  private final String reason;

  /**
   * @param reason the API's own reason ({@code notFound}, {@code accessNotConfigured}), or null
   */
  CalendarApiException(String message, int status, String reason) {
    super(message);
    this.status = status;
    this.reason = reason;
  }

  int status() {
    return status;
  }

  /** The API's own reason, or null when its answer gave none. */
  String reason() {
    return reason;
  }
}
