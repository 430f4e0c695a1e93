package dev.salvage.connectors.calendar;

/**
 * ical4j's JVM-wide configuration, applied before any ical4j class is used. Its time-zone updater
 * would otherwise fetch {@code tzurl.org} for every tz database zone it loads: a calendar read must
 * not depend on, or announce itself to, a server. The connectors jar also carries an {@code
 * ical4j.properties} saying the same; ical4j prefers that file over system properties, so the
 * property here covers a class path where another jar's file wins.
 */
final class Ical4jSettings {
  static final String UPDATE_ENABLED = "net.fortuna.ical4j.timezone.update.enabled";

  static {
    System.setProperty(UPDATE_ENABLED, "false");
  }

  private Ical4jSettings() {}

  /** Runs the static initialiser (once per JVM). */
  static void apply() {
    // the work is done by the class initialiser
  }
}
