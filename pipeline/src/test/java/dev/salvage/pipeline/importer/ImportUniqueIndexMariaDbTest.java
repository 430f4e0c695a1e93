package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.Fixtures.fields;
import static dev.salvage.pipeline.importer.Fixtures.fresh;
import static dev.salvage.pipeline.importer.Fixtures.updated;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.cli.CliRun;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ImportUniqueIndexTest} on a real MariaDB, whose unique keys come from
 * information_schema.STATISTICS: an email unique under the column's case-insensitive collation and
 * a handle unique by its first 8 characters (a prefix index) are compared as the database compares
 * them, so a record another row's value refuses is kept out at plan, named, and the rest applied.
 */
class ImportUniqueIndexMariaDbTest {
  private static final String MAPPING =
      """
      entities:
        member:
          table: members
          key: {column: id, type: integer}
          natural_key: member_no
          columns:
            member_no: {field: member_no, type: text}
            email:     {field: email, type: text}
            handle:    {field: handle, type: text}
      """;

  @TempDir Path temp;
  private MariaDbImport target;

  @BeforeEach
  void createDatabase() throws Exception {
    target =
        MariaDbImport.create(
            temp,
            MAPPING,
            "CREATE TABLE members (id int NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                + " member_no varchar(20) NOT NULL UNIQUE,"
                + " email varchar(191) COLLATE utf8mb4_unicode_ci NOT NULL,"
                + " handle varchar(40) COLLATE utf8mb4_bin,"
                + " UNIQUE KEY members_email_unique (email),"
                + " UNIQUE KEY members_handle_prefix (handle(8)))"
                + " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
            "INSERT INTO members (member_no, email, handle)"
                + " VALUES ('M-1', 'ana@alfama.example', 'ana.costa.lisboa')");
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (target != null) {
      target.close();
    }
  }

  private static ReconstructedRecord member(String id, String... pairs) {
    return fresh("member:" + id, "member", 1.0, false, fields(pairs));
  }

  @Test
  void aValueAnotherRowHoldsAsTheCollationComparesItIsKeptOutNamingTheIndexAndTheRow()
      throws Exception {
    Fixtures.writeRun(
        target.run,
        List.of(
            member("new-ok", "member_no", "M-3", "email", "ines@alfama.example", "handle", "ines"),
            member(
                "new-email", "member_no", "M-4", "email", "ANA@Alfama.example", "handle", "ana.c"),
            member(
                "new-handle",
                "member_no",
                "M-5",
                "email",
                "joana@alfama.example",
                "handle",
                "ana.costa.porto"),
            updated(
                "member",
                1,
                fields("member_no", "M-1", "email", "ana@alfama.example", "handle", "ana"),
                fields("email", "Ana@Alfama.example"))));

    CliRun planned = target.plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains("Plan: 1 inserts, 1 updates, 2 records skipped")
        .contains(
            "  member:new-email: unique index members_email_unique refuses members.email ="
                + " 'ANA@Alfama.example': the target's row id = 1 already holds that value"
                + " (UNIQUE KEY `members_email_unique` (`email`))")
        .contains(
            "  member:new-handle: unique index members_handle_prefix refuses members.handle ="
                + " 'ana.costa.porto': the target's row id = 1 already holds that value"
                + " (UNIQUE KEY `members_handle_prefix` (`handle`(8)))")
        .as("the row's own email, in other case, is no clash")
        .doesNotContain("member:1:")
        .doesNotContain("member:new-ok:");

    target.apply();
    assertThat(
            target.text(
                "SELECT group_concat(member_no, ' ', email ORDER BY member_no SEPARATOR ', ')"
                    + " FROM members"))
        .isEqualTo("M-1 Ana@Alfama.example, M-3 ines@alfama.example");
  }

  @Test
  void twoRecordsOfThePlanClaimingOneValueAsTheCollationComparesItPlanTheFirstById()
      throws Exception {
    Fixtures.writeRun(
        target.run,
        List.of(
            member("new-b", "member_no", "M-7", "email", "LUIS@alfama.example", "handle", "lb"),
            member("new-a", "member_no", "M-6", "email", "luis@alfama.example", "handle", "la"),
            member(
                "new-c",
                "member_no",
                "M-8",
                "email",
                "carla@alfama.example",
                "handle",
                "carla.ab1"),
            member(
                "new-d", "member_no", "M-9", "email", "dora@alfama.example", "handle", "carla.ab2"),
            member("new-e", "member_no", "M-10", "email", "eva@alfama.example", "handle", "eva")));

    CliRun planned = target.plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains("Plan: 3 inserts, 0 updates, 2 records skipped")
        .contains(
            "  member:new-b: unique index members_email_unique refuses members.email ="
                + " 'LUIS@alfama.example': record member:new-a of this plan, planned before it")
        .contains(
            "  member:new-d: unique index members_handle_prefix refuses members.handle ="
                + " 'carla.ab2': record member:new-c of this plan")
        .doesNotContain("member:new-a:")
        .doesNotContain("member:new-c:")
        .doesNotContain("member:new-e:");

    target.apply();
    assertThat(
            target.text(
                "SELECT group_concat(member_no ORDER BY member_no SEPARATOR ', ') FROM members"))
        .isEqualTo("M-1, M-10, M-6, M-8");
  }
}
