package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.Fixtures.fields;
import static dev.salvage.pipeline.importer.Fixtures.fresh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import dev.salvage.pipeline.cli.CliRun;
import dev.salvage.pipeline.cli.SalvageCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schemas as common application frameworks make them, on a real PostgreSQL: Prisma's quoted
 * PascalCase tables and camelCase columns with text ids and an enum.
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
        CONSTRAINT "User_pkey" PRIMARY KEY ("id"));
      CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
      CREATE TABLE "Booking" (
        "id" TEXT NOT NULL DEFAULT ('c' || substr(md5(random()::text), 1, 24)),
        "reference" TEXT NOT NULL,
        "status" "BookingStatus" NOT NULL DEFAULT 'PENDING',
        "customerId" TEXT NOT NULL,
        CONSTRAINT "Booking_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "Booking_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "User"("id")
          ON DELETE RESTRICT ON UPDATE CASCADE);
      INSERT INTO "User" ("id", "email", "fullName")
        VALUES ('ckana0000000000000000000', 'ana@example.com', 'Ana');
      """;

  static final String PRISMA_MAPPING =
      """
      entities:
        customer:
          table: User
          key: {column: id, type: text}
          natural_key: email
          columns:
            email:    {field: email, type: text}
            fullName: {field: full_name, type: text}
        reservation:
          table: public.Booking
          key: {column: id, type: text}
          natural_key: reference
          columns:
            reference: {field: reference, type: text}
            status:    {field: status, type: enum}
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
    db.execute(PRISMA_SCHEMA);
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
                    "noel@example.com")),
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
    assertThat(planned.out()).contains("Plan: 3 inserts, 1 updates");
    assertThat(Files.readString(run.resolve("import/plan.sql")))
        .contains("UPDATE \"User\" SET \"fullName\" = 'Ana Sousa' WHERE \"id\" = 'ckana")
        .contains("INSERT INTO \"public\".\"Booking\" (\"reference\", \"status\", \"customerId\")")
        .contains(
            "(SELECT \"id\" FROM \"User\" WHERE lower(\"email\") = lower('noel@example.com'))");
    CliRun applied = apply();
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(
            text(
                "SELECT string_agg(b.\"reference\" || ' ' || b.\"status\" || ' ' || u.\"email\","
                    + " ', ' ORDER BY b.\"reference\") FROM \"Booking\" b JOIN \"User\" u"
                    + " ON u.\"id\" = b.\"customerId\""))
        .isEqualTo("B-1 CONFIRMED noel@example.com, B-2 PENDING ana@example.com");
    assertThat(text("SELECT \"fullName\" FROM \"User\" WHERE \"email\" = 'ana@example.com'"))
        .isEqualTo("Ana Sousa");

    assertThat(plan().exitCode()).isZero();
    assertThat(currentPlan().steps()).as("a second plan finds nothing to do").isEmpty();

    Path undo = run.resolve("import/undo.sql");
    assertThat(Files.readString(undo))
        .contains("DELETE FROM \"public\".\"Booking\" WHERE \"id\" = ")
        .contains("UPDATE \"User\" SET \"fullName\" = 'Ana'");
    assertThat(db.psql(undo)).isZero();
    assertThat(db.dataDump()).isEqualTo(before);
  }

  @Test
  void aMappingThatSpellsAQuotedNameInAnotherCaseFailsAtPlanSayingWhatTheCatalogHas()
      throws Exception {
    prisma();
    Files.writeString(
        mapping,
        PRISMA_MAPPING
            .replace("table: User\n", "table: user\n")
            .replace("fullName: {field", "fullname: {field")
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

    Files.writeString(mapping, PRISMA_MAPPING.replace("fullName: {field", "fullname: {field"));
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
    assertThat(text("SELECT string_agg(\"say \"\"hi\"\"\", ',' ORDER BY id) FROM \"order\""))
        .isEqualTo("hej,hi");
    assertThat(plan().exitCode()).isZero();
    assertThat(currentPlan().steps()).isEmpty();

    assertThat(db.psql(run.resolve("import/undo.sql"))).isZero();
    assertThat(db.dataDump()).isEqualTo(before);
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

  private String text(String sql) throws Exception {
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
