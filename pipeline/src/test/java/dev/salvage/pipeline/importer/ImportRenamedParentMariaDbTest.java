package dev.salvage.pipeline.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.cli.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ImportRenamedParentTest} on MariaDB: the children of a customer whose email the plan
 * changes keep her, a booking moved to another customer is guarded and undone by the key it held, a
 * profile whose natural key the backup held as NULL is updated, and a failed apply says how far the
 * AUTO_INCREMENT counters moved.
 */
class ImportRenamedParentMariaDbTest {
  @TempDir Path temp;
  private MariaDbImport target;

  @BeforeEach
  void createDatabase() throws Exception {
    target =
        MariaDbImport.create(
            temp,
            ImportRenamedParentTest.MAPPING,
            "CREATE TABLE app_user (id int NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                + " email varchar(100) NOT NULL UNIQUE, name varchar(100)) ENGINE=InnoDB",
            "CREATE TABLE profile (id int NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                + " user_id int NOT NULL UNIQUE, phone varchar(20), stripe_id varchar(40) UNIQUE,"
                + " FOREIGN KEY (user_id) REFERENCES app_user (id)) ENGINE=InnoDB",
            "CREATE TABLE booking (id int NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                + " reference varchar(20) NOT NULL UNIQUE, user_id int NOT NULL,"
                + " FOREIGN KEY (user_id) REFERENCES app_user (id)) ENGINE=InnoDB"
                + " AUTO_INCREMENT=101",
            "INSERT INTO app_user (id, email, name) VALUES (1, 'old@mail.example', 'Ana'),"
                + " (2, 'rui@mail.example', 'Rui'), (3, 'eva@mail.example', 'Eva')",
            "INSERT INTO profile (id, user_id, phone, stripe_id) VALUES"
                + " (10, 1, '+41790000001', 'cus_A'), (11, 2, '+41790000002', NULL)",
            "INSERT INTO booking (id, reference, user_id) VALUES (20, 'B-20', 1), (21, 'B-21', 2)");
    Fixtures.writeRun(target.run, ImportRenamedParentTest.records());
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (target != null) {
      target.close();
    }
  }

  @Test
  void aChildOfARenamedParentKeepsItsParentAndApplyAndUndoGoThrough() throws Exception {
    String before = state();

    CliRun planned = target.plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out()).contains("Plan: 1 inserts, 5 updates");

    target.apply();

    assertThat(target.text("SELECT CONCAT(user_id, ' ', phone) FROM profile WHERE id = 10"))
        .isEqualTo("1 +41790000099");
    assertThat(target.text("SELECT CONCAT(user_id, ' ', stripe_id) FROM profile WHERE id = 11"))
        .isEqualTo("2 cus_B");
    assertThat(target.text("SELECT user_id FROM booking WHERE id = 21")).isEqualTo("3");
    assertThat(target.text("SELECT user_id FROM booking WHERE reference = 'B-30'")).isEqualTo("1");

    MariaDbDatabase.Result undone = target.db.clientResult(target.run.resolve("import/undo.sql"));
    assertThat(undone.exitCode()).as(undone.output()).isZero();
    assertThat(undone.output()).doesNotContain("undo_warning");
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void aFailedApplySaysHowFarTheCountersMoved() throws Exception {
    assertThat(target.plan().exitCode()).isZero();
    target.db.execute(
        "CREATE TRIGGER no_moves BEFORE UPDATE ON booking FOR EACH ROW"
            + " SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'bookings are not moved'");

    CliRun applied = target.salvageImport("apply", "--plan-digest", target.currentPlan().digest());

    assertThat(applied.exitCode()).isEqualTo(1);
    assertThat(applied.err())
        .contains("booking:21")
        .contains("nothing was written")
        .contains("The sequences moved all the same")
        .contains("booking's AUTO_INCREMENT from 101 to ");
    assertThat(target.text("SELECT count(*) FROM booking")).isEqualTo("2");
  }

  /** The three tables' rows, as the import and its undo may change them. */
  private String state() throws Exception {
    return target.text(
        "SELECT CONCAT_WS(' | ', (SELECT GROUP_CONCAT(CONCAT(id, ' ', email) ORDER BY id) FROM"
            + " app_user), (SELECT GROUP_CONCAT(CONCAT_WS(' ', id, user_id, phone, stripe_id)"
            + " ORDER BY id) FROM profile), (SELECT GROUP_CONCAT(CONCAT(id, ' ', reference, ' ',"
            + " user_id) ORDER BY id) FROM booking))");
  }
}
