package dev.salvage.pipeline.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.cli.CliRun;
import dev.salvage.pipeline.cli.SalvageCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ImportApplyRefusedRowsTest} on a real MariaDB, whose trigger refuses with SIGNAL. */
class ImportApplyRefusedRowsMariaDbTest {
  @TempDir Path temp;
  private MariaDbImport target;

  @BeforeEach
  void createDatabase() throws Exception {
    target =
        MariaDbImport.create(
            temp,
            ImportApplyRefusedRowsTest.MAPPING.replace("table: public.booking", "table: booking"),
            "CREATE TABLE room (code varchar(10) PRIMARY KEY, active boolean NOT NULL)"
                + " ENGINE=InnoDB",
            "INSERT INTO room VALUES ('A-1', true), ('B-2', true)",
            "CREATE TABLE booking (id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                + " code varchar(20) NOT NULL UNIQUE, room varchar(10) NOT NULL) ENGINE=InnoDB",
            "CREATE TRIGGER room_must_be_open BEFORE INSERT ON booking FOR EACH ROW"
                + " BEGIN IF NOT (SELECT active FROM room WHERE code = NEW.room) THEN"
                + " SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'room is closed'; END IF; END");
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (target != null) {
      target.close();
    }
  }

  @Test
  void namesEveryRowATriggerRefusesAndCommitsNothing() throws Exception {
    Fixtures.writeRun(target.run, ImportApplyRefusedRowsTest.bookings(9, 3));
    CliRun planned = target.plan();
    assertThat(planned.exitCode()).as(planned.err()).isZero();
    target.db.execute("UPDATE room SET active = false WHERE code = 'B-2'");

    CliRun applied =
        target.salvageImport(
            "apply",
            "--batch-size",
            "2",
            "--plan-digest",
            ImportPlan.read(target.run.resolve("import/plan.json")).digest());

    assertThat(applied.exitCode()).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(applied.err())
        .contains("the database refused 6 of the plan's 9 row(s)")
        .contains("nothing was written (the transaction is rolled back)");
    List<String> refused = Files.readAllLines(target.run.resolve("import/apply-refused.txt"));
    assertThat(refused).hasSize(6).allMatch(line -> line.contains("room is closed"));
    for (String code : new String[] {"01", "02", "04", "05", "07", "08"}) {
      assertThat(applied.err()).contains("booking:new-BK-" + code + " (code BK-" + code + "): ");
      assertThat(refused).anyMatch(line -> line.startsWith("booking:new-BK-" + code + " "));
    }
    assertThat(target.text("SELECT count(*) FROM booking")).isEqualTo("0");
  }
}
