package dev.salvage.connectors.email;

/**
 * The notes a mail reader puts in a mail record that say where it came from rather than what could
 * not be read: a message attached to another (message/rfc822) is read as a mail of its own, noting
 * the mail that carried it. Such a note explains a record; it is no damage.
 */
public final class MailNotes {
  /** How the note of an attached message starts; the carrying mail's ref and place follow. */
  public static final String ATTACHED_TO = "attached (message/rfc822) to the mail ";

  private MailNotes() {}

  /** Whether {@code note} says where the mail came from, not what could not be read of it. */
  public static boolean isProvenance(String note) {
    return note.startsWith(ATTACHED_TO);
  }
}
