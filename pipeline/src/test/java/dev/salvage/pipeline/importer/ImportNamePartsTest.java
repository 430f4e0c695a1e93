package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.Fixtures.fields;
import static dev.salvage.pipeline.importer.Fixtures.fresh;
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
 * A client known only from a Stripe card or a calendar title has one full name; a table whose given
 * and family name columns are NOT NULL takes it through the columns' {@code fallback}, split as the
 * mappings split names, into a real PostgreSQL. A name that cannot be split leaves the record out
 * with its reason, never a guessed empty string.
 */
class ImportNamePartsTest {
  /** A German application's table: given and family names required, no full name column. */
  private static final String MAPPING =
      """
      entities:
        client:
          table: public.kunden
          key: {column: id, type: integer}
          natural_key: email
          columns:
            email:    {field: email, type: text}
            vorname:  {field: first_name, type: text FALLBACK_GIVEN}
            nachname: {field: last_name, type: text FALLBACK_FAMILY}
      """;

  private static final String ENTITIES =
      """
      entities:
        client:
          keys: [email]
          fields:
            email: email
            full_name: text
            first_name: text
            last_name: text
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
        CREATE TABLE public.kunden (
          id serial PRIMARY KEY,
          email text NOT NULL UNIQUE,
          vorname varchar(40) NOT NULL,
          nachname varchar(40) NOT NULL);
        INSERT INTO kunden (email, vorname, nachname) VALUES ('alt@example.com', 'Jonas', 'Alt');
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

  private Path mapping(String given, String family) throws Exception {
    return Files.writeString(
        temp.resolve("target.yaml"),
        MAPPING.replace("FALLBACK_GIVEN", given).replace("FALLBACK_FAMILY", family));
  }

  private CliRun salvageImport(String command, String... options) {
    List<String> args = new ArrayList<>(List.of("import", command, "--run", run.toString()));
    args.addAll(db.targetOptions(passwordFile));
    args.addAll(List.of(options));
    return CliRun.of(args.toArray(String[]::new));
  }

  /** A NEW client the policy approves, as a Stripe card or a calendar title gives it. */
  private static ReconstructedRecord fromStripe(String id, String email, String fullName) {
    return fresh(
        "client:" + id, "client", 1.0, false, fields("email", email, "full_name", fullName));
  }

  private Map<String, String> clients() throws Exception {
    Map<String, String> clients = new LinkedHashMap<>();
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT email, vorname, nachname FROM kunden ORDER BY id")) {
      while (rows.next()) {
        clients.put(rows.getString(1), rows.getString(2) + " | " + rows.getString(3));
      }
    }
    return clients;
  }

  private static String reason(ImportPlan plan, String record) {
    return plan.skipped().stream()
        .filter(skip -> skip.record().equals(record))
        .map(ImportPlan.Skip::reason)
        .findFirst()
        .orElse(null);
  }

  @Test
  void splitsFullNameWhenTheTableNeedsGivenAndFamily() throws Exception {
    Fixtures.writeRun(
        run,
        List.of(
            fromStripe("new-anna", "anna@example.com", "Anna van der Berg"),
            fromStripe("new-comma", "lind@example.com", "Lind, Karl Otto"),
            // mail gave the names apart: they are taken as they are, not split again
            fresh(
                "client:new-maria",
                "client",
                1.0,
                false,
                fields(
                    "email", "maria@example.com",
                    "full_name", "María José García López",
                    "first_name", "María José",
                    "last_name", "García López")),
            fromStripe("new-cher", "cher@example.com", "Cher"),
            fromStripe("new-initial", "initial@example.com", "A. Berg")));

    // the gap: without a fallback the required columns have no value for a Stripe-only client
    CliRun without = salvageImport("plan", "--mapping", mapping("", "").toString());
    assertThat(without.exitCode()).as(without.err()).isZero();
    assertThat(reason(ImportPlan.read(run.resolve("import/plan.json")), "client:new-anna"))
        .startsWith(
            "a new client lacking first_name, last_name: public.kunden.vorname is NOT NULL without"
                + " a default, so the target would refuse the row; public.kunden.nachname is NOT"
                + " NULL without a default");

    Path mapping =
        mapping(
            ", fallback: {field: full_name, name: given}",
            ", fallback: {field: full_name, name: family}");
    CliRun planned = salvageImport("plan", "--mapping", mapping.toString());

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains("Plan: 3 inserts, 0 updates, 2 records skipped")
        .contains("Derived: 4 inserted value(s) are a part of a name the record held whole")
        // lost records the target refused are named, not counted among rows already there
        .containsPattern("\\s+0  already in the target \\(present, or up to date\\)\\n")
        .contains(
            "Kept out by the target (each stays lost unless edited in review or mapped again):\n"
                + "  client:new-cher: no value for public.kunden.nachname, which is required:")
        .contains("  client:new-initial: no value for public.kunden.vorname, which is required:");
    ImportPlan plan = ImportPlan.read(run.resolve("import/plan.json"));
    assertThat(reason(plan, "client:new-cher"))
        .isEqualTo(
            "no value for public.kunden.nachname, which is required: the record has no last_name,"
                + " and its full_name 'Cher' has no family name to take (a single word cannot be"
                + " split); enter last_name in salvage review (edit) or reject the record");
    assertThat(reason(plan, "client:new-initial"))
        .isEqualTo(
            "no value for public.kunden.vorname, which is required: the record has no first_name,"
                + " and the given name of its full_name 'A. Berg' is only an initial ('A.'); enter"
                + " first_name in salvage review (edit) or reject the record");
    String planSql = Files.readString(run.resolve("import/plan.sql"));
    assertThat(planSql)
        .contains(
            "--   vorname = 'Anna' derived: the given name of full_name 'Anna van der Berg' (the"
                + " record has no first_name)")
        .contains(
            "--   nachname = 'van der Berg' derived: the family name of full_name 'Anna van der"
                + " Berg' (the record has no last_name)")
        .doesNotContain("'María José' derived")
        .doesNotContain("''");
    assertThat(
            plan.steps().stream()
                .filter(step -> step.record().equals("client:new-maria"))
                .flatMap(step -> step.values().stream())
                .filter(value -> value.derived() != null))
        .isEmpty();

    CliRun applied = salvageImport("apply", "--plan-digest", plan.digest());
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(clients())
        .containsExactly(
            Map.entry("alt@example.com", "Jonas | Alt"),
            Map.entry("anna@example.com", "Anna | van der Berg"),
            Map.entry("lind@example.com", "Karl Otto | Lind"),
            Map.entry("maria@example.com", "María José | García López"));

    // an operator who enters the family name Cher lacked gets the record in
    Fixtures.decide(run, "d1", "client:new-cher", "edit", Map.of("last_name", "Sarkisian"), null);
    CliRun again = salvageImport("plan", "--mapping", mapping.toString());
    assertThat(again.out()).contains("Plan: 1 inserts, 0 updates, 4 records skipped");
    assertThat(Files.readString(run.resolve("import/plan.sql")))
        .contains("vorname = 'Cher' derived: the given name of full_name 'Cher'")
        .doesNotContain("nachname = 'Sarkisian' derived");
  }

  @Test
  void aNameWhoseFamilyNameMayHaveOneOrTwoWordsIsSkippedNamingBothReadingsAndTheFixes()
      throws Exception {
    Fixtures.writeRun(
        run,
        List.of(
            fromStripe("new-maria", "maria@example.com", "María García López"),
            fromStripe("new-ana", "ana@example.com", "Ana Sofía Pérez"),
            fromStripe("new-anna", "anna@example.com", "Anna Berg"),
            fromStripe("new-jan", "jan@example.com", "Jan van der Berg")));
    Path mapping =
        mapping(
            ", fallback: {field: full_name, name: given}",
            ", fallback: {field: full_name, name: family}");

    CliRun planned = salvageImport("plan", "--mapping", mapping.toString());

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out()).contains("Plan: 2 inserts, 0 updates, 2 records skipped");
    ImportPlan plan = ImportPlan.read(run.resolve("import/plan.json"));
    assertThat(reason(plan, "client:new-maria"))
        .isEqualTo(
            "no value for public.kunden.vorname, which is required: the record has no first_name,"
                + " and its full_name 'María García López' splits only by a guess at how many"
                + " words its family name has: given 'María García' and family 'López', or given"
                + " 'María' and family 'García López'; enter first_name in salvage review (edit),"
                + " reject the record, or set "
                + mapping
                + ": entities.client.columns.vorname.fallback.family_words (1 for family 'López',"
                + " 2 for 'García López')");
    assertThat(reason(plan, "client:new-ana"))
        .contains(
            "'Ana Sofía Pérez' splits only by a guess at how many words its family name has:"
                + " given 'Ana Sofía' and family 'Pérez', or given 'Ana' and family 'Sofía Pérez'");
    CliRun applied = salvageImport("apply", "--plan-digest", plan.digest());
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    // a two-word name and a name whose particles mark the family name are split as before
    assertThat(clients())
        .containsExactly(
            Map.entry("alt@example.com", "Jonas | Alt"),
            Map.entry("anna@example.com", "Anna | Berg"),
            Map.entry("jan@example.com", "Jan | van der Berg"));

    // the family column refuses the same name: it is not the given column's refusal alone
    db.execute("ALTER TABLE kunden ALTER COLUMN vorname DROP NOT NULL;");
    CliRun again = salvageImport("plan", "--mapping", mapping.toString());
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(reason(ImportPlan.read(run.resolve("import/plan.json")), "client:new-maria"))
        .startsWith(
            "no value for public.kunden.nachname, which is required: the record has no last_name,"
                + " and its full_name 'María García López' splits only by a guess")
        .endsWith(
            "enter last_name in salvage review (edit), reject the record, or set "
                + mapping
                + ": entities.client.columns.nachname.fallback.family_words (1 for family"
                + " 'López', 2 for 'García López')");
  }

  @Test
  void aNameWhoseFamilyNameIsAGuessIsSplitAsTheOperatorSetFamilyWords() throws Exception {
    Fixtures.writeRun(
        run,
        List.of(
            fromStripe("new-maria", "maria@example.com", "María García López"),
            fromStripe("new-anna", "anna@example.com", "Anna Berg")));
    Path mapping =
        mapping(
            ", fallback: {field: full_name, name: given, family_words: 2}",
            ", fallback: {field: full_name, name: family, family_words: 2}");

    CliRun planned = salvageImport("plan", "--mapping", mapping.toString());

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out()).contains("Plan: 2 inserts, 0 updates, 0 records skipped");
    assertThat(Files.readString(run.resolve("import/plan.sql")))
        .contains(
            "--   nachname = 'García López' derived: the family name of full_name 'María García"
                + " López' (the record has no last_name)");
    ImportPlan plan = ImportPlan.read(run.resolve("import/plan.json"));
    CliRun applied = salvageImport("apply", "--plan-digest", plan.digest());
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(clients())
        .containsEntry("maria@example.com", "María | García López")
        .containsEntry("anna@example.com", "Anna | Berg");
  }

  @Test
  void familyFirstNamesAreSplitByTheColumnsNameOrderAndFamilyWords() throws Exception {
    Fixtures.writeRun(
        run, List.of(fromStripe("new-yui", "yui@example.com", "Nakamura Tanaka Yui")));
    Path mapping =
        mapping(
            ", fallback: {field: full_name, name: given, name_order: family_first,"
                + " family_words: 2}",
            ", fallback: {field: full_name, name: family, name_order: family_first,"
                + " family_words: 2}");

    CliRun planned = salvageImport("plan", "--mapping", mapping.toString());
    assertThat(planned.exitCode()).as(planned.err()).isZero();
    ImportPlan plan = ImportPlan.read(run.resolve("import/plan.json"));
    CliRun applied = salvageImport("apply", "--plan-digest", plan.digest());

    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(clients()).containsEntry("yui@example.com", "Yui | Nakamura Tanaka");
  }

  @Test
  void aFallbackFieldTheEntityModelLacksIsRefusedBeforeTheTargetIsRead() throws Exception {
    Fixtures.writeRun(run, List.of(fromStripe("new-anna", "anna@example.com", "Anna Berg")));
    Path config =
        Fixtures.runConfig(
                run,
                temp.resolve("config"),
                "{name: Kunden GmbH, timezone: Europe/Berlin}",
                ENTITIES)
            .getParent();
    Path mapping =
        mapping(
            ", fallback: {field: fullname, name: given}",
            ", fallback: {field: full_name, name: family}");

    CliRun planned = salvageImport("plan", "--mapping", mapping.toString());

    assertThat(planned.exitCode()).isEqualTo(2);
    assertThat(planned.err())
        .contains(
            mapping
                + ": entities.client.columns.vorname.fallback.field: entity client has no field"
                + " 'fullname' in the entity model ("
                + config.resolve("entities.yaml")
                + "; its fields: email, full_name, first_name, last_name)");
    assertThat(run.resolve("import/plan.json")).doesNotExist();
  }
}
