package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.Fixtures.fields;
import static dev.salvage.pipeline.importer.Fixtures.fresh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import dev.salvage.pipeline.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Amounts of money go into a real PostgreSQL in the units the column holds: a Django DecimalField's
 * {@code numeric(8,2)} holds kroner, a {@code _ore} integer column øre. A field of minor units (a
 * money field, a Stripe amount read as an integer) mapped to a column with decimals without its
 * currency would be written a hundred times too large; plan refuses it naming the column and the
 * field instead.
 */
class ImportAmountUnitsTest {
  private static final String MAPPING =
      """
      entities:
        booking:
          table: public.rental_booking
          key: {column: id, type: integer}
          natural_key: reference
          columns:
            reference: {field: reference, type: text}
      """;

  /** A kayak rental's bookings: a Stripe amount, a money field, an amount typed as text. */
  private static final String ENTITIES =
      """
      entities:
        booking:
          keys: [reference]
          fields:
            reference: text
            amount: integer
            deposit: money
            price_text: text
            days: integer
      """;

  @TempDir Path temp;
  private TestDatabase db;
  private Path run;
  private Path passwordFile;

  @BeforeEach
  void createDatabase() throws Exception {
    db = TestDatabase.create();
    db.execute(
        """
        CREATE TABLE public.rental_booking (
          id serial PRIMARY KEY,
          reference varchar(20) NOT NULL UNIQUE,
          amount numeric(8,2),
          deposit numeric(8,2),
          amount_ore integer,
          days numeric(4,1));
        """);
    run = temp.resolve("run");
    passwordFile = Files.writeString(temp.resolve("password"), db.password + "\n");
    Fixtures.writeRun(
        run,
        List.of(
            fresh(
                "booking:new-k1",
                "booking",
                1.0,
                false,
                fields(
                    "reference", "K-1",
                    "amount", "45000",
                    "deposit", "12550",
                    "price_text", "450.00",
                    "days", "3"))));
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (db != null) {
      db.close();
    }
  }

  private Path mapping(String... columns) throws Exception {
    StringBuilder text = new StringBuilder(MAPPING);
    for (String column : columns) {
      text.append("      ").append(column).append('\n');
    }
    return Files.writeString(temp.resolve("target.yaml"), text.toString());
  }

  private void withEntityModel() throws Exception {
    Fixtures.runConfig(
        run, temp.resolve("config"), "{name: Padle, timezone: Europe/Oslo}", ENTITIES);
  }

  private CliRun salvageImport(String command, String... options) {
    List<String> args = new ArrayList<>(List.of("import", command, "--run", run.toString()));
    args.addAll(db.targetOptions(passwordFile));
    args.addAll(List.of(options));
    return CliRun.of(args.toArray(String[]::new));
  }

  private Map<String, String> row() throws Exception {
    Map<String, String> row = new LinkedHashMap<>();
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT amount, deposit, amount_ore, days FROM rental_booking"
                    + " WHERE reference = 'K-1'")) {
      assertThat(rows.next()).isTrue();
      for (int i = 1; i <= 4; i++) {
        row.put(rows.getMetaData().getColumnName(i), rows.getString(i));
      }
    }
    return row;
  }

  @Test
  void refusesMinorUnitsIntoADecimalColumnNamingTheColumnTheFieldAndHowToDeclareIt()
      throws Exception {
    withEntityModel();
    Path mapping =
        mapping(
            "amount: {field: amount, type: numeric}", "deposit: {field: deposit, type: numeric}");

    CliRun planned = salvageImport("plan", "--mapping", mapping.toString());

    assertThat(planned.exitCode()).as(planned.err()).isEqualTo(2);
    assertThat(planned.err())
        .contains(
            mapping
                + ": entities.booking.columns.amount: column public.rental_booking.amount is"
                + " numeric(8,2), which holds amounts with decimals, and field amount is integer"
                + " in the entity model: if it holds minor units")
        .contains("units: as_is when the field holds the column's own units")
        .contains(
            mapping
                + ": entities.booking.columns.deposit: column public.rental_booking.deposit is"
                + " numeric(8,2), which holds amounts with decimals, and field deposit is money in"
                + " the entity model: integer minor units")
        .contains("currency: NOK")
        .contains("the units of 2 amount column(s) are not declared");
    assertThat(run.resolve("import/plan.json")).doesNotExist();
  }

  @Test
  void writesMinorUnitsInMajorUnitsByTheCurrencyAndWholeUnitsAsTheyAreWhenDeclared()
      throws Exception {
    withEntityModel();
    Path mapping =
        mapping(
            "amount: {field: amount, type: numeric, currency: NOK}",
            "deposit: {field: deposit, type: numeric, currency: NOK}",
            "amount_ore: {field: price_text, type: integer, currency: NOK}",
            "days: {field: days, type: numeric, units: as_is}");

    CliRun planned = salvageImport("plan", "--mapping", mapping.toString());
    assertThat(planned.exitCode()).as(planned.err()).isZero();
    ImportPlan plan = ImportPlan.read(run.resolve("import/plan.json"));
    CliRun applied = salvageImport("apply", "--plan-digest", plan.digest());
    assertThat(applied.exitCode()).as(applied.err()).isZero();

    assertThat(row())
        .containsExactly(
            Map.entry("amount", "450.00"),
            Map.entry("deposit", "125.50"),
            Map.entry("amount_ore", "45000"),
            Map.entry("days", "3.0"));
    CliRun again = salvageImport("plan", "--mapping", mapping.toString());
    assertThat(again.out()).contains("Plan: 0 inserts, 0 updates");
  }

  @Test
  void refusesUnitsAsIsOnAMoneyField() throws Exception {
    withEntityModel();
    Path mapping = mapping("deposit: {field: deposit, type: numeric, units: as_is}");

    CliRun planned = salvageImport("plan", "--mapping", mapping.toString());

    assertThat(planned.exitCode()).isEqualTo(2);
    assertThat(planned.err())
        .contains(
            mapping
                + ": entities.booking.columns.deposit.units: field deposit is money in the entity"
                + " model")
        .contains("set currency (NOK, or {field: currency}) instead");
  }

  @Test
  void refusesADecimalAmountIntoAnIntegerColumnNamingTheColumnAndTheField() throws Exception {
    withEntityModel();
    Path mapping = mapping("amount_ore: {field: price_text, type: integer}");

    CliRun planned = salvageImport("plan", "--mapping", mapping.toString());

    assertThat(planned.exitCode()).as(planned.err()).isEqualTo(2);
    assertThat(planned.err())
        .contains(
            mapping
                + ": entities.booking.columns.amount_ore: column public.rental_booking.amount_ore"
                + " is integer and field price_text holds decimal numbers (booking:new-k1:"
                + " 450.00)")
        .contains("set currency on the column (currency: NOK, or {field: currency})");
    assertThat(run.resolve("import/plan.json")).doesNotExist();
  }

  @Test
  void withoutAnEntityModelAWholeNumberFieldIntoADecimalColumnNeedsItsUnitsDeclared()
      throws Exception {
    Path mapping = mapping("amount: {field: amount, type: numeric}");

    CliRun planned = salvageImport("plan", "--mapping", mapping.toString());

    assertThat(planned.exitCode()).isEqualTo(2);
    assertThat(planned.err())
        .contains(
            "column public.rental_booking.amount is numeric(8,2), which holds amounts with"
                + " decimals, and the run names no entity model (run.config in summary.json) to"
                + " tell what field amount holds");
  }

  /**
   * Three bookings the backup held, restored into the target with their price in whole kroner, and
   * the run's new booking K-1 with {@code deposit} øre: a mapping that writes øre into the kroner
   * column fits every value, and only the restored rows show it is wrong.
   */
  private void restoredRowsInWholeKroner(String newDeposit) throws Exception {
    db.execute(
        "ALTER TABLE rental_booking ADD COLUMN price_kr integer;"
            + " INSERT INTO rental_booking (id, reference, price_kr) VALUES (1, 'R-1', 450),"
            + " (2, 'R-2', 300), (3, 'R-3', 125);"
            + " SELECT setval(pg_get_serial_sequence('rental_booking', 'id'), 10)");
    List<ReconstructedRecord> records = new ArrayList<>();
    String[] ore = {"45000", "30000", "12500"};
    for (int i = 0; i < 3; i++) {
      Map<String, String> backup = fields("reference", "R-" + (i + 1), "deposit", ore[i]);
      records.add(
          Fixtures.record(
              "booking:" + (i + 1), "booking", Action.UNCHANGED, 1.0, false, backup, backup));
    }
    records.add(
        fresh(
            "booking:new-k1",
            "booking",
            1.0,
            false,
            fields("reference", "K-1", "deposit", newDeposit)));
    Fixtures.writeRun(run, records);
    withEntityModel();
  }

  @Test
  void refusesAMappingThatWouldWriteOreIntoAColumnOfWholeKronerAsTheRestoredRowsShow()
      throws Exception {
    restoredRowsInWholeKroner("12500");
    Path mapping = mapping("price_kr: {field: deposit, type: integer}");

    CliRun planned = salvageImport("plan", "--mapping", mapping.toString());

    assertThat(planned.exitCode()).as(planned.out()).isEqualTo(2);
    assertThat(planned.err())
        .contains(
            mapping
                + ": entities.booking.columns.price_kr: the plan would write amounts 100 times"
                + " larger than the rows of public.rental_booking restored from the backup hold:"
                + " 3 of the 3 compared (booking:1: the backup's deposit 45000 is planned as"
                + " 45000, the row holds 450)")
        .contains("set currency on it with units: major");
    assertThat(run.resolve("import/plan.json")).doesNotExist();
  }

  @Test
  void unitsMajorWritesWholeKronerAndRefusesAnAmountWithOre() throws Exception {
    restoredRowsInWholeKroner("12500");
    Path mapping =
        mapping("price_kr: {field: deposit, type: integer, currency: NOK, units: major}");

    CliRun planned = salvageImport("plan", "--mapping", mapping.toString());
    assertThat(planned.exitCode()).as(planned.err()).isZero();
    CliRun applied =
        salvageImport(
            "apply", "--plan-digest", ImportPlan.read(run.resolve("import/plan.json")).digest());
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT price_kr FROM rental_booking WHERE reference = 'K-1'")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("125");
    }

    Files.delete(run.resolve("import/plan.json"));
    Fixtures.writeRun(
        run,
        List.of(
            fresh(
                "booking:new-k2",
                "booking",
                1.0,
                false,
                fields("reference", "K-2", "deposit", "12550"))));
    CliRun withOre = salvageImport("plan", "--mapping", mapping.toString());
    assertThat(withOre.exitCode()).isNotZero();
    assertThat(withOre.err())
        .contains(
            "column public.rental_booking.price_kr is integer of whole NOK (units: major), value"
                + " 12550 of field deposit is 125.50, which has a fraction the column cannot hold");
  }

  @Test
  void refusesWallTimesOfAnotherZoneThanTheRestoredRowsHold() throws Exception {
    db.execute(
        "ALTER TABLE rental_booking ADD COLUMN pickup timestamp without time zone;"
            + " INSERT INTO rental_booking (id, reference, pickup) VALUES"
            + " (1, 'R-1', '2026-02-01 10:00'), (2, 'R-2', '2026-02-03 08:30'),"
            + " (3, 'R-3', '2026-01-20 17:00')");
    List<ReconstructedRecord> records = new ArrayList<>();
    String[] utc = {"2026-02-01T09:00:00Z", "2026-02-03T07:30:00Z", "2026-01-20T16:00:00Z"};
    for (int i = 0; i < 3; i++) {
      Map<String, String> backup = fields("reference", "R-" + (i + 1), "pickup_at", utc[i]);
      records.add(
          Fixtures.record(
              "booking:" + (i + 1), "booking", Action.UNCHANGED, 1.0, false, backup, backup));
    }
    Fixtures.writeRun(run, records);
    Path utcMapping = mapping("pickup: {field: pickup_at, type: timestamptz}");

    CliRun planned = salvageImport("plan", "--mapping", utcMapping.toString());

    assertThat(planned.exitCode()).as(planned.out()).isEqualTo(2);
    assertThat(planned.err())
        .contains(
            "entities.booking.columns.pickup: the plan would write wall times 1 hour earlier than"
                + " the rows of public.rental_booking restored from the backup hold: 3 of the 3"
                + " compared (booking:1: the backup's pickup_at 2026-02-01T09:00:00Z is planned as"
                + " 2026-02-01T09:00, the row holds 2026-02-01T10:00)")
        .contains("another zone than the mapping's time_zone (UTC)");

    Path osloMapping =
        Files.writeString(
            temp.resolve("oslo.yaml"), "time_zone: Europe/Oslo\n" + Files.readString(utcMapping));
    assertThat(salvageImport("plan", "--mapping", osloMapping.toString()).exitCode()).isZero();
  }
}
