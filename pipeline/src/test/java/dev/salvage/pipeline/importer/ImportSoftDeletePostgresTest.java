package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.Fixtures.fields;
import static dev.salvage.pipeline.importer.Fixtures.fresh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.cli.CliRun;
import dev.salvage.pipeline.cli.SalvageCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code soft_delete} on PostgreSQL: the warning for a mapped table with a likely soft-delete
 * column the mapping does not name, the refusals of a column that cannot mark deleted rows, and a
 * record whose natural key only a deleted row holds.
 */
class ImportSoftDeletePostgresTest {
  private static final String MAPPING =
      """
      entities:
        patron:
          table: public.patrons
          key: {column: id, type: integer}
          natural_key: email
          SOFT
          columns:
            email: {field: email, type: text}
        order:
          table: public.orders
          key: {column: id, type: integer}
          natural_key: reference
          columns:
            reference: {field: reference, type: text}
      """;

  @TempDir Path temp;
  private TestDatabase db;
  private Path run;
  private Path passwordFile;

  @BeforeEach
  void createDatabase() throws Exception {
    db = TestDatabase.create();
    db.execute(
        "CREATE TABLE public.patrons (id bigserial PRIMARY KEY, email text NOT NULL,"
            + " deleted_at timestamptz, is_deleted boolean, archived_at timestamptz,"
            + " removed_at timestamptz NOT NULL DEFAULT now())",
        "CREATE TABLE public.orders (id bigserial PRIMARY KEY, reference text NOT NULL,"
            + " deleted_at timestamp)",
        "INSERT INTO public.patrons (email, deleted_at) VALUES"
            + " ('noor@example.com', '2026-10-02 18:04:11+00')");
    run = temp.resolve("run");
    passwordFile = Files.writeString(temp.resolve("password"), db.password + "\n");
    Fixtures.writeRun(
        run,
        List.of(fresh("patron:n-noor", "patron", 1.0, false, fields("email", "noor@example.com"))));
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (db != null) {
      db.close();
    }
  }

  @Test
  void aMappedTableWithALikelySoftDeleteColumnAndNoOptionIsWarnedAboutOnce() throws Exception {
    CliRun planned = plan("");

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains(
            "Warning: table public.patrons (entity patron) has columns deleted_at, is_deleted,"
                + " archived_at, which frameworks mark deleted rows with; the mapping has no"
                + " soft_delete, so every row counts as live (matched by natural key, found by"
                + " lookups, updated). If the application hides such rows, set"
                + " entities.patron.soft_delete: deleted_at.\n")
        .contains(
            "Warning: table public.orders (entity order) has column deleted_at, which frameworks")
        // without the option the deleted row is taken for the record, as before
        .contains("Plan: 0 inserts, 0 updates, 1 records skipped");
    assertThat(planned.out().lines().filter(line -> line.startsWith("Warning: table"))).hasSize(2);
    assertThat(currentPlan().skipped().get(0).reason()).startsWith("already present");
  }

  @Test
  void withTheOptionARecordOnlyADeletedRowHoldsIsKeptOutAndTheTableIsNotWarnedAbout()
      throws Exception {
    CliRun planned = plan("soft_delete: deleted_at");

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .doesNotContain("Warning: table public.patrons")
        .contains("Warning: table public.orders")
        .contains(
            "Kept out by a row the target holds otherwise (each stays lost until someone checks"
                + " the row in the application; approving it in review changes nothing):\n"
                + "  patron:n-noor: soft-deleted in the target: public.patrons.id = 1 has email ="
                + " noor@example.com (ignoring case) and deleted_at = ");
    assertThat(currentPlan().steps()).isEmpty();
  }

  @Test
  void aSoftDeleteColumnThatCannotMarkDeletedRowsIsRefusedNamingIt() throws Exception {
    CliRun missing = plan("soft_delete: gone_at");
    assertThat(missing.exitCode()).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(missing.err())
        .contains(
            "mapping entities.patron.soft_delete: column public.patrons.gone_at does not exist");

    CliRun notNull = plan("soft_delete: removed_at");
    assertThat(notNull.exitCode()).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(notNull.err())
        .contains(
            "mapping entities.patron.soft_delete: column public.patrons.removed_at is NOT NULL;"
                + " soft_delete takes a column that is NULL on live rows");

    CliRun flag = plan("soft_delete: is_deleted");
    assertThat(flag.exitCode()).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(flag.err())
        .contains(
            "mapping entities.patron.soft_delete: column public.patrons.is_deleted is boolean, a"
                + " flag");
    assertThat(run.resolve("import/plan.json")).doesNotExist();
  }

  private CliRun plan(String softDelete) throws Exception {
    Path mapping =
        Files.writeString(temp.resolve("target.yaml"), MAPPING.replace("SOFT", softDelete));
    List<String> args =
        new ArrayList<>(
            List.of("import", "plan", "--run", run.toString(), "--mapping", mapping.toString()));
    args.addAll(db.targetOptions(passwordFile));
    return CliRun.of(args.toArray(String[]::new));
  }

  private ImportPlan currentPlan() throws Exception {
    return ImportPlan.read(run.resolve("import/plan.json"));
  }
}
