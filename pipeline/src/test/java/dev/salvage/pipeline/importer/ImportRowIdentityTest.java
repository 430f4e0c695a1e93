package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.Fixtures.fields;
import static dev.salvage.pipeline.importer.Fixtures.fresh;
import static dev.salvage.pipeline.importer.Fixtures.updated;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A coworking space's new application was migrated from the backup with other ids: member 2 of the
 * backup (Maria) is row 4 of the target, and row 2 is Inês. An update planned by the backup's id
 * alone gave Inês Maria's phone. Plan finds the row an UPDATED record changes by the backup's key
 * only when that row holds the record's natural key, else by the natural key; it writes a change
 * only over the value the change starts from; and undo.sql deletes an inserted row only while it
 * holds what the import wrote.
 */
class ImportRowIdentityTest {
  private static final String MAPPING =
      """
      entities:
        member:
          table: public.members
          key: {column: id, type: integer}
          natural_key: email
          columns:
            email: {field: email, type: text}
            name:  {field: name, type: text}
            phone: {field: phone, type: text}
      """;

  private static final String SCHEMA =
      """
      CREATE TABLE public.members (
        id serial PRIMARY KEY,
        email text NOT NULL UNIQUE,
        name text NOT NULL,
        phone text);
      INSERT INTO public.members (id, email, name, phone) VALUES
        (1, 'joao@example.pt', 'João', '+351910000001'),
        (2, 'ines@example.pt', 'Inês', '+351926000444'),
        (3, 'tom@example.pt', 'Tom', '+351930000003'),
        (4, 'maria@example.pt', 'Maria', '+351913222111');
      SELECT setval(pg_get_serial_sequence('public.members', 'id'), 10);
      """;

  @TempDir Path temp;
  private PostgresImport target;
  private TestDatabase db;
  private Path run;

  @BeforeEach
  void createDatabase() throws Exception {
    target = PostgresImport.create(temp, SCHEMA, MAPPING);
    db = target.db;
    run = target.run;
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (target != null) {
      target.close();
    }
  }

  private static Map<String, String> maria() {
    return fields("email", "maria@example.pt", "name", "Maria", "phone", "+351913222111");
  }

  @Test
  void anUpdateGoesToTheRowHoldingTheRecordsNaturalKeyNotToAnotherPersonsRowUnderTheBackupsId()
      throws Exception {
    Fixtures.writeRun(
        run,
        List.of(
            updated("member", 2, maria(), fields("phone", "+351913999000")),
            // the backup's member 9 was never migrated: no row has the id or the email
            updated(
                "member",
                3,
                fields("email", "rui@example.pt", "name", "Rui"),
                fields("phone", "+351939000009"))));

    CliRun planned = plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out()).contains("Plan: 0 inserts, 1 updates, 1 records skipped");
    String sql = Files.readString(run.resolve("import/plan.sql"));
    assertThat(sql)
        .contains("-- member:2: UPDATE public.members id = 4\n")
        .contains(
            "member:3: row public.members.id = 3 holds email 'tom@example.pt', not the record's"
                + " 'rui@example.pt': it is another row (the target's keys are not the backup's),"
                + " never written for this record, and no live row holds its email"
                + " 'rui@example.pt'");
    apply();
    assertThat(db.text("SELECT string_agg(id || ' ' || phone, ', ' ORDER BY id) FROM members"))
        .as("Inês (2) and Tom (3) keep their phones; Maria (4) gets hers")
        .isEqualTo("1 +351910000001, 2 +351926000444, 3 +351930000003, 4 +351913999000");
  }

  @Test
  void aChangeIsNotWrittenOverAValueTheApplicationChangedSinceTheBackupUnlessPlannedToOverwrite()
      throws Exception {
    db.execute("UPDATE members SET phone = '+351911111111' WHERE id = 4");
    Fixtures.writeRun(
        run, List.of(updated("member", 4, maria(), fields("phone", "+351913999000"))));

    CliRun planned = plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains("Plan: 0 inserts, 0 updates, 1 records skipped")
        .contains("Kept out by a row the target holds otherwise")
        .contains(
            "member:4: present with other values: public.members.id = 4: public.members.phone"
                + " holds '+351911111111',"
                + " not the backup's '+351913222111' that the approved change to"
                + " '+351913999000' starts from: the application changed it since, and nothing"
                + " is written for this record (correct the row in the application, or plan with"
                + " --overwrite member:4 to write the change over it)");

    // review showed the record's value, not the row's: an edit there does not say the operator
    // saw the application's change
    Fixtures.decide(run, "d1", "member:4", "edit", Map.of("phone", "+351913999000"), null);
    CliRun edited = plan();
    assertThat(edited.exitCode()).as(edited.err()).isZero();
    assertThat(edited.out()).contains("Plan: 0 inserts, 0 updates, 1 records skipped");

    CliRun overwriting =
        salvageImport("plan", "--mapping", mappingFile(), "--overwrite", "member:4");
    assertThat(overwriting.exitCode()).as(overwriting.err()).isZero();
    assertThat(overwriting.out()).contains("Plan: 0 inserts, 1 updates, 0 records skipped");
    // what --overwrite wrote over stays on record for whoever reads the plan later
    String overwritten =
        "public.members.phone held '+351911111111', the application's change since the backup, written"
            + " over with '+351913999000' (--overwrite)";
    assertThat(overwriting.out())
        .contains("Written over the application's changes since the backup, as --overwrite asks:")
        .contains("  member:4: " + overwritten);
    assertThat(Files.readString(run.resolve("import/plan.sql"))).contains("--   " + overwritten);
    apply();
    assertThat(db.text("SELECT phone FROM members WHERE id = 4")).isEqualTo("+351913999000");
  }

  @Test
  void anEmailChangeIsWrittenOverTheBackupsAddressStoredInOtherCapitals() throws Exception {
    // the application stored Maria's address as she typed it; the record's backup value is the
    // email type's canonical (lower-case) form of that same address, so the row is as the backup
    // left it: the change made since the backup is hers, not the application's
    db.execute("UPDATE members SET email = 'Maria.Silva@Example.PT' WHERE id = 4");
    Fixtures.writeRun(
        run,
        List.of(
            updated(
                "member",
                4,
                fields(
                    "email", "maria.silva@example.pt", "name", "Maria", "phone", "+351913222111"),
                fields("email", "maria@novo.example"))));
    Fixtures.runConfig(
        run,
        temp.resolve("config"),
        "{name: Cowork, timezone: Europe/Lisbon}",
        "entities:\n  member:\n    keys: [email]\n    fields: {email: email, name: text, phone: phone}\n");

    CliRun planned = plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains("Plan: 0 inserts, 1 updates, 0 records skipped")
        .doesNotContain("the application changed it since");
    apply();
    assertThat(db.text("SELECT email FROM members WHERE id = 4")).isEqualTo("maria@novo.example");
  }

  @Test
  void aBackupRowDeletedInTheTargetIsListedAsHeldOtherwiseNotAsLostUnlessEdited() throws Exception {
    // the backup's member 9 was restored, then deleted by staff: no row has its id or its email
    Fixtures.writeRun(
        run,
        List.of(
            updated(
                "member",
                9,
                fields("email", "rui@example.pt", "name", "Rui"),
                fields("phone", "+351939000009"))));

    CliRun planned = plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    String out = planned.out();
    assertThat(out).doesNotContain("Kept out by the target (");
    assertThat(out.substring(out.indexOf("Kept out by a row the target holds otherwise")))
        .contains(
            "member:9: deleted in the target since the backup: the backup's row public.members.id"
                + " = 9 is not in the target, and no live row holds its email 'rui@example.pt':"
                + " the application or a person deleted it after the backup was restored; nothing"
                + " is written for this record");
  }

  @Test
  void aReviewEditIsNotWrittenOverAValueTheApplicationChangedSinceTheBackup() throws Exception {
    // staff changed Maria's phone after the restore; the run found her name changed, and the
    // operator, shown the backup's phone in review, corrected it there
    db.execute("UPDATE members SET phone = '+351911111111' WHERE id = 4");
    Fixtures.writeRun(run, List.of(updated("member", 4, maria(), fields("name", "Maria Sousa"))));
    Fixtures.decide(run, "d1", "member:4", "edit", Map.of("phone", "+351913000444"), null);

    CliRun planned = plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains("Plan: 0 inserts, 0 updates, 1 records skipped")
        .contains("Kept out by a row the target holds otherwise")
        .contains(
            "member:4: present with other values: public.members.id = 4: public.members.phone"
                + " holds '+351911111111', not the backup's '+351913222111', and the edit of phone"
                + " to '+351913000444' in review was made over the record's value: the application"
                + " changed the row since the backup, and the edit would overwrite that change"
                + " unseen; nothing is written for this record (check the row in the application:"
                + " to keep its value, edit phone to '+351911111111' in salvage review; to write"
                + " the edit over it, plan with --overwrite member:4)");

    // the operator keeps the application's value: the name alone is written
    Fixtures.decide(
        run,
        "d2",
        "member:4",
        "edit",
        Map.of("phone", "+351911111111", "name", "Maria Sousa"),
        null);
    CliRun kept = plan();
    assertThat(kept.exitCode()).as(kept.err()).isZero();
    assertThat(kept.out()).contains("Plan: 0 inserts, 1 updates, 0 records skipped");
    apply();
    assertThat(db.text("SELECT name || ' ' || phone FROM members WHERE id = 4"))
        .isEqualTo("Maria Sousa +351911111111");
  }

  @Test
  void aReviewEditIsWrittenOverTheApplicationsChangeWhenPlannedToOverwrite() throws Exception {
    db.execute("UPDATE members SET phone = '+351911111111' WHERE id = 4");
    Fixtures.writeRun(run, List.of(updated("member", 4, maria(), fields("name", "Maria Sousa"))));
    Fixtures.decide(run, "d1", "member:4", "edit", Map.of("phone", "+351913000444"), null);

    CliRun planned = salvageImport("plan", "--mapping", mappingFile(), "--overwrite", "member:4");

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out()).contains("Plan: 0 inserts, 1 updates, 0 records skipped");
    apply();
    assertThat(db.text("SELECT name || ' ' || phone FROM members WHERE id = 4"))
        .isEqualTo("Maria Sousa +351913000444");
    CliRun unknown = salvageImport("plan", "--mapping", mappingFile(), "--overwrite", "member:99");
    assertThat(unknown.exitCode()).isNotZero();
    assertThat(unknown.err())
        .contains(
            "Cannot plan: --overwrite names member:99, which the run's review/records.jsonl does"
                + " not hold");
  }

  @Test
  void twoRecordsThatFindOneRowDoNotBothUpdateIt() throws Exception {
    Fixtures.writeRun(
        run,
        List.of(
            updated("member", 4, maria(), fields("phone", "+351913999000")),
            updated("member", 7, maria(), fields("name", "Maria Silva"))));

    CliRun planned = plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(Files.readString(run.resolve("import/plan.sql")))
        .contains("-- member:4: UPDATE public.members id = 4\n")
        .contains(
            "member:7: row public.members.id = 4 is updated by record member:4 already: nothing is"
                + " written for this one (review the two)");
  }

  @Test
  void undoDoesNotDeleteAnInsertedRowTheApplicationChangedSince() throws Exception {
    Fixtures.writeRun(
        run,
        List.of(
            fresh(
                "member:new-rita",
                "member",
                1.0,
                false,
                fields("email", "rita@example.pt", "name", "Rita", "phone", "+351939876543"))));
    assertThat(plan().exitCode()).isZero();
    apply();
    String undo = Files.readString(run.resolve("import/undo.sql"));
    assertThat(undo).contains("\"phone\"").contains("'+351939876543'");

    db.execute("UPDATE members SET phone = '+351939000000' WHERE email = 'rita@example.pt'");
    assertThat(db.psql(run.resolve("import/undo.sql"))).as("psql stops at the refusal").isNotZero();
    assertThat(db.text("SELECT phone FROM members WHERE email = 'rita@example.pt'"))
        .as("the row and its later change are kept")
        .isEqualTo("+351939000000");

    db.execute("UPDATE members SET phone = '+351939876543' WHERE email = 'rita@example.pt'");
    assertThat(db.psql(run.resolve("import/undo.sql"))).isZero();
    assertThat(db.text("SELECT count(*) FROM members WHERE email = 'rita@example.pt'"))
        .isEqualTo("0");
  }

  @Test
  void anApplyRefusedForAUniqueValueNamesTheOtherRecordOfThePlanThatInsertsIt() throws Exception {
    Fixtures.writeRun(
        run,
        List.of(
            fresh(
                "member:new-rita",
                "member",
                1.0,
                false,
                fields("email", "rita@example.pt", "name", "Rita", "phone", "+351939876543")),
            fresh(
                "member:new-rui",
                "member",
                1.0,
                false,
                fields("email", "rui@example.pt", "name", "Rui", "phone", "+351939876543"))));
    assertThat(plan().exitCode()).isZero();
    // plan keeps the second of two planned rows a unique index refuses together out; an index
    // made after the plan is met at apply, which must still name the other record
    db.execute("CREATE UNIQUE INDEX members_phone ON members (phone)");

    CliRun applied =
        salvageImport(
            "apply", "--plan-digest", ImportPlan.read(run.resolve("import/plan.json")).digest());

    assertThat(applied.exitCode()).isNotZero();
    assertThat(applied.err())
        .contains("Key (phone)=(+351939876543) already exists")
        .containsPattern(
            "that row is not the target's: this plan inserts it too, for record"
                + " member:new-ru?i(ta)? \\(email r");
    assertThat(db.text("SELECT count(*) FROM members")).isEqualTo("4");
  }

  @Test
  void aNewRecordLackingSeveralRequiredValuesIsKeptOutNamingEachColumn() throws Exception {
    db.execute("ALTER TABLE members ALTER COLUMN phone SET NOT NULL");
    Fixtures.writeRun(
        run,
        List.of(
            fresh("member:new-bare", "member", 1.0, false, fields("email", "bare@example.pt"))));

    CliRun unasked = plan();

    assertThat(unasked.exitCode()).as(unasked.err()).isZero();
    assertThat(unasked.out())
        .contains(
            "member:new-bare: a new member lacking name, phone: public.members.name is NOT NULL"
                + " without a default, so the target would refuse the row; public.members.phone is"
                + " NOT NULL without a default");

    // approved as it is, the target still refuses it, naming each column
    Fixtures.decide(run, "d1", "member:new-bare", "approve", null, null);
    CliRun planned = plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains(
            "member:new-bare: no value for public.members.name, public.members.phone, which are"
                + " required");
  }

  @Test
  void aNewRecordWhoseRowIsPresentSaysTheValuesTheRowLacksAndWritesNone() throws Exception {
    // the application made Rita's row after the restore, without her phone
    db.execute("INSERT INTO members (email, name) VALUES ('Rita@Example.pt', 'Rita')");
    Fixtures.writeRun(
        run,
        List.of(
            fresh(
                "member:new-rita",
                "member",
                1.0,
                false,
                fields("email", "rita@example.pt", "name", "Rita", "phone", "+351939876543"))));

    CliRun planned = plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains("Plan: 0 inserts, 0 updates, 1 records skipped")
        .contains(
            "Already present, with values the row lacks (NULL in the target; not written, as the"
                + " row is the application's: set them there where they are right):\n"
                + "  member:new-rita: phone '+351939876543'");
    assertThat(db.text("SELECT coalesce(phone, 'NULL') FROM members WHERE name = 'Rita'"))
        .isEqualTo("NULL");
  }

  private String mappingFile() {
    return target.mapping.toString();
  }

  private CliRun plan() {
    return target.plan();
  }

  private void apply() throws Exception {
    target.apply();
  }

  private CliRun salvageImport(String command, String... options) {
    return target.salvageImport(command, options);
  }
}
