package dev.salvage.mappings;

import static dev.salvage.mappings.TestSupport.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salvage.connectors.RawRecord;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lookups in backup tables: evidence names a plate while the backup's bookings hold the car's
 * surrogate id (and the other way round); the table is read from the backup itself.
 */
class LookupsTest {
  private static final Business BUSINESS = new Business("Hire", ZoneId.of("Europe/Berlin"), "DE");
  private static final String MODEL =
      """
      entities:
        booking:
          keys: [number]
          fields:
            number: text
            car_id: integer
            plate: text
            branch: text
      """;

  private static RawRecord row(String table, String columnsJson) {
    return new RawRecord(
        "backup",
        "backup.row",
        "backup:" + table + "/" + columnsJson.hashCode(),
        "dump.sql:1",
        "{\"table\": \"" + table + "\", \"columns\": " + columnsJson + "}");
  }

  /** A fleet where plate B-XY 12 was re-registered: two rows, two ids. */
  private static List<RawRecord> fleet() {
    List<RawRecord> rows = new ArrayList<>();
    rows.add(row("public.cars", "{\"car_id\": \"7\", \"plate\": \"M-AB 123\"}"));
    rows.add(row("public.cars", "{\"car_id\": \"8\", \"plate\": \"HH-CD 45\"}"));
    rows.add(row("public.cars", "{\"car_id\": \"9\", \"plate\": \"B-XY 12\"}"));
    rows.add(row("public.cars", "{\"car_id\": \"10\", \"plate\": \"B-XY 12\"}"));
    rows.add(row("public.cars", "{\"car_id\": \"11\", \"plate\": null}"));
    rows.add(row("public.cars", "{\"car_id\": null, \"plate\": \"K-ZZ 1\"}"));
    rows.add(row("public.cars", "{\"car_id\": \"12\", \"plate\": \"LÖ-ÉS 9\"}"));
    rows.add(row("public.cars", "{\"car_id\": \"13\", \"plate\": \"Łódź Ø 1\"}"));
    rows.add(row("public.branches", "{\"car_id\": \"1\", \"plate\": \"M-AB 123\"}"));
    return rows;
  }

  private static SourceMapping mapping(String fieldLines) throws MappingException {
    return SourceMapping.parse(
        """
        rules:
          - name: confirmation
            kind: test
            observed_at: {const: "2026-01-01T00:00:00Z"}
            emit:
              - entity: booking
                fields:
                  number: {path: number}
        %s
        """
            .formatted(fieldLines.indent(10)),
        "mail.yaml",
        EntityModel.parse(MODEL, "entities.yaml"),
        BUSINESS);
  }

  private static Observation map(SourceMapping mapping, String json) throws Exception {
    LookupTables tables = LookupTables.build(mapping.lookups(), fleet());
    return mapping
        .apply(record("test", json), new RunContext(TimeAnchors.NONE, tables))
        .observations()
        .get(0);
  }

  @Test
  void aPlateInTheEvidenceGivesTheCarIdTheBackupStores() throws Exception {
    SourceMapping mapping =
        mapping("car_id: {path: car, lookup: {table: cars, match: plate, take: car_id}}");
    Observation booking = map(mapping, "{\"number\": \"1\", \"car\": \"M-AB 123\"}");
    assertThat(booking.fields()).containsEntry("car_id", "7");
    assertThat(booking.notes()).isEmpty();
    assertThat(mapping.lookups())
        .containsExactly(new LookupSpec("cars", "plate", "car_id", LookupSpec.Compare.EXACT));
  }

  @Test
  void theIdInABackupRowGivesThePlateTheOtherWay() throws Exception {
    SourceMapping mapping =
        mapping("plate: {path: car_id, lookup: {table: public.cars, match: car_id, take: plate}}");
    assertThat(map(mapping, "{\"number\": \"1\", \"car_id\": 8}").fields())
        .containsEntry("plate", "HH-CD 45");
  }

  @Test
  void lettersAndDigitsComparisonIgnoresSpacingPunctuationAndCase() throws Exception {
    SourceMapping exact =
        mapping("car_id: {path: car, lookup: {table: cars, match: plate, take: car_id}}");
    SourceMapping loose =
        mapping(
            "car_id: {path: car, lookup: {table: cars, match: plate, take: car_id,"
                + " compare: letters_digits}}");
    assertThat(map(exact, "{\"number\": \"1\", \"car\": \"m-ab123\"}").fields())
        .doesNotContainKey("car_id");
    assertThat(map(loose, "{\"number\": \"1\", \"car\": \"m-ab123\"}").fields())
        .containsEntry("car_id", "7");
    assertThat(map(loose, "{\"number\": \"1\", \"car\": \"lo-es9\"}").fields())
        .as("accents folded: typed without them, or decomposed")
        .containsEntry("car_id", "12");
    assertThat(map(exact, "{\"number\": \"1\", \"car\": \"lo-es9\"}").fields())
        .doesNotContainKey("car_id");
  }

  @Test
  void lettersAndDigitsComparisonFoldsLettersWithAStrokeToo() throws Exception {
    // Ł and Ø do not decompose into a letter and a mark: typed without them they must still match
    SourceMapping loose =
        mapping(
            "car_id: {path: car, lookup: {table: cars, match: plate, take: car_id,"
                + " compare: letters_digits}}");
    assertThat(map(loose, "{\"number\": \"1\", \"car\": \"lodz o1\"}").fields())
        .containsEntry("car_id", "13");
  }

  @Test
  void anUnknownKeyIsAReportedMissNotASilentNull() throws Exception {
    SourceMapping mapping =
        mapping("car_id: {path: car, lookup: {table: cars, match: plate, take: car_id}}");
    Observation booking = map(mapping, "{\"number\": \"1\", \"car\": \"Toyota Yaris Hybrid\"}");
    assertThat(booking.fields()).doesNotContainKey("car_id");
    assertThat(booking.notes())
        .containsExactly("car_id: no row of cars with plate \"Toyota Yaris Hybrid\"");
  }

  @Test
  void aKeyOnTwoRowsWithDifferentValuesIsAmbiguousAndAMiss() throws Exception {
    SourceMapping mapping =
        mapping("car_id: {path: car, lookup: {table: cars, match: plate, take: car_id}}");
    Observation booking = map(mapping, "{\"number\": \"1\", \"car\": \"B-XY 12\"}");
    assertThat(booking.fields()).doesNotContainKey("car_id");
    assertThat(booking.notes())
        .containsExactly(
            "car_id: ambiguous: more than one row of cars with plate \"B-XY 12\", with car_id 10,"
                + " 9");
  }

  @Test
  void aRowWhoseTakenColumnIsNullSaysSo() throws Exception {
    SourceMapping mapping =
        mapping("car_id: {path: car, lookup: {table: cars, match: plate, take: car_id}}");
    assertThat(map(mapping, "{\"number\": \"1\", \"car\": \"K-ZZ 1\"}").notes())
        .containsExactly("car_id: the row of cars with plate \"K-ZZ 1\" has no car_id");
  }

  @Test
  void aRequiredLookupThatMissesQuarantinesTheRecord() throws Exception {
    SourceMapping mapping =
        mapping(
            "car_id: {path: car, required: true, lookup: {table: cars, match: plate, take:"
                + " car_id}}");
    assertThatThrownBy(() -> map(mapping, "{\"number\": \"1\", \"car\": \"X-1\"}"))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessage(
            "Cannot map test test:1: rule confirmation field car_id: no row of cars with plate"
                + " \"X-1\"");
  }

  @Test
  void withoutTheBackupsTablesTheLookupIsNotMadeAndSaysWhy() throws Exception {
    SourceMapping mapping =
        mapping("car_id: {path: car, lookup: {table: cars, match: plate, take: car_id}}");
    Observation booking =
        mapping
            .apply(record("test", "{\"number\": \"1\", \"car\": \"M-AB 123\"}"))
            .observations()
            .get(0);
    assertThat(booking.notes())
        .containsExactly(
            "car_id: lookup in cars.plate -> car_id not made: the backup's tables were not read");
  }

  @Test
  void lookupMistakesFailTheLoadNamingRuleFieldAndLine() {
    assertThatThrownBy(
            () -> mapping("car_id: {path: car, lookup: {table: cars, match: plate, tak: car_id}}"))
        .isInstanceOf(MappingException.class)
        .hasMessageStartingWith(
            "mail.yaml: rule confirmation, field car_id, lookup: tak: unknown key; did you mean"
                + " \"take\"?")
        .hasMessageEndingWith("(line 9)");
    assertThatThrownBy(
            () ->
                mapping(
                    "car_id: {path: car, lookup: {table: cars, match: plate, take: car_id,"
                        + " compare: fuzzy}}"))
        .hasMessage(
            "mail.yaml: rule confirmation, field car_id, lookup: compare: \"fuzzy\" is not a"
                + " comparison; comparisons: exact, ignore_case, letters_digits (line 9)");
    assertThatThrownBy(
            () ->
                mapping("car_id: {path: car, lookup: {table: \"cars;\", match: plate, take: id}}"))
        .hasMessageContaining("table: \"cars;\" is not a table name");
    assertThatThrownBy(
            () -> mapping("car_id: {const: 1, lookup: {table: cars, match: plate, take: id}}"))
        .hasMessageContaining("lookup: makes no sense with a const value");
  }
}
