package dev.salvage.pipeline.review;

import dev.salvage.pipeline.bundle.Json;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Change;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Contribution;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Evidence;
import dev.salvage.pipeline.bundle.ReconstructedRecord.FieldValue;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Link;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small run directory as {@code salvage run} writes it: records of every action, their raw
 * evidence, one unlinked observation, a quarantine and a summary. Backup taken 2026-03-01.
 */
final class RunFixture {
  static final String CONFLICT_ID = "customer:7";
  static final String FLAGGED_ID = "reservation:r-flagged";
  static final String UPDATED_ID = "customer:12";
  static final String UNCHANGED_ID = "customer:3";
  static final List<String> CONFIDENT_NEW = List.of("reservation:n1", "reservation:n2");
  static final String DOUBTFUL_NEW = "reservation:n3";
  static final String MAIL_REF = "email:<confirm-n1@rentwise.test>";
  static final String STRIPE_REF = "stripe:ch_n1";

  static final String CALENDAR_REF = "calendar:lisbon@rentwise.test/evt1";

  /** How the updated customer's name was chosen: over the backup's older spelling. */
  static final FieldValue UPDATED_NAME =
      new FieldValue(
          "Cy Twombly",
          List.of(STRIPE_REF),
          0.5,
          List.of(
              new ReconstructedRecord.Alternative(
                  "Cy Twombley",
                  List.of("backup:customers#12"),
                  1,
                  "2026-03-01T00:00:00Z",
                  "older: superseded by Cy Twombly from 2026-03-08T11:00:00Z")));

  /**
   * Why the calendar event was attached to the flagged reservation: a rare name and a close pickup
   * time outweigh a one-in-98k prior and a vehicle that differs, but only to odds of 4:1, below the
   * link threshold. The calendar event has no amount.
   */
  static final Link FLAGGED_LINK =
      new Link(
          List.of(CALENDAR_REF),
          2.0,
          0.8,
          true,
          List.of(
              new Contribution(
                  "(prior)", null, null, "1 in 98257 identified reservation records", -16.58),
              new Contribution("customer_name", "Eva Duarte", "Eva Duarte", "exact", 12.32),
              new Contribution(
                  "pickup_at", "2026-03-12T10:00:00Z", "2026-03-12T10:30:00Z", "within 1h", 8.66),
              new Contribution("vehicle", "AA-13-ZZ", "AA-31-ZZ", "different", -2.4),
              new Contribution("total_cents", null, "12000", "missing", 0)));

  /** The run config summary.json names: the sample's, whose entity model types the fields. */
  static final String SAMPLE_CONFIG =
      Path.of("../samples/scenario/salvage.yaml").toAbsolutePath().normalize().toString();

  private RunFixture() {}

  static Path write(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("review"));
    List<ReconstructedRecord> records = new ArrayList<>();
    records.add(
        record(
            UNCHANGED_ID,
            "customer",
            Action.UNCHANGED,
            1.0,
            false,
            Map.of("email", "ann@example.com", "full_name", "Ann Lee"),
            Map.of("email", "ann@example.com", "full_name", "Ann Lee"),
            List.of(),
            List.of(ev("backup:customers#3", "backup", "2026-01-10T09:00:00Z"))));
    records.add(
        record(
            CONFLICT_ID,
            "customer",
            Action.CONFLICT,
            0.6,
            true,
            Map.of("email", "bob@example.com", "full_name", "Bob Stone", "phone", "+351911111111"),
            Map.of("email", "bob@example.com", "full_name", "Bob Stone", "phone", "+351922222222"),
            List.of(new Change("phone", "+351922222222", "+351911111111", List.of(MAIL_REF))),
            List.of(
                ev("backup:customers#7", "backup", "2026-01-12T10:00:00Z"),
                ev("email:<bob-1@rentwise.test>", "mail", "2026-03-05T08:00:00Z"))));
    records.add(
        record(
            UPDATED_ID,
            "customer",
            Action.UPDATED,
            0.97,
            false,
            Map.of("email", "cy@example.com", "full_name", "Cy Twombly"),
            Map.of("email", "cy@example.com", "full_name", "Cy Twombley"),
            List.of(new Change("full_name", "Cy Twombley", "Cy Twombly", List.of(STRIPE_REF))),
            List.of(
                ev("backup:customers#12", "backup", "2026-02-01T10:00:00Z"),
                ev(STRIPE_REF, "stripe", "2026-03-08T11:00:00Z"))));
    ReconstructedRecord updated = records.remove(records.size() - 1);
    records.add(
        updated.withField("full_name", UPDATED_NAME, "full_name: the backup's spelling is older"));
    records.add(
        linked(
            record(
                FLAGGED_ID,
                "reservation",
                Action.NEW,
                FLAGGED_LINK.probability(),
                true,
                Map.of(
                    "reference",
                    "RW-FLAG1",
                    "status",
                    "confirmed",
                    "total_cents",
                    "12000",
                    "customer_name",
                    "Eva Duarte",
                    "pickup_at",
                    "2026-03-12T10:30:00Z",
                    "vehicle",
                    "AA-31-ZZ"),
                null,
                List.of(),
                List.of(ev(CALENDAR_REF, "calendar", "2026-03-10T12:00:00Z"))),
            FLAGGED_LINK));
    for (int i = 0; i < CONFIDENT_NEW.size(); i++) {
      records.add(
          record(
              CONFIDENT_NEW.get(i),
              "reservation",
              Action.NEW,
              0.995,
              false,
              Map.of(
                  "reference",
                  "RW-NEW" + (i + 1),
                  "status",
                  "confirmed",
                  "total_cents",
                  Integer.toString(10000 + i)),
              null,
              List.of(),
              List.of(
                  ev(
                      i == 0 ? MAIL_REF : "email:<confirm-n2@rentwise.test>",
                      "mail",
                      "2026-03-0" + (3 + i) + "T09:00:00Z"),
                  ev(
                      i == 0 ? STRIPE_REF : "stripe:ch_n2",
                      "stripe",
                      "2026-03-0" + (3 + i) + "T09:05:00Z"))));
    }
    records.add(
        record(
            DOUBTFUL_NEW,
            "reservation",
            Action.NEW,
            0.7,
            false,
            Map.of("reference", "RW-NEW3", "status", "cancelled", "total_cents", "9900"),
            null,
            List.of(),
            List.of(ev("stripe:ch_n3", "stripe", "2026-03-20T09:00:00Z"))));
    lines(dir.resolve("review/records.jsonl"), records.stream().map(RunFixture::json).toList());
    lines(
        dir.resolve("review/unlinked.jsonl"),
        List.of(
            json(
                record(
                    "unlinked:1",
                    "payment",
                    Action.NEW,
                    0.2,
                    true,
                    Map.of("amount_cents", "500"),
                    null,
                    List.of(),
                    List.of(ev("stripe:ch_orphan", "stripe", "2026-03-21T09:00:00Z"))))));
    lines(
        dir.resolve("review/evidence.jsonl"),
        List.of(
            "{\"ref\":\""
                + MAIL_REF.replace("\"", "\\\"")
                + "\",\"source\":\"mail\",\"kind\":\"mail\",\"location\":\"mail/mailbox.mbox#1\","
                + "\"json\":{\"message_id\":\"confirm-n1@rentwise.test\",\"from\":\"bookings@rentwise.test\","
                + "\"to\":[\"dee@example.com\"],\"date\":\"2026-03-03T09:00:00Z\","
                + "\"subject\":\"Your booking RW-NEW1 is confirmed\",\"text\":\"Hello Dee, your car is booked.\"}}",
            "{\"ref\":\"stripe:ch_n1\",\"source\":\"stripe\",\"kind\":\"stripe.charge\","
                + "\"location\":\"stripe/charges-0001.json#0\",\"json\":{\"id\":\"ch_n1\",\"object\":\"charge\","
                + "\"amount\":10000,\"metadata\":{\"reference\":\"RW-NEW1\"}}}",
            "{\"ref\":\"calendar:lisbon@rentwise.test/evt1\",\"source\":\"calendar\",\"kind\":\"calendar.event\","
                + "\"location\":\"calendar/lisbon@rentwise.test/events-0001.json#0\","
                + "\"json\":{\"id\":\"evt1\",\"summary\":\"RW-FLAG1 pickup\"}}"));
    lines(
        dir.resolve("quarantine.jsonl"),
        List.of(
            "{\"source\":\"stripe\",\"location\":\"stripe/charges-0002.json\",\"reason\":\"Cannot parse"
                + " Stripe page stripe/charges-0002.json: unexpected end of input\",\"excerpt\":\"{\\\"data\\\": [\"}"));
    Files.writeString(
        dir.resolve("summary.json"),
        "{\"entities\":{\"customer\":{\"NEW\":0,\"UPDATED\":1,\"UNCHANGED\":1,\"CONFLICT\":1,"
            + "\"CARRIED_OVER\":0,\"UNLINKED\":0},\"reservation\":{\"NEW\":4,\"UPDATED\":0,"
            + "\"UNCHANGED\":0,\"CONFLICT\":0,\"CARRIED_OVER\":0,\"UNLINKED\":0}},"
            + "\"sources\":{\"mail\":{\"read\":5,\"used\":3,\"ignored\":2,\"quarantined\":0,"
            + "\"rules\":{\"confirmation\":3}},\"stripe\":{\"read\":6,\"used\":4,\"ignored\":1,"
            + "\"quarantined\":1,\"rules\":{\"charge\":4}},\"backup\":{\"read\":3,\"used\":3,"
            + "\"ignored\":0,\"quarantined\":0,\"rules\":{}}},\"records_read\":14,"
            + "\"run\":{\"config\":\""
            + SAMPLE_CONFIG
            + "\",\"backup_taken_at\":\"2026-03-01T00:00:00Z\"}}",
        StandardCharsets.UTF_8);
    return dir;
  }

  private static Evidence ev(String ref, String source, String at) {
    return new Evidence(ref, source, "rule-" + source, at);
  }

  private static ReconstructedRecord record(
      String id,
      String entity,
      Action action,
      double confidence,
      boolean flagged,
      Map<String, String> values,
      Map<String, String> backup,
      List<Change> changes,
      List<Evidence> evidence) {
    Map<String, FieldValue> fields = new LinkedHashMap<>();
    List<String> refs = evidence.stream().map(Evidence::ref).toList();
    values.forEach((name, value) -> fields.put(name, new FieldValue(value, refs, confidence)));
    return new ReconstructedRecord(
        id,
        entity,
        action,
        confidence,
        flagged,
        List.of(action + " because the fixture says so"),
        fields,
        backup,
        backup == null ? null : "backup:" + entity + "s#" + id.substring(id.indexOf(':') + 1),
        changes,
        Map.of("id", List.of(id)),
        evidence,
        List.of());
  }

  private static ReconstructedRecord linked(ReconstructedRecord r, Link link) {
    return new ReconstructedRecord(
        r.id(),
        r.entity(),
        r.action(),
        r.confidence(),
        r.flagged(),
        java.util.stream.Stream.concat(
                r.reasons().stream(),
                java.util.stream.Stream.of(
                    "attached "
                        + CALENDAR_REF
                        + " for review (weight 2.0, below the link threshold)"))
            .toList(),
        r.fields(),
        r.backup(),
        r.backupRef(),
        r.changes(),
        r.keys(),
        r.evidence(),
        List.of(link));
  }

  private static String json(ReconstructedRecord record) {
    try {
      return Json.MAPPER.writeValueAsString(record);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void lines(Path file, List<String> lines) throws IOException {
    Files.write(file, lines, StandardCharsets.UTF_8);
  }
}
