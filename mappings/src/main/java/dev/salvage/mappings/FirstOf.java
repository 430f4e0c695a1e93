package dev.salvage.mappings;

import dev.salvage.mappings.Yaml.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code first_of}: several places that may hold one value, tried in order; the first that finds
 * text gives it. One rule then reads a value that different versions of an application wrote in
 * different places (a reference in {@code metadata.booking_ref}, else in the description), instead
 * of a rule per place.
 */
final class FirstOf implements TextSource {
  private final List<Locator> places;
  private final String description;

  private FirstOf(List<Locator> places) {
    this.places = List.copyOf(places);
    List<String> described = new ArrayList<>();
    places.forEach(place -> described.add(place.description()));
    this.description = "first of " + String.join(", ", described);
  }

  static FirstOf parse(Section spec) throws MappingException {
    List<Node> nodes = spec.list("first_of");
    if (nodes.size() < 2) {
      throw spec.error("first_of", "needs a list of at least two places, each like {path: ...}");
    }
    List<Locator> places = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      Section place = spec.child(spec.where() + ", first_of[" + i + "]", nodes.get(i));
      place.allowOnly(Locator.KEYS);
      Locator locator = Locator.forExtractor(place);
      // a constant always finds its value, so anything after it would never be tried
      if (locator.constant() != null && i < nodes.size() - 1) {
        throw spec.error(
            "first_of",
            "place "
                + i
                + " is a const, which always gives its value: the places after it would never be"
                + " tried; put it last (or use default)");
      }
      places.add(locator);
    }
    return new FirstOf(places);
  }

  @Override
  public String first(RecordContext context) {
    for (Locator place : places) {
      String value = place.first(context);
      if (value != null) {
        return value;
      }
    }
    return null;
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
