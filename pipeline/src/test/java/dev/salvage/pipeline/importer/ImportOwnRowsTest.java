package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.Fixtures.fields;
import static dev.salvage.pipeline.importer.Fixtures.fresh;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.pipeline.bundle.Json;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Late evidence about a record an earlier apply inserted: the row is Salvage's own while it holds
 * what Salvage wrote, so the record updates it; once someone changed it, it is kept out, said so.
 */
class ImportOwnRowsTest {
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

  static ReconstructedRecord reservation(String status, String totalCents) {
    return fresh(
        "reservation:n-ccc",
        "reservation",
        1.0,
        false,
        fields(
            "reference",
            "RW-CCC333",
            "customer_email",
            "ana@example.com",
            "vehicle",
            "AA-11-BB",
            "pickup_location",
            "LIS",
            "pickup_at",
            "2026-03-10T09:00:00Z",
            "return_at",
            "2026-03-12T09:00:00Z",
            "status",
            status,
            "total_cents",
            totalCents,
            "currency",
            "EUR"));
  }

  /** A first run inserts the reservation; returns the row's id. */
  private String firstImport() throws Exception {
    Fixtures.writeRun(run, List.of(reservation("confirmed", "9000")));
    assertThat(salvageImport("plan").exitCode()).isZero();
    ImportPlan first = currentPlan();
    assertThat(first.counts().inserts()).isEqualTo(1);
    CliRun applied = salvageImport("apply", "--plan-digest", first.digest());
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    return single("SELECT id FROM reservations WHERE reference = 'RW-CCC333'");
  }

  @Test
  void lateEvidenceUpdatesARowAnEarlierImportInsertedAndNobodyChangedUndoably() throws Exception {
    String id = firstImport();
    String afterInsert = db.dataDump();
    // a mail found later: the booking was cancelled, and refunded down to a fee
    Fixtures.writeRun(run, List.of(reservation("cancelled", "1500")));

    CliRun planned = salvageImport("plan");

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains("Plan: 0 inserts, 1 updates, 0 records skipped")
        .contains("Updates of rows an earlier import inserted")
        .contains(
            "reservation:n-ccc: updates a row an earlier import inserted: public.reservations.id = "
                + id
                + " (reference = RW-CCC333), inserted by the apply of ")
        .contains("status confirmed -> cancelled")
        .contains("total_cents 9000 -> 1500")
        .doesNotContain("Kept out");
    ImportPlan plan = currentPlan();
    assertThat(plan.steps())
        .singleElement()
        .satisfies(
            step -> {
              assertThat(step.insert()).isFalse();
              assertThat(step.key()).isEqualTo(id);
              assertThat(step.salvaged()).startsWith("updates a row an earlier import inserted");
              assertThat(step.values())
                  .extracting(ImportPlan.Value::column)
                  .containsExactly("status", "total_cents", "updated_at");
            });
    assertThat(Files.readString(run.resolve("import/plan.sql")))
        .contains("--   updates a row an earlier import inserted: public.reservations.id = " + id);

    CliRun applied = salvageImport("apply", "--plan-digest", plan.digest());

    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(single("SELECT status || ' ' || total_cents FROM reservations WHERE id = " + id))
        .isEqualTo("cancelled 1500");
    assertThat(
            single(
                "SELECT count(*) FROM salvage_import_log WHERE operation = 'update' AND row_key = '"
                    + id
                    + "'"))
        .isEqualTo("3");
    // a new plan finds the row holding the record, written by Salvage: nothing left to do
    assertThat(salvageImport("plan").exitCode()).isZero();
    assertThat(currentPlan().steps()).isEmpty();
    assertThat(currentPlan().skipped())
        .singleElement()
        .satisfies(skip -> assertThat(skip.reason()).startsWith("already present"));
    // undo.sql gives the row back as the first import left it
    assertThat(db.psql(run.resolve("import/undo.sql"))).isZero();
    assertThat(db.dataDump()).isEqualTo(afterInsert);
    // and, undone, it is again the row Salvage inserted: the late evidence may update it again
    assertThat(salvageImport("plan").exitCode()).isZero();
    assertThat(currentPlan().counts().updates()).isEqualTo(1);
  }

  @Test
  void aRowChangedSinceTheImportInsertedItIsKeptOutNamingTheChange() throws Exception {
    String id = firstImport();
    // the application moved the booking to another car after the import
    db.execute("UPDATE reservations SET vehicle_plate = 'CC-22-DD' WHERE id = " + id);
    String changed = db.dataDump();
    Fixtures.writeRun(run, List.of(reservation("cancelled", "1500")));

    CliRun planned = salvageImport("plan");

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(currentPlan().steps()).isEmpty();
    assertThat(currentPlan().skipped())
        .singleElement()
        .satisfies(
            skip ->
                assertThat(skip.reason())
                    .startsWith("changed since import ")
                    .contains(
                        " inserted it: public.reservations.id = "
                            + id
                            + " (reference = RW-CCC333) no longer holds what Salvage wrote there:"
                            + " vehicle_plate was AA-11-BB, now CC-22-DD;")
                    .doesNotContain("status was"));
    assertThat(planned.out())
        .contains(
            "Kept out by a row the target holds otherwise (each stays lost until someone checks"
                + " the row in the application; approving it in review changes nothing):\n"
                + "  reservation:n-ccc: changed since import ")
        .doesNotContain("stays lost unless");
    // an explicit approve cannot reach it either
    Fixtures.decide(run, "d1", "reservation:n-ccc", "approve", null, null);
    assertThat(salvageImport("plan").exitCode()).isZero();
    assertThat(currentPlan().steps()).isEmpty();
    assertThat(db.dataDump()).isEqualTo(changed);
  }

  static ReconstructedRecord customer(String phone, String stripeId) {
    Map<String, String> fields = new java.util.LinkedHashMap<>();
    fields.put("email", "dia@example.com");
    fields.put("full_name", "Dia Moreau");
    if (phone != null) {
      fields.put("phone", phone);
    }
    if (stripeId != null) {
      fields.put("stripe_customer_id", stripeId);
    }
    return fresh("customer:n-dia", "customer", 1.0, false, fields);
  }

  /** A first run inserts the customer as the evidence then had her; returns the row's id. */
  private String firstCustomerImport(String stripeId) throws Exception {
    Fixtures.writeRun(run, List.of(customer(null, stripeId)));
    assertThat(salvageImport("plan").exitCode()).isZero();
    ImportPlan first = currentPlan();
    assertThat(first.counts().inserts()).isEqualTo(1);
    CliRun applied = salvageImport("apply", "--plan-digest", first.digest());
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    return single("SELECT id FROM customers WHERE email = 'dia@example.com'");
  }

  @Test
  void lateEvidenceFillsAColumnTheInsertLeftEmptyOnARowSalvageInserted() throws Exception {
    // no mail of the first run carried her phone; a Stripe customer found later does
    String id = firstCustomerImport(null);
    Fixtures.writeRun(run, List.of(customer("+351933333333", null)));

    CliRun planned = salvageImport("plan");

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains("Plan: 0 inserts, 1 updates, 0 records skipped")
        .contains(
            "customer:n-dia: updates a row an earlier import inserted: public.customers.id = "
                + id
                + " (email = dia@example.com), inserted by the apply of ")
        .contains("phone null -> +351933333333")
        .doesNotContain("neither the backup's nor one Salvage inserted");
    ImportPlan plan = currentPlan();
    assertThat(plan.steps())
        .singleElement()
        .satisfies(
            step -> {
              assertThat(step.insert()).isFalse();
              assertThat(step.key()).isEqualTo(id);
              assertThat(step.values())
                  .extracting(ImportPlan.Value::column)
                  .containsExactly("phone", "updated_at");
            });

    CliRun applied = salvageImport("apply", "--plan-digest", plan.digest());

    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(single("SELECT phone FROM customers WHERE id = " + id)).isEqualTo("+351933333333");
    assertThat(salvageImport("plan").exitCode()).isZero();
    assertThat(currentPlan().steps()).isEmpty();
  }

  @Test
  void aRowSalvageInsertedThatStaffChangedSinceKeepsTheLateValueOutNamingTheChange()
      throws Exception {
    String id = firstCustomerImport("cus_dia");
    // a person cleared the Stripe id in the application after the import
    db.execute("UPDATE customers SET stripe_customer_id = NULL WHERE id = " + id);
    String changed = db.dataDump();
    Fixtures.writeRun(run, List.of(customer("+351933333333", "cus_dia")));

    CliRun planned = salvageImport("plan");

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(currentPlan().steps()).isEmpty();
    assertThat(currentPlan().skipped())
        .singleElement()
        .satisfies(
            skip ->
                assertThat(skip.reason())
                    .startsWith("changed since import ")
                    .contains(
                        " inserted it: public.customers.id = "
                            + id
                            + " (email = dia@example.com) no longer holds what Salvage wrote"
                            + " there: stripe_customer_id was cus_dia, now NULL;")
                    .doesNotContain("neither the backup's nor one Salvage inserted"));
    assertThat(db.dataDump()).isEqualTo(changed);
  }

  @Test
  void aRowNoImportInsertedThatLacksAValueIsStillNotWritten() throws Exception {
    // the row was the application's own: the log names no insert of it
    firstCustomerImport(null);
    db.execute("DELETE FROM salvage_import_log");
    Fixtures.writeRun(run, List.of(customer("+351933333333", null)));

    assertThat(salvageImport("plan").exitCode()).isZero();

    assertThat(currentPlan().steps()).isEmpty();
    assertThat(currentPlan().skipped())
        .singleElement()
        .satisfies(
            skip ->
                assertThat(skip.reason())
                    .startsWith("already present: ")
                    .contains("not written, the row is NULL where the record has phone"));
  }

  @Test
  void aRowTheImportDidNotInsertStaysPresentWithOtherValues() throws Exception {
    // the same reference, given by the application to another booking: no log names it
    firstImport();
    db.execute("UPDATE salvage_import_log SET table_name = 'public.other'");
    Fixtures.writeRun(run, List.of(reservation("cancelled", "1500")));

    CliRun planned = salvageImport("plan");

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(currentPlan().steps()).isEmpty();
    assertThat(currentPlan().skipped())
        .singleElement()
        .satisfies(
            skip ->
                assertThat(skip.reason())
                    .startsWith("present with other values: ")
                    .endsWith(
                        "approving it in salvage review changes nothing: check the row in the"
                            + " application (correct it there if it is this reservation), or"
                            + " reject the record"));
  }

  @Test
  void aRowPlainlyAnotherReservationUnderTheSameReferenceNamesTheEditOfTheReferenceAsTheRemedy()
      throws Exception {
    // the application, running on the restored backup, gave the lost booking's reference to
    // another customer's booking of another car, other days, another amount
    db.execute(
        "INSERT INTO reservations (id, reference, customer_id, vehicle_plate,"
            + " pickup_location_code, pickup_at, return_at, status, total_cents, currency,"
            + " created_at, updated_at) VALUES (50, 'RW-CCC333', 2, 'CC-22-DD', 'OPO',"
            + " '2026-04-01 09:00:00+00', '2026-04-05 09:00:00+00', 'confirmed', 20000, 'EUR',"
            + " now(), now())");
    Fixtures.writeRun(run, List.of(reservation("confirmed", "9000")));

    assertThat(salvageImport("plan").exitCode()).isZero();

    assertThat(currentPlan().skipped())
        .singleElement()
        .satisfies(
            skip ->
                assertThat(skip.reason())
                    .startsWith("present with other values: public.reservations.id = 50 has")
                    .contains(
                        "differs in 6 of the 8 columns both hold: it is plainly another"
                            + " reservation given the same reference after the backup was"
                            + " restored",
                        "edit reference in salvage review to a value no row holds (RW-CCC333-2,"
                            + " say), then plan again")
                    .doesNotContain("correct it there if it is this reservation"));
  }

  @Test
  void aRowOfAnotherCustomerOnAnotherDayUnderTheSameReferenceIsPlainlyAnotherReservation()
      throws Exception {
    // the same car, place, amount and status: only the customer and the day differ, 2 of 8
    db.execute(
        "INSERT INTO reservations (id, reference, customer_id, vehicle_plate,"
            + " pickup_location_code, pickup_at, return_at, status, total_cents, currency,"
            + " created_at, updated_at) VALUES (50, 'RW-CCC333', 2, 'AA-11-BB', 'LIS',"
            + " '2026-03-11 09:00:00+00', '2026-03-12 09:00:00+00', 'confirmed', 9000, 'EUR',"
            + " now(), now())");
    Fixtures.writeRun(run, List.of(reservation("confirmed", "9000")));

    assertThat(salvageImport("plan").exitCode()).isZero();

    assertThat(currentPlan().skipped())
        .singleElement()
        .satisfies(
            skip ->
                assertThat(skip.reason())
                    .contains("differs in 2 of the 8 columns both hold: it is plainly another")
                    .contains("edit reference in salvage review to a value no row holds"));
  }

  @Test
  void aSecondApplyNamesTheFirstApplysUndoScriptAndTheOrderToRunThem() throws Exception {
    firstImport();
    Fixtures.writeRun(run, List.of(reservation("cancelled", "1500")));
    assertThat(salvageImport("plan").exitCode()).isZero();

    CliRun applied = salvageImport("apply", "--plan-digest", currentPlan().digest());

    assertThat(applied.exitCode()).as(applied.err()).isZero();
    List<Path> kept;
    try (var files = Files.list(run.resolve("import"))) {
      kept = files.filter(f -> f.getFileName().toString().matches("undo-\\d+\\.sql")).toList();
    }
    assertThat(kept).hasSize(1);
    assertThat(applied.out())
        .contains(
            "To undo, review and run by hand, newest first: "
                + run.resolve("import/undo.sql")
                + " (this apply), then "
                + kept.get(0)
                + " (an earlier apply)");
  }

  @Test
  void anUndoScriptOfAnApplyToAnotherDatabaseIsNotChainedIntoThisOnesUndo() throws Exception {
    firstImport();
    // the same run applied to another database first, as an outside trial did: its script, kept
    // beside this one's, names that database in its header as every undo script does
    Files.writeString(
        run.resolve("import/undo-1.sql"),
        "-- Undo of Salvage import plan 00 (run run1)\n"
            + "-- applied to jdbc:postgresql://127.0.0.1:5432/another_app\n--\nBEGIN;\nCOMMIT;\n");
    Fixtures.writeRun(run, List.of(reservation("cancelled", "1500")));
    assertThat(salvageImport("plan").exitCode()).isZero();

    CliRun applied = salvageImport("apply", "--plan-digest", currentPlan().digest());

    assertThat(applied.exitCode()).as(applied.err()).isZero();
    Path thisOnesEarlier;
    try (var files = Files.list(run.resolve("import"))) {
      thisOnesEarlier =
          files
              .filter(f -> f.getFileName().toString().matches("undo-\\d{4,}\\.sql"))
              .findFirst()
              .orElseThrow();
    }
    String advice =
        applied.out().lines().filter(l -> l.startsWith("To undo")).findFirst().orElseThrow();
    assertThat(advice)
        .contains(thisOnesEarlier + " (an earlier apply)")
        .doesNotContain("undo-1.sql");
    assertThat(applied.out())
        .contains(
            "Beside it, undo-1.sql (jdbc:postgresql://127.0.0.1:5432/another_app) undoes applies"
                + " of this run to another database");
  }

  @Test
  void aCustomerWhoseEmailTheApplicationChangedIsSaidSoAndHerReservationIsPointedAtHerRow()
      throws Exception {
    // after the restore, Bruno changed his email in the application; his row keeps the rest
    db.execute("UPDATE customers SET email = 'bruno.costa@example.com' WHERE id = 2");
    ReconstructedRecord bruno =
        Fixtures.updated(
            "customer",
            2,
            fields(
                "email", "bruno@example.com", "full_name", "Bruno Costa", "phone", "+351922222222"),
            fields("phone", "+351922000000"));
    ReconstructedRecord booking =
        fresh(
            "reservation:n-eee",
            "reservation",
            1.0,
            false,
            fields(
                "reference",
                "RW-EEE555",
                "customer_email",
                "bruno@example.com",
                "vehicle",
                "AA-11-BB",
                "pickup_location",
                "LIS",
                "pickup_at",
                "2026-03-20T09:00:00Z",
                "return_at",
                "2026-03-22T09:00:00Z",
                "status",
                "confirmed",
                "total_cents",
                "9000",
                "currency",
                "EUR"));
    Fixtures.writeRun(run, List.of(bruno, booking));

    assertThat(salvageImport("plan").exitCode()).isZero();

    ImportPlan plan = currentPlan();
    assertThat(plan.steps()).isEmpty();
    assertThat(plan.skipped())
        .filteredOn(skip -> skip.record().equals("customer:2"))
        .singleElement()
        .satisfies(
            skip ->
                assertThat(skip.reason())
                    .startsWith(
                        "present with other values: public.customers.id = 2:"
                            + " public.customers.email holds 'bruno.costa@example.com', not the"
                            + " backup's 'bruno@example.com'")
                    .contains("the application changed this row's email since the backup")
                    .doesNotContain("the target's keys are not the backup's"));
    assertThat(plan.skipped())
        .filteredOn(skip -> skip.record().equals("reservation:n-eee"))
        .singleElement()
        .satisfies(
            skip ->
                assertThat(skip.reason())
                    .startsWith("missing parent: ")
                    .contains(
                        "the backup's public.customers row with email = bruno@example.com is"
                            + " public.customers.id = 2, which now holds email ="
                            + " 'bruno.costa@example.com'",
                        "edit this record's customer_email to 'bruno.costa@example.com' in"
                            + " salvage review"));
    assertThat(single("SELECT email FROM customers WHERE id = 2"))
        .isEqualTo("bruno.costa@example.com");

    // the remedies the messages name: both records take the application's email in review
    Fixtures.decide(
        run, "d1", "customer:2", "edit", Map.of("email", "bruno.costa@example.com"), null);
    Fixtures.decide(
        run,
        "d2",
        "reservation:n-eee",
        "edit",
        Map.of("customer_email", "bruno.costa@example.com"),
        null);
    assertThat(salvageImport("plan").exitCode()).isZero();
    assertThat(currentPlan().counts().inserts()).isEqualTo(1);
    assertThat(currentPlan().counts().updates()).isEqualTo(1);
    assertThat(salvageImport("apply", "--plan-digest", currentPlan().digest()).exitCode()).isZero();
    assertThat(
            single(
                "SELECT c.email || ' ' || c.phone FROM reservations r JOIN customers c"
                    + " ON c.id = r.customer_id WHERE r.reference = 'RW-EEE555'"))
        .isEqualTo("bruno.costa@example.com +351922000000");
  }

  @Test
  void theLogOfAnInsertHoldsTheKeyALookupColumnStoresAndNamesTheValueItMatched() throws Exception {
    String id = firstImport();

    JsonNode row =
        Json.MAPPER.readTree(
            single(
                "SELECT after_value FROM salvage_import_log WHERE operation = 'insert'"
                    + " AND table_name = 'public.reservations' AND row_key = '"
                    + id
                    + "'"));

    assertThat(row.get("customer_id").asText())
        .isEqualTo(single("SELECT customer_id FROM reservations WHERE id = " + id))
        .isNotEqualTo("ana@example.com");
    assertThat(row.get("reference").asText()).isEqualTo("RW-CCC333");
    assertThat(row.get("lookups").get("customer_id").get("table").asText())
        .isEqualTo("public.customers");
    assertThat(row.get("lookups").get("customer_id").get("match").asText()).isEqualTo("email");
    assertThat(row.get("lookups").get("customer_id").get("value").asText())
        .isEqualTo("ana@example.com");
    // a plan after it still reads the log's row as the insert wrote it: unchanged, not "changed
    // since import" for a key in place of the email
    assertThat(salvageImport("plan").exitCode()).isZero();
    assertThat(currentPlan().steps()).isEmpty();
    assertThat(currentPlan().skipped())
        .singleElement()
        .satisfies(skip -> assertThat(skip.reason()).startsWith("already present: "));
  }

  @Test
  void laterEvidenceUpdatesAValueSalvagesOwnApplyWroteAndNobodyChangedSince() throws Exception {
    Map<String, String> backup =
        fields("email", "bruno@example.com", "full_name", "Bruno Costa", "phone", "+351922222222");
    Fixtures.writeRun(
        run, List.of(Fixtures.updated("customer", 2, backup, fields("phone", "+351922000000"))));
    assertThat(salvageImport("plan").exitCode()).isZero();
    assertThat(salvageImport("apply", "--plan-digest", currentPlan().digest()).exitCode()).isZero();
    String appliedAt =
        single(
            "SELECT to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS')"
                + " FROM salvage_import_log WHERE operation = 'update' LIMIT 1");
    // a later run finds a newer mail: the number the first run wrote was itself out of date
    Fixtures.writeRun(
        run, List.of(Fixtures.updated("customer", 2, backup, fields("phone", "+351911111111"))));

    CliRun planned = salvageImport("plan");

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(currentPlan().skipped()).isEmpty();
    assertThat(currentPlan().steps())
        .singleElement()
        .satisfies(
            step -> {
              assertThat(step.key()).isEqualTo("2");
              assertThat(step.salvaged())
                  .startsWith("corrects Salvage's own earlier apply of " + appliedAt)
                  .contains(
                      "public.customers.phone holds '+351922000000', which that apply wrote"
                          + " (changing it from '+351922222222') and nobody changed since");
              assertThat(step.overwritten()).isNull();
            });
    assertThat(planned.out())
        .contains("Updates of rows an earlier import inserted or values it wrote")
        .contains("phone +351922000000 -> +351911111111");

    CliRun applied = salvageImport("apply", "--plan-digest", currentPlan().digest());

    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(single("SELECT phone FROM customers WHERE id = 2")).isEqualTo("+351911111111");
  }

  @Test
  void aRowSalvageUpdatedThatStaffChangedSinceNamesSalvagesOwnChangeAndOffersNoOverwrite()
      throws Exception {
    Fixtures.writeRun(
        run,
        List.of(
            Fixtures.updated(
                "customer",
                2,
                fields(
                    "email",
                    "bruno@example.com",
                    "full_name",
                    "Bruno Costa",
                    "phone",
                    "+351922222222"),
                fields("phone", "+351922000000"))));
    assertThat(salvageImport("plan").exitCode()).isZero();
    assertThat(salvageImport("apply", "--plan-digest", currentPlan().digest()).exitCode()).isZero();
    String appliedAt =
        single(
            "SELECT to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS')"
                + " FROM salvage_import_log WHERE operation = 'update' LIMIT 1");
    // the staff change the number Salvage wrote, after the import
    db.execute("UPDATE customers SET phone = '+351933333333' WHERE id = 2");

    assertThat(salvageImport("plan").exitCode()).isZero();

    assertThat(currentPlan().steps()).isEmpty();
    assertThat(currentPlan().skipped())
        .filteredOn(skip -> skip.record().equals("customer:2"))
        .singleElement()
        .satisfies(
            skip ->
                assertThat(skip.reason())
                    .startsWith("changed since import " + appliedAt)
                    .contains(
                        "public.customers.phone holds '+351933333333': Salvage's apply of "
                            + appliedAt)
                    .contains("changed it from '+351922222222' to '+351922000000'")
                    .contains("and the application or a person changed it since")
                    .contains("check the row in the application and correct it there")
                    .doesNotContain("--overwrite")
                    .doesNotContain("backup's"));
  }

  @Test
  void aRowWhoseSalvageUpdateWasUndoneNamesTheBackupNotSalvagesUndoneChange() throws Exception {
    Fixtures.writeRun(
        run,
        List.of(
            Fixtures.updated(
                "customer",
                2,
                fields(
                    "email",
                    "bruno@example.com",
                    "full_name",
                    "Bruno Costa",
                    "phone",
                    "+351922222222"),
                fields("phone", "+351922000000"))));
    assertThat(salvageImport("plan").exitCode()).isZero();
    assertThat(salvageImport("apply", "--plan-digest", currentPlan().digest()).exitCode()).isZero();
    // the update is taken back: the row holds the backup's number again, not Salvage's
    assertThat(db.psql(run.resolve("import/undo.sql"))).isZero();
    db.execute("UPDATE customers SET phone = '+351933333333' WHERE id = 2");

    assertThat(salvageImport("plan").exitCode()).isZero();

    assertThat(currentPlan().steps()).isEmpty();
    assertThat(currentPlan().skipped())
        .filteredOn(skip -> skip.record().equals("customer:2"))
        .singleElement()
        .satisfies(
            skip ->
                assertThat(skip.reason())
                    .doesNotStartWith("changed since import ")
                    .doesNotContain("Salvage's apply of")
                    .contains("not the backup's '+351922222222'")
                    .contains("--overwrite customer:2"));
  }

  @Test
  void theLogOfAnUpdateOfALookupColumnHoldsTheKeysAndNamesTheValuesTheyMatched() throws Exception {
    String id = firstImport();
    String anasKey = single("SELECT customer_id FROM reservations WHERE id = " + id);
    // a mail found later: the booking was Bruno's, not Ana's
    ReconstructedRecord late = reservation("confirmed", "9000");
    late =
        late.withField(
            "customer_email",
            new ReconstructedRecord.FieldValue("bruno@example.com", List.of(), 1.0),
            "late mail");
    Fixtures.writeRun(run, List.of(late));
    assertThat(salvageImport("plan").exitCode()).isZero();
    assertThat(currentPlan().counts().updates()).isEqualTo(1);

    CliRun applied = salvageImport("apply", "--plan-digest", currentPlan().digest());

    assertThat(applied.exitCode()).as(applied.err()).isZero();
    String where =
        " FROM salvage_import_log WHERE table_name = 'public.reservations' AND row_key = '"
            + id
            + "' AND column_name = 'customer_id' AND operation = ";
    // the keys the column held and holds, as an insert's log row holds them
    assertThat(single("SELECT before_value || ' -> ' || after_value" + where + "'update'"))
        .isEqualTo(anasKey + " -> 2");
    // and the values they were found by, beside them
    assertThat(single("SELECT before_value || ' -> ' || after_value" + where + "'lookup'"))
        .isEqualTo("ana@example.com -> bruno@example.com");
    // a plan after it reads the row as Salvage's, holding what it wrote: nothing left to do
    assertThat(salvageImport("plan").exitCode()).isZero();
    assertThat(currentPlan().steps()).isEmpty();
    assertThat(currentPlan().skipped())
        .singleElement()
        .satisfies(skip -> assertThat(skip.reason()).startsWith("already present: "));
  }

  private CliRun salvageImport(String command, String... options) {
    List<String> args = new ArrayList<>(List.of("import", command, "--run", run.toString()));
    args.addAll(db.targetOptions(passwordFile));
    if (command.equals("plan")) {
      args.addAll(List.of("--mapping", mapping.toString()));
    }
    args.addAll(List.of(options));
    return CliRun.of(args.toArray(String[]::new));
  }

  private ImportPlan currentPlan() throws Exception {
    return ImportPlan.read(run.resolve("import/plan.json"));
  }

  private String single(String sql) throws Exception {
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      assertThat(rows.next()).isTrue();
      return rows.getString(1);
    }
  }
}
