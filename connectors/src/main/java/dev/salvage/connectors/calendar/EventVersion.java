package dev.salvage.connectors.calendar;

/**
 * Which of two copies of one event (same UID, or same UID and RECURRENCE-ID) is the later, as RFC
 * 5545 orders them: the higher SEQUENCE, then the later DTSTAMP, then the one further down the file
 * (exports and iTIP logs append newer copies).
 *
 * @param stamp the DTSTAMP as written, empty when there is none or it is not a real date-time
 * @param unusedStamp the DTSTAMP as written when it is not a real date-time, else null: compared as
 *     text, {@code 20261341T000000Z} or {@code garbage} beat every real one and chose a copy by a
 *     value that says nothing; it is left out of the choice as a missing one is
 */
record EventVersion(int sequence, String stamp, long line, String unusedStamp)
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
    String stamp = block.property("DTSTAMP");
    String written = stamp == null ? "" : stamp.strip();
    boolean real =
        written.isEmpty()
            || IcsEvents.TIME_VALUE.matcher(written).matches()
                && EventTimes.impossible(written) == null;
    return new EventVersion(number, real ? written : "", block.firstLine(), real ? null : written);
  }

  @Override
  public int compareTo(EventVersion other) {
    int bySequence = Integer.compare(sequence, other.sequence);
    if (bySequence != 0) {
      return bySequence;
    }
    int byStamp = stamp.compareTo(other.stamp);
    return byStamp != 0 ? byStamp : Long.compare(line, other.line);
  }

  @Override
  public String toString() {
    return "SEQUENCE "
        + sequence
        + (stamp.isEmpty() ? "" : ", DTSTAMP " + stamp)
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
    if (identical) {
      return "is an exact copy of the one at line " + kept.line();
    }
    return "is superseded by the one at line "
        + kept.line()
        + " ("
        + kept
        + " against "
        + of(dropped)
        + ")";
  }

  /** A digest of a component's text, to tell copies apart without keeping them. */
  static String digest(IcsBlocks.Block block) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(block.text().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
