package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.Fixtures.fields;
import static dev.salvage.pipeline.importer.Fixtures.fresh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.cli.CliRun;
import dev.salvage.pipeline.cli.SalvageCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A MariaDB JSON column (LONGTEXT with its json_valid CHECK) and a table CHECK, planned by the
 * least-privilege role the docs have operators create, from whom information_schema hides every
 * CHECK constraint: the column is json to it as to a superuser, and a value the constraints refuse
 * is kept out at plan, not met at apply.
 */
class ImportJsonColumnLeastPrivilegeMariaDbTest {
  private static final String MAPPING =
      """
      entities:
        lesson:
          table: lessons
          key: {column: id, type: integer}
          natural_key: ref
          columns:
            ref:      {field: ref, type: text}
            minutes:  {field: minutes, type: integer}
            meta:     {field: meta, type: %s}
      """;

  @TempDir Path temp;
  private MariaDbImport target;
  private String user;

  @BeforeEach
  void createDatabase() throws Exception {
    target =
        MariaDbImport.create(
            temp,
            MAPPING.formatted("json"),
            "CREATE TABLE lessons (id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                + " ref varchar(20) NOT NULL UNIQUE, minutes int NOT NULL,"
                + " meta json DEFAULT NULL,"
                + " CONSTRAINT lesson_length CHECK (minutes IN (60, 90, 120))) ENGINE=InnoDB",
            Applier.AUDIT_DDL_MARIADB);
    user = "imp_" + target.db.name.substring(target.db.name.length() - 8);
    target.db.execute(
        "CREATE USER '" + user + "'@'%' IDENTIFIED BY 'js0n-only'",
        "GRANT SELECT, INSERT, UPDATE ON " + target.db.name + ".lessons TO '" + user + "'@'%'",
        "GRANT SELECT, INSERT ON " + target.db.name + ".salvage_import_log TO '" + user + "'@'%'");
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (target != null) {
      target.db.execute("DROP USER IF EXISTS '" + user + "'@'%'");
      target.close();
    }
  }

  @Test
  void aJsonColumnIsJsonToATablePrivilegedRoleAndItsValuesAreWrittenAsJson() throws Exception {
    Fixtures.writeRun(target.run, List.of(lesson("L-1", "90", "{\"pickup\": \"Rondo ONZ\"}")));

    CliRun planned = asUser("plan", "--mapping", target.mapping.toString());

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out()).contains("Plan: 1 inserts, 0 updates");
    CliRun applied = asUser("apply", "--plan-digest", target.currentPlan().digest());
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(target.text("SELECT json_value(meta, '$.pickup') FROM lessons"))
        .isEqualTo("Rondo ONZ");
  }

  @Test
  void aTextMappingOntoAJsonColumnIsRefusedAtPlanNamingTheCheck() throws Exception {
    Files.writeString(target.mapping, MAPPING.formatted("text"));
    Fixtures.writeRun(target.run, List.of(lesson("L-1", "90", "Rondo ONZ")));

    CliRun planned = asUser("plan", "--mapping", target.mapping.toString());

    assertThat(planned.exitCode()).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(planned.err())
        .contains(
            "column lessons.meta is longtext CHECK (json_valid(`meta`)), the mapping says text");
  }

  @Test
  void aValueThatIsNotJsonIsRefusedAtPlanNamingTheRecordAndColumn() throws Exception {
    Fixtures.writeRun(target.run, List.of(lesson("L-1", "90", "Rondo ONZ")));

    CliRun planned = asUser("plan", "--mapping", target.mapping.toString());

    assertThat(planned.exitCode()).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(planned.err())
        .contains(
            "lesson new-L-1: column lessons.meta is longtext CHECK (json_valid(`meta`)), value"
                + " 'Rondo ONZ' is not a json value");
    assertThat(target.run.resolve("import/plan.json")).doesNotExist();
  }

  @Test
  void aTableCheckHiddenFromTheRoleStillKeepsARowOutAtPlan() throws Exception {
    Fixtures.writeRun(target.run, List.of(lesson("L-1", "90", "{}"), lesson("L-2", "45", "{}")));

    CliRun planned = asUser("plan", "--mapping", target.mapping.toString());

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains("Plan: 1 inserts, 0 updates")
        .contains("lesson:new-L-2: check constraint lesson_length refuses lessons.minutes = 45");
  }

  private CliRun asUser(String command, String... options) throws Exception {
    Path password = Files.writeString(temp.resolve("user-password"), "js0n-only");
    return target.salvageImportAs(user, password, command, options);
  }

  private static ReconstructedRecord lesson(String ref, String minutes, String meta) {
    return fresh(
        "lesson:new-" + ref,
        "lesson",
        1.0,
        false,
        fields("ref", ref, "minutes", minutes, "meta", meta));
  }
}
