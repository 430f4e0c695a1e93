package dev.salvage.pipeline.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.mappings.Observation;
import dev.salvage.pipeline.SalvagePipeline;
import dev.salvage.pipeline.beam.Coders;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Evidence;
import dev.salvage.pipeline.reconcile.MergeSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;

/**
 * A yoga studio's calendar lists each class session's attendees, and its mapping makes one booking
 * per attendee (one emit of {@code class_booking} for {@code attendees[0]}, {@code attendees[1]},
 * ...). The bookings of one session came from one raw record, and were taken for copies of one
 * object: grouped under their record's evidence id, one matching decision put every attendee's
 * email and status on one member's booking ("read 3 times with different content"), and two of them
 * with nothing to match made matching fail with a NullPointerException. Each emit is its own piece
 * of evidence; the same record read twice is still one.
 */
class SeveralEmitsOfOneRecordTest {
  private static final String MODEL =
      """
      entities:
        class_booking:
          keys: [code]
          require_keys: [code]
          fields:
            code: upper
            member_email: email
            class_name: text
            class_at: datetime
            status: text
          linking:
            link: 4
            review: 0
            compare: [member_email, class_name, class_at]
            block: [member_email]
      %s
      """;

  private static final Instant BACKUP = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant FIRST_CLASS = Instant.parse("2026-03-02T17:30:00Z");
  private static final List<String> CLASSES =
      List.of("Vinyasa Flow", "Pilates Mat", "Yin Yoga", "Hatha");
  private static final List<String> STATUSES = List.of("gebucht", "storniert", "warteliste");

  private static MergeSettings settings(boolean newEntity) {
    return new MergeSettings(
        MODEL.formatted(newEntity ? "      new_entity: [member_email, class_at]" : ""),
        "entities.yaml",
        List.of("mail", "calendar", "ics"),
        "backup",
        BACKUP,
        Map.of());
  }

  private static Instant classAt(int i) {
    return FIRST_CLASS.plus(Duration.ofDays(i / 3)).plus(Duration.ofHours(i % 3));
  }

  /** Forty bookings confirmed by mail, each with its code; bookings 0 to 2 are of one session. */
  private static List<Observation> mails() {
    List<Observation> mails = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      int session = i < 3 ? 0 : i;
      Map<String, String> fields = new HashMap<>();
      fields.put("code", "LB-" + (1000 + i));
      fields.put("member_email", "m" + i + "@example.de");
      fields.put("class_name", CLASSES.get(session % CLASSES.size()));
      fields.put("class_at", classAt(session).toString());
      mails.add(
          new Observation(
              "class_booking",
              Map.of("code", "LB-" + (1000 + i)),
              fields,
              classAt(session).minus(Duration.ofDays(3)).plusSeconds(60L * i),
              "mail",
              "email:m" + i + "@studio#" + i,
              "booking_confirmation"));
    }
    return mails;
  }

  /**
   * The session's calendar event as {@code source} read it: one booking per attendee, numbered by
   * the emit that made it, with the attendee's email and response.
   */
  private static List<Observation> session(String source, String... attendees) {
    List<Observation> bookings = new ArrayList<>();
    for (int i = 0; i < attendees.length; i++) {
      bookings.add(
          new Observation(
              "class_booking",
              Map.of(),
              Map.of(
                  "member_email", attendees[i],
                  "class_name", CLASSES.get(0),
                  "class_at", classAt(0).toString(),
                  "status", STATUSES.get(i % STATUSES.size())),
              classAt(0).minus(Duration.ofHours(2)),
              source,
              "calendar:Kurse/s1_20260302T173000Z",
              "class_session",
              Map.of(),
              List.of(),
              i));
    }
    return bookings;
  }

  private static PCollectionTuple link(
      TestPipeline pipeline, List<Observation> observations, boolean newEntity) {
    return SalvagePipeline.link(
        pipeline.apply(Create.of(observations).withCoder(Coders.observation())),
        settings(newEntity),
        1000,
        true);
  }

  @Test
  void eachAttendeeOfOneSessionEventJoinsTheirOwnBookingWithTheirOwnStatus() {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    List<Observation> observations = new ArrayList<>(mails());
    String[] attendees = {"m0@example.de", "m1@example.de", "m2@example.de"};
    observations.addAll(session("calendar", attendees));
    // the same event in the calendar's .ics export: a copy, counted once
    observations.addAll(session("ics", attendees));
    PCollectionTuple linked = link(pipeline, observations, false);

    PAssert.that(linked.get(MatchUnlinkedEvidence.RECORDS))
        .satisfies(
            records -> {
              Map<String, ReconstructedRecord> byCode = new HashMap<>();
              records.forEach(r -> byCode.put(r.keys().get("code").get(0), r));
              for (int i = 0; i < 3; i++) {
                ReconstructedRecord booking = byCode.get("LB-" + (1000 + i));
                assertThat(booking).as("booking %d", i).isNotNull();
                assertThat(booking.value("member_email")).isEqualTo(attendees[i]);
                assertThat(booking.value("status")).as(booking.id()).isEqualTo(STATUSES.get(i));
                // its attendee's piece, read through both sources, and no other attendee's
                List<Evidence> fromEvent =
                    booking.evidence().stream()
                        .filter(e -> e.ref().startsWith("calendar:"))
                        .toList();
                assertThat(fromEvent)
                    .extracting(Evidence::source, Evidence::ordinal)
                    .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("calendar", i),
                        org.assertj.core.groups.Tuple.tuple("ics", i));
                assertThat(booking.links()).hasSize(1);
                assertThat(booking.reasons())
                    .noneMatch(reason -> reason.contains("times with different content"))
                    .anyMatch(
                        reason ->
                            reason.contains(
                                "was read through sources calendar and ics with the same"
                                    + " content"));
              }
              return null;
            });
    PAssert.that(linked.get(MatchUnlinkedEvidence.UNLINKED)).empty();
    pipeline.run().waitUntilFinish();
  }

  @Test
  void twoAttendeesWhoMatchNoBookingBecomeTwoNewBookings() {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    List<Observation> observations = new ArrayList<>(mails());
    observations.addAll(session("calendar", "anna@example.de", "lena@example.de"));
    PCollectionTuple linked = link(pipeline, observations, true);

    PAssert.that(linked.get(MatchUnlinkedEvidence.RECORDS))
        .satisfies(
            records -> {
              List<ReconstructedRecord> created = new ArrayList<>();
              records.forEach(
                  r -> {
                    if (!r.keys().containsKey("code")) {
                      created.add(r);
                    }
                  });
              assertThat(created)
                  .extracting(ReconstructedRecord::action)
                  .containsExactly(Action.NEW, Action.NEW);
              assertThat(created).extracting(ReconstructedRecord::id).doesNotHaveDuplicates();
              assertThat(created)
                  .extracting(r -> r.value("member_email"), r -> r.value("status"))
                  .containsExactlyInAnyOrder(
                      org.assertj.core.groups.Tuple.tuple("anna@example.de", "gebucht"),
                      org.assertj.core.groups.Tuple.tuple("lena@example.de", "storniert"));
              created.forEach(r -> assertThat(r.evidence()).as(r.id()).hasSize(1));
              return null;
            });
    PAssert.that(linked.get(MatchUnlinkedEvidence.UNLINKED)).empty();
    pipeline.run().waitUntilFinish();
  }
}
