package dev.salvage.pipeline.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.connectors.RawRecord;
import dev.salvage.mappings.Business;
import dev.salvage.mappings.EntityModel;
import dev.salvage.mappings.Observation;
import dev.salvage.mappings.SourceMapping;
import dev.salvage.pipeline.beam.Coders;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

/**
 * An event moved to another calendar leaves a cancelled stub with its id in the calendar it left:
 * mapped as a deletion (as docs/calendar.md shows), the stub must not cancel the booking.
 */
class CalendarMovesTest {
  static final String MODEL =
      """
      entities:
        appointment:
          keys: [calendar_uid]
          fields:
            calendar_uid: text
            practitioner: text
            starts_at: datetime
            status: text
      """;
  static final String MAPPING =
      """
      rules:
        - name: deleted_event
          kind: calendar.event
          when:
            - {path: status, equals: cancelled}
            - {path: summary, exists: false}
          observed_at: {path: _calendar.updated, type: datetime}
          emit:
            - entity: appointment
              fields:
                calendar_uid: {path: id, required: true}
                status: {const: cancelled}
        - name: event
          kind: calendar.event
          when:
            - {path: summary, exists: true}
          observed_at: {path: updated, type: datetime}
          emit:
            - entity: appointment
              fields:
                calendar_uid: {path: id, required: true}
                practitioner: {path: _calendar.id}
                starts_at: {path: start.dateTime, type: datetime}
                status: {path: status}
      """;

  final EntityModel model = EntityModel.parse(MODEL, "entities.yaml");
  final SourceMapping mapping =
      SourceMapping.parse(
          MAPPING, "calendar.yaml", model, new Business("test", ZoneId.of("UTC"), null));
  final EntityMerger merger =
      new EntityMerger(
          model,
          new MergeSettings(
              MODEL,
              "entities.yaml",
              List.of("calendar"),
              "backup",
              Instant.parse("2026-03-01T00:00:00Z"),
              Map.of()));

  CalendarMovesTest() throws Exception {}

  static RawRecord event(String calendar, String json) {
    return new RawRecord(
        "calendar",
        "calendar.event",
        "calendar:" + calendar + "/ev1",
        calendar + "/page-1.json",
        json.replace("CAL", calendar));
  }

  static RawRecord live(String calendar) {
    return event(
        calendar,
        """
        {"kind": "calendar#event", "id": "ev1", "iCalUID": "ev1@google.com", "status": "confirmed",
         "summary": "Ana Lima", "updated": "2026-03-10T08:00:00Z",
         "start": {"dateTime": "2026-03-20T09:00:00Z"},
         "_calendar": {"id": "CAL", "updated": "2026-03-25T08:00:00Z"}}
        """);
  }

  static RawRecord stub(String calendar) {
    return event(
        calendar,
        """
        {"kind": "calendar#event", "id": "ev1", "status": "cancelled",
         "_calendar": {"id": "CAL", "updated": "2026-03-24T18:00:00Z"}}
        """);
  }

  /** The records mapped, each observation through the coder that carries it across a shuffle. */
  ReconstructedRecord merged(RawRecord... records) throws Exception {
    List<Observation> cluster = new ArrayList<>();
    for (RawRecord record : records) {
      for (Observation observation : mapping.apply(record).observations()) {
        byte[] bytes = CoderUtils.encodeToByteArray(Coders.observation(), observation);
        cluster.add(CoderUtils.decodeFromByteArray(Coders.observation(), bytes));
      }
    }
    EntityMerger.Merged outcome = merger.merge(cluster);
    assertThat(outcome).isInstanceOf(EntityMerger.Emitted.class);
    return ((EntityMerger.Emitted) outcome).record();
  }

  @Test
  void anEventMovedToAnotherCalendarKeepsTheLiveCopysStatusAndSaysItMoved() throws Exception {
    ReconstructedRecord record = merged(stub("anna"), live("ben"));

    assertThat(record.value("status")).isEqualTo("confirmed");
    assertThat(record.value("practitioner")).isEqualTo("ben");
    assertThat(record.fields().get("status").alternatives()).isEmpty();
    assertThat(record.reasons())
        .anySatisfy(reason -> assertThat(reason).contains("moved from calendar anna to ben"));
    assertThat(record.evidence())
        .anySatisfy(
            e -> {
              assertThat(e.ref()).isEqualTo("calendar:anna/ev1");
              assertThat(e.claims()).isEmpty();
            });
  }

  @Test
  void aNewRecordKnownOnlyFromADeletedEventsStubIsFlaggedSayingNothingTellsWhoseOrWhen()
      throws Exception {
    ReconstructedRecord deleted = merged(stub("anna"));

    assertThat(deleted.value("status")).isEqualTo("cancelled");
    assertThat(deleted.flagged()).isTrue();
    assertThat(deleted.reasons())
        .anySatisfy(
            reason ->
                assertThat(reason)
                    .contains("known only from 1 deleted calendar event(s) (calendar:anna/ev1)")
                    .contains("nothing here says whose or when it was"));

    // a live copy beside it says what it was: nothing of the kind is said
    ReconstructedRecord moved = merged(stub("anna"), live("ben"));
    assertThat(moved.reasons()).noneSatisfy(r -> assertThat(r).contains("known only from"));
  }

  static RawRecord occurrence(String start) {
    String suffix = start.replace("-", "").replace(":", "");
    return new RawRecord(
        "calendar",
        "calendar.event",
        "calendar:anna/wk_" + suffix,
        "anna/page-1.json",
        """
        {"kind": "calendar#event", "id": "wk_SUFFIX", "iCalUID": "wk@google.com",
         "status": "confirmed", "summary": "Ana Lima", "updated": "START",
         "recurringEventId": "wk", "originalStartTime": {"dateTime": "START"},
         "start": {"dateTime": "START"}, "_calendar": {"id": "anna"}}
        """
            .replace("SUFFIX", suffix)
            .replace("START", start));
  }

  @Test
  void occurrencesOfAWeeklySeriesKeyedByItsICalUidFlagTheRecordNamingThem() throws Exception {
    SourceMapping byICalUid =
        SourceMapping.parse(
            MAPPING.replaceFirst(
                "calendar_uid: \\{path: id, required: true}(\\s+practitioner)",
                "calendar_uid: {path: iCalUID, regex: '^([^@]+)', required: true}$1"),
            "calendar.yaml",
            model,
            new Business("test", ZoneId.of("UTC"), null));
    List<Observation> cluster = new ArrayList<>();
    for (String start : List.of("2026-03-02T09:00:00Z", "2026-03-09T09:00:00Z")) {
      Observation observation = byICalUid.apply(occurrence(start)).observations().get(0);
      byte[] bytes = CoderUtils.encodeToByteArray(Coders.observation(), observation);
      cluster.add(CoderUtils.decodeFromByteArray(Coders.observation(), bytes));
    }

    ReconstructedRecord record = ((EntityMerger.Emitted) merger.merge(cluster)).record();

    assertThat(record.keys().get("calendar_uid")).containsExactly("wk");
    assertThat(record.flagged()).isTrue();
    assertThat(record.reasons())
        .anySatisfy(
            reason ->
                assertThat(reason)
                    .contains("occurrences of one calendar series at different times")
                    .contains("calendar:anna/wk_20260302T090000Z")
                    .contains("calendar:anna/wk_20260309T090000Z")
                    .contains("joined by their key calendar_uid = wk, read from the iCalUID"));
  }

  @Test
  void occurrencesOfASeriesARecordOwnsByAKeyNotReadFromTheICalUidFlagNothing() throws Exception {
    // a customer named by every occurrence of their weekly charter owns them all, rightly
    SourceMapping bySummary =
        SourceMapping.parse(
            MAPPING.replaceFirst(
                "calendar_uid: \\{path: id, required: true}(\\s+practitioner)",
                "calendar_uid: {path: summary, required: true}$1"),
            "calendar.yaml",
            model,
            new Business("test", ZoneId.of("UTC"), null));
    List<Observation> cluster = new ArrayList<>();
    for (String start : List.of("2026-03-02T09:00:00Z", "2026-03-09T09:00:00Z")) {
      cluster.addAll(bySummary.apply(occurrence(start)).observations());
    }

    ReconstructedRecord record = ((EntityMerger.Emitted) merger.merge(cluster)).record();

    assertThat(record.keys().get("calendar_uid")).containsExactly("Ana Lima");
    assertThat(record.reasons())
        .noneSatisfy(reason -> assertThat(reason).contains("occurrences of one calendar series"));
    assertThat(record.flagged()).as("%s", record.reasons()).isFalse();
  }

  @Test
  void oneOccurrenceOfASeriesFlagsNothing() throws Exception {
    ReconstructedRecord record =
        ((EntityMerger.Emitted)
                merger.merge(mapping.apply(occurrence("2026-03-02T09:00:00Z")).observations()))
            .record();

    assertThat(record.flagged()).isFalse();
  }

  @Test
  void aStubInTheSameCalendarAsItsEventIsStillACancellation() throws Exception {
    ReconstructedRecord record = merged(stub("anna"), live("anna"));

    assertThat(record.value("status")).isEqualTo("cancelled");
    assertThat(record.reasons()).noneSatisfy(reason -> assertThat(reason).contains("moved"));
  }

  @Test
  void anEventCancelledInBothCalendarsItIsInIsStillACancellation() throws Exception {
    ReconstructedRecord record = merged(stub("anna"), stub("ben"));

    assertThat(record.value("status")).isEqualTo("cancelled");
  }
}
