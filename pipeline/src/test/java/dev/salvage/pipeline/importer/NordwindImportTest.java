package dev.salvage.pipeline.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.pipeline.NordwindRun;
import dev.salvage.pipeline.bundle.Decisions;
import dev.salvage.pipeline.bundle.Json;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.RunLayout;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second sample business's run imported into its own database, restored from its backup into
 * PostgreSQL (the pg_dump, with psql) and into MariaDB (the mysqldump of the same rows, with the
 * mariadb client): plan, apply, the lost bookings then in the tables as the truth has them, a new
 * plan finds nothing to do, and undo.sql gives back exactly the restored tables.
 */
class NordwindImportTest {
  static NordwindRun nordwind;
  static List<ReconstructedRecord> records;
  static TargetMapping mapping;
  static Map<String, JsonNode> lostBookings = new HashMap<>();
  static Map<String, String> fullNames = new HashMap<>();

  @TempDir Path temp;

  @BeforeAll
  static void runOnce() throws Exception {
    nordwind = NordwindRun.get();
    records = RunLayout.of(nordwind.run()).records().readAll();
    mapping = TargetMapping.load(nordwind.scenario().resolve("target.yaml"));
    for (String line :
        Files.readAllLines(nordwind.scenario().resolve("truth").resolve("clients.jsonl"))) {
      JsonNode client = Json.MAPPER.readTree(line);
      fullNames.put(client.path("email").asText(), client.path("full_name").asText());
    }
    for (String line :
        Files.readAllLines(nordwind.scenario().resolve("truth").resolve("bookings.jsonl"))) {
      JsonNode booking = Json.MAPPER.readTree(line);
      if (booking.path("lost").asBoolean()) {
        lostBookings.put(booking.path("booking_no").asText(), booking);
      }
    }
  }

  /** What a target database must let the test do: connect, dump its data, run undo.sql. */
  private interface Target {
    Connection connect() throws SQLException;

    String dataDump() throws Exception;

    int runScript(Path file) throws Exception;

    String url();
  }

  @Test
  void importsIntoPostgresRestoredFromThePgDump() throws Exception {
    try (TestDatabase db = TestDatabase.create()) {
      assertThat(db.restore(nordwind.scenario().resolve("backup/backup.sql"), temp)).isZero();
      planApplyRerunAndUndo(
          new Target() {
            public Connection connect() throws SQLException {
              return db.connect();
            }

            public String dataDump() throws Exception {
              return db.dataDump();
            }

            public int runScript(Path file) throws Exception {
              return db.psql(file);
            }

            public String url() {
              return db.url;
            }
          },
          temp.resolve("pg"));
    }
  }

  @Test
  void importsIntoMariaDbRestoredFromTheMysqldump() throws Exception {
    try (MariaDbDatabase db = MariaDbDatabase.create()) {
      assertThat(db.client(nordwind.scenario().resolve("backup/backup-mariadb.sql"))).isZero();
      planApplyRerunAndUndo(
          new Target() {
            public Connection connect() throws SQLException {
              return db.connect();
            }

            public String dataDump() throws Exception {
              return db.dataDump();
            }

            public int runScript(Path file) throws Exception {
              return db.client(file);
            }

            public String url() {
              return db.url;
            }
          },
          temp.resolve("mariadb"));
    }
  }

  private void planApplyRerunAndUndo(Target db, Path importDir) throws Exception {
    String before = db.dataDump();
    ImportPlan plan = plan(db);
    assertThat(plan.counts().inserts()).as("rows inserted").isPositive();
    assertThat(plan.counts().updates()).as("rows updated").isPositive();
    // a client known only from Stripe or a calendar has one full name: first_name and last_name
    // take its parts (they were left NULL), and no record is left out for lacking a value
    assertThat(plan.skipped())
        .extracting(ImportPlan.Skip::reason)
        .noneMatch(reason -> reason.startsWith("no value for") || reason.contains("parent"));
    List<ImportPlan.Step> derived =
        plan.steps().stream()
            .filter(step -> step.values().stream().anyMatch(value -> value.derived() != null))
            .toList();
    assertThat(derived).as("clients whose names were split from a full name").isNotEmpty();
    for (ImportPlan.Step step : derived) {
      Map<String, String> values = new HashMap<>();
      step.values().forEach(value -> values.put(value.column(), value.value()));
      assertThat(values.get("first_name") + " " + values.get("last_name"))
          .as(step.record())
          .isEqualTo(fullNames.get(values.get("email")));
    }
    try (Connection connection = db.connect()) {
      new Applier(500, (done, total) -> {}).apply(connection, plan, plan.digest(), importDir);
    }

    // every lost booking imported is in the table as the truth has it
    int imported = 0;
    int right = 0;
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT b.booking_no, c.email, b.car_id, b.pickup_at, b.return_at, b.status,"
                    + " b.price FROM bookings b JOIN clients c ON c.client_id = b.client_id")) {
      while (rows.next()) {
        JsonNode truth = lostBookings.get(rows.getString(1));
        if (truth == null) {
          continue;
        }
        imported++;
        boolean same =
            truth.path("client_email").asText().equals(rows.getString(2))
                && truth.path("car_id").asText().equals(rows.getString(3))
                && Instant.parse(truth.path("pickup_at").asText())
                    .equals(rows.getTimestamp(4).toInstant())
                && Instant.parse(truth.path("return_at").asText())
                    .equals(rows.getTimestamp(5).toInstant())
                && truth.path("status").asText().equals(rows.getString(6))
                && new BigDecimal(truth.path("price_cents").asText())
                        .movePointLeft(2)
                        .compareTo(rows.getBigDecimal(7))
                    == 0;
        right += same ? 1 : 0;
      }
    }
    assertThat(imported).as("lost bookings in the table").isGreaterThan(lostBookings.size() / 2);
    assertThat((double) right / imported)
        .as("imported bookings as in the truth")
        .isGreaterThan(0.97);

    String afterApply = db.dataDump();
    assertThat(afterApply).isNotEqualTo(before);
    ImportPlan again = plan(db);
    assertThat(again.steps()).as("a rerun plans nothing").isEmpty();
    assertThat(db.dataDump()).isEqualTo(afterApply);

    assertThat(db.runScript(importDir.resolve("undo.sql"))).isZero();
    assertThat(db.dataDump()).as("undo gives back the restored backup").isEqualTo(before);
  }

  private static ImportPlan plan(Target db) throws Exception {
    try (Connection connection = db.connect()) {
      return new Planner(mapping, mapping.policy(), Decisions.none())
          .plan(connection, new ArrayList<>(records), "nordwind", db.url());
    }
  }
}
