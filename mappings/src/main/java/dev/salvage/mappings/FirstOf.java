package dev.salvage.mappings;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code first_of}: several places that may hold one value, tried in order; the first whose text
 * the value's type reads gives it. One rule then reads a value that different versions of an
 * application wrote in different places (a reference in {@code metadata.booking_ref}, else in the
 * description), instead of a rule per place.
 */
final class FirstOf implements TextSource {
  /** The options of the value's type that a place may give itself, over its field's. */
  static final List<String> PLACE_OPTIONS = List.of("format", "locale");

  /** Reads the type of a place that gives itself options of the value's type. */
  interface PlaceTypes {
    /** The field's type with the options {@code place} gives itself. */
    ValueType of(Section place) throws MappingException;
  }

  private final List<Locator> places;
  // a place's own type, or null where the extractor's reads its value
  private final List<ValueType> types;
  private final String description;

  private FirstOf(List<Locator> places, List<ValueType> types) {
    this.places = List.copyOf(places);
    this.types = new ArrayList<>(types);
    List<String> described = new ArrayList<>();
    places.forEach(place -> described.add(place.description()));
    this.description = "first of " + String.join(", ", described);
  }

  /**
   * @param placeTypes reads the type of a place that gives itself a {@code format} or {@code
   *     locale}, or null when the value has no type (a zone's, a currency's): such a place is an
   *     error
   */
  static FirstOf parse(Section spec, PlaceTypes placeTypes) throws MappingException {
    List<Locator> places = new ArrayList<>();
    List<ValueType> types = new ArrayList<>();
    for (Section place :
        Locator.listedSections(spec, "first_of", "places", Set.copyOf(PLACE_OPTIONS))) {
      places.add(Locator.forExtractor(place));
      String own = PLACE_OPTIONS.stream().filter(place::has).findFirst().orElse(null);
      if (own != null && placeTypes == null) {
        throw place.error(own, "applies to a date, date-time or money value only");
      }
      if (own != null && place.has("const")) {
        throw place.error(own, "makes no sense with a const value: it is read as the field's");
      }
      types.add(own == null ? null : placeTypes.of(place));
    }
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
    return new FirstOf(places, types);
  }

  @Override
  public String first(RecordContext context) {
    return found(context).text();
  }

  @Override
  public Found found(RecordContext context) {
    for (int i = 0; i < places.size(); i++) {
      String value = places.get(i).first(context);
      if (value != null) {
        return new Found(value, types.get(i));
      }
    }
    return new Found(null, null);
  }

  /**
   * The first place whose text {@code fieldType} (or the place's own type) reads: a place whose
   * format cannot read what it found passes to the next, since one cell written two ways ({@code
   * 03/04/2026 3:30 PM}, {@code Wed, Mar 4, 2026 at 3:30 PM}) is two places with a format each.
   * Until 2026-12-05 the first place that found text gave it, and an outside trial's mails of the
   * second kind were quarantined.
   *
   * @throws ValueException when some place found text and none could read it, naming each place's
   *     failure
   */
  Found readable(RecordContext context, ValueType fieldType) throws ValueException {
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < places.size(); i++) {
      String value = places.get(i).first(context);
      if (value == null) {
        continue;
      }
      ValueType reading = types.get(i) != null ? types.get(i) : fieldType;
      try {
        String read = reading.canonical(value, context);
        return new Found(value, types.get(i), twoReadings(i, value, read, context, fieldType));
      } catch (ValueException e) {
        failures.add("place " + i + " (" + places.get(i).description() + "): " + e.getMessage());
      }
    }
    if (failures.isEmpty()) {
      return new Found(null, null);
    }
    throw new ValueException(
        (failures.size() == 1
                ? "the one place of first_of that found text could not read it: "
                : "no place of first_of could read the text it found: ")
            + String.join("; ", failures));
  }

  /**
   * The guess that reading {@code text} as {@code read} by place {@code first} is, when a later
   * place finds the same text and reads it as another value; else null. Two formats written for one
   * cell ({@code MM/dd/yyyy} and {@code dd/MM/yyyy}, when who writes which is not known) both read
   * {@code 04/12/2026}, as two dates: the first was taken without a word, and an outside trial's
   * stays moved by months (trial 66). A text only one place reads ({@code 13/03/2026}) is no guess.
   */
  private LocalTimeGuess twoReadings(
      int first, String text, String read, RecordContext context, ValueType fieldType) {
    for (int i = first + 1; i < places.size(); i++) {
      if (!text.equals(places.get(i).first(context))) {
        continue;
      }
      ValueType reading = types.get(i) != null ? types.get(i) : fieldType;
      String other;
      try {
        other = reading.canonical(text, context);
      } catch (ValueException e) {
        continue;
      }
      if (!other.equals(read)) {
        return new LocalTimeGuess(
            read,
            other,
            Texts.quote(text)
                + Observation.TWO_READINGS
                + read
                + " ("
                + placeOf(first, fieldType)
                + ") and "
                + other
                + " ("
                + placeOf(i, fieldType)
                + "); read as the first, and no place says which was meant");
      }
    }
    return null;
  }

  /** Place {@code i}, with its format when it reads dates: {@code place 1, format dd/MM/yyyy}. */
  private String placeOf(int i, ValueType fieldType) {
    ValueType reading = types.get(i) != null ? types.get(i) : fieldType;
    return "place "
        + i
        + (reading instanceof TemporalValue temporal ? ", format " + temporal.formatText() : "");
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
    return places.stream().flatMap(place -> place.paths().stream()).toList();
  }
}
