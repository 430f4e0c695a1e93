package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.Fixtures.fields;
import static dev.salvage.pipeline.importer.Fixtures.fresh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.cli.CliRun;
import dev.salvage.pipeline.cli.SalvageCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Rails kayak rental that shows its primary key to customers ("Rental #57" in its mails, {@code
 * rental_id: 57} in Stripe metadata): with {@code key.field}, a lost rental comes back under the
 * number the customer holds, the sequence is moved past it so the application's next rental does
 * not collide, and a number another row holds, or two records claim, is refused by name rather than
 * overwritten or renumbered.
 */
class ImportKeyFromFieldTest {
  static final String MAPPING =
      """
      entities:
        rental:
          table: public.rentals
          key: {column: id, type: integer, field: rental_number}
          natural_key: reference
          columns:
            reference:      {field: reference, type: text}
            customer_email: {field: customer_email, type: text}
      """;

  static final String ENTITIES =
      """
      entities:
        rental:
          keys: [reference]
          fields:
            reference: text
            customer_email: text
            rental_number: integer
            deposit: money
            backup_id: integer
      """;

  /** The restored backup: rentals 1 to 3 and 50, its sequence at 50; 51 to 57 were lost. */
  private static final String SCHEMA =
      """
      CREATE TABLE public.rentals (
        id bigserial PRIMARY KEY,
        reference text NOT NULL UNIQUE,
        customer_email text NOT NULL);
      INSERT INTO public.rentals (id, reference, customer_email) VALUES
        (1, 'R-1', 'ana@example.com'), (2, 'R-2', 'bo@example.com'),
        (3, 'R-3', 'cy@example.com'), (50, 'R-50', 'di@example.com');
      SELECT setval('public.rentals_id_seq', 50);
      """;

  @TempDir Path temp;
  private TestDatabase db;
  private Path run;
  private Path mapping;
  private Path passwordFile;

  @BeforeEach
  void createDatabase() throws Exception {
    db = TestDatabase.create();
    db.execute(SCHEMA);
    run = temp.resolve("run");
    mapping = Files.writeString(temp.resolve("target.yaml"), MAPPING);
    passwordFile = Files.writeString(temp.resolve("password"), db.password + "\n");
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (db != null) {
      db.close();
    }
  }

  static ReconstructedRecord rental(String id, String reference, String number) {
    return fresh(
        "rental:" + id,
        "rental",
        1.0,
        false,
        number == null
            ? fields("reference", reference, "customer_email", id + "@example.com")
            : fields(
                "reference",
                reference,
                "customer_email",
                id + "@example.com",
                "rental_number",
                number));
  }

  private void records(ReconstructedRecord... records) throws Exception {
    Fixtures.writeRun(run, List.of(records));
    Fixtures.runConfig(
        run, temp.resolve("config"), "{name: Padle, timezone: Europe/Oslo}", ENTITIES);
  }

  @Test
  void insertedRentalsKeepTheEvidencesNumbersAndTheApplicationsNextRentalDoesNotCollide()
      throws Exception {
    records(
        rental("new-57", "R-57", "57"),
        rental("new-51", "R-51", "51"),
        rental("new-nonumber", "R-X", null));

    CliRun planned = plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains("Plan: 3 inserts, 0 updates")
        .contains(
            "public.rentals.id: 2 new row(s) keep the key of field rental_number; 1 take the column"
                + " default, their record having no rental_number (rental:new-nonumber)")
        .contains("sequence public.rentals_id_seq will be moved from 50 to 57");
    assertThat(Files.readString(run.resolve("import/plan.sql")))
        .contains("INSERT into public.rentals (id = 57, written as planned)")
        .contains("SELECT setval('public.rentals_id_seq', 57)");

    assertThat(apply().out())
        .as("the move is no row of salvage_import_log: apply says it")
        .contains(
            "Also sequence public.rentals_id_seq moved from 50 (as planned) to 57, past the keys"
                + " written; not in salvage_import_log, and undo leaves it.");

    assertThat(db.text("SELECT string_agg(id || ' ' || reference, ', ' ORDER BY id) FROM rentals"))
        .as("the numbers the customers hold; the record without one after them")
        .isEqualTo("1 R-1, 2 R-2, 3 R-3, 50 R-50, 51 R-51, 57 R-57, 58 R-X");
    // the application takes its next rental from the sequence, as Rails does
    assertThat(
            db.text(
                "INSERT INTO rentals (reference, customer_email) VALUES ('R-APP', 'e@example.com')"
                    + " RETURNING id"))
        .isEqualTo("59");
    CliRun again = plan();
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("Plan: 0 inserts, 0 updates");
  }

  @Test
  void withoutKeyFieldThePlanSaysWhichNewRowsCarryTheApplicationsIdThatItDoesNotWrite()
      throws Exception {
    Files.writeString(
        mapping,
        MAPPING.replace(
            "key: {column: id, type: integer, field: rental_number}",
            "key: {column: id, type: integer}"));
    Fixtures.writeRun(
        run,
        List.of(
            fresh(
                "rental:new-84",
                "rental",
                1.0,
                false,
                fields("reference", "R-84", "customer_email", "kk@example.com", "backup_id", "84")),
            rental("new-plain", "R-X", null)));

    CliRun planned = plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    String said =
        "public.rentals: 1 new row(s) carry backup_id (the application's id, e.g. 84 for"
            + " rental:new-84) that this plan does not write: the database assigns new ids to"
            + " public.rentals.id; sequence public.rentals_id_seq stands at 50, so the ids it"
            + " hands out next, to these inserts and then to the application (51 to 84) would"
            + " include ids the evidence names for these"
            + " records: it will be moved from 50 to 84 before the inserts (setval, never"
            + " backwards; undo does not move it back), and these rows and the application's next"
            + " ones get ids after 84; set key.field: backup_id to keep them";
    assertThat(planned.out()).contains("Plan: 2 inserts").contains("Warning: " + said + ".");
    assertThat(Files.readString(run.resolve("import/plan.sql"))).contains("--   " + said);
    assertThat(currentPlan().unkeptIds())
        .containsExactly(
            new ImportPlan.UnkeptIds(
                "public.rentals",
                "id",
                "backup_id",
                1,
                "84 for rental:new-84",
                "84",
                null,
                "public.rentals_id_seq",
                "50",
                "84",
                null,
                null));
  }

  /** The mapping without key.field: the database gives new rows their ids. */
  private void keyFromDefault() throws Exception {
    Files.writeString(
        mapping,
        MAPPING.replace(
            "key: {column: id, type: integer, field: rental_number}",
            "key: {column: id, type: integer}"));
  }

  private static ReconstructedRecord carrying(String id, String reference, String backupId) {
    return fresh(
        "rental:" + id,
        "rental",
        1.0,
        false,
        fields(
            "reference", reference, "customer_email", id + "@example.com", "backup_id", backupId));
  }

  @Test
  void withoutKeyFieldTheSequenceMovesPastTheIdsTheEvidenceNamesSoTheApplicationsNextRowsTakeNone()
      throws Exception {
    keyFromDefault();
    // the backup went back into service at 50; rentals 51 to 54 left no evidence, 55 and 56 did
    Fixtures.writeRun(
        run,
        List.of(
            carrying("new-55", "R-55", "55"),
            carrying("new-56", "R-56", "56"),
            rental("new-plain", "R-X", null)));

    CliRun planned = plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains("Plan: 3 inserts")
        .contains(
            "sequence public.rentals_id_seq stands at 50, so the ids it hands out next, to these"
                + " inserts and then to the application (51 to 56) would include ids the evidence names for these records: it will be moved from"
                + " 50 to 56 before the inserts");
    assertThat(Files.readString(run.resolve("import/plan.sql")))
        .contains("SELECT setval('public.rentals_id_seq', 56)");
    assertThat(currentPlan().unkeptIds().get(0).sequenceTo()).isEqualTo("56");

    assertThat(apply().out())
        .contains(
            "Also sequence public.rentals_id_seq moved from 50 (as planned) to 56, past the ids"
                + " the evidence names (backup_id); not in salvage_import_log, and undo leaves"
                + " it.");
    // the application's next rentals, as Rails takes them
    String next =
        db.text(
            "SELECT string_agg(nextval('rentals_id_seq')::text, ',') FROM generate_series(1, 4)");
    assertThat(List.of(next.split(",")))
        .doesNotContain("55", "56")
        .containsExactly("60", "61", "62", "63");
    assertThat(db.text("SELECT string_agg(id || ' ' || reference, ', ' ORDER BY id) FROM rentals"))
        .as("the records get ids after every id the evidence names")
        .isEqualTo("1 R-1, 2 R-2, 3 R-3, 50 R-50, 57 R-55, 58 R-56, 59 R-X");
  }

  @Test
  void aRoleThatMayNotMoveTheSequenceIsToldWhichIdsTheApplicationWouldHandOutAgain()
      throws Exception {
    keyFromDefault();
    Fixtures.writeRun(run, List.of(carrying("new-56", "R-56", "56")));
    db.execute(Applier.AUDIT_DDL);
    String role =
        db.createRole(
            "m0ve",
            "GRANT CONNECT ON DATABASE " + db.name + " TO ROLE",
            "GRANT USAGE ON SCHEMA public TO ROLE",
            "GRANT SELECT, INSERT, UPDATE ON rentals TO ROLE",
            "GRANT USAGE ON SEQUENCE rentals_id_seq TO ROLE",
            "GRANT SELECT, INSERT ON salvage_import_log TO ROLE");
    Path rolePassword = Files.writeString(temp.resolve("role-password"), "m0ve");
    List<String> asRole =
        List.of("--target", db.url, "--user", role, "--password-file", rolePassword.toString());

    CliRun planned = CliRun.of(importArgs("plan", asRole, "--mapping", mapping.toString()));

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains(
            "sequence public.rentals_id_seq stands at 50, so the ids it hands out next, to these"
                + " inserts and then to the application (51 to 56) would include ids the evidence names for these records, and this role may not"
                + " move it past them: GRANT USAGE, UPDATE ON SEQUENCE public.rentals_id_seq TO "
                + role
                + " and plan again");
    assertThat(Files.readString(run.resolve("import/plan.sql"))).doesNotContain("setval");
    assertThat(currentPlan().unkeptIds().get(0).sequenceTo()).isNull();

    // apply writes, and says again what it could not do, where the operator looks last
    CliRun applied =
        CliRun.of(importArgs("apply", asRole, "--plan-digest", currentPlan().digest()));
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(applied.out())
        .contains("Not moved, as plan warned: public.rentals: 1 new row(s) carry backup_id")
        .contains("this role may not move it past them");
  }

  @Test
  void theUnkeptIdsWarningCountsTheCarriedIdsOtherRowsOfTheTargetHold() throws Exception {
    keyFromDefault();
    // 50 and 3 are held by, rows the target has that are not these rentals (the
    // application handed those numbers out again after the restore)
    Fixtures.writeRun(
        run,
        List.of(
            carrying("new-a", "R-A", "50"),
            carrying("new-b", "R-B", "3"),
            carrying("new-c", "R-C", "57")));

    CliRun planned = plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains("Plan: 3 inserts")
        .contains(
            "2 of these ids are held by rows the target has that are not these records: with"
                + " key.field: backup_id those records, and new rows referring to them, would be kept out");
    assertThat(currentPlan().unkeptIds().get(0).held()).isEqualTo(2L);
  }

  @Test
  void aNumberAnotherRentalHoldsIsRefusedNamingBothAndNothingIsOverwritten() throws Exception {
    records(
        // 50 is R-50's: a rental given the same number after the backup, or a misread mail
        rental("new-lost", "R-LOST", "50"),
        // its own row holds 3: found by its reference, nothing to write
        fresh(
            "rental:new-3",
            "rental",
            1.0,
            false,
            fields("reference", "R-3", "customer_email", "cy@example.com", "rental_number", "3")),
        rental("new-52", "R-52", "52"));

    CliRun planned = plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains("Plan: 1 inserts, 0 updates")
        .contains("Kept out by the target")
        .contains(
            "rental:new-lost: key held by another row: the target's row with public.rentals.id ="
                + " 50 holds reference = R-50, not this record's reference = R-LOST; nothing is"
                + " written for this record");
    assertThat(Files.readString(run.resolve("import/plan.sql")))
        .contains("rental:new-3: already present: public.rentals.id = 3 has reference = R-3");
    String before = db.text("SELECT reference || ' ' || customer_email FROM rentals WHERE id = 50");

    apply();

    assertThat(db.text("SELECT reference || ' ' || customer_email FROM rentals WHERE id = 50"))
        .isEqualTo(before);
    assertThat(db.text("SELECT count(*) FROM rentals WHERE reference = 'R-LOST'")).isEqualTo("0");
    assertThat(db.text("SELECT id FROM rentals WHERE reference = 'R-52'")).isEqualTo("52");
  }

  @Test
  void twoRecordsClaimingOneNumberAreBothRefused() throws Exception {
    records(rental("new-a", "R-60A", "60"), rental("new-b", "R-60B", "60"));

    CliRun planned = plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains("Plan: 0 inserts, 0 updates")
        .contains(
            "rental:new-a: key claimed twice: records rental:new-a and rental:new-b both give"
                + " public.rentals.id = 60 (field rental_number; this one has reference = R-60A)")
        .contains("rental:new-b: key claimed twice: records rental:new-a and rental:new-b")
        .doesNotContain("will be moved");
  }

  @Test
  void aRowTakingAPlannedNumberBetweenPlanAndApplyStopsTheApply() throws Exception {
    records(rental("new-57", "R-57", "57"));
    CliRun planned = plan();
    assertThat(planned.exitCode()).as(planned.err()).isZero();
    db.execute("INSERT INTO rentals (id, reference, customer_email) VALUES (57, 'R-NEW', 'x@y.z')");

    CliRun applied = salvageImport("apply", "--plan-digest", currentPlan().digest());

    assertThat(applied.exitCode()).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(applied.err())
        .contains(
            "public.rentals row with id = 57, the key planned for rental:new-57, appeared since the"
                + " plan, holding reference = R-NEW");
    assertThat(db.text("SELECT reference FROM rentals WHERE id = 57")).isEqualTo("R-NEW");
  }

  @Test
  void aGeneratedAlwaysIdentityKeyIsWrittenOverridingItAndItsSequenceMoved() throws Exception {
    db.execute(
        "CREATE TABLE public.bookings (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
            + " reference text NOT NULL UNIQUE, customer_email text NOT NULL);"
            + " INSERT INTO bookings (reference, customer_email) VALUES ('B-1', 'a@x.y'),"
            + " ('B-2', 'b@x.y');");
    Files.writeString(mapping, MAPPING.replace("public.rentals", "public.bookings"));
    records(rental("new-57", "B-57", "57"), rental("new-none", "B-X", null));

    CliRun planned = plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains("sequence public.bookings_id_seq will be moved from 2 to 57");
    assertThat(Files.readString(run.resolve("import/plan.sql")))
        .contains(
            "INSERT INTO \"public\".\"bookings\" (\"id\", \"reference\", \"customer_email\")"
                + " OVERRIDING SYSTEM VALUE VALUES (57, 'B-57'");
    apply();
    assertThat(db.text("SELECT string_agg(id || ' ' || reference, ', ' ORDER BY id) FROM bookings"))
        .isEqualTo("1 B-1, 2 B-2, 57 B-57, 58 B-X");
    assertThat(
            db.text(
                "INSERT INTO bookings (reference, customer_email) VALUES ('B-APP', 'c@x.y')"
                    + " RETURNING id"))
        .isEqualTo("59");
  }

  @Test
  void aRoleThatMayNotMoveTheSequenceIsRefusedAtPlanNamingTheGrant() throws Exception {
    records(rental("new-57", "R-57", "57"));
    db.execute(Applier.AUDIT_DDL);
    String role =
        db.createRole(
            "m0ve",
            "GRANT CONNECT ON DATABASE " + db.name + " TO ROLE",
            "GRANT USAGE ON SCHEMA public TO ROLE",
            "GRANT SELECT, INSERT, UPDATE ON rentals TO ROLE",
            "GRANT USAGE ON SEQUENCE rentals_id_seq TO ROLE",
            "GRANT SELECT, INSERT ON salvage_import_log TO ROLE");
    Path rolePassword = Files.writeString(temp.resolve("role-password"), "m0ve");
    List<String> asRole =
        List.of("--target", db.url, "--user", role, "--password-file", rolePassword.toString());

    CliRun refused = CliRun.of(importArgs("plan", asRole, "--mapping", mapping.toString()));

    assertThat(refused.exitCode()).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(refused.err())
        .contains(
            "this role may not UPDATE sequence public.rentals_id_seq of public.rentals.id, which"
                + " apply moves past the keys it writes from field rental_number")
        .contains("GRANT USAGE, UPDATE ON SEQUENCE public.rentals_id_seq TO " + role);
    assertThat(run.resolve("import/plan.json")).doesNotExist();

    db.execute("GRANT UPDATE ON SEQUENCE rentals_id_seq TO " + role);
    CliRun planned = CliRun.of(importArgs("plan", asRole, "--mapping", mapping.toString()));
    assertThat(planned.exitCode()).as(planned.err()).isZero();
    CliRun applied =
        CliRun.of(importArgs("apply", asRole, "--plan-digest", currentPlan().digest()));
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(db.text("SELECT last_value FROM rentals_id_seq")).isEqualTo("57");
  }

  @Test
  void aKeyFieldTheEntityModelLacksOrCannotHoldIsRefusedBeforeTheTargetIsRead() throws Exception {
    records(rental("new-57", "R-57", "57"));
    Files.writeString(mapping, MAPPING.replace("field: rental_number", "field: rental_no"));

    CliRun misspelt = plan();

    assertThat(misspelt.exitCode()).isEqualTo(SalvageCli.EXIT_USAGE);
    assertThat(misspelt.err())
        .contains(
            mapping
                + ": entities.rental.key.field: entity rental has no field 'rental_no' in the"
                + " entity model");

    Files.writeString(mapping, MAPPING.replace("field: rental_number", "field: deposit"));
    CliRun money = plan();
    assertThat(money.exitCode()).isEqualTo(SalvageCli.EXIT_USAGE);
    assertThat(money.err())
        .contains(
            mapping
                + ": entities.rental.key.field: field deposit of entity rental is money in the"
                + " entity model")
        .contains("which cannot be the integer key public.rentals.id");
  }

  /** The entity model as the sample writes it: the application's id typed as text. */
  private static final String TEXT_BACKUP_ID =
      ENTITIES.replace("backup_id: integer", "backup_id: text");

  private void carriedWithModel(String entities, ReconstructedRecord... records) throws Exception {
    Fixtures.writeRun(run, List.of(records));
    Fixtures.runConfig(
        run, temp.resolve("config"), "{name: Padle, timezone: Europe/Oslo}", entities);
  }

  @Test
  void theAdviceToSetKeyFieldWorksForATextFieldHoldingIntegersAndKeepsTheirNumbers()
      throws Exception {
    keyFromDefault();
    carriedWithModel(
        TEXT_BACKUP_ID, carrying("new-55", "R-55", "55"), carrying("new-56", "R-56", "56"));
    CliRun warned = plan();
    assertThat(warned.exitCode()).as(warned.err()).isZero();
    assertThat(warned.out()).contains("; set key.field: backup_id to keep them");

    // the advice, taken as written
    Files.writeString(
        mapping,
        MAPPING.replace(
            "key: {column: id, type: integer, field: rental_number}",
            "key: {column: id, type: integer, field: backup_id}"));
    CliRun planned = plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains("Plan: 2 inserts")
        .contains("public.rentals.id: 2 new row(s) keep the key of field backup_id");
    apply();
    assertThat(db.text("SELECT string_agg(id || ' ' || reference, ', ' ORDER BY id) FROM rentals"))
        .isEqualTo("1 R-1, 2 R-2, 3 R-3, 50 R-50, 55 R-55, 56 R-56");
  }

  @Test
  void aTextKeyFieldValueThatIsNotAnIntegerStopsThePlanNamingTheRecordAndTheValue()
      throws Exception {
    Files.writeString(
        mapping,
        MAPPING.replace(
            "key: {column: id, type: integer, field: rental_number}",
            "key: {column: id, type: integer, field: backup_id}"));
    carriedWithModel(
        TEXT_BACKUP_ID, carrying("new-55", "R-55", "55"), carrying("new-a17", "R-A17", "A-17"));

    CliRun refused = plan();

    assertThat(refused.exitCode()).isEqualTo(SalvageCli.EXIT_USAGE);
    assertThat(refused.err())
        .contains(
            "Cannot use field backup_id of rental rental:new-a17 as the integer key"
                + " public.rentals.id: value \"A-17\" is not an integer.");
    assertThat(run.resolve("import/plan.json")).doesNotExist();

    // a leading zero would be dropped by the key: which of 007 and 7 the application shows is
    // not for plan to guess
    carriedWithModel(TEXT_BACKUP_ID, carrying("new-7", "R-7", "007"));
    CliRun zero = plan();
    assertThat(zero.exitCode()).isEqualTo(SalvageCli.EXIT_USAGE);
    assertThat(zero.err())
        .contains(
            "Cannot use field backup_id of rental rental:new-7 as the integer key"
                + " public.rentals.id: value \"007\" is not an integer written plainly (a"
                + " leading zero, which the key would drop)");
  }

  @Test
  void theUnkeptIdsWarningSaysWhatToChangeWhenKeyFieldWouldNotWorkAsTheModelStands()
      throws Exception {
    keyFromDefault();
    carriedWithModel(
        ENTITIES.replace("backup_id: integer", "backup_id: datetime"),
        carrying("new-55", "R-55", "2026-01-02T03:04:05Z"));

    CliRun typed = plan();

    assertThat(typed.exitCode()).as(typed.err()).isZero();
    assertThat(typed.out())
        .doesNotContain("set key.field: backup_id to keep them")
        .contains(
            "key.field: backup_id would not keep them as things stand: field backup_id is"
                + " datetime in the entity model")
        .contains(
            "which cannot be the integer key; declare it integer there, run salvage run again,"
                + " then set key.field: backup_id");

    carriedWithModel(TEXT_BACKUP_ID, carrying("new-a17", "R-A17", "A-17"));
    CliRun text = plan();
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out())
        .contains(
            "key.field: backup_id would not keep them as things stand: value \"A-17\" is not an"
                + " integer (rental:new-a17), so plan would stop");
  }

  private CliRun plan() {
    return salvageImport("plan", "--mapping", mapping.toString());
  }

  private CliRun apply() throws Exception {
    CliRun applied = salvageImport("apply", "--plan-digest", currentPlan().digest());
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    return applied;
  }

  private ImportPlan currentPlan() throws Exception {
    return ImportPlan.read(run.resolve("import/plan.json"));
  }

  private CliRun salvageImport(String command, String... options) {
    return CliRun.of(importArgs(command, db.targetOptions(passwordFile), options));
  }

  private String[] importArgs(String command, List<String> target, String... options) {
    List<String> args = new ArrayList<>(List.of("import", command, "--run", run.toString()));
    args.addAll(target);
    args.addAll(List.of(options));
    return args.toArray(String[]::new);
  }
}
