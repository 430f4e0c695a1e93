package dev.salvage.connectors.calendar;

import java.io.IOException;

/**
 * The Google Calendar API refused a request for good (not found, forbidden, bad request) or kept
 * failing after every retry. The message names the request and the API's own reason.
 */
final class CalendarApiException extends IOException {
  private final int status;

  CalendarApiException(String message, int status) {
    super(message);
    this.status = status;
  }

  int status() {
    return status;
  }
}
