package dev.salvage.mappings;

import dev.salvage.connectors.io.CaseFolding;
import java.util.regex.Pattern;

/**
 * {@code email}: the lower-case address, from {@code a@b}, {@code Name <a@b>} or {@code mailto:}.
 */
record EmailValue() implements ValueType {
  private static final Pattern ADDRESS =
      Pattern.compile("[^\\s@<>()\\[\\],;:\"]+@[^\\s@<>()\\[\\],;:\"]+");

  @Override
  public FieldType fieldType() {
    return FieldType.EMAIL;
  }

  @Override
  public String read(String text, RecordContext context) throws ValueException {
    String address = text.strip();
    int open = address.lastIndexOf('<');
    int close = address.lastIndexOf('>');
    if (open >= 0 && close > open) {
      address = address.substring(open + 1, close).strip();
    }
    if (address.regionMatches(true, 0, "mailto:", 0, 7)) {
      address = address.substring(7);
    }
    String domain = address.substring(address.indexOf('@') + 1);
    if (!ADDRESS.matcher(address).matches()
        || domain.startsWith(".")
        || domain.endsWith(".")
        || domain.contains("..")) {
      throw new ValueException(Texts.quote(text) + " is not an e-mail address");
    }
    return CaseFolding.lower(address);
  }
}
