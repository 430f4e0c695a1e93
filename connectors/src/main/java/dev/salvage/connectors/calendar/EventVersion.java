package dev.salvage.connectors.calendar;

/**
 * Which of two copies of one event (same UID, or same UID and RECURRENCE-ID) is the later: the
 * higher SEQUENCE, then the later DTSTAMP (RFC 5545's order), then the later LAST-MODIFIED (a
 * missing one ranks lowest). An export with METHOD stamps every event with the moment it was made,
 * so copies in a merged export tie on DTSTAMP and only LAST-MODIFIED tells the newer apart; until
 * 2026-12-06 the copy further down the file won such a tie, and an outside trial's stale copies,
 * written after the current ones, gave six bookings their old arrival or apartment. Copies that
 * still tie ({@link #sameVersion}) are not told apart by file order: the reader reads each distinct
 * one. {@link #compareTo} orders them by line only so that its order is total.
 *
 * @param stamp the DTSTAMP as written, empty when there is none or it is not a real date-time
 * @param lastModified the LAST-MODIFIED as written, empty when there is none or it is not a real
 *     date-time (left out of the choice as a missing one is, as an unreal DTSTAMP is)
 * @param unusedStamp the DTSTAMP as written when it is not a real date-time, else null: compared as
 *     text, {@code 20261341T000000Z} or {@code garbage} beat every real one and chose a copy by a
 *     value that says nothing; it is left out of the choice as a missing one is
 */
record EventVersion(int sequence, String stamp, String lastModified, long line, String unusedStamp)
    implements Comparable<EventVersion> {
  /** The version of a component as written (SEQUENCE not a number counts as 0). */
  static EventVersion of(IcsBlocks.Block block) {
    String sequence = block.property("SEQUENCE");
    int number;
    try {
      number = sequence == null ? 0 : Integer.parseInt(sequence.strip());
    } catch (NumberFormatException e) {
      number = 0;
    }
    String written = written(block.property("DTSTAMP"));
    boolean real = real(written);
    String modified = written(block.property("LAST-MODIFIED"));
    return new EventVersion(
        number,
        real ? written : "",
        real(modified) ? modified : "",
        block.firstLine(),
        real ? null : written);
  }

  private static String written(String value) {
    return value == null ? "" : value.strip();
  }

  private static boolean real(String written) {
    return written.isEmpty()
        || IcsEvents.TIME_VALUE.matcher(written).matches()
            && EventTimes.impossible(written) == null;
  }

  @Override
  public int compareTo(EventVersion other) {
    int byVersion = compareVersion(other);
    return byVersion != 0 ? byVersion : Long.compare(line, other.line);
  }

  /** Whether the two copies are equally new by everything that dates them: a real tie. */
  boolean sameVersion(EventVersion other) {
    return compareVersion(other) == 0;
  }

  private int compareVersion(EventVersion other) {
    int bySequence = Integer.compare(sequence, other.sequence);
    if (bySequence != 0) {
      return bySequence;
    }
    int byStamp = stamp.compareTo(other.stamp);
    return byStamp != 0 ? byStamp : lastModified.compareTo(other.lastModified);
  }

  @Override
  public String toString() {
    return "SEQUENCE "
        + sequence
        + (stamp.isEmpty() ? "" : ", DTSTAMP " + stamp)
        + (lastModified.isEmpty() ? "" : ", LAST-MODIFIED " + lastModified)
        + (unusedStamp == null
            ? ""
            : ", DTSTAMP '"
                + IcsEvents.printable(unusedStamp)
                + "' not a real date-time, left out of the choice");
  }

  /** Why {@code dropped} is not used, {@code kept} being the copy that is. */
  static String superseded(IcsBlocks.Block dropped, IcsBlocks.Block kept) {
    return superseded(dropped, of(kept), dropped.lines().equals(kept.lines()));
  }

  /**
   * Why {@code dropped} is not used, the copy used being of version {@code kept} (whose line it
   * names), and {@code identical} whether the two are the same text.
   */
  static String superseded(IcsBlocks.Block dropped, EventVersion kept, boolean identical) {
    return superseded(of(dropped), kept, identical);
  }

  /** Why the copy of version {@code dropped} is not used, the one of {@code kept} being used. */
  static String superseded(EventVersion dropped, EventVersion kept, boolean identical) {
    if (identical) {
      return "is an exact copy of the one at line " + kept.line();
    }
    return "is superseded by the one at line "
        + kept.line()
        + " ("
        + kept
        + " against "
        + dropped
        + ")";
  }

  /** A digest of a component's text, to tell copies apart without keeping them. */
  static String digest(IcsBlocks.Block block) {
    return digest(block.text());
  }

  /** A digest of {@code text}: SHA-256, in hex. */
  static String digest(String text) {
    return dev.salvage.connectors.ContentDigest.of(text);
  }
}
