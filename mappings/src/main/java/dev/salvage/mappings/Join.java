package dev.salvage.mappings;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code join}: the values of several locators in order, those found joined by a separator (a space
 * by default): given and family names kept in two columns, a street and a number.
 */
final class Join implements TextSource {
  private final List<Locator> parts;
  private final String separator;
  private final String description;

  private Join(List<Locator> parts, String separator) {
    this.parts = List.copyOf(parts);
    this.separator = separator;
    List<String> described = new ArrayList<>();
    parts.forEach(part -> described.add(part.description()));
    this.description = "join of " + String.join(" + ", described);
  }

  static Join parse(Section spec) throws MappingException {
    List<Locator> parts = Locator.listed(spec, "join", "parts");
    boolean readsRecord = false;
    for (Locator part : parts) {
      readsRecord |= part.constant() == null;
    }
    if (!readsRecord) {
      throw spec.error("join", "needs at least one part read from the record (not only const)");
    }
    String separator = spec.optionalText("separator");
    return new Join(parts, separator == null ? " " : separator);
  }

  @Override
  public String first(RecordContext context) {
    StringBuilder joined = new StringBuilder();
    for (Locator part : parts) {
      String value = part.first(context);
      if (value == null) {
        continue;
      }
      if (joined.length() > 0) {
        joined.append(separator);
      }
      joined.append(value);
    }
    return joined.length() == 0 ? null : joined.toString();
  }

  @Override
  public String constant() {
    return null;
  }

  @Override
  public String description() {
    return description;
  }
}
