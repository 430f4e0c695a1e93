package dev.salvage.connectors.email;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The IMAP servers a folder's read recently gave up on after all its retries, in this JVM. The
 * folders of a source are read one partition each; when the server stops answering, every folder
 * after the first would spend the whole retry budget again (minutes each, for a mailbox with dozens
 * of labels) to learn the same thing. A folder read while its server is on this list makes one
 * attempt; one that gets an answer takes the server off it.
 */
final class UnansweringServers {
  /** How long a give-up counts: a server back after this gets every folder's full retries again. */
  static final Duration MEMORY = Duration.ofMinutes(10);

  private static final Map<String, GaveUp> GAVE_UP = new ConcurrentHashMap<>();

  /** A folder's read that gave up on a server, for the message of the next folders' failures. */
  record GaveUp(String folder, int retries, Instant at) {}

  private UnansweringServers() {}

  static void gaveUp(String server, String folder, int retries, Instant at) {
    GAVE_UP.put(server, new GaveUp(folder, retries, at));
  }

  /** The give-up on {@code server} within {@link #MEMORY} before {@code now}, or null. */
  static GaveUp recent(String server, Instant now) {
    GaveUp gaveUp = GAVE_UP.get(server);
    return gaveUp == null || gaveUp.at().plus(MEMORY).isBefore(now) ? null : gaveUp;
  }

  static void answered(String server) {
    GAVE_UP.remove(server);
  }
}
