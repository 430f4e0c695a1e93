package dev.salvage.pipeline.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * undo.sql on MariaDB changes the database the operator runs it in: an outside trial rehearsed it
 * on a copy with {@code mariadb --batch COPY < undo.sql}, and the script, naming every table with
 * the planned database, rolled back the original instead and left the copy as it was.
 */
class ImportUndoOnCopyMariaDbTest {
  private static final String STAY =
      "CREATE TABLE stay (id int NOT NULL AUTO_INCREMENT PRIMARY KEY,"
          + " ref varchar(20) NOT NULL UNIQUE, guest varchar(100) NOT NULL) ENGINE=InnoDB";

  @TempDir Path temp;
  private MariaDbImport target;
  private MariaDbDatabase copy;
  private Path undo;

  @BeforeEach
  void applyTwoStays() throws Exception {
    target = MariaDbImport.create(temp, ImportUndoWholeRowTest.MAPPING, STAY);
    Fixtures.writeRun(target.run, ImportUndoWholeRowTest.stays());
    assertThat(target.plan().exitCode()).isZero();
    target.apply();
    undo = target.run.resolve("import/undo.sql");
    copy = MariaDbDatabase.create();
  }

  @AfterEach
  void dropDatabases() throws Exception {
    if (copy != null) {
      copy.close();
    }
    if (target != null) {
      target.close();
    }
  }

  @Test
  void undoesTheCopyItIsRunInAndLeavesTheAppliedDatabaseAlone() throws Exception {
    target.db.copyInto(copy, temp.resolve("dump.sql"));

    MariaDbDatabase.Result undone = copy.clientResult(undo);

    assertThat(undone.exitCode()).as(undone.output()).isZero();
    assertThat(count(copy, "SELECT count(*) FROM stay")).isZero();
    assertThat(count(copy, "SELECT count(*) FROM salvage_import_log WHERE operation = 'undo'"))
        .isEqualTo(1);
    assertThat(target.text("SELECT count(*) FROM stay")).isEqualTo("2");
    assertThat(target.text("SELECT count(*) FROM salvage_import_log WHERE operation = 'undo'"))
        .isEqualTo("0");
  }

  @Test
  void refusesToRunWhenTheSessionSelectedNoDatabase() throws Exception {
    MariaDbDatabase.Result refused = target.db.clientWithoutDatabase(undo);

    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.output()).contains("no database is selected");
    assertThat(target.text("SELECT count(*) FROM stay")).isEqualTo("2");
  }

  @Test
  void refusesToRunInADatabaseWhoseLogLacksThisApply() throws Exception {
    // the same table and rows, but not the database this apply wrote: no log of it
    copy.execute(
        STAY,
        "INSERT INTO stay (id, ref, guest) VALUES (1, 'S-1', 'Ana Lopes'), (2, 'S-2', 'Rui Alves')");

    MariaDbDatabase.Result refused = copy.clientResult(undo);

    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.output())
        .contains(copy.name)
        .contains("salvage_import_log")
        .contains("not the database this apply wrote");
    assertThat(count(copy, "SELECT count(*) FROM stay")).isEqualTo(2);
    assertThat(target.text("SELECT count(*) FROM stay")).isEqualTo("2");
    assertThat(Files.readString(undo)).doesNotContain("`" + target.db.name + "`.");
  }

  private static int count(MariaDbDatabase db, String sql) throws Exception {
    try (var connection = db.connect();
        var statement = connection.createStatement();
        var rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
