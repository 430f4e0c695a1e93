package dev.salvage.mappings;

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
    List<Locator> places = Locator.listed(spec, "first_of", "places");
    for (int i = 0; i < places.size() - 1; i++) {
      // a constant always finds its value, so anything after it would never be tried
      if (places.get(i).constant() != null) {
        throw spec.error(
            "first_of",
            "place "
                + i
                + " is a const, which always gives its value: the places after it would never be"
                + " tried; put it last (or use default)");
      }
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
