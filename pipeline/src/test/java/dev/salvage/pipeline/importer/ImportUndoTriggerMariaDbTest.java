package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.Fixtures.fields;
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
 * {@link ImportUndoTriggerTest} on MariaDB: a BEFORE UPDATE trigger sets {@code updated_at} again
 * as undo.sql restores the ticket, and undo.sql ends by selecting a line that names the row and the
 * column, which the mariadb client prints. A column with ON UPDATE CURRENT_TIMESTAMP that undo
 * writes back keeps its before-image, as MariaDB leaves a column an UPDATE writes itself.
 */
class ImportUndoTriggerMariaDbTest {
  @TempDir Path temp;
  private MariaDbImport target;

  @BeforeEach
  void createDatabase() throws Exception {
    target =
        MariaDbImport.create(
            temp,
            """
            entities:
              ticket:
                table: ticket
                key: {column: id, type: integer}
                natural_key: ref
                columns:
                  ref:        {field: ref, type: text}
                  status:     {field: status, type: text}
                  updated_at: {from: now, type: timestamptz, on: touch}
                  seen_at:    {from: now, type: timestamptz, on: touch}
            """,
            "CREATE TABLE ticket (id int NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                + " ref varchar(20) NOT NULL UNIQUE, status varchar(20) NOT NULL,"
                + " updated_at timestamp(6) NOT NULL DEFAULT current_timestamp(6),"
                + " seen_at timestamp(6) NOT NULL DEFAULT current_timestamp(6)"
                + " ON UPDATE current_timestamp(6)) ENGINE=InnoDB",
            "CREATE TRIGGER ticket_touch BEFORE UPDATE ON ticket FOR EACH ROW"
                + " SET NEW.updated_at = sysdate(6)",
            "INSERT INTO ticket VALUES (1, 'T-1', 'open', '2026-01-05 10:00:00',"
                + " '2026-01-05 10:00:00')");
    Fixtures.writeRun(
        target.run,
        List.of(
            updated(
                "ticket", 1, fields("ref", "T-1", "status", "open"), fields("status", "closed"))));
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (target != null) {
      target.close();
    }
  }

  @Test
  void undoSelectsALineNamingTheRowWhoseUpdatedAtTheTriggerRewrote() throws Exception {
    CliRun plan = target.plan();
    assertThat(plan.exitCode()).as(plan.err()).isZero();
    assertThat(plan.out())
        .contains(
            "Warning: table ticket (entity ticket) has trigger(s) ticket_touch (BEFORE UPDATE)"
                + " whose effects plan cannot foresee")
        .contains("column(s) seen_at set ON UPDATE to the time of the write");
    target.apply();

    MariaDbDatabase.Result undone = target.db.clientResult(target.run.resolve("import/undo.sql"));

    assertThat(undone.exitCode()).as(undone.output()).isZero();
    assertThat(target.text("SELECT status FROM ticket WHERE id = 1")).isEqualTo("open");
    assertThat(target.text("SELECT seen_at = '2026-01-05 10:00:00' FROM ticket WHERE id = 1"))
        .isEqualTo("1");
    assertThat(undone.output())
        .contains("undo_warning")
        .contains(
            "undo: ticket id = 1 (ticket:1) is restored but not to its before-image: updated_at"
                + " holds ")
        .doesNotContain("seen_at holds")
        .doesNotContain("status holds");
  }
}
