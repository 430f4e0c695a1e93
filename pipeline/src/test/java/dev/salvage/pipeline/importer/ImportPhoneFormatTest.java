package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.Fixtures.fields;
import static dev.salvage.pipeline.importer.Fixtures.fresh;
import static dev.salvage.pipeline.importer.Fixtures.updated;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.bundle.ReconstructedRecord;
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
 * Phone numbers go into a real PostgreSQL in the style the application stores (records carry
 * E.164), and a row holding the number in another style is the same number: no UPDATE, no duplicate
 * style in the table.
 */
class ImportPhoneFormatTest {
  private static final String MAPPING =
      """
      entities:
        customer:
          table: public.customers
          key: {column: id, type: integer}
          natural_key: email
          columns:
            email:      {field: email, type: text}
            phone:      {field: phone, type: text, format: FORMAT}
            updated_at: {from: now, type: timestamptz, on: touch}
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
        CREATE TABLE public.customers (
          id serial PRIMARY KEY,
          email text NOT NULL UNIQUE,
          phone varchar(20),
          updated_at timestamptz);
        """);
    run = temp.resolve("run");
    passwordFile = Files.writeString(temp.resolve("password"), db.password + "\n");
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (db != null) {
      db.close();
    }
  }

  private Path mapping(String format) throws Exception {
    return Files.writeString(temp.resolve("target.yaml"), MAPPING.replace("FORMAT", format));
  }

  private CliRun salvageImport(String command, String... options) {
    List<String> args = new ArrayList<>(List.of("import", command, "--run", run.toString()));
    args.addAll(db.targetOptions(passwordFile));
    args.addAll(List.of(options));
    return CliRun.of(args.toArray(String[]::new));
  }

  /** A NEW customer the policy approves. */
  private static ReconstructedRecord newCustomer(String id, String email, String phone) {
    return fresh("customer:" + id, "customer", 1.0, false, fields("email", email, "phone", phone));
  }

  private Map<String, String> phones() throws Exception {
    Map<String, String> phones = new LinkedHashMap<>();
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT email, phone FROM customers ORDER BY id")) {
      while (rows.next()) {
        phones.put(rows.getString(1), rows.getString(2));
      }
    }
    return phones;
  }

  @Test
  void likeExistingWritesTheColumnsDominantStyleSaysWhichAndFindsNoChangeInARestyledNumber()
      throws Exception {
    db.execute(
        """
        INSERT INTO customers (email, phone) VALUES
          ('ana@example.com', '+39 349 618 7766'),
          ('bo@example.com', '+44 20 7946 0018'),
          ('cy@example.com', '+351 912 345 678'),
          ('di@example.com', '+14155550134');
        """);
    Fixtures.writeRun(
        run,
        List.of(
            newCustomer("new-eve", "eve@example.com", "+393243006841"),
            // the backup had an old number; the evidence's is the one the table already holds,
            // written otherwise
            updated(
                "customer",
                1,
                fields("email", "ana@example.com", "phone", "+393400000000"),
                fields("phone", "+393496187766")),
            updated(
                "customer",
                2,
                fields("email", "bo@example.com", "phone", "+442079460018"),
                fields("phone", "+442079460999"))));
    Path mapping = mapping("like_existing");
    String before = db.dataDump();

    CliRun planned = salvageImport("plan", "--mapping", mapping.toString());

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    String chosen =
        "public.customers.phone: phone numbers written international, chosen by format:"
            + " like_existing from the column's rows (3 international, 1 e164)";
    assertThat(planned.out())
        .contains("Plan: 1 inserts, 1 updates, 1 records skipped")
        .contains(chosen);
    String planSql = Files.readString(run.resolve("import/plan.sql"));
    assertThat(planSql)
        .contains(chosen)
        .contains("'+39 324 300 6841'")
        .contains("phone: '+44 20 7946 0018' -> '+44 20 7946 0999'")
        .doesNotContain("+393243006841")
        .doesNotContain("+442079460999");
    ImportPlan plan = ImportPlan.read(run.resolve("import/plan.json"));
    assertThat(plan.skipped())
        .singleElement()
        .satisfies(
            skip -> {
              assertThat(skip.record()).isEqualTo("customer:1");
              assertThat(skip.reason()).startsWith("already up to date");
            });

    CliRun applied = salvageImport("apply", "--plan-digest", plan.digest());
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(phones())
        .containsExactly(
            Map.entry("ana@example.com", "+39 349 618 7766"),
            Map.entry("bo@example.com", "+44 20 7946 0999"),
            Map.entry("cy@example.com", "+351 912 345 678"),
            Map.entry("di@example.com", "+14155550134"),
            Map.entry("eve@example.com", "+39 324 300 6841"));
    CliRun again = salvageImport("plan", "--mapping", mapping.toString());
    assertThat(again.out()).contains("Plan: 0 inserts, 0 updates, 3 records skipped");

    // undo.sql gives back the old style's text of the updated row and removes the new one
    assertThat(db.psql(run.resolve("import/undo.sql"))).isZero();
    assertThat(db.dataDump()).isEqualTo(before);
  }

  @Test
  void nationalWritesTheRegionsNumbersWithoutCountryCodeAndOthersInternationally()
      throws Exception {
    db.execute("INSERT INTO customers (email, phone) VALUES ('ann@example.com', '(415) 555-0134')");
    Fixtures.writeRun(
        run,
        List.of(
            newCustomer("new-local", "local@example.com", "+14155550199"),
            newCustomer("new-abroad", "abroad@example.com", "+393496187766"),
            updated(
                "customer",
                1,
                fields("email", "ann@example.com", "phone", "+14155550100"),
                fields("phone", "+14155550134"))));
    Path mapping = mapping("national, phone_region: us");

    CliRun planned = salvageImport("plan", "--mapping", mapping.toString());
    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains(
            "public.customers.phone: phone numbers written national (region US), as the mapping's"
                + " format says");
    ImportPlan plan = ImportPlan.read(run.resolve("import/plan.json"));
    assertThat(plan.counts().updates()).as("(415) 555-0134 is +14155550134").isZero();
    CliRun applied = salvageImport("apply", "--plan-digest", plan.digest());
    assertThat(applied.exitCode()).as(applied.err()).isZero();

    assertThat(phones())
        .containsExactly(
            Map.entry("ann@example.com", "(415) 555-0134"),
            Map.entry("local@example.com", "(415) 555-0199"),
            Map.entry("abroad@example.com", "+39 349 618 7766"));
  }

  @Test
  void likeExistingOnAColumnWithNoDominantStyleRefusesNamingTheMappingTableAndColumn()
      throws Exception {
    db.execute(
        """
        INSERT INTO customers (email, phone) VALUES
          ('ana@example.com', '+39 349 618 7766'),
          ('bo@example.com', '+442079460018'),
          ('cy@example.com', '349.618.7766');
        """);
    Fixtures.writeRun(run, List.of(newCustomer("new-eve", "eve@example.com", "+393243006841")));
    Path mapping = mapping("like_existing");

    CliRun planned = salvageImport("plan", "--mapping", mapping.toString());

    assertThat(planned.exitCode()).isEqualTo(1);
    assertThat(planned.err())
        .startsWith("Cannot plan: " + mapping + ": entities.customer.columns.phone.format")
        .contains("like_existing cannot tell the style of public.customers.phone")
        .contains("of its 3 row(s) with a value, 1 e164, 1 international, 1 in no style")
        .contains("set format to e164, international or national");
    assertThat(run.resolve("import/plan.json")).doesNotExist();
  }

  @Test
  void likeExistingRefusesATieAmongTheNewestRowsItReadsNamingTheTieAndTheRowsNotRead()
      throws Exception {
    // the whole column holds more e164 numbers, but the newest 10,000 are split evenly: the
    // application changed its style, and which one it writes now cannot be told
    db.execute(
        """
        INSERT INTO customers (email, phone)
          SELECT 'old' || i || '@example.com', '+14155550134' FROM generate_series(1, 5001) i;
        INSERT INTO customers (email, phone)
          SELECT 'new' || i || '@example.com', '+1 415-555-0134' FROM generate_series(1, 5000) i;
        """);
    Fixtures.writeRun(run, List.of(newCustomer("new-eve", "eve@example.com", "+393243006841")));
    Path mapping = mapping("like_existing");

    CliRun planned = salvageImport("plan", "--mapping", mapping.toString());

    assertThat(planned.exitCode()).isEqualTo(1);
    assertThat(planned.err())
        .startsWith("Cannot plan: " + mapping + ": entities.customer.columns.phone.format")
        .contains(
            "like_existing cannot tell the style of public.customers.phone: of the 10000 row(s) of"
                + " highest id it reads (the application's newest; 10001 hold a value), 5000"
                + " e164, 5000 international (e164 and international are held by 5000 row(s)"
                + " each)")
        .contains(
            "set format to e164, international or national: the style the application writes new"
                + " numbers in");
    assertThat(run.resolve("import/plan.json")).doesNotExist();
  }

  @Test
  void aValueThatIsNotAPhoneNumberStopsThePlanNamingTheColumn() throws Exception {
    Fixtures.writeRun(run, List.of(newCustomer("new-eve", "eve@example.com", "ask at the desk")));
    Path mapping = mapping("e164");

    CliRun planned = salvageImport("plan", "--mapping", mapping.toString());

    assertThat(planned.exitCode()).isEqualTo(1);
    assertThat(planned.err())
        .contains(
            "Cannot plan customer new-eve: column public.customers.phone is character varying(20)"
                + " holding phone numbers e164, value 'ask at the desk' is not a phone number with"
                + " a country code");
  }

  /** A run config whose business declares {@code businessLines}, named by the run's summary. */
  private Path runConfig(String businessLines) throws Exception {
    return Fixtures.runConfig(
        run,
        temp.resolve("config"),
        "{name: Shop, timezone: America/Los_Angeles" + businessLines + "}",
        """
        entities:
          customer:
            keys: [email]
            fields: {email: email, phone: phone}
        """);
  }

  @Test
  void aColumnWithoutPhoneRegionTakesTheRunConfigsBusinessRegion() throws Exception {
    Fixtures.writeRun(
        run,
        List.of(
            newCustomer("new-local", "local@example.com", "+14155550199"),
            newCustomer("new-abroad", "abroad@example.com", "+393496187766")));
    Path config = runConfig(", phone_region: US");
    Path mapping = mapping("national");

    CliRun planned = salvageImport("plan", "--mapping", mapping.toString());

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains(
            "public.customers.phone: phone numbers written national (region US, from"
                + " business.phone_region of "
                + config
                + "), as the mapping's format says");
    ImportPlan plan = ImportPlan.read(run.resolve("import/plan.json"));
    assertThat(plan.phoneFormats().get(0).region()).isEqualTo("US");
    CliRun applied = salvageImport("apply", "--plan-digest", plan.digest());
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(phones())
        .containsExactly(
            Map.entry("local@example.com", "(415) 555-0199"),
            Map.entry("abroad@example.com", "+39 349 618 7766"));
  }

  @Test
  void anE164ColumnReadsANumberWithoutCountryCodeInTheRunConfigsRegion() throws Exception {
    // an operator's edit typed as the desk writes numbers
    Fixtures.writeRun(run, List.of(newCustomer("new-desk", "desk@example.com", "(415) 555-0123")));
    runConfig(", phone_region: US");

    CliRun planned = salvageImport("plan", "--mapping", mapping("e164").toString());
    assertThat(planned.exitCode()).as(planned.err()).isZero();
    ImportPlan plan = ImportPlan.read(run.resolve("import/plan.json"));
    CliRun applied = salvageImport("apply", "--plan-digest", plan.digest());

    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(phones()).containsExactly(Map.entry("desk@example.com", "+14155550123"));
  }

  @Test
  void nationalWithARegionNeitherOnTheColumnNorInTheRunConfigIsRefusedNamingBoth()
      throws Exception {
    Fixtures.writeRun(run, List.of(newCustomer("new-local", "local@example.com", "+14155550199")));
    Path config = runConfig("");
    Path mapping = mapping("national");

    CliRun planned = salvageImport("plan", "--mapping", mapping.toString());

    assertThat(planned.exitCode()).isEqualTo(2);
    assertThat(planned.err())
        .contains(
            mapping
                + ": entities.customer.columns.phone.phone_region: missing: column"
                + " public.customers.phone holds national numbers, which do not say their"
                + " country, and the run config "
                + config
                + " declares no business.phone_region; set phone_region on the column or in the"
                + " run config's business (IT, US, ...)");
    assertThat(run.resolve("import/plan.json")).doesNotExist();
  }

  @Test
  void likeExistingLearnsHowTheRowsGroupNorwegianMobileNumbers() throws Exception {
    // Norwegians write mobiles 3-2-3 and landlines 2-2-2-2; libphonenumber writes both 2-2-2-2
    db.execute(
        """
        INSERT INTO customers (email, phone) VALUES
          ('ola@example.no', '412 34 567'),
          ('kari@example.no', '926 54 321'),
          ('kontor@example.no', '22 12 34 56'),
          ('ny@example.no', '+4799887766');
        """);
    Fixtures.writeRun(
        run,
        List.of(
            newCustomer("new-per", "per@example.no", "+4748765432"),
            newCustomer("new-butikk", "butikk@example.no", "+4723456789"),
            newCustomer("new-svensk", "svensk@example.se", "+46701234567"),
            updated(
                "customer",
                1,
                fields("email", "ola@example.no", "phone", "+4741000000"),
                fields("phone", "+4741234567"))));
    runConfig(", phone_region: NO");
    Path mapping = mapping("like_existing");

    CliRun planned = salvageImport("plan", "--mapping", mapping.toString());

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains("phone numbers written national (region NO, from business.phone_region of ")
        .contains(
            "(3 national, 1 e164; digits grouped as most of the rows of each kind group them:"
                + " national +47 mobile 8: ### ## ### (2 of 2 rows))");
    ImportPlan plan = ImportPlan.read(run.resolve("import/plan.json"));
    assertThat(plan.counts().updates()).as("412 34 567 is +4741234567").isZero();
    CliRun applied = salvageImport("apply", "--plan-digest", plan.digest());
    assertThat(applied.exitCode()).as(applied.err()).isZero();

    assertThat(phones())
        .containsEntry("per@example.no", "487 65 432")
        .containsEntry("butikk@example.no", "23 45 67 89")
        .containsEntry("svensk@example.se", "+46 70 123 45 67");
    CliRun again = salvageImport("plan", "--mapping", mapping.toString());
    assertThat(again.out()).contains("Plan: 0 inserts, 0 updates");
  }

  @Test
  void likeExistingLearnsEachCountrysGroupingOfInternationalNumbers() throws Exception {
    db.execute(
        """
        INSERT INTO customers (email, phone) VALUES
          ('ola@example.no', '+47 412 34 567'),
          ('kari@example.no', '+47 934 56 789'),
          ('jonas@example.de', '+49 151 2345 6789'),
          ('lena@example.de', '+49 160 9876 5432'),
          ('bo@example.com', '+44 20 7946 0018');
        """);
    Fixtures.writeRun(
        run,
        List.of(
            newCustomer("new-per", "per@example.no", "+4741122334"),
            newCustomer("new-anna", "anna@example.de", "+4915212345678"),
            newCustomer("new-cy", "cy@example.com", "+442079460999")));
    Path mapping = mapping("like_existing");

    CliRun planned = salvageImport("plan", "--mapping", mapping.toString());

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains("international +47 mobile 10: +## ### ## ### (2 of 2 rows)")
        .contains("international +49 mobile 13: +## ### #### #### (2 of 2 rows)")
        .doesNotContain("+44 fixed_line");
    ImportPlan plan = ImportPlan.read(run.resolve("import/plan.json"));
    CliRun applied = salvageImport("apply", "--plan-digest", plan.digest());
    assertThat(applied.exitCode()).as(applied.err()).isZero();

    assertThat(phones())
        .containsEntry("per@example.no", "+47 411 22 334")
        .containsEntry("anna@example.de", "+49 152 1234 5678")
        .containsEntry("cy@example.com", "+44 20 7946 0999");
  }

  @Test
  void likeExistingRefusesANumberTheRowsGroupInTwoWaysEquallyOften() throws Exception {
    db.execute(
        """
        INSERT INTO customers (email, phone) VALUES
          ('ola@example.no', '412 34 567'),
          ('kari@example.no', '9265 4321');
        """);
    Fixtures.writeRun(run, List.of(newCustomer("new-per", "per@example.no", "+4748765432")));
    runConfig(", phone_region: NO");

    CliRun planned = salvageImport("plan", "--mapping", mapping("like_existing").toString());

    assertThat(planned.exitCode()).isEqualTo(1);
    assertThat(planned.err())
        .contains(
            "value '+4748765432' is a national +47 mobile number of 8 digits, which the column's"
                + " rows group in two ways equally often");
  }

  /** The mapping with no format on the phone column: numbers written as the records hold them. */
  private Path mappingWithoutFormat() throws Exception {
    return Files.writeString(temp.resolve("target.yaml"), MAPPING.replace(", format: FORMAT", ""));
  }

  /** A French clinic's patients, their numbers written as the French write them at home. */
  private void frenchNationalRows() throws Exception {
    db.execute(
        """
        INSERT INTO customers (email, phone) VALUES
          ('marie@example.fr', '06 86 76 14 11'),
          ('paul@example.fr', '07 81 22 33 44'),
          ('lea@example.fr', '01 42 68 53 00'),
          ('hugo@example.fr', '+33612345678');
        """);
    Fixtures.writeRun(
        run,
        List.of(
            newCustomer("new-zoe", "zoe@example.fr", "+33611223344"),
            updated(
                "customer",
                1,
                fields("email", "marie@example.fr", "phone", "+33686761411"),
                fields("phone", "+33699887766"))));
  }

  @Test
  void aPhoneColumnWithoutFormatWhoseRowsHoldAnotherStyleIsRefusedNamingTheCounts()
      throws Exception {
    frenchNationalRows();
    runConfig(", phone_region: FR");
    Path mapping = mappingWithoutFormat();
    String before = db.dataDump();

    CliRun planned = salvageImport("plan", "--mapping", mapping.toString());

    assertThat(planned.exitCode()).as(planned.out() + planned.err()).isEqualTo(2);
    assertThat(planned.err())
        .contains(
            mapping
                + ": entities.customer.columns.phone: column public.customers.phone sets no"
                + " format, so the plan would write phone numbers as the records hold them, in"
                + " e164 (+33611223344), but of its 4 row(s) with a value, 3 national, 1 e164"
                + " (the newest national: '01 42 68 53 00'): set format: like_existing to write them as most"
                + " rows hold them (national), or format: national")
        .contains("No plan was written: 1 phone column(s) without format");
    assertThat(run.resolve("import/plan.json")).doesNotExist();
    assertThat(db.dataDump()).isEqualTo(before);

    // the remedy the message names plans, in the rows' style
    CliRun likeRows = salvageImport("plan", "--mapping", mapping("like_existing").toString());
    assertThat(likeRows.exitCode()).as(likeRows.err()).isZero();
    assertThat(Files.readString(run.resolve("import/plan.sql")))
        .contains("'06 11 22 33 44'")
        .contains("'06 86 76 14 11' -> '06 99 88 77 66'");
  }

  @Test
  void withoutARegionNationalRowsAreInNoStyleAndTheRefusalSaysWhy() throws Exception {
    frenchNationalRows();
    runConfig("");

    CliRun planned = salvageImport("plan", "--mapping", mappingWithoutFormat().toString());

    assertThat(planned.exitCode()).as(planned.out() + planned.err()).isEqualTo(2);
    assertThat(planned.err())
        .contains(
            "of its 4 row(s) with a value, 1 e164, 3 in no style (the newest in no style: '01 42 68 53"
                + " 00')")
        .contains("national numbers are recognised only with phone_region");
  }

  @Test
  void aPhoneColumnWithoutFormatIsWrittenAsTheRecordsHoldItWhenItsRowsDoOrItHasTooFew()
      throws Exception {
    Fixtures.writeRun(run, List.of(newCustomer("new-zoe", "zoe@example.fr", "+33611223344")));
    runConfig(", phone_region: FR");
    // an empty table, then two national rows: too few to say how the application writes them
    assertThat(salvageImport("plan", "--mapping", mappingWithoutFormat().toString()).exitCode())
        .isZero();
    db.execute(
        "INSERT INTO customers (email, phone) VALUES ('a@example.fr', '06 86 76 14 11'),"
            + " ('b@example.fr', '07 81 22 33 44')");
    assertThat(salvageImport("plan", "--mapping", mappingWithoutFormat().toString()).exitCode())
        .isZero();

    db.execute(
        "INSERT INTO customers (email, phone) VALUES ('c@example.fr', '+33142685300'),"
            + " ('d@example.fr', '+33612345678'), ('e@example.fr', '+33781223344')");
    CliRun planned = salvageImport("plan", "--mapping", mappingWithoutFormat().toString());

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(Files.readString(run.resolve("import/plan.sql"))).contains("'+33611223344'");
  }
}
