package dev.salvage.pipeline.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.pipeline.bundle.Json;
import dev.salvage.pipeline.cli.CliRun;
import dev.salvage.pipeline.importer.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The acceptance chain of the review and import issues on the checked-in sample: one pipeline run
 * through the CLI on embedded Flink; a reviewer in headless Chromium approves, edits, rejects and
 * bulk-approves; then {@code salvage import plan} and {@code apply} against a database restored
 * from the sample's backup write exactly what was decided. Records are picked by their properties
 * and every expectation is derived from the run's records.jsonl, so a change in linking that
 * changes the counts does not break it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleReviewToImportTest {
  private static final Path SCENARIO = Path.of("../samples/scenario");
  private static final String REVIEWER = "acceptance";
  private static final String REJECT_REASON = "test booking";
  private static final String EDIT_REASON = "name checked on the driving licence";
  private static final double BULK_MIN_CONFIDENCE = 0.99;

  /** samples/scenario/target.yaml's policy for records without a decision. */
  private static final Set<String> POLICY_APPROVES = Set.of("NEW", "UPDATED");

  private static final double POLICY_MIN_CONFIDENCE = 1.0;

  /** How the planner words a skip that comes from a decision or the policy, not from the data. */
  private static final Pattern REFUSALS =
      Pattern.compile(
          "rejected|unchanged:|conflict:|flagged for review:|the policy does not approve|confidence"
              + " \\S+ is below the policy");

  /** The sample application's tables, by their primary key column. */
  private static final Map<String, String> TABLE_KEYS =
      Map.of(
          "customers", "id",
          "reservations", "id",
          "payments", "id",
          "vehicles", "plate",
          "locations", "code");

  private static final List<String> TABLES = List.copyOf(TABLE_KEYS.keySet());

  private Path work;
  private Path run;
  private int runExit;
  private final Map<String, JsonNode> records = new LinkedHashMap<>();
  private JsonNode approved;
  private JsonNode edited;
  private JsonNode rejected;
  private String editedName;

  @BeforeAll
  void runTheSample() throws Exception {
    work = Files.createTempDirectory("salvage-accept");
    run = work.resolve("run");
    runExit =
        CliRun.of(
                "run",
                "--config",
                SCENARIO.resolve("salvage.yaml").toString(),
                "--out",
                run.toString(),
                "--parallelism",
                "2")
            .exitCode();
    if (runExit != 0) {
      return;
    }
    for (String line : Files.readAllLines(run.resolve("review/records.jsonl"))) {
      JsonNode record = Json.MAPPER.readTree(line);
      records.put(record.path("id").asText(), record);
    }
    approved = first(r -> is(r, "customer", "UPDATED") && r.path("changes").size() > 0);
    edited = first(r -> is(r, "customer", "NEW") && r.path("fields").has("full_name"));
    // one that would be inserted but for the rejection: it names its customer, car and place
    rejected =
        first(
            r ->
                is(r, "reservation", "NEW")
                    && r.path("fields").has("customer_email")
                    && r.path("fields").has("vehicle")
                    && r.path("fields").has("pickup_location"));
    editedName = edited.path("fields").path("full_name").path("value").asText() + " Correia";
  }

  @AfterAll
  void removeWorkDirectory() throws Exception {
    try (var paths = Files.walk(work)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  @Order(1)
  void aReviewerDecidesInTheBrowserAndTheDecisionsFileAgreesWithTheUiAfterReload()
      throws Exception {
    assertThat(runExit).as("salvage run exit code").isZero();
    ChromeDriver driver = Browser.start(work.resolve("profile"));
    try (ReviewServer server = ReviewServer.start(run, "127.0.0.1", 0, REVIEWER)) {
      ReviewPage page = new ReviewPage(driver, Duration.ofSeconds(30));
      driver.get(server.url().toString());
      page.waitForQueue(records.size());

      page.pick(id(approved));
      page.pressKey("a");
      page.waitForDecision(id(approved), "approve");

      page.pick(id(edited));
      page.edit("full_name", editedName, EDIT_REASON);
      page.waitForDecision(id(edited), "edit");

      page.pick(id(rejected));
      page.reject(REJECT_REASON);
      page.waitForDecision(id(rejected), "reject");

      // bulk approval leaves flagged records out: they stay undecided
      List<String> flaggedNew =
          ids(
              r ->
                  is(r, null, "NEW")
                      && confidence(r) >= BULK_MIN_CONFIDENCE
                      && r.path("flagged").asBoolean());
      List<String> confidentNew =
          ids(
              r ->
                  is(r, null, "NEW")
                      && confidence(r) >= BULK_MIN_CONFIDENCE
                      && !r.path("flagged").asBoolean());
      page.filter(
          "NEW", Double.toString(BULK_MIN_CONFIDENCE), confidentNew.size() + flaggedNew.size());
      page.bulkApprove();
      page.waiting()
          .until(
              d ->
                  page.shownDecisions().entrySet().stream()
                      .allMatch(e -> !e.getValue().isEmpty() || flaggedNew.contains(e.getKey())));

      driver.navigate().refresh();
      page.waitForQueue(records.size());
      Map<String, String> expected = new HashMap<>();
      confidentNew.forEach(id -> expected.put(id, "approve"));
      expected.put(id(approved), "approve");
      expected.put(id(edited), "edit");
      expected.put(id(rejected), "reject");
      List<JsonNode> lines = ReviewApi.decisions(run);
      assertThat(ReviewPage.effectiveDecisions(lines)).isEqualTo(expected);
      Map<String, String> shown = page.shownDecisions();
      assertThat(shown.keySet()).isEqualTo(records.keySet());
      shown.forEach(
          (id, decision) -> assertThat(decision).as(id).isEqualTo(expected.getOrDefault(id, "")));
      JsonNode edit =
          lines.stream()
              .filter(l -> l.path("decision").asText().equals("edit"))
              .findFirst()
              .orElseThrow();
      assertThat(edit.path("edits").path("full_name").asText()).isEqualTo(editedName);
      assertThat(edit.path("reason").asText()).isEqualTo(EDIT_REASON);
      assertThat(edit.path("who").asText()).isEqualTo(REVIEWER);

      page.pick(id(edited));
      WebElement name = driver.findElement(By.cssSelector("#fields tr[data-field='full_name']"));
      assertThat(name.getAttribute("class")).contains("edited");
      assertThat(name.getText()).contains(editedName);
      Browser.screenshot(driver, "sample-review-page");

      driver.get(run.resolve("review/report.html").toUri().toString());
      assertThat(driver.findElements(By.cssSelector("svg#timeline rect.bar"))).isNotEmpty();
      Matcher count =
          Pattern.compile("of (\\d+) records")
              .matcher(driver.findElement(By.id("f-count")).getText());
      assertThat(count.find()).isTrue();
      assertThat(Integer.parseInt(count.group(1))).isGreaterThanOrEqualTo(records.size());
      assertThat(driver.findElements(By.cssSelector("#records tbody tr"))).isNotEmpty();
      assertThat(Files.size(Browser.screenshot(driver, "sample-report"))).isGreaterThan(1000);
    } finally {
      driver.quit();
    }
  }

  @Test
  @Order(2)
  void importPlanAndApplyWriteExactlyTheDecisionsIntoTheRestoredBackup() throws Exception {
    assertThat(runExit).as("salvage run exit code").isZero();
    Map<String, String> decided = ReviewPage.effectiveDecisions(ReviewApi.decisions(run));
    assumeTrue(!decided.isEmpty(), "no decisions: the browser review did not run");
    try (TestDatabase db = TestDatabase.create()) {
      assertThat(db.restore(SCENARIO.resolve("backup/backup.sql"), work)).isZero();
      try (Connection sql = db.connect()) {
        importAndCheck(db, sql, decided);
      }
    }
  }

  /** Plans and applies through the CLI as the walk-through does, then checks every table. */
  private void importAndCheck(TestDatabase db, Connection sql, Map<String, String> decided)
      throws Exception {
    try (Statement zone = sql.createStatement()) {
      zone.execute("SET TIME ZONE 'UTC'");
    }
    Map<String, Map<String, String>> before = new HashMap<>();
    for (String table : TABLES) {
      before.put(table, rows(sql, table));
    }
    Path passwordFile = work.resolve("target-password");
    Files.writeString(passwordFile, db.password, StandardCharsets.UTF_8);
    List<String> target = new ArrayList<>(List.of("--run", run.toString()));
    target.addAll(db.targetOptions(passwordFile));

    CliRun planned = salvage("import", "plan", target);
    assertThat(planned.exitCode()).as(planned.err()).isZero();
    Matcher digest = Pattern.compile("(?m)^digest ([0-9a-f]{64})$").matcher(planned.out());
    assertThat(digest.find()).as(planned.out()).isTrue();
    JsonNode plan = Json.MAPPER.readTree(run.resolve("import/plan.json").toFile());
    Map<String, JsonNode> steps = byRecord(plan.path("steps"));
    Map<String, JsonNode> skips = byRecord(plan.path("skipped"));

    for (JsonNode record : records.values()) {
      String id = id(record);
      String decision = decided.get(id);
      boolean approves =
          decision == null
              ? POLICY_APPROVES.contains(record.path("action").asText())
                  && !record.path("flagged").asBoolean()
                  && confidence(record) >= POLICY_MIN_CONFIDENCE
              : !decision.equals("reject");
      assertThat(steps.containsKey(id) ^ skips.containsKey(id))
          .as("%s is planned or skipped, once", id)
          .isTrue();
      String skipReason = skips.containsKey(id) ? skips.get(id).path("reason").asText() : null;
      boolean refused = skipReason != null && REFUSALS.matcher(skipReason).lookingAt();
      // an approved record may still be skipped for what the target holds or the record lacks
      // (already present, no customer to point at), never for a decision or the policy
      assertThat(refused)
          .as("%s (%s, decision %s): %s", id, record.path("action").asText(), decision, skipReason)
          .isEqualTo(!approves);
    }
    assertThat(skips.get(id(rejected)).path("reason").asText())
        .isEqualTo("rejected by " + REVIEWER + ": " + REJECT_REASON);
    assertThat(columnValue(steps.get(id(edited)), "full_name")).isEqualTo(editedName);
    assertThat(steps.get(id(approved)).path("op").asText()).isEqualTo("update");

    CliRun applied = salvage("import", "apply", target, "--plan-digest", digest.group(1));
    assertThat(applied.exitCode()).as(applied.err()).isZero();

    // every row is as before, but for the rows the plan updates and the rows it inserts
    Map<String, Set<String>> updatedKeys = new HashMap<>();
    Map<String, Set<String>> insertedKeys = new HashMap<>();
    for (JsonNode step : steps.values()) {
      String table = step.path("table").asText().replaceFirst("^public\\.", "");
      boolean insert = step.path("op").asText().equals("insert");
      (insert ? insertedKeys : updatedKeys)
          .computeIfAbsent(table, t -> new HashSet<>())
          .add(step.path(insert ? "naturalValue" : "key").asText());
    }
    for (String table : TABLES) {
      Map<String, String> now = rows(sql, table);
      Map<String, String> then = before.get(table);
      Set<String> updated = updatedKeys.getOrDefault(table, Set.of());
      then.forEach(
          (key, row) -> {
            if (!updated.contains(key)) {
              assertThat(now.get(key)).as("%s row %s", table, key).isEqualTo(row);
            }
          });
      assertThat(now.keySet()).as(table).containsAll(then.keySet());
      Set<String> added = new HashSet<>(now.keySet());
      added.removeAll(then.keySet());
      Set<String> addedNaturals = new HashSet<>();
      for (String key : added) {
        addedNaturals.add(naturalKey(sql, table, key));
      }
      assertThat(addedNaturals)
          .as("rows inserted into " + table)
          .isEqualTo(insertedKeys.getOrDefault(table, Set.of()));
    }
    assertThat(insertedKeys.get("reservations")).doesNotContain(field(rejected, "reference"));
    assertThat(
            column(sql, "SELECT full_name FROM customers WHERE email = ?", field(edited, "email")))
        .containsExactly(editedName);
    for (JsonNode change : approved.path("changes")) {
      String column = change.path("field").asText();
      assertThat(
              column(
                  sql,
                  "SELECT " + column + " FROM customers WHERE id = ?::bigint",
                  approved.path("backupRef").asText().replaceAll(".*#", "")))
          .as("%s of %s", column, id(approved))
          .containsExactly(change.path("after").asText());
    }
    for (JsonNode step : steps.values()) {
      assertWritten(sql, step);
    }

    String afterApply = db.dataDump();
    CliRun again = salvage("import", "apply", target, "--plan-digest", digest.group(1));
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("already applied", "nothing changed");
    assertThat(db.dataDump()).isEqualTo(afterApply);
  }

  /** Every text and integer column the step planned holds the planned value in the database. */
  private static void assertWritten(Connection sql, JsonNode step) throws Exception {
    String where =
        step.path("op").asText().equals("insert")
            ? step.path("naturalKey").asText() + " = ?"
            : step.path("keyColumn").asText() + " = ?::bigint";
    String key =
        step.path("op").asText().equals("insert")
            ? step.path("naturalValue").asText()
            : step.path("key").asText();
    for (JsonNode value : step.path("values")) {
      String type = value.path("type").asText();
      if (value.has("lookup") || value.path("now").asBoolean() || !value.has("value")) {
        continue;
      }
      if (type.equalsIgnoreCase("text") || type.equalsIgnoreCase("integer")) {
        String column = value.path("column").asText();
        assertThat(
                column(
                    sql,
                    "SELECT "
                        + column
                        + "::text FROM "
                        + step.path("table").asText()
                        + " WHERE "
                        + where,
                    key))
            .as("%s of %s", column, step.path("record").asText())
            .containsExactly(value.path("value").asText());
      }
    }
  }

  private static CliRun salvage(String command, String sub, List<String> target, String... more) {
    List<String> args = new ArrayList<>(List.of(command, sub));
    args.addAll(target);
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  private static Set<String> column(Connection connection, String sql, String... parameters)
      throws Exception {
    Set<String> values = new HashSet<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setString(i + 1, parameters[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          assertThat(values.add(rows.getString(1))).as("one row for %s", sql).isTrue();
        }
      }
    }
    return values;
  }

  private static Map<String, JsonNode> byRecord(JsonNode list) {
    Map<String, JsonNode> byId = new HashMap<>();
    for (JsonNode item : list) {
      assertThat(byId.put(item.path("record").asText(), item))
          .as("%s appears once", item.path("record").asText())
          .isNull();
    }
    return byId;
  }

  private static String columnValue(JsonNode step, String column) {
    for (JsonNode value : step.path("values")) {
      if (value.path("column").asText().equals(column)) {
        return value.path("value").asText();
      }
    }
    return null;
  }

  /** Every row of a table as text, by its primary key (the first column). */
  private static Map<String, String> rows(Connection connection, String table) throws Exception {
    Map<String, String> rows = new HashMap<>();
    try (Statement statement = connection.createStatement()) {
      try (ResultSet result =
          statement.executeQuery("SELECT (row_to_json(t)::jsonb) AS row FROM " + table + " t")) {
        while (result.next()) {
          JsonNode row = Json.MAPPER.readTree(result.getString(1));
          String key = row.path(TABLE_KEYS.get(table)).asText();
          assertThat(rows.put(key, row.toString())).as("%s key %s", table, key).isNull();
        }
      }
    }
    return rows;
  }

  private static String naturalKey(Connection sql, String table, String key) throws Exception {
    String natural = table.equals("customers") ? "email" : "reference";
    Set<String> values =
        column(sql, "SELECT " + natural + " FROM " + table + " WHERE id = ?::bigint", key);
    assertThat(values).hasSize(1);
    return values.iterator().next();
  }

  private JsonNode first(Predicate<JsonNode> property) {
    return records.values().stream()
        .filter(r -> confidence(r) >= 1.0 && !r.path("flagged").asBoolean())
        .filter(property)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("The sample run has no such record"));
  }

  private List<String> ids(Predicate<JsonNode> property) {
    return records.values().stream().filter(property).map(SampleReviewToImportTest::id).toList();
  }

  private static boolean is(JsonNode record, String entity, String action) {
    return (entity == null || record.path("entity").asText().equals(entity))
        && record.path("action").asText().equals(action);
  }

  private static double confidence(JsonNode record) {
    return record.path("confidence").asDouble();
  }

  private static String field(JsonNode record, String name) {
    return record.path("fields").path(name).path("value").asText();
  }

  private static String id(JsonNode record) {
    return record.path("id").asText();
  }
}
