package dev.salvage.mappings;

import static dev.salvage.mappings.TestSupport.probe;
import static dev.salvage.mappings.TestSupport.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Person names: given and family names split and joined; initials as hints, never values. */
class NamesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The observation a probe's {@code text} field gives with {@code extractor}. */
  private static Observation observe(String extractor, Map<String, Object> record)
      throws Exception {
    Map<String, Object> json = new java.util.HashMap<>(record);
    json.put("id", "1");
    return probe("text", extractor)
        .apply(record("test", JSON.writeValueAsString(json)))
        .observations()
        .get(0);
  }

  private static String part(String part, String name) throws Exception {
    return part("{path: n, name: " + part + "}", part, name);
  }

  private static String part(String extractor, String part, String name) throws Exception {
    return observe(extractor, Map.of("n", name)).fields().get("text");
  }

  @Test
  void theFamilyNameIsTheLastWordWithTheParticlesBeforeIt() throws Exception {
    assertThat(part("given", "Anna Maria van der Berg")).isEqualTo("Anna Maria");
    assertThat(part("family", "Anna Maria van der Berg")).isEqualTo("van der Berg");
    assertThat(part("family", "María de la Cruz")).isEqualTo("de la Cruz");
    assertThat(part("given", "Jean-Luc Picard")).isEqualTo("Jean-Luc");
    assertThat(part("family", "  Hauke   Schmidt ")).isEqualTo("Schmidt");
    assertThat(part("given", "Madonna")).isEqualTo("Madonna");
    assertThat(part("family", "Madonna")).isNull();
  }

  @Test
  void aCommaPutsTheFamilyNameFirst() throws Exception {
    assertThat(part("family", "van der Berg, Anna Maria")).isEqualTo("van der Berg");
    assertThat(part("given", "van der Berg, Anna Maria")).isEqualTo("Anna Maria");
    assertThat(part("full", "van der Berg, Anna Maria")).isEqualTo("Anna Maria van der Berg");
  }

  @Test
  void localesThatWriteTheFamilyNameFirstAreConfigured() throws Exception {
    String family = "{path: n, name: family, name_order: family_first}";
    String given = "{path: n, name: given, name_order: family_first}";
    assertThat(part(family, "family", "Nakamura Yuki")).isEqualTo("Nakamura");
    assertThat(part(given, "given", "Nakamura Yuki")).isEqualTo("Yuki");
    assertThat(part(family, "family", "van der Berg Anna")).isEqualTo("van der Berg");
  }

  @Test
  void twoWordFamilyNamesAndOwnParticlesAreConfigured() throws Exception {
    assertThat(part("{path: n, name: family, family_words: 2}", "family", "José García Márquez"))
        .isEqualTo("García Márquez");
    assertThat(part("{path: n, name: given, family_words: 2}", "given", "José García Márquez"))
        .isEqualTo("José");
    assertThat(part("{path: n, name: family, particles: [af]}", "family", "Karin af Klint"))
        .isEqualTo("af Klint");
    assertThat(part("{path: n, name: family, particles: [af]}", "family", "Anna van Berg"))
        .isEqualTo("Berg");
  }

  private static PersonNames names(
      PersonNames.Part part, PersonNames.Order order, int familyWords) {
    return new PersonNames(part, order, PersonNames.DEFAULT_PARTICLES, familyWords);
  }

  private static List<String> readings(PersonNames names, String name) {
    return names.readings(name).stream()
        .map(
            reading ->
                String.join(" ", reading.given())
                    + " | "
                    + String.join(" ", reading.family())
                    + " ("
                    + reading.familyWords()
                    + ")")
        .toList();
  }

  @Test
  void aNameWithMoreWordsThanOneGivenAndOneFamilyWordHasAReadingForEachFamilyLength() {
    PersonNames names = names(PersonNames.Part.FAMILY, PersonNames.Order.GIVEN_FIRST, 1);
    assertThat(readings(names, "María García López"))
        .containsExactly("María García | López (1)", "María | García López (2)");
    assertThat(readings(names, "Ana Sofía Pérez"))
        .containsExactly("Ana Sofía | Pérez (1)", "Ana | Sofía Pérez (2)");
    assertThat(readings(names, "Ana de la Cruz Pérez"))
        .containsExactly("Ana de la Cruz | Pérez (1)", "Ana | de la Cruz Pérez (2)");
    assertThat(readings(names, "Anna Maria Luisa Berg")).hasSize(3);
    PersonNames familyFirst = names(PersonNames.Part.FAMILY, PersonNames.Order.FAMILY_FIRST, 1);
    assertThat(readings(familyFirst, "Nakamura Tanaka Yui"))
        .containsExactly("Tanaka Yui | Nakamura (1)", "Yui | Nakamura Tanaka (2)");
  }

  @Test
  void aNameThatSplitsOneWayWhateverTheFamilyLengthHasOneReading() {
    PersonNames names = names(PersonNames.Part.GIVEN, PersonNames.Order.GIVEN_FIRST, 1);
    assertThat(readings(names, "Anna Berg")).containsExactly("Anna | Berg (1)");
    assertThat(readings(names, "Jan van der Berg")).containsExactly("Jan | van der Berg (1)");
    assertThat(readings(names, "García López, María")).containsExactly("María | García López (1)");
    assertThat(readings(names, "Cher")).containsExactly("Cher |  (1)");
    // the reading the configured family_words gives is the one apply takes
    assertThat(
            names(PersonNames.Part.FAMILY, PersonNames.Order.GIVEN_FIRST, 2)
                .apply("María García López")
                .text())
        .isEqualTo("García López");
  }

  @Test
  void aNameWithInitialsIsAHintThatIsNeverAValue() throws Exception {
    Observation anna = observe("{path: n, name: full}", Map.of("n", "Anna K."));
    assertThat(anna.fields()).doesNotContainKey("text");
    assertThat(anna.hints()).containsEntry("text", "Anna K.");
    assertThat(observe("{path: n, name: given}", Map.of("n", "Anna K.")).fields())
        .containsEntry("text", "Anna");
    assertThat(observe("{path: n, name: family}", Map.of("n", "Anna K.")).hints())
        .containsEntry("text", "K.");
    assertThat(observe("{path: n, name: full}", Map.of("n", "J.R. Tolkien")).hints())
        .containsEntry("text", "J.R. Tolkien");
    assertThat(observe("{path: n, name: full}", Map.of("n", "Anna Kowalski")).fields())
        .containsEntry("text", "Anna Kowalski");
  }

  @Test
  void aRequiredNameIsNotSatisfiedByAPartialOne() {
    assertThatThrownBy(() -> observe("{path: n, name: full, required: true}", Map.of("n", "A. B.")))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessageEndingWith("field text: \"A. B.\" is only a partial name");
  }

  @Test
  void joinPutsGivenAndFamilyNamesTogether() throws Exception {
    String join = "{join: [{path: first, optional: true}, {path: last}]}";
    assertThat(observe(join, Map.of("first", "Anna Maria", "last", "van der Berg")).fields())
        .containsEntry("text", "Anna Maria van der Berg");
    assertThat(observe(join, Map.of("last", "Berg")).fields()).containsEntry("text", "Berg");
    assertThat(
            observe(
                    "{join: [{path: first}, {path: middle, optional: true}, {path: last}]}",
                    Map.of("first", "Anna", "last", "Berg"))
                .fields())
        .containsEntry("text", "Anna Berg");
    assertThat(
            observe(
                    "{join: [{path: last}, {path: first}], separator: \", \"}",
                    Map.of("first", "Anna", "last", "Berg"))
                .fields())
        .containsEntry("text", "Berg, Anna");
    assertThat(
            observe(
                    "{join: [{path: first}, {path: last}], name: full}",
                    Map.of("first", "Anna", "last", "K"))
                .hints())
        .containsEntry("text", "Anna K");
  }

  @Test
  void nameAndJoinMistakesFailTheLoad() {
    assertThatThrownBy(() -> probe("text", "{path: n, name: middle}"))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining(
            "field text: name: \"middle\" is not a part of a name; parts: full, given, family");
    assertThatThrownBy(() -> probe("integer", "{path: n, name: full}"))
        .hasMessageContaining("name: applies to text values only");
    assertThatThrownBy(() -> probe("text", "{path: n, name_order: family_first}"))
        .hasMessageContaining("name_order: needs \"name\"");
    assertThatThrownBy(() -> probe("text", "{join: [{path: a}]}"))
        .hasMessageContaining("join: needs a list of at least two parts");
    assertThatThrownBy(() -> probe("text", "{path: a, join: [{path: a}, {path: b}]}"))
        .hasMessageContaining("path: cannot be combined with join");
    assertThatThrownBy(() -> probe("text", "{join: [{const: a}, {const: b}]}"))
        .hasMessageContaining("join: needs at least one part read from the record");
  }
}
