package dev.salvage.pipeline.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ImportUndoWholeRowTest} on MariaDB: an inserted stay a person changed since, in a column
 * the insert left to its default or only in the {@code updated_at} a trigger sets, is not deleted
 * by undo.sql.
 */
class ImportUndoWholeRowMariaDbTest {
  @TempDir Path temp;
  private MariaDbImport target;

  @BeforeEach
  void createDatabase() throws Exception {
    target =
        MariaDbImport.create(
            temp,
            ImportUndoWholeRowTest.MAPPING,
            "CREATE TABLE stay (id int NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                + " ref varchar(20) NOT NULL UNIQUE, guest varchar(100) NOT NULL,"
                + " adults int NOT NULL DEFAULT 2, source varchar(20) NOT NULL DEFAULT 'desk',"
                + " updated_at timestamp(6) NOT NULL DEFAULT current_timestamp(6)) ENGINE=InnoDB",
            "CREATE TRIGGER stay_touch BEFORE UPDATE ON stay FOR EACH ROW"
                + " SET NEW.updated_at = sysdate(6)");
    Fixtures.writeRun(target.run, ImportUndoWholeRowTest.stays());
    assertThat(target.plan().exitCode()).isZero();
    target.apply();
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (target != null) {
      target.close();
    }
  }

  @Test
  void anUndoOfRowsNobodyTouchedDeletesThem() throws Exception {
    assertThat(target.db.client(target.run.resolve("import/undo.sql"))).isZero();

    assertThat(target.text("SELECT count(*) FROM stay")).isEqualTo("0");
  }

  @Test
  void aStaffChangeInAColumnTheInsertLeftToItsDefaultRefusesTheWholeUndo() throws Exception {
    // in another case only: the default collation finds 'DESK' equal to 'desk'
    target.db.execute("UPDATE stay SET source = 'DESK' WHERE ref = 'S-1'");
    String changed = target.db.dataDump();

    assertThat(target.db.client(target.run.resolve("import/undo.sql"))).isNotZero();

    assertThat(target.db.dataDump()).isEqualTo(changed).contains("DESK");
  }

  @Test
  void aStaffChangeSeenOnlyInTheColumnItsTriggerSetsRefusesTheWholeUndo() throws Exception {
    target.db.execute("UPDATE stay SET guest = guest WHERE ref = 'S-2'");
    String changed = target.db.dataDump();

    assertThat(target.db.client(target.run.resolve("import/undo.sql"))).isNotZero();

    assertThat(target.db.dataDump()).isEqualTo(changed);
    assertThat(target.text("SELECT count(*) FROM stay")).isEqualTo("2");
  }
}
