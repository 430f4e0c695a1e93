package dev.salvage.mappings;

/**
 * Where an extractor's text comes from: one {@link Locator}, several joined ({@code join}), or the
 * first of several that finds a value ({@code first_of}).
 */
interface TextSource {
  /** The first value found, trimmed, or null when there is none. */
  String first(RecordContext context);

  /** The constant this source always gives, or null when it reads the record. */
  String constant();

  /** Says where the value is looked for, for error messages. */
  String description();

  /**
   * Where nothing was found, for the message of a required value that is missing: a join names the
   * part that found nothing, since the others did.
   */
  default String nothingFound(RecordContext context) {
    return description();
  }
}
