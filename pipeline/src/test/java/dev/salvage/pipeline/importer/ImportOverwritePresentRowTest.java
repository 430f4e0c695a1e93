package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.ImportOwnRowsTest.reservation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Staff re-typed a lost reservation after the restore with a wrong total; the record, from the
 * confirmation mail, is kept out as "present with other values". The docs say {@code --overwrite}
 * overrides that, but an outside trial's {@code --overwrite} of such a record exited 0 and changed
 * nothing, said nowhere. It now updates that row to the record's values, named as an overwrite, and
 * an {@code --overwrite} that writes over nothing is refused, saying why.
 */
class ImportOverwritePresentRowTest {
  @TempDir Path temp;
  private TestDatabase db;
  private Path run;
  private Path mapping;
  private Path passwordFile;

  @BeforeEach
  void createDatabase() throws Exception {
    db = TestDatabase.create();
    assertThat(db.psql(Fixtures.smallBackup(temp))).isZero();
    run = temp.resolve("run");
    mapping = Fixtures.rentwiseMapping(temp);
    passwordFile = temp.resolve("password");
    Files.writeString(passwordFile, db.password + "\n");
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (db != null) {
      db.close();
    }
  }

  /** The reservation as staff typed it in: a total 10 euros too high, and no import logged it. */
  private String staffRetyped() throws Exception {
    Fixtures.writeRun(run, List.of(reservation("confirmed", "9000")));
    assertThat(salvageImport("plan").exitCode()).isZero();
    CliRun applied = salvageImport("apply", "--plan-digest", currentPlan().digest());
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    db.execute(
        "DELETE FROM salvage_import_log",
        "UPDATE reservations SET total_cents = 10000 WHERE reference = 'RW-CCC333'");
    return db.text("SELECT id FROM reservations WHERE reference = 'RW-CCC333'");
  }

  @Test
  void overwriteWritesTheRecordsValuesOverARowPresentWithOtherValues() throws Exception {
    String id = staffRetyped();

    CliRun without = salvageImport("plan");
    assertThat(without.exitCode()).as(without.err()).isZero();
    assertThat(currentPlan().skipped())
        .singleElement()
        .satisfies(skip -> assertThat(skip.reason()).startsWith("present with other values: "));

    CliRun planned = salvageImport("plan", "--overwrite", "reservation:n-ccc");

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains("Plan: 0 inserts, 1 updates, 0 records skipped")
        .contains("Written over the application's")
        .contains(
            "reservation:n-ccc: public.reservations.total_cents held '10000', written over with"
                + " '9000' (--overwrite");
    ImportPlan plan = currentPlan();
    assertThat(plan.steps())
        .singleElement()
        .satisfies(
            step -> {
              assertThat(step.insert()).isFalse();
              assertThat(step.key()).isEqualTo(id);
              assertThat(step.overwritten()).singleElement().asString().contains("10000");
              assertThat(step.values())
                  .extracting(ImportPlan.Value::column)
                  .contains("total_cents")
                  .doesNotContain("reference", "vehicle_plate");
            });
    assertThat(Files.readString(run.resolve("import/plan.sql")))
        .contains("--   public.reservations.total_cents held '10000'");

    CliRun applied = salvageImport("apply", "--plan-digest", plan.digest());

    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(db.text("SELECT total_cents FROM reservations WHERE id = " + id)).isEqualTo("9000");
    assertThat(db.text("SELECT count(*) FROM reservations")).isEqualTo("3");
    assertThat(
            db.text(
                "SELECT before_value || ' -> ' || after_value FROM salvage_import_log"
                    + " WHERE operation = 'update' AND column_name = 'total_cents'"))
        .isEqualTo("10000 -> 9000");
  }

  @Test
  void anOverwriteThatWritesOverNothingIsRefusedSayingWhy() throws Exception {
    Fixtures.writeRun(run, List.of(reservation("confirmed", "9000")));

    CliRun planned = salvageImport("plan", "--overwrite", "reservation:n-ccc");

    assertThat(planned.exitCode()).isNotZero();
    assertThat(planned.err())
        .contains("--overwrite names reservation:n-ccc")
        .contains("writes over nothing")
        .contains("planned as an insert");
  }

  private CliRun salvageImport(String command, String... options) {
    List<String> args = new ArrayList<>(List.of("import", command, "--run", run.toString()));
    args.addAll(db.targetOptions(passwordFile));
    if (command.equals("plan")) {
      args.addAll(List.of("--mapping", mapping.toString()));
    }
    args.addAll(List.of(options));
    return CliRun.of(args.toArray(String[]::new));
  }

  private ImportPlan currentPlan() throws Exception {
    return ImportPlan.read(run.resolve("import/plan.json"));
  }
}
