package dev.salvage.pipeline.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salvage.pipeline.bundle.Decisions;
import dev.salvage.pipeline.bundle.Json;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Change;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Evidence;
import dev.salvage.pipeline.bundle.ReconstructedRecord.FieldValue;
import dev.salvage.pipeline.bundle.RunLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checked-in sample scenario: its backup restored with psql, every lost record of its truth
 * approved as Salvage would emit it, planned and applied; the database then equals the truth.
 */
class SampleScenarioImportTest {
  private static final Path SCENARIO = Path.of("../samples/scenario");
  private static final ObjectMapper JSON = Json.MAPPER;
  private static final List<String> CUSTOMER_FIELDS =
      List.of("email", "full_name", "phone", "stripe_customer_id");
  private static final List<String> RESERVATION_FIELDS =
      List.of(
          "reference",
          "customer_email",
          "vehicle",
          "pickup_location",
          "pickup_at",
          "return_at",
          "status",
          "total_cents",
          "currency",
          "stripe_payment_intent_id");

  @TempDir Path temp;

  private static List<JsonNode> truth(String name) throws Exception {
    List<JsonNode> rows = new ArrayList<>();
    for (String line : Files.readAllLines(SCENARIO.resolve("truth/" + name + ".jsonl"))) {
      rows.add(JSON.readTree(line));
    }
    return rows;
  }

  private static ReconstructedRecord fromTruth(String entity, JsonNode row, List<String> names) {
    boolean inBackup = row.path("in_backup").asBoolean();
    String id =
        inBackup ? entity + ":" + row.get("id").asText() : entity + ":t" + row.get("id").asText();
    String ref = "truth:" + entity + "/" + row.get("id").asText();
    Map<String, FieldValue> fields = new LinkedHashMap<>();
    List<Change> changes = new ArrayList<>();
    for (String name : names) {
      JsonNode value = row.get(name);
      if (value != null && !value.isNull()) {
        fields.put(name, new FieldValue(value.asText(), List.of(ref), 1.0));
        changes.add(new Change(name, null, value.asText(), List.of(ref)));
      }
    }
    return new ReconstructedRecord(
        id,
        entity,
        inBackup ? Action.UPDATED : Action.NEW,
        1.0,
        false,
        List.of(),
        fields,
        inBackup ? Map.of() : null,
        inBackup ? "backup:" + entity + "s#" + row.get("id").asText() : null,
        inBackup ? changes : List.of(),
        Map.of(),
        List.of(
            new Evidence(
                ref, "truth", "test", row.path("created_at").asText("2026-01-01T00:00:00Z"))),
        List.of());
  }

  @Test
  void theRestoredBackupEqualsTheTruthAfterApplyingEveryLostRecord() throws Exception {
    List<JsonNode> customers =
        truth("customers").stream().filter(r -> r.path("lost").asBoolean()).toList();
    List<JsonNode> reservations =
        truth("reservations").stream().filter(r -> r.path("lost").asBoolean()).toList();
    assertThat(customers).isNotEmpty();
    assertThat(reservations).isNotEmpty();
    List<ReconstructedRecord> records = new ArrayList<>();
    customers.forEach(row -> records.add(fromTruth("customer", row, CUSTOMER_FIELDS)));
    reservations.forEach(row -> records.add(fromTruth("reservation", row, RESERVATION_FIELDS)));
    Path run = Fixtures.writeRun(temp.resolve("run"), records);

    try (TestDatabase db = TestDatabase.create()) {
      assertThat(db.restore(SCENARIO.resolve("backup/backup.sql"), temp)).isZero();
      String before = db.dataDump();
      TargetMapping mapping = TargetMapping.load(SCENARIO.resolve("target.yaml"));
      ImportPlan plan;
      try (Connection connection = db.connect()) {
        plan =
            new Planner(mapping, mapping.policy(), Decisions.none())
                .plan(connection, RunLayout.of(run).records().readAll(), "sample", db.url);
      }
      assertThat(plan.skipped())
          .as(
              "skipped: %s",
              plan.skipped().stream().map(ImportPlan.Skip::reason).collect(Collectors.toSet()))
          .allSatisfy(skip -> assertThat(skip.reason()).startsWith("already up to date"));
      try (Connection connection = db.connect()) {
        new Applier(500, (done, total) -> {})
            .apply(connection, plan, plan.digest(), run.resolve("import"));
      }

      try (Connection connection = db.connect();
          Statement statement = connection.createStatement()) {
        statement.execute("SET TIME ZONE 'UTC'");
        for (JsonNode row : customers) {
          assertRow(
              connection,
              "SELECT email, full_name, phone, stripe_customer_id FROM customers WHERE email = ?",
              row,
              CUSTOMER_FIELDS);
        }
        for (JsonNode row : reservations) {
          assertRow(
              connection,
              "SELECT r.reference, c.email AS customer_email, r.vehicle_plate AS vehicle,"
                  + " r.pickup_location_code AS pickup_location,"
                  + " to_char(r.pickup_at, 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS pickup_at,"
                  + " to_char(r.return_at, 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS return_at,"
                  + " r.status, r.total_cents::text AS total_cents, r.currency, r.stripe_payment_intent_id"
                  + " FROM reservations r JOIN customers c ON c.id = r.customer_id WHERE r.reference = ?",
              row,
              RESERVATION_FIELDS);
        }
      }
      assertThat(db.psql(run.resolve("import/undo.sql"))).isZero();
      assertThat(db.dataDump()).isEqualTo(before);
    }
  }

  private static void assertRow(
      Connection connection, String sql, JsonNode truth, List<String> names) throws Exception {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, truth.get(names.get(0)).asText());
      try (ResultSet rows = statement.executeQuery()) {
        assertThat(rows.next()).as("row for %s", truth.get(names.get(0))).isTrue();
        for (String name : names) {
          JsonNode expected = truth.get(name);
          assertThat(rows.getString(name))
              .as("%s of %s", name, truth.get(names.get(0)).asText())
              .isEqualTo(expected == null || expected.isNull() ? null : expected.asText());
        }
      }
    }
  }
}
