package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.Fixtures.fields;
import static dev.salvage.pipeline.importer.Fixtures.fresh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.bundle.Json;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A B&amp;B's booking whose confirmation mail was lost has no status, and its row would read {@code
 * provisional}, the column default, though the booking was confirmed. Plan names each column a
 * record leaves to its default, with the default and the records, in its output, plan.sql and
 * plan.json, and each nullable column without a default it leaves NULL (a booking made from a
 * payment alone has no car, and the row is thinner than the record looked); a record with the field
 * is not named, a column the mapping leaves out whose constant default every new row takes is named
 * once (an outside trial's paid bookings read {@code is_paid = 0}), and a record lacking a NOT NULL
 * column without a default waits for an explicit approve.
 */
class ImportColumnDefaultTest {
  static final String MAPPING =
      """
      entities:
        booking:
          table: public.bookings
          key: {column: id, type: integer}
          natural_key: booking_no
          columns:
            booking_no: {field: booking_no, type: text}
            status:     {field: status, type: text}
            adults:     {field: adults, type: integer}
            nights:     {field: nights, type: integer}
            note:       {field: note, type: text}
            created_at: {from: now, type: timestamptz}
      """;

  private static final String SCHEMA =
      """
      CREATE TABLE public.bookings (
        id serial PRIMARY KEY,
        booking_no text NOT NULL UNIQUE,
        status text NOT NULL DEFAULT 'provisional',
        adults smallint NOT NULL DEFAULT 2,
        nights integer NOT NULL,
        note text,
        channel text NOT NULL DEFAULT 'web',
        created_at timestamptz NOT NULL DEFAULT now());
      """;

  @TempDir Path temp;
  private PostgresImport target;
  private TestDatabase db;
  private Path run;

  @BeforeEach
  void createDatabase() throws Exception {
    target = PostgresImport.create(temp, SCHEMA, MAPPING);
    db = target.db;
    run = target.run;
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (target != null) {
      target.close();
    }
  }

  static ReconstructedRecord booking(String id, String... pairs) {
    return fresh("booking:" + id, "booking", 1.0, false, fields(pairs));
  }

  /**
   * One booking with every field, four without a status (one also without adults and note), one
   * without the required nights.
   */
  static List<ReconstructedRecord> bookings() {
    return List.of(
        booking(
            "new-full",
            "booking_no",
            "B-1",
            "status",
            "confirmed",
            "adults",
            "3",
            "nights",
            "2",
            "note",
            "late arrival"),
        booking("new-nostatus", "booking_no", "B-2", "adults", "2", "nights", "1", "note", "cot"),
        booking("new-bare", "booking_no", "B-3", "nights", "4"),
        booking("new-nostatus-3", "booking_no", "B-4", "adults", "1", "nights", "1", "note", "-"),
        booking("new-nostatus-4", "booking_no", "B-5", "adults", "1", "nights", "3", "note", "-"),
        booking("new-nonights", "booking_no", "B-6", "status", "confirmed", "adults", "2"));
  }

  @Test
  void eachColumnARecordLeavesToItsDefaultIsNamedWithTheDefaultAndTheRecords() throws Exception {
    Fixtures.writeRun(run, bookings());

    CliRun planned = plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains("Plan: 5 inserts, 0 updates, 1 records skipped")
        .contains(
            "Column defaults and NULLs standing in for values the records lack (no evidence gave"
                + " them: edit the field in salvage review where the truth is known):\n"
                + "  public.bookings.status: 4 new row(s) take the column default"
                + " 'provisional'::text, their record having no status (booking:new-nostatus,"
                + " booking:new-bare, booking:new-nostatus-3, ...)\n"
                + "  public.bookings.adults: 1 new row(s) take the column default 2, their record"
                + " having no adults (booking:new-bare)\n"
                + "  public.bookings.note: 1 new row(s) leave it NULL (it has no default), their"
                + " record having no note (booking:new-bare)\n"
                + "  public.bookings.channel: 5 new row(s) take the column default 'web'::text, a"
                + " column the target mapping does not write (")
        .as("a default that computes its value is the application's own mechanism")
        .doesNotContain("public.bookings.created_at:")
        .doesNotContain("public.bookings.id:")
        .as("a new record lacking a NOT NULL column without a default waits for an approve")
        .contains(
            "  booking:new-nonights: a new booking lacking nights: public.bookings.nights is NOT"
                + " NULL without a default, so the target would refuse the row.");

    String sql = Files.readString(run.resolve("import/plan.sql"));
    assertThat(sql)
        .contains(
            "-- Column defaults and NULLs written for values the records lack (each INSERT that"
                + " takes one says so):\n"
                + "--   public.bookings.status: 4 new row(s) take the column default")
        .contains(
            "-- booking:new-bare: INSERT into public.bookings (new id from the column default)\n"
                + "--   status = DEFAULT 'provisional'::text (the record has no status)\n"
                + "--   adults = DEFAULT 2 (the record has no adults)\n"
                + "--   note = NULL (the record has no note)\n");
    assertThat(sql.split("status = DEFAULT", -1))
        .as("one line per INSERT that takes it")
        .hasSize(5);
    assertThat(insertComments(sql, "booking:new-full"))
        .doesNotContain("DEFAULT")
        .doesNotContain("NULL");
    assertThat(insertComments(sql, "booking:new-nostatus"))
        .contains("status = DEFAULT")
        .doesNotContain("adults = DEFAULT")
        .doesNotContain("note");

    ImportPlan plan = ImportPlan.read(run.resolve("import/plan.json"));
    assertThat(plan.defaults())
        .containsExactly(
            new ImportPlan.ColumnDefault(
                "public.bookings",
                "status",
                "status",
                "'provisional'::text",
                4,
                List.of("booking:new-nostatus", "booking:new-bare", "booking:new-nostatus-3")),
            new ImportPlan.ColumnDefault(
                "public.bookings", "adults", "adults", "2", 1, List.of("booking:new-bare")),
            new ImportPlan.ColumnDefault(
                "public.bookings", "note", "note", null, 1, List.of("booking:new-bare")),
            new ImportPlan.ColumnDefault(
                "public.bookings",
                "channel",
                null,
                "'web'::text",
                5,
                plan.defaults().get(3).examples()));
    assertThat(plan.defaults().get(3).examples()).hasSize(3);
    assertThat(plan.computeDigest())
        .as("the notes are part of what was planned")
        .isEqualTo(plan.digest());

    apply();
    assertThat(
            db.text(
                "SELECT string_agg(booking_no || ' ' || status || ' ' || adults || ' '"
                    + " || coalesce(note, 'NULL'), ', ' ORDER BY booking_no) FROM bookings"))
        .as("what the plan said the database would fill in")
        .isEqualTo(
            "B-1 confirmed 3 late arrival, B-2 provisional 2 cot, B-3 provisional 2 NULL,"
                + " B-4 provisional 1 -, B-5 provisional 1 -");
  }

  @Test
  void aPlanWhoseRecordsLackNoMappedFieldNamesOnlyTheColumnTheMappingLeavesOut() throws Exception {
    Fixtures.writeRun(
        run,
        List.of(
            bookings().get(0),
            booking(
                "new-complete",
                "booking_no",
                "B-7",
                "status",
                "cancelled",
                "adults",
                "1",
                "nights",
                "1",
                "note",
                "")));

    CliRun planned = plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains("Plan: 2 inserts")
        .as("only the column the mapping leaves out is named, once")
        .contains("  public.bookings.channel: 2 new row(s) take the column default 'web'::text")
        .doesNotContain("public.bookings.status:");
    assertThat(Files.readString(run.resolve("import/plan.sql")))
        .doesNotContain("= DEFAULT")
        .doesNotContain("= NULL");
    // a column default of a mapped field is left out of plan.json, as before they were said
    assertThat(Json.MAPPER.readValue(run.resolve("import/plan.json").toFile(), Map.class))
        .extractingByKey("defaults")
        .asList()
        .hasSize(1);
  }

  /** The comment lines plan.sql writes above the INSERT of {@code record}. */
  private static String insertComments(String sql, String record) {
    int start = sql.indexOf("-- " + record + ": INSERT");
    int end = sql.indexOf("\nINSERT", start);
    return sql.substring(start, end);
  }

  private CliRun plan() {
    return target.plan();
  }

  private void apply() throws Exception {
    target.apply();
  }

  private CliRun salvageImport(String command, String... options) {
    return target.salvageImport(command, options);
  }
}
