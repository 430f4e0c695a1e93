package dev.salvage.pipeline.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.cli.CliRun;
import dev.salvage.pipeline.cli.SalvageCli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A privilege taken away between plan and apply. An outside trial's apply said only "salvage
 * failed: org.postgresql.util.PSQLException: ERROR: permission denied for table client", and for
 * the audit table printed the driver's batch text, the log rows' customer data with it. Apply now
 * says it as plan says a missing privilege, and never prints a statement or its values.
 */
class ImportApplyPrivilegeRevokedTest {
  private static final String SCHEMA =
      """
      CREATE SCHEMA camp;
      CREATE TABLE camp.stay (
        id serial PRIMARY KEY, ref text NOT NULL UNIQUE, guest text NOT NULL);
      """
          + Applier.AUDIT_DDL
          + ";";

  private static final String MAPPING =
      ImportUndoWholeRowTest.MAPPING.replace("table: stay", "table: camp.stay");

  @TempDir Path temp;
  private PostgresImport target;
  private String role;
  private Path rolePassword;

  @BeforeEach
  void createDatabase() throws Exception {
    target = PostgresImport.create(temp, SCHEMA, MAPPING);
    role =
        target.db.createRole(
            "st4ff-only",
            "GRANT CONNECT ON DATABASE " + target.db.name + " TO ROLE",
            "GRANT USAGE ON SCHEMA public, camp TO ROLE",
            "GRANT SELECT, INSERT, UPDATE ON camp.stay TO ROLE",
            "GRANT USAGE ON SEQUENCE camp.stay_id_seq TO ROLE",
            "GRANT SELECT, INSERT ON salvage_import_log TO ROLE");
    rolePassword = Files.writeString(temp.resolve("role"), "st4ff-only", StandardCharsets.UTF_8);
    Fixtures.writeRun(target.run, ImportUndoWholeRowTest.stays());
    CliRun planned =
        target.salvageImportAs(role, rolePassword, "plan", "--mapping", target.mapping.toString());
    assertThat(planned.exitCode()).as(planned.err()).isZero();
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (target != null) {
      target.close();
    }
  }

  private CliRun apply() throws Exception {
    return target.salvageImportAs(
        role,
        rolePassword,
        "apply",
        "--plan-digest",
        ImportPlan.read(target.run.resolve("import/plan.json")).digest());
  }

  @Test
  void aTablePrivilegeRevokedSincePlanIsNamedWithItsSchemaTheStatementAndTheGrant()
      throws Exception {
    target.db.execute("REVOKE INSERT ON camp.stay FROM " + role);

    CliRun applied = apply();

    assertThat(applied.exitCode()).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(applied.err())
        .contains("Apply refused at INSERT into camp.stay: role " + role)
        .contains("may not use table camp.stay (ERROR: permission denied for table stay")
        .contains("SQLState 42501")
        .contains("nothing was written")
        .contains("GRANT INSERT ON camp.stay TO " + role + ", and apply again")
        .doesNotContain("salvage failed")
        .doesNotContain("PSQLException")
        .doesNotContain("Ana Lopes");
    assertThat(target.db.text("SELECT count(*) FROM camp.stay")).isEqualTo("0");
  }

  @Test
  void anAuditTablePrivilegeRevokedSincePlanNamesTheGrantAndNoValueOfTheLogRows() throws Exception {
    target.db.execute("REVOKE INSERT ON salvage_import_log FROM " + role);

    CliRun applied = apply();

    assertThat(applied.exitCode()).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(applied.err())
        .contains("Apply refused at INSERT into salvage_import_log: role " + role)
        .contains("may not use table public.salvage_import_log")
        .contains("GRANT INSERT ON public.salvage_import_log TO " + role)
        .contains("nothing was written")
        .doesNotContain("Batch entry")
        .doesNotContain("INSERT INTO")
        .doesNotContain("Ana Lopes")
        .doesNotContain("S-1")
        .doesNotContain("salvage failed");
    assertThat(target.db.text("SELECT count(*) FROM camp.stay")).isEqualTo("0");
  }

  @Test
  void everyPrivilegeRevokedSincePlanOnEveryTableIsNamedInOneGoWithAGrantPerTable()
      throws Exception {
    // before, apply named camp.stay's INSERT; granted, the next apply met the log's, and so on
    target.db.execute("REVOKE SELECT, INSERT ON camp.stay FROM " + role);
    target.db.execute("REVOKE SELECT, INSERT ON salvage_import_log FROM " + role);

    CliRun applied = apply();

    assertThat(applied.exitCode()).as(applied.err()).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(applied.err())
        .contains("GRANT SELECT, INSERT ON camp.stay TO " + role)
        .contains("GRANT SELECT, INSERT ON public.salvage_import_log TO " + role)
        .contains("nothing was written")
        .doesNotContain("salvage failed")
        .doesNotContain("Ana Lopes");
    assertThat(target.db.text("SELECT count(*) FROM camp.stay")).isEqualTo("0");
  }
}
