package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.Fixtures.fields;
import static dev.salvage.pipeline.importer.Fixtures.fresh;
import static dev.salvage.pipeline.importer.Fixtures.updated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.pipeline.bundle.Decisions;
import dev.salvage.pipeline.bundle.Json;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import dev.salvage.pipeline.bundle.RunLayout;
import dev.salvage.pipeline.cli.CliRun;
import dev.salvage.pipeline.cli.SalvageCli;
import dev.salvage.pipeline.review.ReviewServer;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plan and apply against a real PostgreSQL holding a Rentwise-shaped database. */
class ImportPostgresTest {
  private static final Map<String, String> BRUNO =
      fields("email", "bruno@example.com", "full_name", "Bruno Costa", "phone", "+351922222222");
  private static final Map<String, String> RESERVATION_1 =
      fields(
          "reference",
          "RW-AAA111",
          "customer_email",
          "ana@example.com",
          "vehicle",
          "AA-11-BB",
          "pickup_location",
          "LIS",
          "pickup_at",
          "2026-02-10T09:00:00Z",
          "return_at",
          "2026-02-12T09:00:00Z",
          "status",
          "confirmed",
          "total_cents",
          "12000",
          "currency",
          "EUR");

  @TempDir Path temp;
  private TestDatabase db;
  private Path run;
  private Path mapping;
  private Path passwordFile;

  @BeforeEach
  void createDatabase() throws Exception {
    db = TestDatabase.create();
    assertThat(db.psql(Fixtures.smallBackup(temp))).isZero();
    run = temp.resolve("run");
    mapping = Fixtures.rentwiseMapping(temp);
    passwordFile = temp.resolve("password");
    Files.writeString(passwordFile, db.password + "\n");
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (db != null) {
      db.close();
    }
  }

  private static ReconstructedRecord reservation(
      String id, String reference, String email, String vehicle, String status) {
    return fresh(
        id,
        "reservation",
        1.0,
        false,
        fields(
            "reference",
            reference,
            "customer_email",
            email,
            "vehicle",
            vehicle,
            "pickup_location",
            "LIS",
            "pickup_at",
            "2026-03-10T09:00:00Z",
            "return_at",
            "2026-03-12T09:00:00Z",
            "status",
            status,
            "total_cents",
            "9000",
            "currency",
            "EUR",
            "stripe_payment_intent_id",
            "pi_" + reference));
  }

  /** Approved, unapproved, rejected, edited, undone, missing-parent records of both entities. */
  private void writeMixedRun() throws Exception {
    List<ReconstructedRecord> records = new ArrayList<>();
    records.add(updated("customer", 2, BRUNO, fields("phone", "+351933333333")));
    records.add(
        fresh(
            "customer:n-dora",
            "customer",
            1.0,
            false,
            fields(
                "email",
                "dora@example.com",
                "full_name",
                "Dora O'Reis",
                "phone",
                "+351944444444",
                "stripe_customer_id",
                "cus_dora")));
    records.add(
        fresh(
            "customer:n-eva",
            "customer",
            1.0,
            true,
            fields("email", "eva@example.com", "full_name", "Eva Moura")));
    records.add(
        fresh(
            "customer:n-fabio",
            "customer",
            0.8,
            false,
            fields("email", "fabio@example.com", "full_name", "Fabio Lopes")));
    records.add(
        Fixtures.record(
            "customer:1",
            "customer",
            Action.UNCHANGED,
            1.0,
            false,
            fields("email", "ana@example.com"),
            fields("email", "ana@example.com")));
    records.add(
        reservation("reservation:n-ccc", "RW-CCC333", "dora@example.com", "AA-11-BB", "confirmed"));
    records.add(updated("reservation", 1, RESERVATION_1, fields("status", "cancelled")));
    records.add(
        reservation(
            "reservation:n-ddd", "RW-DDD444", "nobody@example.com", "AA-11-BB", "confirmed"));
    records.add(
        reservation("reservation:n-eee", "RW-EEE555", "eva@example.com", "AA-11-BB", "confirmed"));
    records.add(
        reservation("reservation:n-ggg", "RW-GGG777", "ana@example.com", "ZZ-99-ZZ", "confirmed"));
    records.add(
        Fixtures.record(
            "reservation:2",
            "reservation",
            Action.CONFLICT,
            1.0,
            true,
            fields("reference", "RW-BBB222", "total_cents", "1"),
            fields("reference", "RW-BBB222", "total_cents", "25000")));
    ReconstructedRecord lowConfidence =
        reservation("reservation:n-fff", "RW-FFF666", "ana@example.com", "CC-22-DD", "confirmed");
    records.add(
        new ReconstructedRecord(
            lowConfidence.id(),
            lowConfidence.entity(),
            Action.NEW,
            0.9,
            false,
            List.of(),
            lowConfidence.fields(),
            null,
            null,
            List.of(),
            Map.of(),
            lowConfidence.evidence(),
            List.of()));
    Fixtures.writeRun(run, records);
    Fixtures.decide(
        run, "d1", "customer:n-fabio", "edit", Map.of("full_name", "Fábio Lopes"), null);
    Fixtures.decide(run, "d2", "reservation:2", "reject", null, null);
    Fixtures.decide(run, "d3", "reservation:n-fff", "approve", null, null);
    Fixtures.decide(run, "d4", null, "undo", null, "d3");
  }

  private CliRun plan() {
    return salvageImport("plan", "--mapping", mapping.toString());
  }

  private CliRun apply(String digest) {
    return salvageImport("apply", "--plan-digest", digest);
  }

  private CliRun salvageImport(String command, String... options) {
    List<String> args = new ArrayList<>(List.of("import", command, "--run", run.toString()));
    args.addAll(db.targetOptions(passwordFile));
    args.addAll(List.of(options));
    return CliRun.of(args.toArray(String[]::new));
  }

  private ImportPlan currentPlan() throws Exception {
    return ImportPlan.read(run.resolve("import/plan.json"));
  }

  private List<Map<String, String>> query(String sql) throws SQLException {
    List<Map<String, String>> rows = new ArrayList<>();
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("SET TIME ZONE 'UTC'");
      try (ResultSet result = statement.executeQuery(sql)) {
        while (result.next()) {
          Map<String, String> row = new LinkedHashMap<>();
          for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
            row.put(result.getMetaData().getColumnLabel(i), result.getString(i));
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }

  /**
   * An undo of an undo, as a script or a later version may write it: the review shows the decision
   * it brings back in force, and the import plans exactly that.
   */
  @Test
  void aPasswordTheTargetRefusesIsConfigurationNamingTheRoleNeverThePassword() throws Exception {
    writeMixedRun();
    Files.writeString(passwordFile, "not-" + db.password + "\n");

    CliRun refused = plan();

    assertThat(refused.exitCode()).as(refused.err()).isEqualTo(SalvageCli.EXIT_USAGE);
    assertThat(refused.err())
        .startsWith("Invalid configuration: The target ")
        .contains("refused the credentials of role " + db.user)
        .contains("Nothing was read or written")
        .doesNotContain(db.password)
        .doesNotContain("PSQLException");
  }

  @Test
  void noPasswordForATargetThatAsksForOneIsConfigurationSayingWhereToGiveIt() throws Exception {
    writeMixedRun();

    CliRun refused =
        CliRun.of(
            "import",
            "plan",
            "--run",
            run.toString(),
            "--target",
            db.url,
            "--user",
            db.user,
            "--mapping",
            mapping.toString());

    assertThat(refused.exitCode()).as(refused.err()).isEqualTo(SalvageCli.EXIT_USAGE);
    assertThat(refused.err())
        .contains("asked for a password of role " + db.user + " and none was given")
        .contains("SALVAGE_TARGET_PASSWORD")
        .doesNotContain("PSQLException");
  }

  @Test
  void aRunThatDidNotReadEverythingIsPlannedOnlyWhenTheOperatorAcceptsIt() throws Exception {
    writeMixedRun();
    String notRead =
        "\"not_read\": {\"mail\": [{\"partition\": \"INBOX\", \"not_read\": \"UIDs 41:*\","
            + " \"records_read\": 40, \"last_error\": \"connection reset\", \"resumable\": true}]}";
    Files.writeString(run.resolve("summary.json"), "{" + notRead + "}");

    CliRun refused = plan();

    assertThat(refused.exitCode()).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(refused.err())
        .contains(
            "Cannot plan: the run in "
                + run
                + " is incomplete: 1 partition(s) of 1 source(s) were not read to their end")
        .contains("mail: INBOX (not read: UIDs 41:*)")
        .contains("plan from this run anyway with --allow-incomplete");
    assertThat(run.resolve("import/plan.json")).doesNotExist();

    CliRun accepted = salvageImport("plan", "--mapping", mapping.toString(), "--allow-incomplete");
    assertThat(accepted.exitCode()).as(accepted.err()).isZero();
    assertThat(accepted.out()).contains("Warning: the run did not read 1 partition(s)");
    assertThat(run.resolve("import/plan.json")).exists();

    // a run the operator already accepted with salvage run --allow-incomplete
    Files.writeString(
        run.resolve("summary.json"), "{" + notRead + ", \"incomplete_accepted\": true}");
    CliRun acceptedAtRun = plan();
    assertThat(acceptedAtRun.exitCode()).as(acceptedAtRun.err()).isZero();
    assertThat(acceptedAtRun.out()).contains("Warning: the run did not read 1 partition(s)");
  }

  @Test
  void reviewAndImportAgreeThatAnUndoOfAnUndoBringsTheDecisionBack() throws Exception {
    writeMixedRun();
    // d4 undid d3 (the approval of a record below the policy's confidence); d5 undoes d4
    Fixtures.decide(run, "d5", "reservation:n-fff", "undo", null, "d4");

    JsonNode shown;
    try (ReviewServer server = ReviewServer.start(run, "127.0.0.1", 0, "tester")) {
      HttpResponse<String> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:"
                                  + server.port()
                                  + "/api/record?id=reservation:n-fff"))
                      .header("X-Salvage-Token", server.token())
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(200);
      shown = Json.MAPPER.readTree(answer.body()).get("decision");
    }
    CliRun planned = plan();
    assertThat(planned.exitCode()).as(planned.err()).isZero();

    assertThat(shown.get("id").asText()).isEqualTo("d3");
    assertThat(shown.get("decision").asText()).isEqualTo("approve");
    assertThat(currentPlan().steps())
        .extracting(ImportPlan.Step::record)
        .contains("reservation:n-fff");
    assertThat(currentPlan().skipped())
        .extracting(ImportPlan.Skip::record)
        .doesNotContain("reservation:n-fff");
  }

  @Test
  void applyWritesExactlyTheApprovedRecordsAndUndoRestoresTheDatabase() throws Exception {
    writeMixedRun();
    String before = db.dataDump();

    CliRun planned = plan();
    assertThat(planned.exitCode()).as(planned.err()).isZero();
    ImportPlan plan = currentPlan();
    assertThat(planned.out()).contains("digest " + plan.digest());
    assertThat(plan.digest()).isEqualTo(plan.computeDigest());
    assertThat(plan.steps())
        .extracting(ImportPlan.Step::record)
        .containsExactly(
            "customer:n-dora",
            "customer:n-fabio",
            "customer:2",
            "reservation:n-ccc",
            "reservation:1");
    Map<String, String> reasons = new LinkedHashMap<>();
    plan.skipped().forEach(skip -> reasons.put(skip.record(), skip.reason()));
    assertThat(reasons.get("customer:n-eva")).startsWith("flagged");
    assertThat(reasons.get("customer:1")).startsWith("unchanged");
    assertThat(reasons.get("reservation:2")).startsWith("rejected by operator");
    assertThat(reasons.get("reservation:n-fff")).contains("confidence 0.9");
    assertThat(reasons.get("reservation:n-ddd"))
        .contains("missing parent")
        .contains("nobody@example.com");
    assertThat(reasons.get("reservation:n-eee"))
        .contains("missing parent")
        .contains("eva@example.com");
    assertThat(reasons.get("reservation:n-ggg"))
        .contains("missing parent")
        .contains("public.vehicles");
    String planSql = Files.readString(run.resolve("import/plan.sql"));
    assertThat(planSql)
        .contains("phone: '+351922222222' -> '+351933333333'")
        .contains("status: 'confirmed' -> 'cancelled'")
        .contains("'Dora O''Reis'")
        .doesNotContainPattern("(?im)^\\s*(DELETE|TRUNCATE|DROP|ALTER)");
    assertThat(db.dataDump()).as("plan only reads").isEqualTo(before);

    CliRun applied = apply(plan.digest());
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(applied.out()).contains("3 rows inserted, 2 rows updated");

    // every approved record is in the database with its (edited) values
    assertThat(query("SELECT phone FROM customers WHERE id = 2"))
        .containsExactly(Map.of("phone", "+351933333333"));
    assertThat(
            query(
                "SELECT full_name, phone, stripe_customer_id, created_at FROM customers WHERE email = 'dora@example.com'"))
        .containsExactly(
            Map.of(
                "full_name",
                "Dora O'Reis",
                "phone",
                "+351944444444",
                "stripe_customer_id",
                "cus_dora",
                "created_at",
                "2026-03-01 10:00:00+00"));
    assertThat(query("SELECT full_name FROM customers WHERE email = 'fabio@example.com'"))
        .containsExactly(Map.of("full_name", "Fábio Lopes"));
    assertThat(query("SELECT count(*) AS n FROM customers WHERE email = 'eva@example.com'"))
        .containsExactly(Map.of("n", "0"));
    assertThat(
            query(
                "SELECT c.email, r.vehicle_plate, r.pickup_location_code, r.pickup_at, r.return_at, r.status,"
                    + " r.total_cents, r.currency FROM reservations r JOIN customers c ON c.id = r.customer_id WHERE r.reference = 'RW-CCC333'"))
        .containsExactly(
            Map.of(
                "email",
                "dora@example.com",
                "vehicle_plate",
                "AA-11-BB",
                "pickup_location_code",
                "LIS",
                "pickup_at",
                "2026-03-10 09:00:00+00",
                "return_at",
                "2026-03-12 09:00:00+00",
                "status",
                "confirmed",
                "total_cents",
                "9000",
                "currency",
                "EUR"));
    assertThat(
            query(
                "SELECT status, total_cents, updated_at > '2026-01-10 10:00:00+00' AS touched FROM reservations WHERE id = 1"))
        .containsExactly(Map.of("status", "cancelled", "total_cents", "12000", "touched", "t"));
    assertThat(query("SELECT total_cents FROM reservations WHERE id = 2"))
        .containsExactly(Map.of("total_cents", "25000"));
    assertThat(
            query(
                "SELECT count(*) AS n FROM reservations WHERE reference IN ('RW-DDD444', 'RW-EEE555', 'RW-FFF666', 'RW-GGG777')"))
        .containsExactly(Map.of("n", "0"));
    assertThat(
            query(
                "SELECT column_name, before_value, after_value, evidence FROM salvage_import_log"
                    + " WHERE operation = 'update' AND table_name = 'public.customers' AND column_name = 'phone'"))
        .containsExactly(
            Map.of(
                "column_name",
                "phone",
                "before_value",
                "+351922222222",
                "after_value",
                "+351933333333",
                "evidence",
                "email:<customer:2@mail.rentwise.example>"));
    String afterApply = db.dataDump();
    List<Map<String, String>> auditAfterApply =
        query("SELECT count(*) AS n FROM salvage_import_log");

    // the same plan again: nothing changes, and it says so
    CliRun again = apply(plan.digest());
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("already applied").contains("nothing changed");
    assertThat(db.dataDump()).isEqualTo(afterApply);
    assertThat(query("SELECT count(*) AS n FROM salvage_import_log")).isEqualTo(auditAfterApply);

    // a fresh plan finds nothing left to do
    assertThat(plan().exitCode()).isZero();
    ImportPlan replanned = currentPlan();
    assertThat(replanned.steps()).isEmpty();
    assertThat(replanned.skipped())
        .filteredOn(skip -> skip.record().equals("customer:n-dora"))
        .singleElement()
        .satisfies(skip -> assertThat(skip.reason()).startsWith("already present"));
    assertThat(replanned.skipped())
        .filteredOn(skip -> skip.record().equals("customer:2"))
        .singleElement()
        .satisfies(skip -> assertThat(skip.reason()).startsWith("already up to date"));
    CliRun noop = apply(replanned.digest());
    assertThat(noop.out()).contains("nothing to write");
    assertThat(db.dataDump()).isEqualTo(afterApply);

    // undo.sql, run by hand, restores every row as it was
    Path undo = run.resolve("import/undo.sql");
    assertThat(Files.readString(undo)).contains("Salvage never runs this file");
    assertThat(db.psql(undo)).isZero();
    assertThat(db.dataDump()).isEqualTo(before);
  }

  @Test
  void aRowChangedBetweenPlanAndApplyIsNotOverwritten() throws Exception {
    writeMixedRun();
    assertThat(plan().exitCode()).isZero();
    ImportPlan plan = currentPlan();
    db.execute("UPDATE customers SET phone = '+351900000000' WHERE id = 2");
    String changed = db.dataDump();

    CliRun applied = apply(plan.digest());

    assertThat(applied.exitCode()).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(applied.err())
        .contains("changed since the plan in 1 planned row(s)")
        .contains("phone was +351922222222 at plan time, is now +351900000000");
    assertThat(db.dataDump()).isEqualTo(changed);
    assertThat(run.resolve("import/undo.sql")).doesNotExist();
  }

  @Test
  void aRowHoldingTheNaturalKeyWithOtherValuesIsListedAsKeptOutNotTakenForTheRecord()
      throws Exception {
    // the backup was restored and the application kept running: its sequence gave a new booking
    // for another customer the reference a lost one had, and Dora signed up again as she was
    db.execute(
        "INSERT INTO customers (id, email, full_name, phone, created_at, updated_at)"
            + " VALUES (50, 'Dora@Example.com', 'Dora O''Reis', '+351944444444', now(), now())");
    db.execute(
        "INSERT INTO reservations (id, reference, customer_id, vehicle_plate,"
            + " pickup_location_code, pickup_at, return_at, status, total_cents, currency,"
            + " created_at, updated_at) VALUES (60, 'RW-CCC333', 1, 'CC-22-DD', 'LIS',"
            + " '2026-06-01 10:00:00+00', '2026-06-03 10:00:00+00', 'confirmed', 9000, 'EUR',"
            + " now(), now())");
    writeMixedRun();

    CliRun planned = plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    ImportPlan plan = currentPlan();
    assertThat(plan.skipped())
        .filteredOn(skip -> skip.record().equals("reservation:n-ccc"))
        .singleElement()
        .satisfies(
            skip ->
                assertThat(skip.reason())
                    .startsWith(
                        "present with other values: public.reservations.id = 60 has reference ="
                            + " RW-CCC333 (ignoring case) but ")
                    .contains("customer_id ana@example.com (record: dora@example.com)")
                    .contains("vehicle_plate CC-22-DD (record: AA-11-BB)")
                    .contains("pickup_at 2026-06-01T10:00:00Z (record: 2026-03-10T09:00:00Z)")
                    .doesNotContain("total_cents")
                    .doesNotContain("status"));
    assertThat(plan.skipped())
        .filteredOn(skip -> skip.record().equals("customer:n-dora"))
        .singleElement()
        .satisfies(skip -> assertThat(skip.reason()).startsWith("already present"));
    assertThat(planned.out())
        .contains("Kept out by a row the target holds otherwise")
        .contains("reservation:n-ccc: present with other values");
    assertThat(plan.steps())
        .noneSatisfy(step -> assertThat(step.record()).isEqualTo("reservation:n-ccc"));
  }

  @Test
  void aRowInsertedBetweenPlanAndApplyIsNotDuplicated() throws Exception {
    writeMixedRun();
    assertThat(plan().exitCode()).isZero();
    db.execute(
        "INSERT INTO customers (email, full_name, created_at, updated_at)"
            + " VALUES ('dora@example.com', 'Dora by hand', now(), now())");
    String changed = db.dataDump();

    CliRun applied = apply(currentPlan().digest());

    assertThat(applied.exitCode()).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(applied.err())
        .contains("email = dora@example.com")
        .contains("appeared since the plan");
    assertThat(db.dataDump()).isEqualTo(changed);
  }

  @Test
  void refusesADigestThatIsNotTheCurrentPlansOrATamperedPlan() throws Exception {
    writeMixedRun();
    assertThat(plan().exitCode()).isZero();
    String before = db.dataDump();
    ImportPlan plan = currentPlan();

    CliRun wrong = apply("0".repeat(64));
    assertThat(wrong.exitCode()).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(wrong.err()).contains("is not the digest of the current plan");

    Path file = run.resolve("import/plan.json");
    Files.writeString(file, Files.readString(file).replace("+351933333333", "+351999999999"));
    CliRun tampered = apply(plan.digest());
    assertThat(tampered.exitCode()).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(tampered.err()).contains("plan.json was changed after it was made");
    assertThat(db.dataDump()).isEqualTo(before);
  }

  @Test
  void aConstraintViolationInTheMiddleLeavesTheDatabaseUnchanged() throws Exception {
    List<ReconstructedRecord> records = new ArrayList<>();
    records.add(updated("customer", 2, BRUNO, fields("phone", "+351933333333")));
    records.add(
        reservation("reservation:n-1", "RW-CCC333", "ana@example.com", "AA-11-BB", "confirmed"));
    // the status check constraint rejects this one, after the rows before it were written
    records.add(
        reservation("reservation:n-2", "RW-DDD444", "ana@example.com", "AA-11-BB", "pending"));
    records.add(
        reservation("reservation:n-3", "RW-EEE555", "ana@example.com", "AA-11-BB", "confirmed"));
    Fixtures.writeRun(run, records);
    // plan keeps out a row a CHECK refuses: the rule comes back between plan and apply, as an
    // application's migration could bring it, which only apply meets
    String constraint =
        db.text(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint"
                + " WHERE conname = 'reservations_status_check'");
    db.execute("ALTER TABLE reservations DROP CONSTRAINT reservations_status_check");
    assertThat(plan().exitCode()).isZero();
    assertThat(currentPlan().steps()).hasSize(4);
    db.execute(
        "ALTER TABLE reservations ADD CONSTRAINT reservations_status_check "
            + constraint
            + " NOT VALID");
    String before = db.dataDump();

    CliRun applied =
        CliRun.of(
            "import",
            "apply",
            "--run",
            run.toString(),
            "--target",
            db.url,
            "--user",
            db.user,
            "--password-file",
            passwordFile.toString(),
            "--plan-digest",
            currentPlan().digest(),
            "--batch-size",
            "1");

    assertThat(applied.exitCode()).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(applied.err()).contains("reservations_status_check");
    assertThat(db.dataDump()).isEqualTo(before);
    assertThat(query("SELECT to_regclass('salvage_import_log') IS NULL AS gone"))
        .containsExactly(Map.of("gone", "t"));
    assertThat(run.resolve("import/undo.sql")).doesNotExist();
  }

  @Test
  void aConnectionKilledInTheMiddleLeavesTheDatabaseUnchanged() throws Exception {
    writeMixedRun();
    assertThat(plan().exitCode()).isZero();
    ImportPlan plan = currentPlan();
    String before = db.dataDump();
    List<Long> progress = new ArrayList<>();

    try (Connection connection = db.connect()) {
      long pid;
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT pg_backend_pid()")) {
        rows.next();
        pid = rows.getLong(1);
      }
      Applier applier =
          new Applier(
              1,
              (done, total) -> {
                progress.add(done);
                if (done == 2) {
                  db.execute("SELECT pg_terminate_backend(" + pid + ")");
                }
              });
      // pgjdbc reports the dead connection as an SQLException (or, under -ea, its own assertion)
      assertThatThrownBy(
              () -> applier.apply(connection, plan, plan.digest(), run.resolve("import")))
          .isNotNull();
    }

    assertThat(progress).containsExactly(1L, 2L);
    assertThat(db.dataDump()).isEqualTo(before);
    assertThat(run.resolve("import/undo.sql")).doesNotExist();
  }

  @Test
  void sendsNoDeleteNoTruncateAndNoDdlButItsAuditTable() throws Exception {
    writeMixedRun();
    List<String> sent = Collections.synchronizedList(new ArrayList<>());
    TargetMapping target = TargetMapping.load(mapping);
    Decisions decisions = Decisions.read(run.resolve("review/decisions.jsonl"));
    ImportPlan plan;
    try (Connection connection = recording(db.connect(), sent)) {
      plan =
          new Planner(target, target.policy(), decisions)
              .plan(connection, RunLayout.of(run).records().readAll(), "run", db.url);
    }
    try (Connection connection = recording(db.connect(), sent)) {
      new Applier(2, (done, total) -> {})
          .apply(connection, plan, plan.digest(), run.resolve("import"));
    }
    try (Connection connection = recording(db.connect(), sent)) {
      assertThat(
              new Applier(2, (done, total) -> {})
                  .apply(connection, plan, plan.digest(), run.resolve("import"))
                  .alreadyAppliedAt())
          .isNotNull();
    }

    assertThat(sent)
        .anySatisfy(sql -> assertThat(sql).startsWith("INSERT INTO \"public\".\"reservations\""));
    assertThat(sent)
        .anySatisfy(sql -> assertThat(sql).startsWith("UPDATE \"public\".\"customers\""));
    assertThat(sent)
        .allSatisfy(
            sql -> {
              String upper = sql.toUpperCase(java.util.Locale.ROOT);
              assertThat(upper)
                  .doesNotContain("DELETE")
                  .doesNotContain("TRUNCATE")
                  .doesNotContain("DROP ")
                  .doesNotContain("ALTER ")
                  .doesNotContain("GRANT ");
              if (upper.startsWith("CREATE")) {
                assertThat(sql).isEqualTo(Applier.AUDIT_DDL);
              }
              // WITH: plan's check of its planned rows against each other reads them as a CTE
              assertThat(upper)
                  .matches(
                      "(?s)(SELECT|WITH|INSERT|UPDATE|CREATE TABLE IF NOT EXISTS"
                          + " SALVAGE_IMPORT_LOG).*");
            });
  }

  @Test
  void aRoleThatMayNotUpdateIsRefusedAtPlanNamingTheGrantNotByTheDatabaseInApply()
      throws Exception {
    writeMixedRun();
    String role =
        db.createRole(
            "no-upd4te",
            "GRANT CONNECT ON DATABASE " + db.name + " TO ROLE",
            "GRANT USAGE ON SCHEMA public TO ROLE",
            "GRANT SELECT, INSERT ON public.customers, public.reservations TO ROLE");
    Path rolePassword = temp.resolve("role-password");
    Files.writeString(rolePassword, "no-upd4te", StandardCharsets.UTF_8);

    CliRun planned =
        CliRun.of(
            "import",
            "plan",
            "--mapping",
            mapping.toString(),
            "--run",
            run.toString(),
            "--target",
            db.url,
            "--user",
            role,
            "--password-file",
            rolePassword.toString());

    assertThat(planned.exitCode()).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(planned.err())
        .contains(
            "this role may not UPDATE table public.customers, which apply needs: GRANT UPDATE ON"
                + " public.customers TO "
                + role)
        .contains("this role may not UPDATE table public.reservations")
        // the lookup tables it may not read, and no table it cannot see passes for missing
        .contains(
            "lookup table public.vehicles of public.reservations.vehicle_plate exists, but this role"
                + " has no privilege on it: GRANT SELECT ON public.vehicles TO "
                + role)
        .doesNotContain("public.customers (entity customer) does not exist");
    assertThat(run.resolve("import/plan.json")).doesNotExist();
  }

  @Test
  void aRoleWithOnlySelectInsertAndUpdateCanApply() throws Exception {
    writeMixedRun();
    // what docs/import.md tells an administrator to run
    db.execute(Applier.AUDIT_DDL);
    String role =
        db.createRole(
            "imp0rt-only",
            "GRANT CONNECT ON DATABASE " + db.name + " TO ROLE",
            "GRANT USAGE ON SCHEMA public TO ROLE",
            "GRANT SELECT, INSERT, UPDATE ON public.customers, public.reservations TO ROLE",
            "GRANT SELECT ON public.vehicles, public.locations TO ROLE",
            "GRANT USAGE ON SEQUENCE public.customers_id_seq, public.reservations_id_seq TO ROLE",
            "GRANT SELECT, INSERT ON salvage_import_log TO ROLE");
    Path rolePassword = temp.resolve("role-password");
    Files.writeString(rolePassword, "imp0rt-only", StandardCharsets.UTF_8);
    String[] common = {
      "--run",
      run.toString(),
      "--target",
      db.url,
      "--user",
      role,
      "--password-file",
      rolePassword.toString()
    };

    CliRun planned =
        CliRun.of(concat(new String[] {"import", "plan", "--mapping", mapping.toString()}, common));
    assertThat(planned.exitCode()).as(planned.err()).isZero();
    CliRun applied =
        CliRun.of(
            concat(
                new String[] {"import", "apply", "--plan-digest", currentPlan().digest()}, common));

    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(query("SELECT status FROM reservations WHERE id = 1"))
        .containsExactly(Map.of("status", "cancelled"));
    try (Connection limited = java.sql.DriverManager.getConnection(db.url, role, "imp0rt-only");
        Statement statement = limited.createStatement()) {
      assertThatThrownBy(() -> statement.execute("DELETE FROM reservations WHERE id = 1"))
          .hasMessageContaining("permission denied");
    }
  }

  @Test
  void planRefusesARoleThatCouldNeitherCreateNorWriteTheAuditTableInsteadOfApplyFailingOnIt()
      throws Exception {
    writeMixedRun();
    db.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
    String role =
        db.createRole(
            "n0-audit",
            "GRANT CONNECT ON DATABASE " + db.name + " TO ROLE",
            "GRANT USAGE ON SCHEMA public TO ROLE",
            "GRANT SELECT, INSERT, UPDATE ON public.customers, public.reservations TO ROLE",
            "GRANT SELECT ON public.vehicles, public.locations TO ROLE",
            "GRANT USAGE ON SEQUENCE public.customers_id_seq, public.reservations_id_seq TO ROLE");
    Path rolePassword = temp.resolve("role-password");
    Files.writeString(rolePassword, "n0-audit", StandardCharsets.UTF_8);
    String[] plan = {
      "import",
      "plan",
      "--mapping",
      mapping.toString(),
      "--run",
      run.toString(),
      "--target",
      db.url,
      "--user",
      role,
      "--password-file",
      rolePassword.toString()
    };

    CliRun refused = CliRun.of(plan);

    assertThat(refused.exitCode()).as(refused.out()).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(refused.err())
        .contains(
            "the audit table salvage_import_log, where apply records every change, does not exist"
                + " on this role's search_path (public), and this role may not create it in schema"
                + " public: create it as docs/import.md"
                + " says and GRANT SELECT, INSERT ON salvage_import_log TO "
                + role
                + ", or let apply"
                + " create it: GRANT CREATE ON SCHEMA public TO "
                + role);
    assertThat(run.resolve("import/plan.json")).doesNotExist();

    db.execute(Applier.AUDIT_DDL, "GRANT SELECT ON salvage_import_log TO " + role);
    CliRun notWritable = CliRun.of(plan);
    assertThat(notWritable.exitCode()).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(notWritable.err())
        .contains(
            "this role may not INSERT the audit table salvage_import_log, which apply needs: GRANT"
                + " INSERT ON salvage_import_log TO "
                + role);

    db.execute("DROP TABLE salvage_import_log", "GRANT CREATE ON SCHEMA public TO " + role);
    CliRun planned = CliRun.of(plan);
    assertThat(planned.exitCode()).as(planned.err()).isZero();
    CliRun applied =
        CliRun.of(
            "import",
            "apply",
            "--plan-digest",
            currentPlan().digest(),
            "--run",
            run.toString(),
            "--target",
            db.url,
            "--user",
            role,
            "--password-file",
            rolePassword.toString());
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(query("SELECT status FROM reservations WHERE id = 1"))
        .containsExactly(Map.of("status", "cancelled"));
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  /** Wraps a connection so every SQL text it is given is recorded. */
  static Connection recording(Connection connection, List<String> sent) {
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            forwarding(connection, sent));
  }

  private static InvocationHandler forwarding(Object target, List<String> sent) {
    return (proxy, method, args) -> {
      String name = method.getName();
      if (args != null
          && args.length > 0
          && args[0] instanceof String sql
          && (name.startsWith("prepare")
              || name.startsWith("execute")
              || name.equals("addBatch"))) {
        sent.add(sql);
      }
      Object result;
      try {
        result = method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
      if (result instanceof Statement statement && method.getReturnType().isInterface()) {
        return Proxy.newProxyInstance(
            Statement.class.getClassLoader(),
            new Class<?>[] {method.getReturnType()},
            forwarding(statement, sent));
      }
      return result;
    };
  }
}
