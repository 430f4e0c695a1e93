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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import into a real MariaDB, with the same safety as into PostgreSQL: plan reads only, apply
 * writes exactly the plan in one transaction with its audit rows, a second apply and a new plan
 * change nothing, a row changed since the plan is not overwritten, undo.sql run by hand with the
 * mariadb client gives back the same dump. Every column type of {@link ImportColumnTypesTest}.
 */
class ImportMariaDbTest {
  private static final String SCHEMA =
      """
      CREATE TABLE bookings (
        id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
        ref varchar(12) NOT NULL UNIQUE,
        price decimal(6,2),
        price_jpy decimal(8,0),
        deposit_kwd decimal(9,3),
        seats smallint,
        odometer bigint,
        paid boolean,
        pickup_day date,
        pickup_time time,
        public_id uuid,
        extras json,
        raw_meta json,
        status enum('confirmed', 'cancelled', 'completed'),
        note varchar(20),
        updated_at datetime(6)) ENGINE=InnoDB AUTO_INCREMENT=100
      """;
  private static final String ROW_1 =
      """
      INSERT INTO bookings (id, ref, price, price_jpy, deposit_kwd, seats, odometer, paid,
        pickup_day, pickup_time, public_id, extras, raw_meta, status, note, updated_at)
      VALUES (1, 'B-1', 99.00, 15000, 20.500, 4, 120000, false, '2026-02-01', '08:00',
        'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{"seat": "child"}', '{ "source" : "desk" }',
        'confirmed', 'first', '2026-01-10 10:00:00')
      """;

  @TempDir Path temp;
  private MariaDbImport target;

  @BeforeEach
  void createDatabase() throws Exception {
    target =
        MariaDbImport.create(
            temp,
            ImportColumnTypesTest.MAPPING.replace("table: public.bookings", "table: bookings"),
            SCHEMA,
            ROW_1);
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (target != null) {
      target.close();
    }
  }

  @Test
  void aUrlAskingForTlsTheServerDoesNotOfferIsConfigurationNamingTheParameterToAdd()
      throws Exception {
    // the server of scripts/ensure-mariadb offers no TLS, as most local and container servers do
    // not, while the driver asks for it unless the URL says sslMode
    Fixtures.writeRun(target.run, ImportColumnTypesTest.everyType());
    String withoutSslMode = target.db.url.replaceAll("[?&]sslMode=[^&]*", "");
    Path password = Files.writeString(temp.resolve("pw"), target.db.password + "\n");

    CliRun refused =
        CliRun.of(
            "import",
            "plan",
            "--run",
            target.run.toString(),
            "--target",
            withoutSslMode,
            "--user",
            target.db.user,
            "--password-file",
            password.toString(),
            "--mapping",
            target.mapping.toString());

    assertThat(refused.exitCode()).as(refused.err()).isEqualTo(SalvageCli.EXIT_USAGE);
    assertThat(refused.err())
        .startsWith("Invalid configuration: The target ")
        .contains("does not offer TLS")
        .contains("add sslMode=disable to the URL: " + withoutSslMode + "?sslMode=disable")
        .contains("Nothing was read or written")
        .doesNotContain("SQLNonTransientConnectionException")
        .doesNotContain(target.db.password);
  }

  @Test
  void planApplyRerunAndUndoOnMariaDbAreAsSafeAsOnPostgres() throws Exception {
    Fixtures.writeRun(target.run, ImportColumnTypesTest.everyType());
    String before = target.db.dataDump();
    assertThat(before).contains("INSERT INTO `bookings` VALUES (1,'B-1',99.00,");

    CliRun planned = target.plan();
    assertThat(planned.exitCode()).as(planned.err()).isZero();
    ImportPlan plan = target.currentPlan();
    assertThat(plan.steps())
        .extracting(ImportPlan.Step::record)
        .containsExactly("booking:n-2", "booking:1");
    assertThat(Files.readString(target.run.resolve("import/plan.sql")))
        .contains("price: 99.00 -> 100.50")
        .contains("status: 'confirmed' -> 'cancelled'")
        .doesNotContainPattern("(?im)^\\s*(DELETE|TRUNCATE|DROP|ALTER)");
    assertThat(target.db.dataDump()).as("plan only reads").isEqualTo(before);

    CliRun applied = target.salvageImport("apply", "--plan-digest", plan.digest());
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(applied.out()).contains("1 rows inserted, 1 rows updated");
    assertThat(
            target.rows(
                "SELECT price, price_jpy, deposit_kwd, seats, odometer, paid, pickup_day,"
                    + " pickup_time, public_id, extras, raw_meta, status, note FROM bookings"
                    + " ORDER BY id"))
        .containsExactly(
            fields(
                "price", "100.50",
                "price_jpy", "16000",
                "deposit_kwd", "21.000",
                "seats", "5",
                "odometer", "120500",
                "paid", "1",
                "pickup_day", "2026-02-02",
                "pickup_time", "08:15:30",
                "public_id", "c0eebc99-9c0b-4ef8-bb6d-6bb9bd380a13",
                "extras", "{\"seat\":\"booster\",\"gps\":true}",
                "raw_meta", "{\"source\":\"mail\"}",
                "status", "cancelled",
                "note", "second"),
            fields(
                "price", "1234.56",
                "price_jpy", "1200",
                "deposit_kwd", "12.345",
                "seats", "-32768",
                "odometer", "9000000000",
                "paid", "1",
                "pickup_day", "2026-03-29",
                "pickup_time", "09:30:00",
                "public_id", "b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12",
                "extras", "{\"b\":1,\"a\":[1,2]}",
                "raw_meta", "[\"mail\",{\"lang\":\"de\"}]",
                "status", "completed",
                "note", "Grüße, 20 Zeichen!!"));
    assertThat(target.rows("SELECT id FROM bookings WHERE ref = 'B-2'"))
        .containsExactly(Map.of("id", "100"));
    assertThat(
            target.rows(
                "SELECT before_value, after_value FROM salvage_import_log"
                    + " WHERE operation = 'update' AND column_name = 'price'"))
        .containsExactly(Map.of("before_value", "99.00", "after_value", "100.50"));
    String afterApply = target.db.dataDump();

    CliRun again = target.salvageImport("apply", "--plan-digest", plan.digest());
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("already applied");
    assertThat(target.db.dataDump()).isEqualTo(afterApply);
    assertThat(target.plan().exitCode()).isZero();
    assertThat(target.currentPlan().steps()).isEmpty();

    Path undo = target.run.resolve("import/undo.sql");
    assertThat(Files.readString(undo)).contains("mariadb --batch").contains("DELIMITER //");
    assertThat(target.db.client(undo)).isZero();
    assertThat(target.db.dataDump()).isEqualTo(before);
  }

  /** booking:n-2 of every type, with a late mail's status and note. */
  private static ReconstructedRecord lateBooking(String status, String note) {
    ReconstructedRecord first = ImportColumnTypesTest.everyType().get(0);
    Map<String, String> values = new LinkedHashMap<>();
    first.fields().forEach((name, value) -> values.put(name, value.value()));
    values.put("status", status);
    values.put("note", note);
    return Fixtures.fresh(first.id(), first.entity(), 1.0, false, values);
  }

  @Test
  void lateEvidenceUpdatesARowAnEarlierImportInsertedUntilSomeoneChangesIt() throws Exception {
    Fixtures.writeRun(target.run, List.of(ImportColumnTypesTest.everyType().get(0)));
    assertThat(target.plan().exitCode()).isZero();
    CliRun inserted = target.salvageImport("apply", "--plan-digest", target.currentPlan().digest());
    assertThat(inserted.exitCode()).as(inserted.err()).isZero();
    Fixtures.writeRun(target.run, List.of(lateBooking("cancelled", "late mail")));

    // every type as the log keeps it compares equal to the row as MariaDB holds it
    CliRun planned = target.plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains(
            "booking:n-2: updates a row an earlier import inserted: bookings.id = 100 (ref = B-2)")
        .contains("status completed -> cancelled");
    ImportPlan plan = target.currentPlan();
    assertThat(plan.steps())
        .singleElement()
        .satisfies(
            step ->
                assertThat(step.values())
                    .extracting(ImportPlan.Value::column)
                    .containsExactly("status", "note", "updated_at"));
    CliRun applied = target.salvageImport("apply", "--plan-digest", plan.digest());
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(target.rows("SELECT status, note FROM bookings WHERE id = 100"))
        .containsExactly(fields("status", "cancelled", "note", "late mail"));
    assertThat(target.plan().exitCode()).isZero();
    assertThat(target.currentPlan().steps()).isEmpty();

    // someone edits the row in the application: later evidence no longer reaches it
    target.db.execute("UPDATE bookings SET seats = 3 WHERE id = 100");
    Fixtures.writeRun(target.run, List.of(lateBooking("completed", "later mail")));
    CliRun kept = target.plan();
    assertThat(kept.exitCode()).as(kept.err()).isZero();
    assertThat(target.currentPlan().steps()).isEmpty();
    assertThat(kept.out())
        .contains("Kept out by a row the target holds otherwise")
        .contains(
            " inserted it: bookings.id = 100 (ref = B-2) no longer holds what Salvage wrote"
                + " there: seats was -32768, now 3;");
  }

  @Test
  void aRowChangedBetweenPlanAndApplyIsNotOverwrittenAndAnUndoOfAChangedRowUndoesNothing()
      throws Exception {
    Fixtures.writeRun(target.run, ImportColumnTypesTest.everyType());
    assertThat(target.plan().exitCode()).isZero();
    target.db.execute("UPDATE bookings SET note = 'by hand' WHERE id = 1");
    String changed = target.db.dataDump();

    CliRun applied = target.salvageImport("apply", "--plan-digest", target.currentPlan().digest());

    assertThat(applied.exitCode()).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(applied.err()).contains("note was first at plan time, is now by hand");
    assertThat(target.db.dataDump()).isEqualTo(changed);

    // applied after all; then a later change to an inserted row makes the whole undo refuse
    target.db.execute("UPDATE bookings SET note = 'first' WHERE id = 1");
    assertThat(target.plan().exitCode()).isZero();
    assertThat(
            target
                .salvageImport("apply", "--plan-digest", target.currentPlan().digest())
                .exitCode())
        .isZero();
    target.db.execute("UPDATE bookings SET ref = 'B-2x' WHERE ref = 'B-2'");
    String later = target.db.dataDump();
    assertThat(later).contains("'B-2x'").contains("'cancelled'");
    assertThat(target.db.client(target.run.resolve("import/undo.sql"))).isNotZero();
    assertThat(target.db.dataDump()).isEqualTo(later);
  }

  @Test
  void planRefusesValuesTheMariaDbColumnsCannotHold() throws Exception {
    Map<String, String> values = new LinkedHashMap<>(ImportColumnTypesTest.BOOKING_1);
    values.putAll(fields("reference", "B-17", "price_cents", "1234567", "status", "pending"));
    Map<String, String> other = new LinkedHashMap<>(ImportColumnTypesTest.BOOKING_1);
    other.putAll(fields("reference", "B-18", "seats", "40000"));
    Fixtures.writeRun(
        target.run,
        List.of(
            fresh("booking:B-17", "booking", 1.0, false, values),
            fresh("booking:B-18", "booking", 1.0, false, other)));

    CliRun planned = target.plan();

    assertThat(planned.exitCode()).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(planned.err())
        .contains(
            "Cannot plan booking B-17: column bookings.price is decimal(6,2), value 12345.67 does"
                + " not fit")
        .contains(
            "Cannot plan booking B-18: column bookings.seats is smallint(6), value 40000 is out of"
                + " its range -32768 to 32767");
    assertThat(target.run.resolve("import/plan.json")).doesNotExist();
  }

  @Test
  void aLookupFindsTheCustomerStoredWithAnotherCaseOfTheEmail() throws Exception {
    target.db.execute(
        "CREATE TABLE customers (id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,"
            + " email varchar(80) NOT NULL UNIQUE) ENGINE=InnoDB AUTO_INCREMENT=40",
        "CREATE TABLE trips (id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,"
            + " ref varchar(12) NOT NULL UNIQUE, customer_id bigint NOT NULL,"
            + " FOREIGN KEY (customer_id) REFERENCES customers (id)) ENGINE=InnoDB",
        "INSERT INTO customers (email) VALUES ('Noel@Example.com')");
    Files.writeString(
        target.mapping,
        """
        entities:
          trip:
            table: trips
            key: {column: id, type: integer}
            natural_key: ref
            columns:
              ref: {field: reference, type: text}
              customer_id:
                field: customer_email
                type: integer
                lookup: {table: customers, match: email, take: id}
        """);
    Fixtures.writeRun(
        target.run,
        List.of(
            fresh(
                "trip:new-1",
                "trip",
                1.0,
                false,
                fields("reference", "T-1", "customer_email", "noel@example.com"))));

    CliRun planned = target.plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out()).contains("Plan: 1 inserts, 0 updates");
    CliRun applied = target.salvageImport("apply", "--plan-digest", target.currentPlan().digest());
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(target.rows("SELECT customer_id FROM trips WHERE ref = 'T-1'"))
        .containsExactly(Map.of("customer_id", "40"));
  }

  @Test
  void likeExistingReadsTheStyleOfAMariaDbColumnAndWritesNewNumbersInIt() throws Exception {
    // EF Core's PascalCase names: the column sample quotes them as every other statement does
    target.db.execute(
        "CREATE TABLE `Clients` (`Id` bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,"
            + " `Email` varchar(80) NOT NULL UNIQUE, `Phone` varchar(20)) ENGINE=InnoDB",
        "INSERT INTO `Clients` (`Email`, `Phone`) VALUES ('ana@example.com', '020 7946 0018'),"
            + " ('bo@example.com', '020 7946 0019'), ('cy@example.com', '+442079460020')");
    Files.writeString(
        target.mapping,
        """
        entities:
          customer:
            table: Clients
            key: {column: Id, type: integer}
            natural_key: Email
            columns:
              Email: {field: email, type: text}
              Phone: {field: phone, type: text, format: like_existing, phone_region: GB}
        """);
    Fixtures.writeRun(
        target.run,
        List.of(
            fresh(
                "customer:new-1",
                "customer",
                1.0,
                false,
                fields("email", "di@example.com", "phone", "+442079460021")),
            Fixtures.updated(
                "customer",
                2,
                fields("email", "bo@example.com", "phone", "+442079460000"),
                fields("phone", "+442079460019"))));

    CliRun planned = target.plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains("Plan: 1 inserts, 0 updates")
        .contains(
            "Clients.Phone: phone numbers written national (region GB), chosen by format:"
                + " like_existing from the column's rows (2 national, 1 e164)");
    CliRun applied = target.salvageImport("apply", "--plan-digest", target.currentPlan().digest());
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(target.rows("SELECT `Phone` FROM `Clients` WHERE `Email` = 'di@example.com'"))
        .containsExactly(Map.of("Phone", "020 7946 0021"));
  }

  @Test
  void efCoresPascalCaseTablesAndColumnsAreQuotedWithBackticksThroughApplyAndUndo()
      throws Exception {
    // Pomelo's EF Core migrations: PascalCase names, which MariaDB keeps as spelled on Linux
    target.db.execute(
        "CREATE TABLE `Customers` (`Id` int NOT NULL AUTO_INCREMENT PRIMARY KEY,"
            + " `Email` varchar(255) NOT NULL UNIQUE, `Full``Name` longtext NULL) ENGINE=InnoDB",
        "CREATE TABLE `Trips` (`Id` int NOT NULL AUTO_INCREMENT PRIMARY KEY,"
            + " `Ref` varchar(12) NOT NULL UNIQUE, `CustomerId` int NOT NULL,"
            + " FOREIGN KEY (`CustomerId`) REFERENCES `Customers` (`Id`)) ENGINE=InnoDB",
        "INSERT INTO `Customers` (`Email`, `Full``Name`) VALUES ('ana@example.com', 'Ana')");
    Files.writeString(
        target.mapping,
        """
        entities:
          customer:
            table: Customers
            key: {column: Id, type: integer}
            natural_key: Email
            columns:
              Email: {field: email, type: text}
              Full`Name: {field: full_name, type: text}
          trip:
            table: Trips
            key: {column: Id, type: integer}
            natural_key: Ref
            columns:
              Ref: {field: reference, type: text}
              CustomerId:
                field: customer_email
                type: integer
                lookup: {table: Customers, match: Email, take: Id}
        """);
    Fixtures.writeRun(
        target.run,
        List.of(
            Fixtures.updated(
                "customer",
                1,
                fields("email", "ana@example.com", "full_name", "Ana"),
                fields("full_name", "Ana Sousa")),
            fresh(
                "customer:new-1",
                "customer",
                1.0,
                false,
                fields("email", "noel@example.com", "full_name", "Noël")),
            fresh(
                "trip:new-1",
                "trip",
                1.0,
                false,
                fields("reference", "T-1", "customer_email", "noel@example.com"))));
    String before = target.db.dataDump();

    CliRun planned = target.plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(Files.readString(target.run.resolve("import/plan.sql")))
        // a table mapped without a database is named in the one plan found it in
        .contains(
            "UPDATE `"
                + target.db.name
                + "`.`Customers` SET `Full``Name` = 'Ana Sousa' WHERE `Id` = 1")
        .contains(
            "INSERT INTO `"
                + target.db.name
                + "`.`Trips` (`Ref`, `CustomerId`) VALUES ('T-1', (SELECT `Id` FROM `"
                + target.db.name
                + "`.`Customers` WHERE lower(`Email`) = lower('noel@example.com')))");
    CliRun applied = target.salvageImport("apply", "--plan-digest", target.currentPlan().digest());
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(
            target.rows(
                "SELECT t.`Ref`, c.`Email`, c.`Full``Name` AS name FROM `Trips` t"
                    + " JOIN `Customers` c ON c.`Id` = t.`CustomerId`"))
        .containsExactly(fields("Ref", "T-1", "Email", "noel@example.com", "name", "Noël"));
    assertThat(target.plan().exitCode()).isZero();
    assertThat(target.currentPlan().steps()).isEmpty();

    assertThat(target.db.client(target.run.resolve("import/undo.sql"))).isZero();
    assertThat(target.db.dataDump()).isEqualTo(before);
  }

  @Test
  void aMappingThatSpellsATableInAnotherCaseIsToldTheCatalogsSpelling() throws Exception {
    target.db.execute(
        "CREATE TABLE `Customers` (`Id` int NOT NULL AUTO_INCREMENT PRIMARY KEY,"
            + " `Email` varchar(255) NOT NULL UNIQUE) ENGINE=InnoDB");
    Files.writeString(
        target.mapping,
        """
        entities:
          customer:
            table: customers
            key: {column: Id, type: integer}
            natural_key: email
            columns:
              email: {field: email, type: text}
        """);
    Fixtures.writeRun(target.run, List.of());

    CliRun planned = target.plan();

    assertThat(planned.exitCode()).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(planned.err())
        .contains(
            "mapping entities.customer.table: table customers (entity customer) does not exist;"
                + " did you mean Customers?");
    Files.writeString(
        target.mapping,
        Files.readString(target.mapping).replace("table: customers", "table: Customers"));
    CliRun column = target.plan();
    assertThat(column.err())
        .contains(
            "mapping entities.customer.columns.email: column Customers.email does not exist; did"
                + " you mean Email?");
  }

  @Test
  void datetimeColumnsHoldWallTimeInTheMappingsZoneAsPostgresTimestampsWithoutTimeZoneDo()
      throws Exception {
    target.db.execute(
        "CREATE TABLE visits (id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,"
            + " ref varchar(12) NOT NULL UNIQUE, starts_at datetime, booked_at timestamp NULL,"
            + " created_at datetime(6) NOT NULL, updated_at datetime(6) NOT NULL)"
            + " ENGINE=InnoDB AUTO_INCREMENT=10",
        "INSERT INTO visits VALUES (1, 'V-1', '2026-03-10 10:00:00', NULL,"
            + " '2026-01-06 09:00:00', '2026-01-06 09:00:00')");
    String visits =
        """
        entities:
          visit:
            table: visits
            time_zone: Europe/Berlin
            key: {column: id, type: integer}
            natural_key: ref
            columns:
              ref:        {field: reference, type: text}
              starts_at:  {field: starts_at, type: timestamptz}
              booked_at:  {field: booked_at, type: timestamptz}
              created_at: {from: first_evidence, type: timestamptz}
              updated_at: {from: now, type: timestamptz, on: touch, time_zone: '+02:00'}
        """;
    Files.writeString(target.mapping, visits);
    Fixtures.writeRun(
        target.run,
        List.of(
            Fixtures.updated(
                "visit",
                1,
                fields("reference", "V-1", "starts_at", "2026-03-10T09:00:00Z"),
                fields("starts_at", "2026-07-01T08:00:00Z")), // 10:00 CEST
            fresh(
                "visit:new-2",
                "visit",
                1.0,
                false,
                fields(
                    "reference",
                    "V-2",
                    "starts_at",
                    "2026-10-25T00:30:00Z", // 02:30 CEST, the first of two that night
                    "booked_at",
                    "2026-02-01T12:00:00Z"))));
    String before = target.db.dataDump();

    CliRun planned = target.plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains("Plan: 1 inserts, 1 updates")
        .contains(
            "  visits.starts_at (datetime) holds wall times: written and compared as wall time in"
                + " Europe/Berlin, set at entities.visit.time_zone\n")
        .contains(
            "  visits.updated_at (datetime(6)) holds wall times: written and compared as wall time"
                + " in +02:00, set at entities.visit.columns.updated_at.time_zone\n")
        .as("a timestamp column holds instants")
        .doesNotContain("visits.booked_at");
    assertThat(Files.readString(target.run.resolve("import/plan.sql")))
        .contains(
            "--   starts_at: TIMESTAMP '2026-03-10 10:00:00' -> TIMESTAMP '2026-07-01 10:00:00'")
        .contains("`updated_at` = CONVERT_TZ(now(), '+00:00', '+02:00')");
    CliRun applied = target.salvageImport("apply", "--plan-digest", target.currentPlan().digest());
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(
            target.rows(
                "SELECT ref, starts_at, UNIX_TIMESTAMP(booked_at) AS booked, created_at,"
                    + " ABS(TIMESTAMPDIFF(SECOND, updated_at, UTC_TIMESTAMP() + INTERVAL 2 HOUR))"
                    + " < 300 AS recent FROM visits ORDER BY id"))
        .containsExactly(
            fields(
                "ref", "V-1",
                "starts_at", "2026-07-01 10:00:00",
                "booked", null,
                "created_at", "2026-01-06 09:00:00.000000",
                "recent", "1"),
            fields(
                "ref", "V-2",
                "starts_at", "2026-10-25 02:30:00",
                "booked",
                    Long.toString(java.time.Instant.parse("2026-02-01T12:00:00Z").getEpochSecond()),
                "created_at", "2026-03-01 11:00:00.000000",
                "recent", "1"));

    assertThat(target.plan().exitCode()).isZero();
    assertThat(target.currentPlan().steps()).as("a second plan finds nothing to do").isEmpty();
    assertThat(target.db.client(target.run.resolve("import/undo.sql"))).isZero();
    assertThat(target.db.dataDump()).isEqualTo(before);

    // the apply time in a named zone needs the server's time zone tables, often not loaded
    Files.writeString(
        target.mapping, visits.replace("time_zone: '+02:00'", "time_zone: Asia/Tokyo"));
    boolean known =
        !target
            .rows("SELECT CONVERT_TZ('2000-01-01 00:00:00', '+00:00', 'Asia/Tokyo') IS NULL AS x")
            .get(0)
            .get("x")
            .equals("1");
    CliRun named = target.plan();
    if (known) {
      assertThat(named.exitCode()).as(named.err()).isZero();
    } else {
      assertThat(named.exitCode()).isEqualTo(SalvageCli.EXIT_FAILURE);
      assertThat(named.err())
          .contains(
              "mapping entities.visit.columns.updated_at: column visits.updated_at takes the apply"
                  + " time as wall time in Asia/Tokyo (set at"
                  + " entities.visit.columns.updated_at.time_zone), a zone the server does not know"
                  + " (its time zone tables are empty: load them with mariadb-tzinfo-to-sql");
    }
  }

  @Test
  void planRefusesAUserWithoutTheGrantsApplyNeedsAndCountsRoleAndColumnGrants() throws Exception {
    target.db.execute(
        "CREATE TABLE customers (id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,"
            + " email varchar(80) NOT NULL UNIQUE, name varchar(80)) ENGINE=InnoDB",
        "CREATE TABLE trips (id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,"
            + " ref varchar(12) NOT NULL UNIQUE, customer_id bigint NOT NULL) ENGINE=InnoDB",
        "INSERT INTO customers (email) VALUES ('ana@example.com')");
    Files.writeString(
        target.mapping,
        """
        entities:
          trip:
            table: trips
            key: {column: id, type: integer}
            natural_key: ref
            columns:
              ref: {field: reference, type: text}
              customer_id:
                field: customer_email
                type: integer
                lookup: {table: customers, match: email, take: id}
        """);
    Fixtures.writeRun(
        target.run,
        List.of(
            fresh(
                "trip:new-1",
                "trip",
                1.0,
                false,
                fields("reference", "T-1", "customer_email", "ana@example.com"))));
    String suffix = target.db.name.substring(target.db.name.length() - 8);
    String user = "imp_" + suffix;
    String role = "improle_" + suffix;
    Path userPassword = Files.writeString(temp.resolve("user-password"), "us3r-only");
    try {
      target.db.execute(
          "CREATE USER '" + user + "'@'%' IDENTIFIED BY 'us3r-only'",
          "GRANT SELECT, INSERT ON " + target.db.name + ".trips TO '" + user + "'@'%'");
      List<String> asUser =
          List.of(
              "import",
              "plan",
              "--run",
              target.run.toString(),
              "--target",
              target.db.url,
              "--user",
              user,
              "--password-file",
              userPassword.toString(),
              "--mapping",
              target.mapping.toString());

      CliRun refused = CliRun.of(asUser.toArray(String[]::new));

      assertThat(refused.exitCode()).isEqualTo(SalvageCli.EXIT_FAILURE);
      assertThat(refused.err())
          .contains(
              "this user may not UPDATE table trips, which apply needs (SHOW GRANTS lists no such"
                  + " grant to it, its current role or PUBLIC): GRANT UPDATE ON "
                  + target.db.name
                  + ".trips TO '"
                  + user
                  + "'@'%'")
          .contains(
              "mapping entities.trip.columns.customer_id.lookup.table: lookup table customers of"
                  + " trips.customer_id does not exist, or this user has no privilege on it, and"
                  + " MariaDB's catalog does not show it (SHOW GRANTS lists none): GRANT SELECT ON "
                  + target.db.name
                  + ".customers TO '"
                  + user
                  + "'@'%'");
      assertThat(target.run.resolve("import/plan.json")).doesNotExist();

      // UPDATE through the user's default role, SELECT on the lookup's two columns only
      target.db.execute(
          Applier.AUDIT_DDL_MARIADB,
          "CREATE ROLE " + role,
          "GRANT UPDATE ON " + target.db.name + ".trips TO " + role,
          "GRANT " + role + " TO '" + user + "'@'%'",
          "SET DEFAULT ROLE " + role + " FOR '" + user + "'@'%'",
          "GRANT SELECT (email, id) ON " + target.db.name + ".customers TO '" + user + "'@'%'",
          "GRANT SELECT, INSERT ON "
              + target.db.name
              + ".salvage_import_log TO '"
              + user
              + "'@'%'");
      CliRun planned = CliRun.of(asUser.toArray(String[]::new));
      assertThat(planned.exitCode()).as(planned.err()).isZero();
      assertThat(planned.out()).contains("Plan: 1 inserts, 0 updates");
      List<String> applyAsUser = new ArrayList<>(asUser.subList(0, asUser.size() - 2));
      applyAsUser.set(1, "apply");
      applyAsUser.addAll(List.of("--plan-digest", target.currentPlan().digest()));
      CliRun applied = CliRun.of(applyAsUser.toArray(String[]::new));
      assertThat(applied.exitCode()).as(applied.err()).isZero();
      assertThat(target.rows("SELECT ref FROM trips")).containsExactly(Map.of("ref", "T-1"));
    } finally {
      target.db.execute("DROP USER IF EXISTS '" + user + "'@'%'", "DROP ROLE IF EXISTS " + role);
    }
  }

  @Test
  void planRefusesAUserThatCouldNeitherCreateNorWriteTheAuditTableInsteadOfApplyFailingOnIt()
      throws Exception {
    target.db.execute(
        "CREATE TABLE customers (id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,"
            + " email varchar(80) NOT NULL UNIQUE) ENGINE=InnoDB");
    Files.writeString(
        target.mapping,
        """
        entities:
          customer:
            table: customers
            key: {column: id, type: integer}
            natural_key: email
            columns:
              email: {field: email, type: text}
        """);
    Fixtures.writeRun(
        target.run,
        List.of(
            fresh("customer:new-1", "customer", 1.0, false, fields("email", "ana@example.it"))));
    String user = "aud_" + target.db.name.substring(target.db.name.length() - 8);
    Path userPassword = Files.writeString(temp.resolve("user-password"), "aud1t-less");
    try {
      // what docs/import.md grants on the application's tables, nothing on the audit table
      target.db.execute(
          "CREATE USER '" + user + "'@'%' IDENTIFIED BY 'aud1t-less'",
          "GRANT SELECT, INSERT, UPDATE ON " + target.db.name + ".customers TO '" + user + "'@'%'");
      List<String> asUser =
          List.of(
              "--run",
              target.run.toString(),
              "--target",
              target.db.url,
              "--user",
              user,
              "--password-file",
              userPassword.toString());
      List<String> plan =
          new ArrayList<>(List.of("import", "plan", "--mapping", target.mapping.toString()));
      plan.addAll(asUser);

      CliRun refused = CliRun.of(plan.toArray(String[]::new));

      assertThat(refused.exitCode()).as(refused.out()).isEqualTo(SalvageCli.EXIT_FAILURE);
      assertThat(refused.err())
          .contains(
              "the audit table salvage_import_log, where apply records every change, does not"
                  + " exist (or this user has no privilege on it), and this user may not CREATE,"
                  + " SELECT, INSERT it")
          .contains(
              "GRANT CREATE, SELECT, INSERT ON "
                  + target.db.name
                  + ".salvage_import_log TO '"
                  + user
                  + "'@'%'");
      assertThat(target.run.resolve("import/plan.json")).doesNotExist();

      // made by an administrator, readable but not writable by the user
      target.db.execute(
          Applier.AUDIT_DDL_MARIADB,
          "GRANT SELECT ON " + target.db.name + ".salvage_import_log TO '" + user + "'@'%'");
      CliRun stillRefused = CliRun.of(plan.toArray(String[]::new));
      assertThat(stillRefused.exitCode()).isEqualTo(SalvageCli.EXIT_FAILURE);
      assertThat(stillRefused.err())
          .contains(
              "this user may not INSERT the audit table salvage_import_log, where apply records"
                  + " every change: GRANT SELECT, INSERT ON "
                  + target.db.name
                  + ".salvage_import_log TO '"
                  + user
                  + "'@'%'");

      // the grant the message names is enough for plan and apply
      target.db.execute(
          "DROP TABLE salvage_import_log",
          "GRANT CREATE, SELECT, INSERT ON "
              + target.db.name
              + ".salvage_import_log TO '"
              + user
              + "'@'%'");
      CliRun planned = CliRun.of(plan.toArray(String[]::new));
      assertThat(planned.exitCode()).as(planned.err()).isZero();
      List<String> apply =
          new ArrayList<>(
              List.of("import", "apply", "--plan-digest", target.currentPlan().digest()));
      apply.addAll(asUser);
      CliRun applied = CliRun.of(apply.toArray(String[]::new));
      assertThat(applied.exitCode()).as(applied.err()).isZero();
      assertThat(target.rows("SELECT email FROM customers"))
          .containsExactly(Map.of("email", "ana@example.it"));
      assertThat(target.rows("SELECT operation FROM salvage_import_log")).hasSize(1);
    } finally {
      target.db.execute("DROP USER IF EXISTS '" + user + "'@'%'");
    }
  }
}
