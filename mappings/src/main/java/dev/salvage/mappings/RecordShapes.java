package dev.salvage.mappings;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The members a record of a fixed-shape kind has at its top level, for checking a rule's paths at
 * load: a path no such record has ({@code subjekt} for {@code subject}) finds nothing in any
 * record, so its condition never holds and every record is ignored without a word (an outside
 * trial's 240 mails, exit 0). Only the first step is checked: below it, parts are open-ended by
 * design (a mail's {@code headers} by name, its {@code invitations}).
 */
final class RecordShapes {
  /** A mail's members, as {@code MailParser} writes them (mappings/README.md, Raw records). */
  private static final Set<String> MAIL =
      Set.of(
          "message_id",
          "folder",
          "date",
          "date_source",
          "notes",
          "from",
          "from_name",
          "to",
          "cc",
          "delivery_failed_to",
          "returned_message_id",
          "deleted",
          "labels",
          "discarded",
          "auto_submitted",
          "sender_authentication",
          "subject",
          "text",
          "text_new",
          "html",
          "attachments",
          "invitations",
          "headers");

  // calendar events and Stripe objects are left out: they carry what the API gives, which grows
  private static final Map<String, Set<String>> FIXED = Map.of("mail", MAIL);

  /** A mail's members that hold bare addresses, the display name being in {@code from_name}. */
  private static final Set<String> ADDRESSES = Set.of("from", "to", "cc", "delivery_failed_to");

  private RecordShapes() {}

  /**
   * Why no record of {@code kind} has {@code path}, with the nearest member it has, or empty when
   * records of the kind have it, may have it, or the kind's shape is open.
   */
  static Optional<String> problem(String kind, String path) {
    Set<String> members = FIXED.get(kind);
    if (members == null || path == null || path.startsWith("$") || path.startsWith("[")) {
      return Optional.empty();
    }
    String first = path.split("[.\\[]", 2)[0];
    if (members.contains(first)) {
      return Optional.empty();
    }
    return Optional.of(
        "no "
            + kind
            + " record has \""
            + first
            + "\""
            + RecordKinds.nearest(first, members)
                .map(n -> "; did you mean \"" + n + "\"?")
                .orElse("")
            + ", so the path finds nothing in any record (a "
            + kind
            + " has: "
            + String.join(", ", new java.util.TreeSet<>(members))
            + "; a header by its lower-case name is headers.<name>)");
  }

  /**
   * Why comparing {@code path} of a {@code kind} record with {@code value} can never hold: a mail's
   * {@code from} is the bare address, so {@code "Green Thumb <plots@example.org>"} equals none.
   */
  static Optional<String> addressProblem(String kind, String path, String value) {
    if (!"mail".equals(kind) || path == null || value == null || !value.contains("<")) {
      return Optional.empty();
    }
    String first = path.split("[.\\[]", 2)[0];
    if (!ADDRESSES.contains(first)) {
      return Optional.empty();
    }
    return Optional.of(
        "\""
            + value
            + "\" can never equal a mail's "
            + first
            + ", which holds the address only (plots@example.org), never \"Name <address>\":"
            + " compare the address alone"
            + (first.equals("from") ? " (the sender's name is from_name)" : ""));
  }
}
