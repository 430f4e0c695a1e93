package dev.salvage.pipeline.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.mappings.Observation;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A date-time read from a wall-clock time its zone skips or repeats (1:30 AM on the night Chicago's
 * clocks go back) is a guess: it does not beat an exact claim of one of its instants, and a value
 * only guesses give flags the record.
 */
class GuessedTimesMergeTest {
  private static final String NOTE =
      "pickup_at: \"Sun, Nov 1, 2026 at 1:30 AM\" is a time that happens twice in America/Chicago"
          + " (the clocks go back over it): read as the earlier, 2026-11-01T01:30-05:00; the later"
          + " is 2026-11-01T01:30-06:00";

  private final EntityMergerTest merging = new EntityMergerTest();

  GuessedTimesMergeTest() throws Exception {}

  /** The confirmation mail's 1:30 AM, read as the first 1:30 (06:30Z), mailed at {@code at}. */
  private static Observation mailGuess(String at) {
    return new Observation(
        "reservation",
        Map.of("reference", "LR-7"),
        Map.of("reference", "LR-7", "pickup_at", "2026-11-01T06:30:00Z"),
        Instant.parse(at),
        "mail",
        "email:confirmation",
        "r",
        Map.of(),
        List.of(NOTE),
        0,
        Map.of("pickup_at", "2026-11-01T07:30:00Z"));
  }

  /** The calendar event's exact DTSTART (UTC), edited at {@code at}. */
  private static Observation calendarExact(String pickup, String at) {
    return EntityMergerTest.obs(
        "reservation",
        "calendar",
        "calendar:rental-7",
        at,
        Map.of("reference", "LR-7", "pickup_at", pickup),
        "reference");
  }

  @Test
  void aNewerGuessAgreesWithAnOlderExactInstantThatIsOneOfItsReadings() {
    ReconstructedRecord record =
        merging.emitted(
            List.of(
                calendarExact("2026-11-01T07:30:00Z", "2026-05-10T10:00:00Z"),
                mailGuess("2026-05-10T10:21:00Z")));

    assertThat(record.action()).isEqualTo(Action.NEW);
    assertThat(record.value("pickup_at")).isEqualTo("2026-11-01T07:30:00Z");
    assertThat(record.fields().get("pickup_at").confidence()).isEqualTo(1.0);
    assertThat(record.fields().get("pickup_at").alternatives()).isEmpty();
    assertThat(record.fields().get("pickup_at").sources())
        .containsExactlyInAnyOrder("calendar:rental-7", "email:confirmation");
    assertThat(record.reasons()).noneMatch(reason -> reason.contains("is a guess"));
    assertThat(EntityMerger.hasGuessedTime(record)).isFalse();
  }

  @Test
  void aValueOnlyAGuessGivesFlagsTheRecordNamingBothInstants() {
    ReconstructedRecord record = merging.emitted(List.of(mailGuess("2026-05-10T10:21:00Z")));

    assertThat(record.value("pickup_at")).isEqualTo("2026-11-01T06:30:00Z");
    assertThat(record.flagged()).isTrue();
    assertThat(record.confidence()).isEqualTo(0.5);
    assertThat(record.reasons())
        .contains("email:confirmation: " + NOTE)
        .contains(
            "pickup_at 2026-11-01T06:30:00Z is a guess: email:confirmation wrote a wall-clock time"
                + " its zone skips or repeats (see its note) and no evidence gives the instant; it"
                + " may be 2026-11-01T07:30:00Z: check which was meant");
    assertThat(EntityMerger.hasGuessedTime(record)).isTrue();
  }

  @Test
  void anExactInstantThatIsNeitherReadingStillLosesToTheNewerGuessWhichIsFlagged() {
    // the booking moved: the calendar's old 09:00 is not what the mail's 1:30 AM can be
    ReconstructedRecord record =
        merging.emitted(
            List.of(
                calendarExact("2026-10-31T14:00:00Z", "2026-05-01T10:00:00Z"),
                mailGuess("2026-05-10T10:21:00Z")));

    assertThat(record.value("pickup_at")).isEqualTo("2026-11-01T06:30:00Z");
    assertThat(record.flagged()).isTrue();
    assertThat(EntityMerger.hasGuessedTime(record)).isTrue();
  }

  /**
   * An .ics event's DTSTART;TZID=Europe/Paris:20261103T100000Z, read as UTC, edited at {@code at}.
   */
  private static Observation icsUtcUnderTzid(String at) {
    return new Observation(
        "reservation",
        Map.of("reference", "LR-7"),
        Map.of("reference", "LR-7", "pickup_at", "2026-11-03T10:00:00Z"),
        Instant.parse(at),
        "ics",
        "calendar:fleet/lr-7",
        "r",
        Map.of(),
        List.of(
            "pickup_at: field DTSTART 20261103T100000 has TZID Europe/Paris and ends in Z, which"
                + " RFC 5545 does not allow (a time is in UTC or in its TZID, not both): read as"
                + " UTC, 2026-11-03T10:00Z; read in Europe/Paris it is 2026-11-03T10:00+01:00"),
        0,
        Map.of("pickup_at", "2026-11-03T09:00:00Z"));
  }

  @Test
  void aCalendarTimeInUtcUnderATzidIsAGuessSaidAsSuchAndSettledByAnExactClaim() {
    ReconstructedRecord alone = merging.emitted(List.of(icsUtcUnderTzid("2026-10-01T10:00:00Z")));

    assertThat(alone.flagged()).isTrue();
    assertThat(alone.reasons())
        .contains(
            "pickup_at 2026-11-03T10:00:00Z is a guess: calendar:fleet/lr-7 wrote a time both in"
                + " UTC and under a TZID, which may be either (see its note), and no evidence gives"
                + " the instant; it may be 2026-11-03T09:00:00Z: check which was meant");
    // an older exact claim of the zone's reading settles it: the exporter's Z was spurious
    ReconstructedRecord settled =
        merging.emitted(
            List.of(
                calendarExact("2026-11-03T09:00:00Z", "2026-09-01T10:00:00Z"),
                icsUtcUnderTzid("2026-10-01T10:00:00Z")));
    assertThat(settled.value("pickup_at")).isEqualTo("2026-11-03T09:00:00Z");
    assertThat(settled.reasons()).noneMatch(reason -> reason.contains("is a guess"));
  }
}
