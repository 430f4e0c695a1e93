package dev.salvage.mappings;

import dev.salvage.connectors.io.CaseFolding;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code text}, {@code name}, {@code upper} and {@code lower}: white space collapsed, case changed.
 * A name or a code typed half-width or full-width is one value, so those three fold widths ({@link
 * Widths}); free text keeps what was written. Every one is in Unicode's composed form (NFC): macOS
 * and iOS copy-paste writes {@code ç} as {@code c} and a combining cedilla, which looks the same
 * and compared as another value, so a record was flagged for two identical-looking claims.
 */
record TextValue(FieldType fieldType) implements ValueType {
  // CJK compatibility ideographs (塚 U+FA10) have canonical decompositions to their unified forms,
  // which NFC applies; a name registered with one keeps it, so they are left as written
  private static final Pattern COMPATIBILITY_IDEOGRAPHS =
      Pattern.compile("[\\x{F900}-\\x{FAFF}\\x{2F800}-\\x{2FA1F}]+");

  /** {@code text} in NFC, CJK compatibility ideographs kept as written. */
  private static String composed(String text) {
    Matcher kept = COMPATIBILITY_IDEOGRAPHS.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    int from = 0;
    while (kept.find()) {
      out.append(Normalizer.normalize(text.substring(from, kept.start()), Normalizer.Form.NFC))
          .append(kept.group());
      from = kept.end();
    }
    return out.append(Normalizer.normalize(text.substring(from), Normalizer.Form.NFC)).toString();
  }

  @Override
  public String read(String text, RecordContext context) {
    String collapsed = Texts.collapse(text);
    if (!Normalizer.isNormalized(collapsed, Normalizer.Form.NFC)) {
      collapsed = composed(collapsed);
    }
    return switch (fieldType) {
      // a code is one code in any script's digits: a card's last four digits ٠٤٣٠ in Arabic mail
      // are the 0430 the backup holds (trial 82), which integer would read as 430
      case UPPER -> Texts.asciiDigits(Widths.fold(collapsed)).toUpperCase(Locale.ROOT);
      case LOWER -> CaseFolding.lower(Texts.asciiDigits(Widths.fold(collapsed)));
      case NAME -> Widths.fold(collapsed);
      default -> collapsed;
    };
  }
}
