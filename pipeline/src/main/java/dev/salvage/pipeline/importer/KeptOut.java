package dev.salvage.pipeline.importer;

import dev.salvage.pipeline.importer.ImportPlan.Skip;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the reasons of records the target keeps out start: written by the table planning and
 * recognised by the plan's lists (kept out by the target, held otherwise, already there), so the
 * two cannot drift apart.
 */
final class KeptOut {
  // how the reasons of records the target holds already start: written and recognised here
  static final String ALREADY_PRESENT = "already present: ";
  static final String ALREADY_UP_TO_DATE = "already up to date: ";
  // records kept out by a row the target holds otherwise: approving them in review changes nothing
  static final String PRESENT_OTHERWISE = "present with other values: ";
  // a row holds the record's mailbox spelt otherwise (googlemail.com for gmail.com, a +tag)
  static final String PRESENT_AS_ANOTHER_SPELLING =
      "present under another spelling of its mailbox: ";

  /** Opens the part of a reason that a unique index of several columns tells the row is another. */
  static final String ANOTHER_BY_INDEX = "another ";

  static final String CHANGED_SINCE_IMPORT = "changed since import ";
  static final String SOFT_DELETED = "soft-deleted in the target: ";
  static final String DELETED_SINCE_BACKUP = "deleted in the target since the backup: ";
  // a child kept out with its parent, which a row of the target holds otherwise: "parent
  // customer:7 kept out: present with other values: ..."
  private static final Pattern PARENT_KEPT_OUT = Pattern.compile("^parent \\S+ kept out: ");
  // an already-present row NULL where the record holds a value: said, never written
  static final String PRESENT_LACKING = "; not written, the row is NULL where the record has ";

  private KeptOut() {}

  /**
   * Whether the target kept a record out because it holds it already: nothing to do, unlike a
   * record kept out for a missing value or parent, which is lost unless someone acts.
   */
  static boolean alreadyThere(Skip skip) {
    return skip.reason().startsWith(ALREADY_PRESENT)
        || skip.reason().startsWith(ALREADY_UP_TO_DATE);
  }

  /** Whether a row found by the record's natural key holds other values (or its parent's does). */
  static boolean heldOtherwise(Skip skip) {
    return heldOtherwise(skip.reason());
  }

  private static boolean heldOtherwise(String reason) {
    Matcher parent = PARENT_KEPT_OUT.matcher(reason);
    return reason.startsWith(PRESENT_OTHERWISE)
        || reason.startsWith(PRESENT_AS_ANOTHER_SPELLING)
        || reason.startsWith(CHANGED_SINCE_IMPORT)
        || reason.startsWith(SOFT_DELETED)
        || reason.startsWith(DELETED_SINCE_BACKUP)
        || parent.find() && heldOtherwise(reason.substring(parent.end()));
  }

  /** A value as a reason quotes it: {@code 'x'}, or NULL. */
  static String quoted(String value) {
    return value == null ? "NULL" : "'" + value + "'";
  }

  /** A value cut to {@code max} characters, ending in ... when cut. */
  static String clipped(String value, int max) {
    return value.length() > max ? value.substring(0, max - 3) + "..." : value;
  }
}
