package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.Fixtures.fields;
import static dev.salvage.pipeline.importer.Fixtures.fresh;
import static org.assertj.core.api.Assertions.assertThat;

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
}
