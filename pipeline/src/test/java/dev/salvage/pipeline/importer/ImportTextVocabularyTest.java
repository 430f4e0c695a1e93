package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.Fixtures.fields;
import static dev.salvage.pipeline.importer.Fixtures.fresh;
import static dev.salvage.pipeline.importer.Fixtures.updated;
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
 * A physiotherapy clinic's appointments whose {@code statut} column holds French labels ({@code
 * réservé}, {@code annulé}) while the entity model's statuses are English (the backup mapping
 * translated them): written as the records hold them, the column would get a second vocabulary. The
 * rows restored from the backup show it; plan refuses until the column's {@code values} map says
 * which word the column holds for each value.
 */
class ImportTextVocabularyTest {
  private static final String MAPPING =
      """
      entities:
        appointment:
          table: public.rendez_vous
          key: {column: id, type: integer}
          natural_key: reference
          columns:
            reference: {field: reference, type: text}
            nom: {field: full_name, type: text}
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
        CREATE TABLE public.rendez_vous (
          id serial PRIMARY KEY,
          reference text NOT NULL UNIQUE,
          nom text,
          statut text);
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

  private Path mapping(String... columns) throws Exception {
    StringBuilder text = new StringBuilder(MAPPING);
    for (String column : columns) {
      text.append("      ").append(column).append('\n');
    }
    return Files.writeString(temp.resolve("target.yaml"), text.toString());
  }

  private CliRun salvageImport(String command, String... options) {
    List<String> args = new ArrayList<>(List.of("import", command, "--run", run.toString()));
    args.addAll(db.targetOptions(passwordFile));
    args.addAll(List.of(options));
    return CliRun.of(args.toArray(String[]::new));
  }

  private static final String[][] RESTORED = {
    {"RV-1", "DUPONT Marie", "réservé", "Marie Dupont", "booked"},
    {"RV-2", "MARTIN Paul", "annulé", "Paul Martin", "cancelled"},
    {"RV-3", "BERNARD Léa", "réservé", "Léa Bernard", "booked"},
    {"RV-4", "PETIT Hugo", "annulé", "Hugo Petit", "cancelled"},
    {"RV-5", "ROUX Inès", "réservé", "Inès Roux", "booked"},
  };

  /**
   * Five appointments of the backup restored into the target, their rows in the clinic's words (and
   * names written family name first, which the backup mapping read as full names), the records'
   * backup values in the entity model's; RV-1 moved since, and one new appointment.
   */
  private void restoredAppointments() throws Exception {
    StringBuilder insert =
        new StringBuilder("INSERT INTO rendez_vous (id, reference, nom, statut)");
    List<ReconstructedRecord> records = new ArrayList<>();
    for (int i = 0; i < RESTORED.length; i++) {
      String[] row = RESTORED[i];
      insert
          .append(i == 0 ? " VALUES " : ", ")
          .append(String.format("(%d, '%s', '%s', '%s')", i + 1, row[0], row[1], row[2]));
      Map<String, String> backup =
          fields("reference", row[0], "full_name", row[3], "status", row[4]);
      if (i > 0) {
        records.add(
            Fixtures.record(
                "appointment:" + (i + 1),
                "appointment",
                Action.UNCHANGED,
                1.0,
                false,
                backup,
                backup));
      } else {
        records.add(updated("appointment", 1, backup, fields("status", "moved")));
      }
    }
    db.execute(insert + "; SELECT setval(pg_get_serial_sequence('rendez_vous', 'id'), 10)");
    records.add(
        fresh(
            "appointment:new-rv9",
            "appointment",
            1.0,
            false,
            fields("reference", "RV-9", "full_name", "Zoé Blanc", "status", "booked")));
    Fixtures.writeRun(run, records);
  }

  private Map<String, String> statuts() throws Exception {
    Map<String, String> statuts = new LinkedHashMap<>();
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT reference, statut FROM rendez_vous ORDER BY id")) {
      while (rows.next()) {
        statuts.put(rows.getString(1), rows.getString(2));
      }
    }
    return statuts;
  }

  @Test
  void refusesWritingEnglishStatusesIntoAColumnOfFrenchLabelsNamingThePairsAndTheMap()
      throws Exception {
    restoredAppointments();
    Path mapping = mapping("statut: {field: status, type: text}");
    String before = db.dataDump();

    CliRun planned = salvageImport("plan", "--mapping", mapping.toString());

    assertThat(planned.exitCode()).as(planned.out() + planned.err()).isEqualTo(2);
    assertThat(planned.err())
        .contains(
            mapping
                + ": entities.appointment.columns.statut: the plan would write other words than"
                + " the rows of public.rendez_vous restored from the backup hold for the same"
                + " values: 5 of the 5 compared hold, for each planned value, one other word (2"
                + " pair(s): 'booked' held as 'réservé', 'cancelled' held as 'annulé'; appointment:")
        .contains(
            "appointment:1: the backup's status 'booked' is planned as 'booked', the row holds"
                + " 'réservé'")
        .contains("values: {booked: réservé, cancelled: annulé}")
        .contains("No plan was written")
        // the names differ from every row too, but hold no vocabulary: never refused
        .doesNotContain("columns.nom");
    assertThat(run.resolve("import/plan.json")).doesNotExist();
    assertThat(db.dataDump()).isEqualTo(before);
  }

  @Test
  void aValuesMapWritesTheColumnsWordsAndRefusesAValueItLacks() throws Exception {
    restoredAppointments();
    Path partial =
        mapping(
            "statut: {field: status, type: text, values: {booked: réservé, cancelled: annulé}}");

    CliRun refused = salvageImport("plan", "--mapping", partial.toString());

    assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(1);
    assertThat(refused.err())
        .contains(
            "Cannot plan appointment 1: column public.rendez_vous.statut is text, value 'moved'"
                + " of field status is not in the column's values (booked, cancelled): add it to"
                + " entities.appointment.columns.statut.values");
    assertThat(run.resolve("import/plan.json")).doesNotExist();

    Path whole =
        mapping(
            "statut: {field: status, type: text, values: {booked: réservé, cancelled: annulé,"
                + " moved: déplacé}}");
    CliRun planned = salvageImport("plan", "--mapping", whole.toString());
    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out()).contains("Plan: 1 inserts, 1 updates");
    assertThat(Files.readString(run.resolve("import/plan.sql"))).contains("'réservé' -> 'déplacé'");
    CliRun applied =
        salvageImport(
            "apply", "--plan-digest", ImportPlan.read(run.resolve("import/plan.json")).digest());
    assertThat(applied.exitCode()).as(applied.err()).isZero();

    assertThat(statuts())
        .containsEntry("RV-1", "déplacé")
        .containsEntry("RV-2", "annulé")
        .containsEntry("RV-9", "réservé");
    assertThat(salvageImport("plan", "--mapping", whole.toString()).out())
        .contains("Plan: 0 inserts, 0 updates");
  }

  @Test
  void aTargetWithoutTheBackupsRowsHasNothingToCompare() throws Exception {
    Fixtures.writeRun(
        run,
        List.of(
            fresh(
                "appointment:new-rv9",
                "appointment",
                1.0,
                false,
                fields("reference", "RV-9", "full_name", "Zoé Blanc", "status", "booked"))));
    Path mapping = mapping("statut: {field: status, type: text}");

    CliRun planned = salvageImport("plan", "--mapping", mapping.toString());

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out()).contains("Plan: 1 inserts, 0 updates");
  }

  @Test
  void aFreeTextColumnThatDiffersFromEveryRestoredRowIsNotRefused() throws Exception {
    restoredAppointments();
    // five rows, five names, each written otherwise than the backup mapping read it: no
    // vocabulary, so no word to map
    Path mapping = mapping();

    CliRun planned = salvageImport("plan", "--mapping", mapping.toString());

    assertThat(planned.exitCode()).as(planned.err()).isZero();
  }
}
