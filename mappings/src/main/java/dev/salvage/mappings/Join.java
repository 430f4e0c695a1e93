package dev.salvage.mappings;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code join}: the values of several locators in order, joined by a separator (a space by
 * default): given and family names kept in two columns, an order number and an item's id.
 *
 * <p>A part that finds nothing leaves the join without a value, unless the part is declared {@code
 * optional: true} (a middle name): a key built from an order number and the id of its third item
 * was the order number alone on a one-item order, and made bogus records that looked certain.
 */
final class Join implements TextSource {
  private record Part(Locator locator, boolean optional) {}

  private final List<Part> parts;
  private final String separator;
  private final String description;

  private Join(List<Part> parts, String separator) {
    this.parts = List.copyOf(parts);
    this.separator = separator;
    List<String> described = new ArrayList<>();
    parts.forEach(
        part ->
            described.add(part.locator().description() + (part.optional() ? " (optional)" : "")));
    this.description = "join of " + String.join(" + ", described);
  }

  static Join parse(Section spec) throws MappingException {
    List<Part> parts = new ArrayList<>();
    boolean readsRecord = false;
    for (Section item : Locator.listedSections(spec, "join", "parts", Set.of("optional"))) {
      Locator locator = Locator.forExtractor(item);
      boolean optional = item.flag("optional", false);
      if (optional && locator.constant() != null) {
        throw item.error("optional", "makes no sense with a const part, which always gives one");
      }
      readsRecord |= locator.constant() == null;
      parts.add(new Part(locator, optional));
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
    for (Part part : parts) {
      String value = part.locator().first(context);
      if (value == null) {
        if (!part.optional()) {
          return null;
        }
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
  public String nothingFound(RecordContext context) {
    for (Part part : parts) {
      if (!part.optional() && part.locator().first(context) == null) {
        return description + ": " + part.locator().description() + " found nothing";
      }
    }
    return description;
  }

  @Override
  public String constant() {
    return null;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public List<String> paths() {
    return parts.stream().flatMap(part -> part.locator().paths().stream()).toList();
  }
}
