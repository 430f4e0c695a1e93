package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.Fixtures.fields;
import static dev.salvage.pipeline.importer.Fixtures.fresh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import dev.salvage.pipeline.cli.CliRun;
import dev.salvage.pipeline.cli.SalvageCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schemas as common application frameworks make them, on a real PostgreSQL: Prisma's quoted
 * PascalCase tables and camelCase columns with text ids and an enum; Rails' timestamps without time
 * zone holding UTC, and Django's holding a local zone.
 */
class ImportFrameworkSchemasTest {
  /**
   * Prisma's migration SQL for a User and a Booking. Prisma makes cuid ids in the client; here the
   * column default makes one, since Salvage takes new keys from the database.
   */
  static final String PRISMA_SCHEMA =
      """
      CREATE TYPE "BookingStatus" AS ENUM ('PENDING', 'CONFIRMED', 'CANCELLED');
      CREATE TABLE "User" (
        "id" TEXT NOT NULL DEFAULT ('c' || substr(md5(random()::text), 1, 24)),
        "email" TEXT NOT NULL,
        "fullName" TEXT,
        "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
        "updatedAt" TIMESTAMP(3) NOT NULL,
        CONSTRAINT "User_pkey" PRIMARY KEY ("id"));
      CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
      CREATE TABLE "Booking" (
        "id" TEXT NOT NULL DEFAULT ('c' || substr(md5(random()::text), 1, 24)),
        "reference" TEXT NOT NULL,
        "status" "BookingStatus" NOT NULL DEFAULT 'PENDING',
        "customerId" TEXT NOT NULL,
        "pickupAt" TIMESTAMP(3),
        "updatedAt" TIMESTAMP(3) NOT NULL,
        CONSTRAINT "Booking_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "Booking_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "User"("id")
          ON DELETE RESTRICT ON UPDATE CASCADE);
      INSERT INTO "User" ("id", "email", "fullName", "createdAt", "updatedAt")
        VALUES ('ckana0000000000000000000', 'ana@example.com', 'Ana', '2026-01-05 09:00:00.123',
          '2026-01-05 09:00:00.123');
      """;

  static final String PRISMA_MAPPING =
      """
      entities:
        customer:
          table: User
          key: {column: id, type: text}
          natural_key: email
          columns:
            email:     {field: email, type: text}
            fullName:  {field: full_name, type: text}
            updatedAt: {from: now, type: timestamptz, on: touch}
        reservation:
          table: public.Booking
          key: {column: id, type: text}
          natural_key: reference
          columns:
            reference: {field: reference, type: text}
            status:    {field: status, type: enum}
            pickupAt:  {field: pickup_at, type: timestamptz}
            updatedAt: {from: now, type: timestamptz, on: touch}
            customerId:
              field: customer_email
              type: text
              lookup: {table: User, match: email, take: id}
      """;

  @TempDir Path temp;
  private TestDatabase db;
  private Path run;
  private Path mapping;
  private Path passwordFile;

  @BeforeEach
  void createDatabase() throws Exception {
    db = TestDatabase.create();
    run = temp.resolve("run");
    passwordFile = Files.writeString(temp.resolve("password"), db.password + "\n");
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (db != null) {
      db.close();
    }
  }

  private void prisma() throws Exception {
    prisma(PRISMA_SCHEMA);
  }

  private void prisma(String schema) throws Exception {
    db.execute(schema);
    mapping = Files.writeString(temp.resolve("target.yaml"), PRISMA_MAPPING);
    Fixtures.writeRun(
        run,
        List.of(
            Fixtures.record(
                "customer:ckana0000000000000000000",
                "customer",
                Action.UPDATED,
                1.0,
                false,
                fields("email", "ana@example.com", "full_name", "Ana Sousa"),
                fields("email", "ana@example.com", "full_name", "Ana")),
            fresh(
                "customer:new-1",
                "customer",
                1.0,
                false,
                fields("email", "noel@example.com", "full_name", "Noël")),
            fresh(
                "reservation:new-1",
                "reservation",
                1.0,
                false,
                fields(
                    "reference",
                    "B-1",
                    "status",
                    "CONFIRMED",
                    "customer_email",
                    "noel@example.com",
                    "pickup_at",
                    "2026-04-02T08:15:30.250Z")),
            fresh(
                "reservation:new-2",
                "reservation",
                1.0,
                false,
                fields(
                    "reference",
                    "B-2",
                    "status",
                    "PENDING",
                    "customer_email",
                    "ana@example.com"))));
  }

  @Test
  void prismasQuotedPascalCaseTablesArePlannedAppliedReplannedToNothingAndUndone()
      throws Exception {
    prisma();
    String before = db.dataDump();

    CliRun planned = plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains("Plan: 3 inserts, 1 updates")
        .contains(
            "  User.updatedAt (timestamp without time zone) holds wall times: written and compared"
                + " as wall time in UTC, the default; if the application stores another zone, set"
                + " time_zone in the mapping");
    assertThat(Files.readString(run.resolve("import/plan.sql")))
        .contains(
            "UPDATE \"public\".\"User\" SET \"fullName\" = 'Ana Sousa', \"updatedAt\" = (now() AT TIME ZONE"
                + " 'UTC') WHERE \"id\" = 'ckana")
        .contains(
            "INSERT INTO \"public\".\"Booking\" (\"reference\", \"status\", \"pickupAt\","
                + " \"updatedAt\", \"customerId\")")
        .contains("TIMESTAMP '2026-04-02 08:15:30.25'")
        .contains(
            "(SELECT \"id\" FROM \"public\".\"User\" WHERE lower(\"email\") = lower('noel@example.com'))");
    CliRun applied = apply();
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(
            db.text(
                "SELECT string_agg(b.\"reference\" || ' ' || b.\"status\" || ' ' || u.\"email\","
                    + " ', ' ORDER BY b.\"reference\") FROM \"Booking\" b JOIN \"User\" u"
                    + " ON u.\"id\" = b.\"customerId\""))
        .isEqualTo("B-1 CONFIRMED noel@example.com, B-2 PENDING ana@example.com");
    assertThat(db.text("SELECT \"fullName\" FROM \"User\" WHERE \"email\" = 'ana@example.com'"))
        .isEqualTo("Ana Sousa");
    assertThat(db.text("SELECT \"pickupAt\"::text FROM \"Booking\" WHERE \"reference\" = 'B-1'"))
        .isEqualTo("2026-04-02 08:15:30.25");

    assertThat(plan().exitCode()).isZero();
    assertThat(currentPlan().steps()).as("a second plan finds nothing to do").isEmpty();

    Path undo = run.resolve("import/undo.sql");
    assertThat(Files.readString(undo))
        .contains("DELETE FROM \"public\".\"Booking\" WHERE \"id\" = ")
        .contains(
            "UPDATE \"public\".\"User\" SET \"fullName\" = 'Ana', \"updatedAt\" = TIMESTAMP '2026-01-05"
                + " 09:00:00.123'");
    assertThat(db.psql(undo)).isZero();
    assertThat(db.dataDump()).isEqualTo(before);
  }

  @Test
  void keysTheApplicationMakesItselfAreGeneratedAsUuidsWhenTheMappingSaysSo() throws Exception {
    // Prisma's @default(cuid()) is made by the client: the columns have no default at all
    String noDefaults =
        PRISMA_SCHEMA.replace(
            "\"id\" TEXT NOT NULL DEFAULT ('c' || substr(md5(random()::text), 1, 24)),",
            "\"id\" TEXT NOT NULL,");
    assertThat(noDefaults).doesNotContain("md5");
    prisma(noDefaults);

    CliRun refused = plan();

    assertThat(refused.exitCode()).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(refused.err())
        .contains(
            "User.id has no default (sequence or identity): new rows would get no key; when the"
                + " application makes its own keys (Prisma's cuid() or uuid()), set key.generate:"
                + " uuid");

    Files.writeString(
        mapping,
        PRISMA_MAPPING.replace(
            "key: {column: id, type: text}", "key: {column: id, type: text, generate: uuid}"));
    CliRun planned = plan();
    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out()).contains("Plan: 3 inserts, 1 updates");
    CliRun applied = apply();
    assertThat(applied.exitCode()).as(applied.err()).isZero();

    String uuid = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
    assertThat(db.text("SELECT \"id\" FROM \"User\" WHERE \"email\" = 'noel@example.com'"))
        .matches(uuid);
    assertThat(
            db.text(
                "SELECT count(*) FROM \"Booking\" b JOIN \"User\" u ON u.\"id\" = b.\"customerId\""
                    + " WHERE b.\"id\" ~ '^"
                    + uuid
                    + "$'"))
        .isEqualTo("2");
    assertThat(db.text("SELECT \"id\" FROM \"User\" WHERE \"email\" = 'ana@example.com'"))
        .as("an existing row keeps its key")
        .isEqualTo("ckana0000000000000000000");
    assertThat(plan().exitCode()).isZero();
    assertThat(currentPlan().steps()).as("a second plan finds nothing to do").isEmpty();
  }

  @Test
  void aMappingThatSpellsAQuotedNameInAnotherCaseFailsAtPlanSayingWhatTheCatalogHas()
      throws Exception {
    prisma();
    Files.writeString(
        mapping,
        PRISMA_MAPPING
            .replace("table: User\n", "table: user\n")
            .replace("fullName:  {field", "fullname:  {field")
            .replace(
                "lookup: {table: User, match: email, take: id}",
                "lookup: {table: users," + " match: email, take: id}"));

    CliRun planned = plan();

    assertThat(planned.exitCode()).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(planned.err())
        .contains(
            "mapping entities.customer.table: table user (entity customer) does not exist; did you"
                + " mean User? Names are matched as the catalog spells them, case included")
        .contains(
            "mapping entities.reservation.columns.customerId.lookup.table: lookup table users of"
                + " public.Booking.customerId does not exist\n");
    assertThat(run.resolve("import/plan.json")).doesNotExist();

    Files.writeString(mapping, PRISMA_MAPPING.replace("fullName:  {field", "fullname:  {field"));
    CliRun column = plan();
    assertThat(column.exitCode()).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(column.err())
        .contains(
            "mapping entities.customer.columns.fullname: column User.fullname does not exist; did"
                + " you mean fullName?");
  }

  @Test
  void namesThatNeedQuotingInLowerCaseTooAreQuotedInApplyAndInUndo() throws Exception {
    // a reserved word as a table, a quote and a blank inside a column name
    db.execute(
        """
        CREATE TABLE "order" (
          id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
          "select" text NOT NULL UNIQUE,
          "say ""hi""\" text);
        INSERT INTO "order" ("select", "say ""hi""\") VALUES ('O-1', 'hello');
        """);
    mapping =
        Files.writeString(
            temp.resolve("target.yaml"),
            """
            entities:
              order:
                table: public.order
                key: {column: id, type: integer}
                natural_key: select
                columns:
                  select:     {field: reference, type: text}
                  'say "hi"': {field: note, type: text}
            """);
    Fixtures.writeRun(
        run,
        List.of(
            Fixtures.updated(
                "order", 1, fields("reference", "O-1", "note", "hello"), fields("note", "hej")),
            fresh("order:new-1", "order", 1.0, false, fields("reference", "O-2", "note", "hi"))));
    String before = db.dataDump();

    CliRun planned = plan();
    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(Files.readString(run.resolve("import/plan.sql")))
        .contains("UPDATE \"public\".\"order\" SET \"say \"\"hi\"\"\" = 'hej' WHERE \"id\" = 1");
    CliRun applied = apply();
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(db.text("SELECT string_agg(\"say \"\"hi\"\"\", ',' ORDER BY id) FROM \"order\""))
        .isEqualTo("hej,hi");
    assertThat(plan().exitCode()).isZero();
    assertThat(currentPlan().steps()).isEmpty();

    assertThat(db.psql(run.resolve("import/undo.sql"))).isZero();
    assertThat(db.dataDump()).isEqualTo(before);
  }

  /**
   * A Rails schema: bigint ids from a sequence (bigserial) and from an identity, created_at and
   * updated_at as {@code timestamp(6) without time zone} NOT NULL holding UTC, schema_migrations.
   * The database's own zone is New York, so a value that went through the session's zone would be
   * hours off.
   */
  static final String RAILS_SCHEMA =
      """
      CREATE TABLE schema_migrations (version character varying NOT NULL PRIMARY KEY);
      CREATE TABLE ar_internal_metadata (key character varying NOT NULL PRIMARY KEY,
        value character varying, created_at timestamp(6) without time zone NOT NULL,
        updated_at timestamp(6) without time zone NOT NULL);
      CREATE TABLE customers (
        id bigserial PRIMARY KEY,
        email character varying NOT NULL,
        name character varying,
        created_at timestamp(6) without time zone NOT NULL,
        updated_at timestamp(6) without time zone NOT NULL);
      CREATE UNIQUE INDEX index_customers_on_email ON customers (email);
      CREATE TABLE bookings (
        id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        customer_id bigint NOT NULL REFERENCES customers (id),
        reference character varying NOT NULL UNIQUE,
        pickup_at timestamp(6) without time zone,
        return_at timestamp(6) without time zone,
        created_at timestamp(6) without time zone NOT NULL,
        updated_at timestamp(6) without time zone NOT NULL);
      INSERT INTO schema_migrations VALUES ('20260101120000'), ('20260102120000');
      INSERT INTO ar_internal_metadata
        VALUES ('environment', 'production', '2026-01-01 12:00:00', '2026-01-01 12:00:00');
      INSERT INTO customers (email, name, created_at, updated_at)
        VALUES ('ana@example.com', 'Ana', '2026-01-05 09:00:00', '2026-01-05 09:00:00');
      INSERT INTO bookings (id, customer_id, reference, pickup_at, created_at, updated_at)
        VALUES (1, 1, 'RW-1', '2026-03-10 09:00:00', '2026-01-06 09:00:00', '2026-01-06 09:00:00');
      ALTER TABLE bookings ALTER COLUMN id RESTART WITH 100;
      """;

  static final String RAILS_MAPPING =
      """
      entities:
        customer:
          table: customers
          key: {column: id, type: integer}
          natural_key: email
          columns:
            email:      {field: email, type: text}
            name:       {field: full_name, type: text}
            created_at: {from: first_evidence, type: timestamptz}
            updated_at: {from: now, type: timestamptz, on: touch}
        reservation:
          table: bookings
          key: {column: id, type: integer}
          natural_key: reference
          columns:
            reference:  {field: reference, type: text}
            customer_id:
              field: customer_email
              type: integer
              lookup: {table: customers, match: email, take: id}
            pickup_at:  {field: pickup_at, type: timestamptz}
            return_at:  {field: return_at, type: timestamptz}
            created_at: {from: first_evidence, type: timestamptz}
            updated_at: {from: now, type: timestamptz, on: touch}
      """;

  private static final Map<String, String> RW_1 =
      fields(
          "reference",
          "RW-1",
          "customer_email",
          "ana@example.com",
          "pickup_at",
          "2026-03-10T09:00:00Z");

  private void rails(String mappingText) throws Exception {
    db.execute(RAILS_SCHEMA);
    db.execute("ALTER DATABASE " + db.name + " SET timezone TO 'America/New_York'");
    mapping = Files.writeString(temp.resolve("target.yaml"), mappingText);
  }

  @Test
  void railsUtcTimestampsWithoutTimeZoneAreWrittenAsUtcWallTimeReplannedToNothingAndUndone()
      throws Exception {
    rails(RAILS_MAPPING);
    Fixtures.writeRun(
        run,
        List.of(
            Fixtures.updated("reservation", 1, RW_1, fields("pickup_at", "2026-03-10T10:30:00Z")),
            fresh(
                "customer:new-1",
                "customer",
                1.0,
                false,
                fields("email", "noel@example.com", "full_name", "Noël")),
            fresh(
                "reservation:new-2",
                "reservation",
                1.0,
                false,
                fields(
                    "reference",
                    "RW-2",
                    "customer_email",
                    "noel@example.com",
                    "pickup_at",
                    "2026-03-29T00:30:00Z"))));
    String before = db.dataDump();

    CliRun planned = plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains("Plan: 2 inserts, 1 updates")
        .contains(
            "  customers.created_at (timestamp without time zone) holds wall times: written and"
                + " compared as wall time in UTC, the default; if the application stores another"
                + " zone, set time_zone in the mapping (at the top, on the entity or on the"
                + " column)")
        .contains("  bookings.pickup_at (timestamp without time zone) holds wall times");
    assertThat(currentPlan().wallTimes())
        .extracting(w -> w.table() + "." + w.column() + " " + w.zone() + " " + w.setAt())
        .containsExactly(
            "customers.created_at UTC null",
            "customers.updated_at UTC null",
            "bookings.pickup_at UTC null",
            "bookings.return_at UTC null",
            "bookings.created_at UTC null",
            "bookings.updated_at UTC null");
    assertThat(Files.readString(run.resolve("import/plan.sql")))
        .contains(
            "-- Columns holding wall times (no time zone, or time_zone on the column); their"
                + " instants become wall times in a zone:")
        .contains(
            "--   pickup_at: TIMESTAMP '2026-03-10 09:00:00' -> TIMESTAMP '2026-03-10 10:30:00'")
        .contains("\"updated_at\" = (now() AT TIME ZONE 'UTC')");

    CliRun applied = apply();

    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(
            db.text(
                "SELECT string_agg(reference || ' ' || pickup_at, ', ' ORDER BY reference)"
                    + " FROM bookings"))
        .isEqualTo("RW-1 2026-03-10 10:30:00, RW-2 2026-03-29 00:30:00");
    assertThat(db.text("SELECT created_at::text FROM customers WHERE email = 'noel@example.com'"))
        .as("the first evidence, 2026-03-01T10:00:00Z, as UTC wall time")
        .isEqualTo("2026-03-01 10:00:00");
    assertThat(
            db.text(
                "SELECT bool_and(abs(extract(epoch FROM updated_at - (now() AT TIME ZONE 'UTC')))"
                    + " < 300)::text FROM bookings WHERE reference IN ('RW-1', 'RW-2')"))
        .as("the apply time as UTC wall time, not New York's")
        .isEqualTo("true");

    assertThat(plan().exitCode()).isZero();
    assertThat(currentPlan().steps()).as("a second plan finds nothing to do").isEmpty();
    assertThat(currentPlan().skipped())
        .extracting(ImportPlan.Skip::reason)
        .anySatisfy(reason -> assertThat(reason).startsWith("already up to date: bookings.id = 1"));

    assertThat(db.psql(run.resolve("import/undo.sql"))).isZero();
    assertThat(db.dataDump()).isEqualTo(before);
  }

  @Test
  void aDjangoStyleLocalZoneShiftsTheWallTimeAndDaylightSavingIsDeterministic() throws Exception {
    rails(
        "time_zone: Europe/Berlin\n"
            + RAILS_MAPPING.replace(
                "return_at:  {field: return_at, type: timestamptz}",
                "return_at:  {field: return_at, type: timestamptz, time_zone: '+05:30'}"));
    // the restored row as a Django app in Berlin holds the backup's 09:00Z: an update is planned
    // only from the value the change starts from
    db.execute("UPDATE bookings SET pickup_at = '2026-03-10 10:00:00' WHERE reference = 'RW-1'");
    Fixtures.writeRun(
        run,
        List.of(
            // 02:30 CET, the second 02:30 of the night the clocks go back
            Fixtures.updated("reservation", 1, RW_1, fields("pickup_at", "2026-10-25T01:30:00Z")),
            fresh(
                "reservation:new-a",
                "reservation",
                1.0,
                false,
                fields(
                    "reference",
                    "RW-A",
                    "customer_email",
                    "ana@example.com",
                    "pickup_at",
                    "2026-10-25T00:30:00Z", // 02:30 CEST, the first
                    "return_at",
                    "2026-07-01T09:30:00Z")),
            fresh(
                "reservation:new-c",
                "reservation",
                1.0,
                false,
                fields(
                    "reference",
                    "RW-C",
                    "customer_email",
                    "ana@example.com",
                    "pickup_at",
                    "2026-03-29T01:30:00Z")))); // half an hour after 02:00 CET became 03:00 CEST

    CliRun planned = plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains(
            "  bookings.pickup_at (timestamp without time zone) holds wall times: written and"
                + " compared as wall time in Europe/Berlin, set at time_zone\n")
        .contains(
            "  bookings.return_at (timestamp without time zone) holds wall times: written and"
                + " compared as wall time in +05:30, set at"
                + " entities.reservation.columns.return_at.time_zone\n");
    CliRun applied = apply();
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(
            db.text(
                "SELECT string_agg(reference || ' ' || pickup_at || ' ' || coalesce(return_at::text,"
                    + " '-'), ', ' ORDER BY reference) FROM bookings"))
        .isEqualTo(
            "RW-1 2026-10-25 02:30:00 -, RW-A 2026-10-25 02:30:00 2026-07-01 15:00:00,"
                + " RW-C 2026-03-29 03:30:00 -");
    assertThat(db.text("SELECT string_agg(created_at::text, ',') FROM bookings WHERE id > 1"))
        .as("2026-03-01T10:00:00Z in Berlin (CET)")
        .isEqualTo("2026-03-01 11:00:00,2026-03-01 11:00:00");
    assertThat(
            db.text(
                "SELECT bool_and(abs(extract(epoch FROM updated_at - (now() AT TIME ZONE"
                    + " 'Europe/Berlin'))) < 300)::text FROM bookings"))
        .isEqualTo("true");

    // the wall time an overlap repeats reads back as itself: nothing left to do
    assertThat(plan().exitCode()).isZero();
    assertThat(currentPlan().steps()).isEmpty();
  }

  @Test
  void aWallTimeChangedBetweenPlanAndApplyIsNotOverwritten() throws Exception {
    rails(RAILS_MAPPING);
    Fixtures.writeRun(
        run,
        List.of(
            Fixtures.updated("reservation", 1, RW_1, fields("pickup_at", "2026-03-10T10:30:00Z"))));
    assertThat(plan().exitCode()).isZero();
    db.execute("UPDATE bookings SET pickup_at = '2026-03-10 09:05:00' WHERE id = 1");
    String changed = db.dataDump();

    CliRun applied = apply();

    assertThat(applied.exitCode()).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(applied.err())
        .contains("pickup_at was 2026-03-10T09:00 at plan time, is now 2026-03-10T09:05");
    assertThat(db.dataDump()).isEqualTo(changed);
  }

  @Test
  void aTimeZoneOnAColumnWithAZoneWritesItsWallTimeAsTheApplicationsUtcSessionDoes()
      throws Exception {
    // Laravel's timestampsTz() with APP_TIMEZONE=Asia/Tokyo and no DB timezone: the app writes
    // '2026-03-10 19:00:00' through a UTC session, so the column holds Tokyo wall time as UTC
    db.execute(
        "CREATE TABLE customers (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE,"
            + " seen_at timestamptz, updated_at timestamp(0) with time zone)",
        "INSERT INTO customers (email, seen_at, updated_at) VALUES ('ana@example.com',"
            + " '2026-01-05 18:00:00+00', '2026-01-05 18:00:00+00')");
    mapping =
        Files.writeString(
            temp.resolve("target.yaml"),
            """
            entities:
              customer:
                table: customers
                key: {column: id, type: integer}
                natural_key: email
                columns:
                  email:      {field: email, type: text}
                  seen_at:    {field: seen_at, type: timestamptz, time_zone: Asia/Tokyo}
                  updated_at: {from: now, type: timestamptz, on: touch, time_zone: Asia/Tokyo}
            """);
    Fixtures.writeRun(
        run,
        List.of(
            fresh(
                "customer:new-1",
                "customer",
                1.0,
                false,
                fields("email", "ben@example.com", "seen_at", "2026-03-10T10:00:00Z"))));
    String before = db.dataDump();

    CliRun planned = plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains(
            "  customers.seen_at (timestamp with time zone, a column with a zone) holds wall"
                + " times: written and compared as wall time in Asia/Tokyo, set at"
                + " entities.customer.columns.seen_at.time_zone (the application writes wall times"
                + " in that zone through a session in UTC");
    assertThat(Files.readString(run.resolve("import/plan.sql")))
        .contains("TIMESTAMP '2026-03-10 19:00:00'")
        .contains("(now() AT TIME ZONE 'Asia/Tokyo')");
    CliRun applied = apply();
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(
            db.text(
                "SELECT to_char(seen_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' '"
                    + " || (abs(extract(epoch FROM (updated_at AT TIME ZONE 'UTC')"
                    + " - (now() AT TIME ZONE 'Asia/Tokyo'))) < 300)"
                    + " FROM customers WHERE email = 'ben@example.com'"))
        .as("19:00 in Tokyo, kept as the application keeps it: its UTC wall time")
        .isEqualTo("2026-03-10 19:00:00 true");

    assertThat(plan().exitCode()).isZero();
    assertThat(currentPlan().steps()).as("a second plan finds nothing to do").isEmpty();
    assertThat(db.psql(run.resolve("import/undo.sql"))).isZero();
    assertThat(db.dataDump()).isEqualTo(before);
  }

  @Test
  void aRoleThatMayNotUseTheSequenceOfASerialKeyIsRefusedAtPlanNamingIt() throws Exception {
    rails(RAILS_MAPPING);
    Fixtures.writeRun(
        run,
        List.of(
            fresh(
                "customer:new-1",
                "customer",
                1.0,
                false,
                fields("email", "noel@example.com", "full_name", "Noël")),
            fresh(
                "reservation:new-2",
                "reservation",
                1.0,
                false,
                fields("reference", "RW-2", "customer_email", "noel@example.com"))));
    db.execute(Applier.AUDIT_DDL);
    String role =
        db.createRole(
            "s3quence",
            "GRANT CONNECT ON DATABASE " + db.name + " TO ROLE",
            "GRANT USAGE ON SCHEMA public TO ROLE",
            "GRANT SELECT, INSERT, UPDATE ON customers, bookings TO ROLE",
            "GRANT SELECT, INSERT ON salvage_import_log TO ROLE");
    Path rolePassword = Files.writeString(temp.resolve("role-password"), "s3quence");
    List<String> asRole =
        List.of("--target", db.url, "--user", role, "--password-file", rolePassword.toString());

    CliRun refused = CliRun.of(importArgs("plan", asRole, "--mapping", mapping.toString()));

    assertThat(refused.exitCode()).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(refused.err())
        .contains(
            "this role may not use sequence customers_id_seq, from which new rows of customers get"
                + " id (its default), which apply needs: GRANT USAGE ON SEQUENCE customers_id_seq"
                + " TO "
                + role)
        .as("an identity column needs no privilege on its sequence")
        .doesNotContain("bookings_id_seq");
    assertThat(run.resolve("import/plan.json")).doesNotExist();

    db.execute("GRANT USAGE ON SEQUENCE customers_id_seq TO " + role);
    CliRun planned = CliRun.of(importArgs("plan", asRole, "--mapping", mapping.toString()));
    assertThat(planned.exitCode()).as(planned.err()).isZero();
    CliRun applied =
        CliRun.of(importArgs("apply", asRole, "--plan-digest", currentPlan().digest()));
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(db.text("SELECT string_agg(reference, ',' ORDER BY id) FROM bookings"))
        .isEqualTo("RW-1,RW-2");
  }

  private String[] importArgs(String command, List<String> target, String... options) {
    List<String> args = new ArrayList<>(List.of("import", command, "--run", run.toString()));
    args.addAll(target);
    args.addAll(List.of(options));
    return args.toArray(String[]::new);
  }

  @Test
  void aPlanWritingWallTimesInAnotherZoneThanTheRunReadTheBackupsInSaysSo() throws Exception {
    rails(RAILS_MAPPING);
    Fixtures.writeRun(
        run,
        List.of(
            Fixtures.updated("reservation", 1, RW_1, fields("pickup_at", "2026-03-10T10:30:00Z"))));
    // the run read the backup's zoneless date-times in the business timezone, nothing said
    // otherwise: three rows of the bookings table
    Files.writeString(
        run.resolve("summary.json"),
        """
        {"sources": {"backup": {"read": 3, "used": 3, "ignored": 0, "quarantined": 0,
           "rules": {"booking_row": 3},
           "zone_assumed": {"rule booking_row, field pickup_at": 3}}},
         "run": {"timezone": "Europe/Lisbon"}}
        """);

    CliRun planned = plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains(
            "Warning: the run read 3 backup date-time value(s) written without a UTC offset as"
                + " wall times in Europe/Lisbon")
        .contains("but this plan writes customers.created_at in UTC, customers.updated_at in UTC");

    // the target mapping saying the application's zone is the one the backup was read in
    mapping =
        Files.writeString(
            temp.resolve("target.yaml"), "time_zone: Europe/Lisbon\n" + RAILS_MAPPING);
    CliRun agreed = plan();

    assertThat(agreed.exitCode()).as(agreed.err()).isZero();
    assertThat(agreed.out()).contains("holds wall times").doesNotContain("Warning");
  }

  private CliRun plan() {
    return salvageImport("plan", "--mapping", mapping.toString());
  }

  private CliRun apply() throws Exception {
    return salvageImport("apply", "--plan-digest", currentPlan().digest());
  }

  private ImportPlan currentPlan() throws Exception {
    return ImportPlan.read(run.resolve("import/plan.json"));
  }

  private CliRun salvageImport(String command, String... options) {
    List<String> args = new ArrayList<>(List.of("import", command, "--run", run.toString()));
    args.addAll(db.targetOptions(passwordFile));
    args.addAll(List.of(options));
    return CliRun.of(args.toArray(String[]::new));
  }
}
