package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.Fixtures.fields;
import static dev.salvage.pipeline.importer.Fixtures.fresh;
import static dev.salvage.pipeline.importer.Fixtures.updated;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.cli.CliRun;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Django's {@code blank=True} text columns are NOT NULL without a database default: a hire whose
 * evidence held no notes was kept out as missing a required value. A column's {@code default} in
 * the target mapping is what an INSERT writes when the record has none, named in the plan with the
 * records that take it; an UPDATE never writes it over the row's value.
 */
class ImportMappingDefaultTest {
  private static final String SCHEMA =
      """
      CREATE TABLE public.hire_booking (
        id bigserial PRIMARY KEY,
        reference varchar(20) NOT NULL UNIQUE,
        van varchar(10) NOT NULL,
        notes text NOT NULL);
      INSERT INTO public.hire_booking (id, reference, van, notes)
        VALUES (1, 'NVH-1', 'VN-01', 'keys at reception');
      SELECT setval('public.hire_booking_id_seq', 1);
      """;

  private static final String MAPPING =
      """
      entities:
        hire:
          table: public.hire_booking
          key: {column: id, type: integer}
          natural_key: reference
          columns:
            reference: {field: reference, type: text}
            van:       {field: van, type: text}
            notes:     {field: notes, type: text, default: ""}
      """;

  @TempDir Path temp;
  private PostgresImport target;

  @BeforeEach
  void createDatabase() throws Exception {
    target = PostgresImport.create(temp, SCHEMA, MAPPING);
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (target != null) {
      target.close();
    }
  }

  @Test
  void anInsertWithoutTheFieldWritesTheMappingsDefaultAndAnUpdateKeepsTheRowsValue()
      throws Exception {
    Fixtures.writeRun(
        target.run,
        List.of(
            updated(
                "hire", 1, fields("reference", "NVH-1", "van", "VN-01"), fields("van", "VN-02")),
            fresh(
                "hire:new-noted",
                "hire",
                1.0,
                false,
                fields("reference", "NVH-2", "van", "VN-03", "notes", "tail lift")),
            fresh(
                "hire:new-bare",
                "hire",
                1.0,
                false,
                fields("reference", "NVH-3", "van", "VN-04"))));

    CliRun planned = target.plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains("Plan: 2 inserts, 1 updates, 0 records skipped")
        .contains(
            "  public.hire_booking.notes: 1 new row(s) take the target mapping's default '', their"
                + " record having no notes (hire:new-bare)")
        .doesNotContain("which is required");
    ImportPlan plan = ImportPlan.read(target.run.resolve("import/plan.json"));
    assertThat(plan.defaults())
        .containsExactly(
            new ImportPlan.ColumnDefault(
                "public.hire_booking", "notes", "notes", null, 1, List.of("hire:new-bare"), ""));
    assertThat(plan.computeDigest()).isEqualTo(plan.digest());

    target.apply();
    assertThat(
            target.db.text(
                "SELECT string_agg(reference || ' ' || van || ' [' || notes || ']', ', '"
                    + " ORDER BY reference) FROM public.hire_booking"))
        .isEqualTo("NVH-1 VN-02 [keys at reception], NVH-2 VN-03 [tail lift], NVH-3 VN-04 []");
  }
}
