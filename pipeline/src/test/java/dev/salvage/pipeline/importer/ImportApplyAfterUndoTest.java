package dev.salvage.pipeline.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apply, undo.sql, plan, apply. Plan content is deterministic, so the plan made after an undo has
 * the digest of the one undone; an outside trial's apply then found that digest in
 * salvage_import_log, said "already applied ...: nothing changed" with exit 0, and left the
 * database at the backup's state. undo.sql now records itself in the log, and apply checks that the
 * rows a plan still in force inserted are there.
 */
class ImportApplyAfterUndoTest {
  @TempDir Path temp;
  private PostgresImport target;
  private String digest;

  @BeforeEach
  void applyTwoStays() throws Exception {
    target =
        PostgresImport.create(
            temp,
            "CREATE TABLE public.stay (id serial PRIMARY KEY, ref text NOT NULL UNIQUE,"
                + " guest text NOT NULL);",
            ImportUndoWholeRowTest.MAPPING);
    Fixtures.writeRun(target.run, ImportUndoWholeRowTest.stays());
    assertThat(target.plan().exitCode()).isZero();
    digest = currentDigest();
    target.apply();
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (target != null) {
      target.close();
    }
  }

  private String currentDigest() throws Exception {
    return ImportPlan.read(target.run.resolve("import/plan.json")).digest();
  }

  private CliRun applyAgain() {
    return target.salvageImport("apply", "--plan-digest", digest);
  }

  @Test
  void appliesThePlanAgainAfterItsUndoAndSaysWhenItWasUndone() throws Exception {
    assertThat(target.db.psql(target.run.resolve("import/undo.sql"))).isZero();
    assertThat(target.db.text("SELECT count(*) FROM stay")).isEqualTo("0");
    assertThat(target.plan().exitCode()).isZero();
    assertThat(currentDigest()).isEqualTo(digest);

    CliRun again = applyAgain();

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out())
        .contains("applied before, at ")
        .contains(", and undone at ")
        .contains("Applied: 2 rows inserted")
        .doesNotContain("nothing changed");
    assertThat(target.db.text("SELECT string_agg(ref || '=' || guest, ',' ORDER BY ref) FROM stay"))
        .isEqualTo("S-1=Ana Lopes,S-2=Rui Alves");
  }

  @Test
  void appliesAgainAfterASecondUndoOfTheSamePlan() throws Exception {
    assertThat(target.db.psql(target.run.resolve("import/undo.sql"))).isZero();
    assertThat(applyAgain().exitCode()).isZero();
    assertThat(target.db.psql(target.run.resolve("import/undo.sql"))).isZero();
    assertThat(target.db.text("SELECT count(*) FROM stay")).isEqualTo("0");

    CliRun third = applyAgain();

    assertThat(third.exitCode()).as(third.err()).isZero();
    assertThat(third.out()).contains("Applied: 2 rows inserted");
    // the two earlier scripts were run: listed to run again, the oldest failed its first check
    assertThat(third.out())
        .contains(
            "To undo, review and run by hand: "
                + target.run.resolve("import/undo.sql")
                + " (2 earlier undo script(s) beside it were run already, as salvage_import_log"
                + " records: not to be run again)")
        .doesNotContain("newest first");
    assertThat(target.db.text("SELECT count(*) FROM stay")).isEqualTo("2");
    assertThat(
            target.db.text(
                "SELECT count(*) FROM salvage_import_log WHERE operation = 'undo'"
                    + " AND plan_digest = '"
                    + digest
                    + "'"))
        .isEqualTo("2");
  }

  @Test
  void saysAPlanStillInPlaceWasAlreadyAppliedWithoutWritingAgain() throws Exception {
    CliRun again = applyAgain();

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("already applied at ").contains("nothing changed");
    assertThat(target.db.text("SELECT count(*) FROM stay")).isEqualTo("2");
  }

  @Test
  void refusesToCallAPlanAppliedWhenRowsItInsertedWereDeletedWithoutItsUndo() throws Exception {
    target.db.execute("DELETE FROM stay WHERE ref = 'S-2'");

    CliRun again = applyAgain();

    assertThat(again.exitCode()).isNotZero();
    assertThat(again.out()).doesNotContain("nothing changed");
    assertThat(again.err())
        .contains("1 of the 2 row(s) it inserted")
        .contains("stay id = 2")
        .contains("salvage import plan again");
    assertThat(target.db.text("SELECT count(*) FROM stay")).isEqualTo("1");
  }

  @Test
  void takesAnApplyUndoneByAnOlderUndoScriptForRowsDeletedAndAppliesOnceTheUndoIsRecorded()
      throws Exception {
    // an undo.sql written before undo recorded itself: the log holds the apply and no undo
    Path undo = target.run.resolve("import/undo.sql");
    String older =
        Files.readString(undo).replaceAll("(?m)^INSERT INTO .*salvage_import_log.*\\n", "");
    assertThat(target.db.psql(Files.writeString(temp.resolve("older-undo.sql"), older))).isZero();
    assertThat(target.plan().exitCode()).isZero();

    CliRun again = applyAgain();

    assertThat(again.exitCode()).isNotZero();
    assertThat(again.err()).contains("2 of the 2 row(s) it inserted");
    assertThat(currentDigest()).isEqualTo(digest);

    // the way out the message gives when plan prints the same digest: record the undo, apply
    Matcher record = Pattern.compile("INSERT INTO salvage_import_log [^;]*;").matcher(again.err());
    assertThat(record.find()).as(again.err()).isTrue();
    target.db.execute(record.group());
    CliRun recorded = applyAgain();

    assertThat(recorded.exitCode()).as(recorded.err()).isZero();
    assertThat(recorded.out()).contains(", and undone at ").contains("Applied: 2 rows inserted");
    assertThat(target.db.text("SELECT count(*) FROM stay")).isEqualTo("2");
  }
}
