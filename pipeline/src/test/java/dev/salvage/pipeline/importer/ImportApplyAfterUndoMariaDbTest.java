package dev.salvage.pipeline.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.cli.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ImportApplyAfterUndoTest} on MariaDB: undo.sql run through the {@code mariadb} client
 * records itself in the log, so the same plan made again is applied again.
 */
class ImportApplyAfterUndoMariaDbTest {
  @TempDir Path temp;
  private MariaDbImport target;
  private String digest;

  @BeforeEach
  void applyTwoStays() throws Exception {
    target =
        MariaDbImport.create(
            temp,
            ImportUndoWholeRowTest.MAPPING,
            "CREATE TABLE stay (id int NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                + " ref varchar(20) NOT NULL UNIQUE, guest varchar(100) NOT NULL) ENGINE=InnoDB");
    Fixtures.writeRun(target.run, ImportUndoWholeRowTest.stays());
    assertThat(target.plan().exitCode()).isZero();
    digest = target.currentPlan().digest();
    target.apply();
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (target != null) {
      target.close();
    }
  }

  @Test
  void appliesThePlanAgainAfterItsUndo() throws Exception {
    assertThat(target.db.client(target.run.resolve("import/undo.sql"))).isZero();
    assertThat(target.text("SELECT count(*) FROM stay")).isEqualTo("0");
    assertThat(target.plan().exitCode()).isZero();
    assertThat(target.currentPlan().digest()).isEqualTo(digest);

    CliRun again = target.salvageImport("apply", "--plan-digest", digest);

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains(", and undone at ").contains("Applied: 2 rows inserted");
    assertThat(target.text("SELECT count(*) FROM stay")).isEqualTo("2");
  }

  @Test
  void refusesToCallAPlanAppliedWhenRowsItInsertedWereDeletedWithoutItsUndo() throws Exception {
    target.db.execute("DELETE FROM stay WHERE ref = 'S-1'");

    CliRun again = target.salvageImport("apply", "--plan-digest", digest);

    assertThat(again.exitCode()).isNotZero();
    assertThat(again.err()).contains("1 of the 2 row(s) it inserted").contains("stay id = 1");
  }
}
