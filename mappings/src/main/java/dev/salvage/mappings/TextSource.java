package dev.salvage.mappings;

import java.util.List;

/**
 * Where an extractor's text comes from: one {@link Locator}, several joined ({@code join}), or the
 * first of several that finds a value ({@code first_of}).
 */
interface TextSource {
  /** The first value found, trimmed, or null when there is none. */
  String first(RecordContext context);

  /**
   * The first value found (null when there is none), with the type that reads it when the place
   * that found it names its own ({@code first_of} places' {@code format} or {@code locale}).
   */
  default Found found(RecordContext context) {
    return new Found(first(context), null);
  }

  /**
   * A value found.
   *
   * @param text the text, trimmed, or null when nothing was found
   * @param type the type that reads it, or null for the extractor's own
   * @param twoReadings when a later place of a {@code first_of} reads the same text as another
   *     value ({@code 04/12/2026} as MM/dd and as dd/MM), the guess that the first reading is, or
   *     null
   */
  record Found(String text, ValueType type, LocalTimeGuess twoReadings) {
    Found(String text, ValueType type) {
      this(text, type, null);
    }
  }

  /**
   * Whether, having found nothing, the same extraction finds a value in the text this source leaves
   * out on purpose: a mail's quoted older message, which {@code text_new} cuts.
   */
  default boolean foundOnlyInQuote(RecordContext context) {
    return false;
  }

  /** The constant this source always gives, or null when it reads the record. */
  String constant();

  /** Says where the value is looked for, for error messages. */
  String description();

  /** The record paths it reads, as written ({@code invitations[0].start.dateTime}). */
  List<String> paths();

  /**
   * Where nothing was found, for the message of a required value that is missing: a join names the
   * part that found nothing, since the others did.
   */
  default String nothingFound(RecordContext context) {
    return description();
  }
}
