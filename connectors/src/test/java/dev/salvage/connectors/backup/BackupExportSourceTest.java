package dev.salvage.connectors.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.connectors.CollectingSink;
import dev.salvage.connectors.DecodingNote;
import dev.salvage.connectors.InvalidSourceException;
import dev.salvage.connectors.SourceReaders;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupExportSourceTest {
  @TempDir Path dir;

  private static List<String> columnNames(JsonNode row) {
    List<String> names = new ArrayList<>();
    row.get("columns").fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void csvWithQuotedFieldsAndEmptyUnquotedAsNull() throws Exception {
    Files.writeString(
        dir.resolve("customers.csv"),
        "\uFEFFid,email,full_name,note\r\n"
            + "1,ana@x.pt,\"Silva, Ana \"\"A\"\"\",\"two\nlines\"\r\n"
            + "2,,\"\",plain\n"
            + "3,short\n"
            + "4,rui@x.pt,Rui,\\N\n");

    CollectingSink sink =
        CollectingSink.readAll(SourceReaders.open("backup", "backup-csv", dir, Map.of()));

    assertThat(sink.refs())
        .containsExactly("backup:customers#1", "backup:customers#2", "backup:customers#4");
    JsonNode ana = sink.json("backup:customers#1");
    assertThat(columnNames(ana)).containsExactly("id", "email", "full_name", "note");
    assertThat(ana.get("columns").get("full_name").asText()).isEqualTo("Silva, Ana \"A\"");
    assertThat(ana.get("columns").get("note").asText()).isEqualTo("two\nlines");
    JsonNode two = sink.json("backup:customers#2").get("columns");
    assertThat(two.get("email").isNull()).isTrue();
    assertThat(two.get("full_name").asText()).isEmpty();
    assertThat(sink.json("backup:customers#4").get("columns").get("note").asText())
        .isEqualTo("\\N");
    assertThat(sink.record("backup:customers#4").location())
        .isEqualTo(dir.resolve("customers.csv").toAbsolutePath() + ":6");
    assertThat(sink.quarantined)
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.location()).endsWith("customers.csv:5");
              assertThat(q.reason())
                  .isEqualTo("Cannot read row of table customers: 2 fields for 4 columns");
            });
  }

  @Test
  void aCsvExportDirectoryReadsItsJsonAndJsonLinesFilesAsJson() throws Exception {
    // a hand-made export: some tables as ';' CSV, others as JSON Lines or a JSON array
    Files.writeString(dir.resolve("patients.csv"), "id;name\n1;Łucja Bąk\n");
    Files.writeString(
        dir.resolve("visits.jsonl"),
        "{\"id\": 7, \"patient_id\": 1, \"price\": \"149,50\"}\n"
            + "{\"id\": 8, \"patient_id\": \n"
            + "{\"id\": 9, \"patient_id\": 1, \"price\": null}\n");
    Files.writeString(dir.resolve("therapists.json"), "[{\"code\": \"ak\", \"clinic\": \"WAW\"}]");

    var source = SourceReaders.open("backup", "backup-csv", dir, Map.of("separator", ";"));
    CollectingSink sink = CollectingSink.readAll(source);

    assertThat(sink.refs())
        .containsExactlyInAnyOrder(
            "backup:patients#1", "backup:visits#7", "backup:visits#9", "backup:therapists#ak");
    assertThat(sink.json("backup:visits#7").get("columns").get("price").asText())
        .isEqualTo("149,50");
    assertThat(sink.json("backup:therapists#ak").get("columns").get("clinic").asText())
        .isEqualTo("WAW");
    assertThat(sink.quarantined)
        .singleElement()
        .satisfies(q -> assertThat(q.location()).endsWith("visits.jsonl:2"));
    assertThat(source.checkEncodings(source.partitions())).isEmpty();
  }

  @Test
  void aSemicolonSeparatedExportReadWithCommasIsRefusedNamingTheSeparatorToSet() throws Exception {
    Path file = dir.resolve("customers.csv");
    // what a spreadsheet in a locale with a decimal comma saves
    Files.writeString(file, "id;email;full_name\n1;ana@x.pt;Ana Sousa\n2;bo@x.pt;Bo Li\n");
    var source = SourceReaders.open("backup", "backup-csv", dir, Map.of());
    CollectingSink sink = new CollectingSink();

    assertThatThrownBy(() -> source.read(source.partitions().get(0), sink))
        .hasMessageStartingWith("Cannot read CSV file " + file.toAbsolutePath())
        .hasMessageContaining("its header is one column, 'id;email;full_name', holding ';'")
        .hasMessageEndingWith("set the option separator: \";\"");
    assertThat(sink.records).isEmpty();

    CollectingSink withSeparator =
        CollectingSink.readAll(
            SourceReaders.open("backup", "backup-csv", dir, Map.of("separator", ";")));
    assertThat(withSeparator.json("backup:customers#2").get("columns").get("full_name").asText())
        .isEqualTo("Bo Li");
  }

  @Test
  void excelsSepLineNamesTheSeparatorAndIsNoHeader() throws Exception {
    // Excel reads a first line "sep=;" as the file's separator; Dutch exports carry it, after a BOM
    Files.writeString(
        dir.resolve("patienten.csv"),
        "\uFEFFsep=;\r\nid;email;naam\r\n1;jeroen@x.nl;Jeroen van Dijk\r\n2;sanne@x.nl;\"Jansen; S.\"\r\n");
    Files.writeString(
        dir.resolve("afspraken.csv"), "\"sep=;\"\nid;bedrag\n101;45,50\n102;short;extra\n");
    Files.writeString(dir.resolve("notities.csv"), "sepsis,note\n7,\"sep=;\"\n");

    CollectingSink sink =
        CollectingSink.readAll(SourceReaders.open("backup", "backup-csv", dir, Map.of()));

    JsonNode sanne = sink.json("backup:patienten#2");
    assertThat(columnNames(sanne)).containsExactly("id", "email", "naam");
    assertThat(sanne.get("columns").get("naam").asText()).isEqualTo("Jansen; S.");
    assertThat(sink.record("backup:patienten#1").location()).endsWith("patienten.csv:3");
    assertThat(sink.json("backup:afspraken#101").get("columns").get("bedrag").asText())
        .isEqualTo("45,50");
    assertThat(sink.quarantined)
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.location()).endsWith("afspraken.csv:4");
              assertThat(q.reason())
                  .isEqualTo("Cannot read row of table afspraken: 3 fields for 2 columns");
            });
    // a first line that only starts like one is the header, read with the option's separator
    assertThat(sink.refs()).contains("backup:notities#7");
  }

  @Test
  void aCsvSavedByExcelInWindows1252KeepsItsAccents() throws Exception {
    Files.write(
        dir.resolve("customers.csv"),
        "id,full_name\n1,Jo\u00e3o Gon\u00e7alves\n2,Ren\u00e9e\n"
            .getBytes(Charset.forName("windows-1252")));

    CollectingSink sink =
        CollectingSink.readAll(SourceReaders.open("backup", "backup-csv", dir, Map.of()));

    assertThat(sink.json("backup:customers#1").get("columns").get("full_name").asText())
        .isEqualTo("Jo\u00e3o Gon\u00e7alves");
    assertThat(sink.json("backup:customers#2").get("columns").get("full_name").asText())
        .isEqualTo("Ren\u00e9e");
  }

  @Test
  void csvWithBackslashNMarkerAndGzipAndSchemaInTheFileName() throws Exception {
    Path file = dir.resolve("public.reservations.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write("id;status\n7;\\N\n8;\n".getBytes(StandardCharsets.UTF_8));
    }

    CollectingSink sink =
        CollectingSink.readAll(
            SourceReaders.open(
                "backup", "backup-csv", file, Map.of("null", "\\N", "separator", ";")));

    assertThat(sink.json("backup:reservations#7").get("columns").get("status").isNull()).isTrue();
    assertThat(sink.json("backup:reservations#8").get("columns").get("status").asText()).isEmpty();
  }

  @Test
  void unclosedQuoteIsQuarantinedWithItsLine() throws Exception {
    Files.writeString(dir.resolve("t.csv"), "id,name\n1,ok\n2,\"never closed\n3,lost\n");
    var source = SourceReaders.open("backup", "backup-csv", dir, Map.of());
    CollectingSink sink = new CollectingSink();

    // row 3 is inside the quote: the file is not read to its end, and the run must say so
    assertThatThrownBy(() -> source.read(source.partitions().get(0), sink))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageContaining("t.csv of table t to its end: the quoted field at line 3");

    assertThat(sink.refs()).containsExactly("backup:t#1");
    assertThat(sink.quarantined)
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.location()).endsWith("t.csv:3");
              assertThat(q.reason()).contains("quoted field is not closed");
            });
  }

  @Test
  void aStrayQuoteClosedByALaterNotesFieldLosesOnlyItsOwnLine() throws Exception {
    // the quote added at line 3 closes at the notes field of line 6, which spans two lines
    Files.writeString(
        dir.resolve("r.csv"),
        "id,ref,status,notes\n"
            + "1,A,ok,\n"
            + "\"2,B,ok,\n"
            + "3,C,ok,\n"
            + "4,D,ok,\n"
            + "5,E,ok,\"two\nlines, with a comma\"\n"
            + "6,F,ok,\n");

    CollectingSink sink =
        CollectingSink.readAll(SourceReaders.open("backup", "backup-csv", dir, Map.of()));

    assertThat(sink.refs())
        .containsExactly("backup:r#1", "backup:r#3", "backup:r#4", "backup:r#5", "backup:r#6");
    assertThat(sink.json("backup:r#5").get("columns").get("notes").asText())
        .isEqualTo("two\nlines, with a comma");
    assertThat(sink.record("backup:r#5").location()).endsWith("r.csv:6");
    assertThat(sink.quarantined)
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.location()).endsWith("r.csv:3");
              assertThat(q.reason())
                  .isEqualTo(
                      "Cannot read row of table r: an unclosed quote at line 3 swallowed lines 3-6"
                          + " (4 lines) into one record of 1 field(s) for 4 columns; that line is"
                          + " kept out, and the lines after it were read again as rows");
              assertThat(q.excerpt()).isEqualTo("2,B,ok,");
            });
  }

  @Test
  void aStrayQuoteWhoseRecordHappensToHaveTheRightFieldCountIsToldByTheRowsInside()
      throws Exception {
    // the quote opens the third field of line 3 and closes at the third field of line 5
    Files.writeString(
        dir.resolve("r.csv"),
        "id,ref,notes,status\n"
            + "1,A,,ok\n"
            + "2,B,\"x,ok\n"
            + "3,C,,ok\n"
            + "4,D,\"y\",ok\n"
            + "5,E,,ok\n");

    CollectingSink sink =
        CollectingSink.readAll(SourceReaders.open("backup", "backup-csv", dir, Map.of()));

    assertThat(sink.refs()).containsExactly("backup:r#1", "backup:r#3", "backup:r#4", "backup:r#5");
    assertThat(sink.json("backup:r#4").get("columns").get("notes").asText()).isEqualTo("y");
    assertThat(sink.quarantined)
        .singleElement()
        .satisfies(q -> assertThat(q.reason()).contains("an unclosed quote at line 3"));
  }

  @Test
  void aNotesFieldOverSeveralLinesStaysOneRowWhateverItsLinesHold() throws Exception {
    // its last line holds the separators of a row, as the record's own fields follow the note
    Files.writeString(
        dir.resolve("r.csv"),
        "notes,id,ref,status\n"
            + "\"first line\nsecond, line\nthird\",1,A,ok\n"
            + "plain,2,B,ok\n");

    CollectingSink sink =
        CollectingSink.readAll(SourceReaders.open("backup", "backup-csv", dir, Map.of()));

    assertThat(sink.quarantined).isEmpty();
    assertThat(sink.refs()).containsExactly("backup:r#1", "backup:r#2");
    assertThat(sink.json("backup:r#1").get("columns").get("notes").asText())
        .isEqualTo("first line\nsecond, line\nthird");
  }

  @Test
  void objectsOfAJsonTableLackingKeysItsOtherObjectsHaveAreReadAndSaidPerTable() throws Exception {
    Path array =
        Files.writeString(
            dir.resolve("guests.json"),
            "[\n"
                + "{\"id\": 1, \"name\": \"Ana\", \"phone\": \"+351 1\", \"notes\": null},\n"
                + "{\"id\": 2, \"name\": \"Bo\", \"phone\": \"+351 2\"},\n"
                + "{\"id\": 3, \"name\": \"Cy\"},\n"
                + "{\"id\": 4, \"name\": \"Di\", \"phone\": \"+351 4\", \"notes\": \"x\"}\n"
                + "]\n");
    Path lines =
        Files.writeString(
            dir.resolve("stays.jsonl"), "{\"id\": 1, \"guest\": 1}\n{\"id\": 2, \"guest\": 2}\n");

    CollectingSink sink =
        CollectingSink.readAll(SourceReaders.open("backup", "backup-jsonl", dir, Map.of()));

    // an exporter may leave nulls out: every object is read, none quarantined
    assertThat(sink.refs()).hasSize(6);
    assertThat(sink.quarantined).isEmpty();
    assertThat(sink.json("backup:guests#3").path("columns").has("phone")).isFalse();
    assertThat(sink.notes)
        .containsExactly(
            "table guests in "
                + array
                + ": 2 of its 4 object(s) lack key(s) its other objects have: \"notes\" (2),"
                + " \"phone\" (1); the first at "
                + array
                + ":3:1. Read as NULL columns (an exporter may leave nulls out; or the values"
                + " were lost)");
    assertThat(sink.notes).noneMatch(note -> note.contains(lines.toString()));
  }

  @Test
  void jsonLinesValuesBecomeText() throws Exception {
    Files.writeString(
        dir.resolve("billing.payments.jsonl"),
        "{\"id\": 5, \"paid\": true, \"amount\": 12.50, \"meta\": {\"a\": [1, 2]}, \"note\": null}\n"
            + "\n"
            + "[1, 2]\n"
            + "{\"id\": \"x-6\", \"paid\": false, broken\n"
            + "{\"id\": \"x-7\", \"paid\": false}\n");

    CollectingSink sink =
        CollectingSink.readAll(SourceReaders.open("backup", "backup-jsonl", dir, Map.of()));

    assertThat(sink.refs())
        .containsExactly("backup:billing.payments#5", "backup:billing.payments#x-7");
    JsonNode five = sink.json("backup:billing.payments#5");
    assertThat(five.get("table").asText()).isEqualTo("billing.payments");
    JsonNode columns = five.get("columns");
    assertThat(columns.get("id").asText()).isEqualTo("5");
    assertThat(columns.get("paid").asText()).isEqualTo("t");
    assertThat(columns.get("amount").asText()).isEqualTo("12.50");
    assertThat(columns.get("meta").asText()).isEqualTo("{\"a\":[1,2]}");
    assertThat(columns.get("note").isNull()).isTrue();
    assertThat(sink.quarantined).hasSize(2);
    assertThat(sink.quarantined.get(0).location()).endsWith("billing.payments.jsonl:3");
    assertThat(sink.quarantined.get(0).reason()).contains("not an object");
    assertThat(sink.quarantined.get(1).location()).endsWith("billing.payments.jsonl:4");
  }

  @Test
  void exportTypesNeedAPathAndKnowTheirOptions() {
    assertThatThrownBy(() -> SourceReaders.open("backup", "backup-csv", null, Map.of()))
        .isInstanceOf(InvalidSourceException.class)
        .hasMessageContaining("needs a path");
    assertThatThrownBy(
            () -> SourceReaders.open("backup", "backup-jsonl", dir, Map.of("null", "\\N")))
        .isInstanceOf(InvalidSourceException.class)
        .hasMessageContaining("unknown option(s) null");
    assertThatThrownBy(
            () -> SourceReaders.open("backup", "backup-csv", dir, Map.of("separator", "::")))
        .isInstanceOf(InvalidSourceException.class)
        .hasMessageContaining("option separator must be one character");
  }

  @Test
  void anExportedRowThatRepeatsAnEarlierRowsRefIsQuarantinedNamingItsTable() throws Exception {
    // an export declares no key: a link table is keyed by its first column, which repeats
    Files.writeString(dir.resolve("film_actor.csv"), "actor_id,film_id\n1,10\n1,11\n2,10\n");
    Files.writeString(
        dir.resolve("visits.jsonl"),
        "{\"id\":\"5\",\"day\":\"2026-01-01\"}\n{\"id\":\"5\",\"day\":\"2026-01-02\"}\n");

    CollectingSink csv =
        CollectingSink.readAll(
            SourceReaders.open("backup", "backup-csv", dir.resolve("film_actor.csv"), Map.of()));
    CollectingSink jsonl =
        CollectingSink.readAll(
            SourceReaders.open("backup", "backup-jsonl", dir.resolve("visits.jsonl"), Map.of()));

    assertThat(csv.refs()).containsExactly("backup:film_actor#1", "backup:film_actor#2");
    assertThat(csv.quarantined)
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.location()).endsWith("film_actor.csv:3");
              assertThat(q.reason())
                  .startsWith("Cannot tell row of table film_actor apart")
                  .contains("keyed by actor_id");
              assertThat(q.excerpt()).contains("\"film_id\":\"11\"");
            });
    assertThat(jsonl.refs()).containsExactly("backup:visits#5");
    assertThat(jsonl.quarantined)
        .singleElement()
        .satisfies(q -> assertThat(q.reason()).contains("keyed by id, which is not unique"));
  }

  private static final Map<String, String> DUMPDATA =
      Map.of("record_table", "model", "record_key", "pk", "record_columns", "fields");

  private Path fixture(String name) throws Exception {
    Path file = dir.resolve(name);
    try (var in = BackupExportSourceTest.class.getResourceAsStream("/backup/" + name)) {
      Files.copy(in, file);
    }
    return file;
  }

  @Test
  void djangoDumpdataIsReadAsOneTablePerModelKeyedByPkWithItsFieldsAsColumns() throws Exception {
    Path file = fixture("dumpdata.json");

    CollectingSink sink =
        CollectingSink.readAll(SourceReaders.open("backup", "backup-jsonl", file, DUMPDATA));

    assertThat(sink.refs())
        .containsExactly(
            "backup:contenttypes.contenttype#7",
            "backup:camping.guest#1",
            "backup:camping.stay#3",
            "backup:camping.cabin#H4");
    JsonNode guest = sink.json("backup:camping.guest#1");
    assertThat(guest.get("table").asText()).isEqualTo("camping.guest");
    assertThat(columnNames(guest))
        .containsExactly(
            "pk", "first_name", "last_name", "email", "phone", "newsletter", "created_at");
    assertThat(guest.get("columns").get("last_name").asText()).isEqualTo("Müller");
    assertThat(guest.get("columns").get("phone").isNull()).isTrue();
    assertThat(guest.get("columns").get("newsletter").asText()).isEqualTo("t");
    JsonNode stay = sink.json("backup:camping.stay#3").get("columns");
    assertThat(stay.get("pk").asText()).isEqualTo("3");
    assertThat(stay.get("guest").asText()).isEqualTo("1");
    assertThat(stay.get("total").asText()).isEqualTo("164.00");
    assertThat(stay.get("extras").asText()).isEqualTo("[1,2]");
    assertThat(stay.get("note").asText()).isEqualTo("Hund dabei\nbraucht Strom");
    assertThat(sink.record("backup:camping.stay#3").location()).isEqualTo(file + ":22:1");
    // a repeated pk, a record without its fields, one without its model: each kept out, with why
    assertThat(sink.quarantined)
        .extracting(q -> q.location().substring(file.toString().length()) + " " + q.reason())
        .containsExactly(
            ":36:1 Cannot tell row of table camping.stay apart: an earlier row has the same ref"
                + " backup:camping.stay#3 (its records are keyed by their member \"pk\" (the option"
                + " record_key), and two share its value); kept out so it is not merged into that"
                + " row",
            ":43:1 Cannot read JSON record of table camping.stay: it has no object \"fields\" of"
                + " column values (record_columns)",
            ":47:1 Cannot read JSON record of table dumpdata: it has no member \"model\" naming"
                + " its table (record_table)");
  }

  @Test
  void aJsonArrayOfFlatRowsIsReadAsItsFileNamesTableLikeJsonLines() throws Exception {
    Files.writeString(
        dir.resolve("customers.json"),
        "\uFEFF  [{\"id\": 1, \"email\": \"a@x.pt\"},\n {\"id\": 2, \"email\": null}, 3]");

    CollectingSink sink =
        CollectingSink.readAll(SourceReaders.open("backup", "backup-jsonl", dir, Map.of()));

    assertThat(sink.refs()).containsExactly("backup:customers#1", "backup:customers#2");
    assertThat(sink.json("backup:customers#2").get("columns").get("email").isNull()).isTrue();
    assertThat(sink.quarantined)
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.location()).endsWith("customers.json:2:28");
              assertThat(q.reason())
                  .isEqualTo(
                      "Cannot read JSON record of table customers: not an object of column values");
            });
  }

  @Test
  void aJsonArrayCutShortGivesItsRecordsBeforeTheBreakAndIsNotReadToItsEnd() throws Exception {
    Path file = dir.resolve("dump.json");
    Files.writeString(
        file,
        "[{\"model\": \"a.b\", \"pk\": 1, \"fields\": {\"x\": 1}},\n"
            + " {\"model\": \"a.b\", \"pk\": 2, \"fields\": {\"x\": ");
    var source = SourceReaders.open("backup", "backup-jsonl", file, DUMPDATA);
    CollectingSink sink = new CollectingSink();

    assertThatThrownBy(() -> source.read(source.partitions().get(0), sink))
        .hasMessageStartingWith("Cannot read JSON file " + file + " of table dump to its end")
        .hasMessageEndingWith("the records before it were read");
    assertThat(sink.refs()).containsExactly("backup:a.b#1");
    assertThat(sink.quarantined)
        .singleElement()
        .satisfies(q -> assertThat(q.reason()).startsWith("Cannot read JSON array of table dump"));
  }

  @Test
  void aJsonArrayWithACommaBeforeItsClosingBracketIsReadToItsEndAndSaidOnce() throws Exception {
    Path file = dir.resolve("reservations.json");
    Files.writeString(file, "[\n {\"id\": 1, \"ref\": \"A\"},\n {\"id\": 2, \"ref\": \"B\"},\n]\n");
    Path oneLine = dir.resolve("cars.json");
    Files.writeString(oneLine, "[{\"id\": 7},{\"id\": 8}, ]");
    var source = SourceReaders.open("backup", "backup-jsonl", dir, Map.of());

    CollectingSink sink = CollectingSink.readAll(source);

    assertThat(sink.refs())
        .containsExactlyInAnyOrder(
            "backup:reservations#1", "backup:reservations#2", "backup:cars#7", "backup:cars#8");
    assertThat(sink.quarantined).isEmpty();
    assertThat(source.checkEncodings(source.partitions()))
        .extracting(DecodingNote::note)
        .containsExactlyInAnyOrder(
            oneLine
                + " ends its array with a comma before the closing ] (\"},\" then \"]\"), which"
                + " JSON does not allow: read as the array's end, every record before it read",
            file
                + " ends its array with a comma before the closing ] (\"},\" then \"]\"), which"
                + " JSON does not allow: read as the array's end, every record before it read");
  }

  @Test
  void aCommaBeforeAClosingBracketInsideTheLastRecordStillBreaksTheFile() throws Exception {
    Path file = dir.resolve("t.json");
    Files.writeString(file, "[{\"id\": 1}, {\"id\": 2, \"tags\": [1,]},\n]");
    var source = SourceReaders.open("backup", "backup-jsonl", file, Map.of());
    CollectingSink sink = new CollectingSink();

    assertThatThrownBy(() -> source.read(source.partitions().get(0), sink))
        .hasMessageContaining("its JSON breaks at " + file + ":1:");
    assertThat(sink.refs()).containsExactly("backup:t#1");
  }

  @Test
  void aMemberThatIsAlsoOneOfTheNestedColumnsQuarantinesTheRecord() throws Exception {
    Path file = dir.resolve("dump.jsonl");
    Files.writeString(
        file,
        "{\"model\": \"a.b\", \"pk\": 1, \"fields\": {\"pk\": 9}}\n"
            + "{\"model\": \"a.b\", \"pk\": 2, \"version\": 4, \"fields\": {\"model\": \"X\"}}\n");

    CollectingSink sink =
        CollectingSink.readAll(SourceReaders.open("backup", "backup-jsonl", file, DUMPDATA));

    // a field called model is a column like any other; the table came from the member
    assertThat(sink.refs()).containsExactly("backup:a.b#2");
    assertThat(columnNames(sink.json("backup:a.b#2"))).containsExactly("pk", "version", "model");
    assertThat(sink.quarantined)
        .singleElement()
        .satisfies(
            q ->
                assertThat(q.reason())
                    .isEqualTo(
                        "Cannot read JSON record of table a.b: its member \"pk\" is also a column"
                            + " of \"fields\""));
  }

  @Test
  void aPrettyPrintedJsonObjectIsRefusedInsteadOfQuarantinedLineByLine() throws Exception {
    Path file = dir.resolve("export.json");
    Files.writeString(file, "{\n  \"id\": 1,\n  \"name\": \"Ana\"\n}\n");
    var source = SourceReaders.open("backup", "backup-jsonl", file, Map.of());
    CollectingSink sink = new CollectingSink();

    assertThatThrownBy(() -> source.read(source.partitions().get(0), sink))
        .hasMessageStartingWith("Cannot read JSON file " + file + " of table export: it is one")
        .hasMessageContaining("not one object per line (JSON Lines) nor an array of objects");
    assertThat(sink.records).isEmpty();
    assertThat(sink.quarantined).isEmpty();
  }

  @Test
  void aDumpdataFileReadWithoutItsRecordOptionsIsRefusedNamingThem() throws Exception {
    Path file = fixture("dumpdata.json");
    var source = SourceReaders.open("backup", "backup-jsonl", file, Map.of());
    CollectingSink sink = new CollectingSink();

    assertThatThrownBy(() -> source.read(source.partitions().get(0), sink))
        .hasMessage(
            "Cannot read JSON file "
                + file
                + ": its records are Django dumpdata's {\"model\", \"pk\", \"fields\"} (the"
                + " first at "
                + file
                + ":2:1); set the backup options record_table: model, record_key: pk,"
                + " record_columns: fields (salvage backup inspect: --option record_table=model"
                + " --option record_key=pk --option record_columns=fields; docs/backup.md)");
    assertThat(sink.records).isEmpty();
  }

  @Test
  void anExportWrappingItsTablesInOneObjectIsRefusedInsteadOfReadAsOneRow() throws Exception {
    // what json.dump({"guests": [...], "stays": [...]}, f) writes: one line
    Path file = dir.resolve("export.json");
    Files.writeString(
        file,
        "{\"guests\": [{\"id\": 1}], \"stays\": [{\"id\": 3, \"guest\": 1}], \"tags\": []}\n");
    var source = SourceReaders.open("backup", "backup-jsonl", file, Map.of());
    CollectingSink sink = new CollectingSink();

    assertThatThrownBy(() -> source.read(source.partitions().get(0), sink))
        .hasMessage(
            "Cannot read JSON file "
                + file
                + ": its record at "
                + file
                + ":1 holds nothing but arrays of objects (guests, stays, tags): it looks like an"
                + " export wrapping its tables in one object, which would be read as one row;"
                + " write each table's records to a file of its own (named after the table), as"
                + " an array or one per line");
    assertThat(sink.records).isEmpty();
  }

  @Test
  void aPrettyPrintedExportWrappingItsTablesGetsTheSameMessageAsOneOnOneLine() throws Exception {
    // what json.dump(export, f, indent=2) writes: until 2026-12-05 it was told only that it was
    // one object over several lines
    Path file = dir.resolve("export.json");
    Files.writeString(
        file,
        "{\n  \"customers\": [\n    {\"id\": 1}\n  ],\n  \"rentals\": [\n    {\"id\": 3,"
            + " \"customer\": 1}\n  ]\n}\n");
    var source = SourceReaders.open("backup", "backup-jsonl", file, Map.of());
    CollectingSink sink = new CollectingSink();

    assertThatThrownBy(() -> source.read(source.partitions().get(0), sink))
        .hasMessage(
            "Cannot read JSON file "
                + file
                + ": its record at "
                + file
                + ":1 holds nothing but arrays of objects (customers, rentals): it looks like an"
                + " export wrapping its tables in one object, which would be read as one row;"
                + " write each table's records to a file of its own (named after the table), as"
                + " an array or one per line");
    assertThat(sink.records).isEmpty();
  }

  private Path copied(String fixture, String as) throws Exception {
    return Files.copy(dev.salvage.connectors.EncodingFixtures.of(fixture), dir.resolve(as));
  }

  @Test
  void aShiftJisCsvIsRefusedBeforeAnythingIsReadUnlessItsEncodingIsDeclared() throws Exception {
    Path file = copied("reservations-cp932.csv", "reservations.csv");
    copied("customers-utf8-bom.csv", "customers.csv");
    var source = SourceReaders.open("backup", "backup-csv", dir, Map.of());

    // read as windows-1252 it was mojibake in every value, with exit 0 and a log line
    assertThatThrownBy(() -> source.checkEncodings(source.partitions()))
        .isInstanceOf(InvalidSourceException.class)
        .hasMessageStartingWith(
            "Cannot configure backup-csv source \"backup\": Cannot read "
                + file.toAbsolutePath()
                + ": it is not UTF-8")
        .hasMessageContaining("Set the option encoding: Shift_JIS");

    var declared = SourceReaders.open("backup", "backup-csv", dir, Map.of("encoding", "Shift_JIS"));
    assertThat(declared.checkEncodings(declared.partitions())).isEmpty();
    CollectingSink sink = CollectingSink.readAll(declared);
    JsonNode yamada = sink.json("backup:reservations#1").get("columns");
    assertThat(yamada.get("店舗").asText()).isEqualTo("博多駅前店");
    assertThat(yamada.get("車種").asText()).isEqualTo("コンパクト");
    assertThat(yamada.get("備考").asText()).isEqualTo("㈱さくら商事 ①");
    // the UTF-8 file beside it is read as UTF-8 whatever the option says
    assertThat(sink.json("backup:customers#1").get("columns").get("city").asText()).isEqualTo("東京");
    assertThat(sink.quarantined).isEmpty();
  }

  @Test
  void aGbkCsvReadsWithItsEncodingDeclared() throws Exception {
    copied("customers-gbk.csv", "customers.csv");

    CollectingSink sink =
        CollectingSink.readAll(
            SourceReaders.open("backup", "backup-csv", dir, Map.of("encoding", "GBK")));

    assertThat(sink.json("backup:customers#1").get("columns").get("状态").asText()).isEqualTo("已确认");
  }

  @Test
  void aWindows1252CsvIsReadAsBeforeAndNamedInANote() throws Exception {
    copied("customers-1252.csv", "customers.csv");
    var source = SourceReaders.open("backup", "backup-csv", dir, Map.of());

    assertThat(source.checkEncodings(source.partitions()))
        .singleElement()
        .satisfies(
            note -> {
              assertThat(note.source()).isEqualTo("backup");
              assertThat(note.file()).endsWith("customers.csv");
              assertThat(note.encoding()).isEqualTo("windows-1252");
              assertThat(note.note()).contains("is not UTF-8 and no encoding is declared");
            });
    CollectingSink sink = CollectingSink.readAll(source);
    JsonNode juergen = sink.json("backup:customers#1").get("columns");
    assertThat(juergen.get("name").asText()).isEqualTo("Jürgen Müller");
    assertThat(juergen.get("amount").asText()).isEqualTo("12,50 €");
    assertThat(sink.json("backup:customers#4").get("columns").get("note").asText())
        .isEqualTo("„Anführungszeichen“ – ok");
  }

  @Test
  void anEncodingJavaDoesNotKnowIsRefusedWhenTheSourceIsConfigured() {
    assertThatThrownBy(
            () -> SourceReaders.open("backup", "backup-csv", dir, Map.of("encoding", "klingon")))
        .isInstanceOf(InvalidSourceException.class)
        .hasMessageContaining("encoding")
        .hasMessageContaining("must name a character encoding");
  }

  @Test
  void jsonExportsInADoubleByteEncodingReadWithItDeclared() throws Exception {
    Charset cp932 = Charset.forName("windows-31j");
    Files.write(
        dir.resolve("customers.jsonl"),
        "{\"id\": 1, \"name\": \"山田 太郎\", \"city\": \"福岡市博多区\"}\n".getBytes(cp932));
    Files.write(dir.resolve("branches.json"), "[{\"id\": 7, \"name\": \"博多駅前店\"}]".getBytes(cp932));
    var undeclared = SourceReaders.open("backup", "backup-jsonl", dir, Map.of());
    assertThatThrownBy(() -> undeclared.checkEncodings(undeclared.partitions()))
        .isInstanceOf(InvalidSourceException.class)
        .hasMessageContaining("Set the option encoding: Shift_JIS");

    CollectingSink sink =
        CollectingSink.readAll(
            SourceReaders.open("backup", "backup-jsonl", dir, Map.of("encoding", "Shift_JIS")));

    assertThat(sink.json("backup:customers#1").get("columns").get("city").asText())
        .isEqualTo("福岡市博多区");
    assertThat(sink.json("backup:branches#7").get("columns").get("name").asText())
        .isEqualTo("博多駅前店");
  }
}
