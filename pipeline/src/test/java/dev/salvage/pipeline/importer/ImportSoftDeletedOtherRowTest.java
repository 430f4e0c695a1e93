package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.Fixtures.fields;
import static dev.salvage.pipeline.importer.Fixtures.fresh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.cli.CliRun;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lost record whose natural key only a soft-deleted row holds: the row's other columns are
 * compared as a live row's are, so a deleted row of another branch given the same number is called
 * plainly another instead of one to restore (an outside trial was told to revive another branch's
 * deleted booking).
 */
class ImportSoftDeletedOtherRowTest {
  private static final String SCHEMA =
      "CREATE TABLE public.bookings (id bigserial PRIMARY KEY, booking_no integer NOT NULL,"
          + " branch text NOT NULL, guest text NOT NULL, starts date NOT NULL,"
          + " deleted_at timestamptz);"
          + " INSERT INTO public.bookings (booking_no, branch, guest, starts, deleted_at) VALUES"
          + " (1105, 'VLC', 'Ana Lopes', '2026-08-01', '2026-08-31 08:00:00+00')";

  private static final String MAPPING =
      """
      entities:
        booking:
          table: public.bookings
          key: {column: id, type: integer}
          natural_key: booking_no
          soft_delete: deleted_at
          columns:
            booking_no: {field: booking_no, type: integer}
            branch:     {field: branch, type: text}
            guest:      {field: guest, type: text}
            starts:     {field: starts, type: date}
      """;

  @TempDir Path temp;
  private PostgresImport target;

  @AfterEach
  void dropDatabase() throws Exception {
    if (target != null) {
      target.close();
    }
  }

  @Test
  void callsADeletedRowOfAnotherBranchPlainlyAnotherInsteadOfOneToRestore() throws Exception {
    String reason = skippedReason(SCHEMA, "1105", "GAN", "Rui Alves", "2026-10-03");

    assertThat(reason)
        .startsWith("soft-deleted in the target: public.bookings.id = 1 has booking_no = 1105")
        .contains("branch VLC (record: GAN)")
        .contains("guest Ana Lopes (record: Rui Alves)")
        .contains("the row differs in 3 of the 3 columns both hold: it is plainly another booking")
        .contains("edit booking_no in salvage review to an integer no row holds")
        .doesNotContain("restore it in the application");
  }

  @Test
  void aDeletedRowThatAUniqueIndexOfSeveralColumnsCallsAnotherSuggestsNoNewNumber()
      throws Exception {
    String reason =
        skippedReason(
            SCHEMA.replace(
                " deleted_at timestamptz);",
                " deleted_at timestamptz, CONSTRAINT uq_branch_no UNIQUE (branch, booking_no));"),
            "1105",
            "GAN",
            "Rui Alves",
            "2026-10-03");

    assertThat(reason)
        .startsWith("soft-deleted in the target: public.bookings.id = 1 has booking_no = 1105")
        .contains("another booking, since unique index uq_branch_no tells rows apart by")
        .as("every column of the index is mapped, so the list form brings the booking in")
        .contains(
            "make the natural key the index's columns, natural_key: [booking_no, branch], and plan"
                + " again, or reject the record")
        .doesNotContain("no row holds")
        .doesNotContain("restore it in the application");
  }

  @Test
  void stillAdvisesRestoringADeletedRowThatHoldsTheRecordsValues() throws Exception {
    String reason = skippedReason(SCHEMA, "1105", "VLC", "Ana Lopes", "2026-08-01");

    assertThat(reason)
        .startsWith("soft-deleted in the target: public.bookings.id = 1 has booking_no = 1105")
        .contains("restore it in the application or reject the record")
        .doesNotContain("plainly another");
  }

  @Test
  void
      aKeyOfBothColumnsInsertsAnotherBranchsBookingBesideTheDeletedOneAndKeepsTheDeletedRowDeleted()
          throws Exception {
    target =
        PostgresImport.create(
            temp,
            SCHEMA,
            MAPPING.replace("natural_key: booking_no", "natural_key: [branch, booking_no]"));
    Fixtures.writeRun(
        target.run,
        List.of(
            fresh(
                "booking:new-gan1105",
                "booking",
                1.0,
                false,
                fields(
                    "booking_no",
                    "1105",
                    "branch",
                    "GAN",
                    "guest",
                    "Rui Alves",
                    "starts",
                    "2026-10-03")),
            fresh(
                "booking:new-vlc1105",
                "booking",
                1.0,
                false,
                fields(
                    "booking_no",
                    "1105",
                    "branch",
                    "VLC",
                    "guest",
                    "Ana Lopes",
                    "starts",
                    "2026-08-01"))));

    CliRun planned = target.plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    ImportPlan plan = ImportPlan.read(target.run.resolve("import/plan.json"));
    assertThat(plan.steps())
        .extracting(ImportPlan.Step::record)
        .containsExactly("booking:new-gan1105");
    assertThat(plan.skipped())
        .singleElement()
        .satisfies(
            skip ->
                assertThat(skip.reason())
                    .startsWith(
                        "soft-deleted in the target: public.bookings.id = 1 has branch=VLC,"
                            + " booking_no=1105 and deleted_at = ")
                    .contains("restore it in the application or reject the record"));
    target.apply();
    assertThat(
            target.db.text(
                "SELECT string_agg(branch || '-' || booking_no || ' '"
                    + " || coalesce(deleted_at::text, 'live'), ', ' ORDER BY id) FROM public.bookings"))
        .isEqualTo("VLC-1105 2026-08-31 08:00:00+00, GAN-1105 live");
  }

  private String skippedReason(
      String schema, String number, String branch, String guest, String starts) throws Exception {
    target = PostgresImport.create(temp, schema, MAPPING);
    Fixtures.writeRun(
        target.run,
        List.of(
            fresh(
                "booking:new-1",
                "booking",
                1.0,
                false,
                fields("booking_no", number, "branch", branch, "guest", guest, "starts", starts))));
    CliRun planned = target.plan();
    assertThat(planned.exitCode()).as(planned.err()).isZero();
    ImportPlan plan = ImportPlan.read(target.run.resolve("import/plan.json"));
    assertThat(plan.steps()).isEmpty();
    assertThat(plan.skipped()).hasSize(1);
    return plan.skipped().get(0).reason();
  }
}
