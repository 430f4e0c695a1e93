package dev.salvage.mappings;

import static dev.salvage.mappings.TestSupport.probe;
import static dev.salvage.mappings.TestSupport.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A date-time read from a wall-clock time its zone skips or repeats is a guess the observation
 * carries: a note saying so, and the other instant the time may be.
 */
class GuessedLocalTimesTest {
  private static final Business CHICAGO =
      new Business("Lakefront Rentals", ZoneId.of("America/Chicago"), "US");
  private static final String FORMAT = "{path: v, format: \"EEE, MMM d, yyyy 'at' h:mm a\"}";

  private static Observation read(String extractor, String json) throws Exception {
    return probe("datetime", extractor, CHICAGO).apply(record("test", json)).observations().get(0);
  }

  @Test
  void aTimeTheClocksRepeatIsReadAsTheEarlierWithANoteAndTheLaterAsItsOtherReading()
      throws Exception {
    Observation observation =
        read(FORMAT, "{\"id\": \"1\", \"v\": \"Sun, Nov 1, 2026 at 1:30 AM\"}");

    assertThat(observation.fields()).containsEntry("datetime", "2026-11-01T06:30:00Z");
    assertThat(observation.guessed()).isEqualTo(Map.of("datetime", "2026-11-01T07:30:00Z"));
    assertThat(observation.notes())
        .containsExactly(
            "datetime: \"Sun, Nov 1, 2026 at 1:30 AM\" is a time that happens twice in"
                + " America/Chicago (the clocks go back over it): read as the earlier,"
                + " 2026-11-01T01:30-05:00; the later is 2026-11-01T01:30-06:00");
  }

  @Test
  void aTimeTheClocksSkipIsReadLaterByTheGapWithANote() throws Exception {
    Observation observation =
        read(FORMAT, "{\"id\": \"1\", \"v\": \"Sun, Mar 8, 2026 at 2:30 AM\"}");

    assertThat(observation.fields()).containsEntry("datetime", "2026-03-08T08:30:00Z");
    assertThat(observation.guessed()).isEqualTo(Map.of("datetime", "2026-03-08T07:30:00Z"));
    assertThat(observation.notes().get(0))
        .startsWith(
            "datetime: \"Sun, Mar 8, 2026 at 2:30 AM\" is a time that does not exist in"
                + " America/Chicago (the clocks go forward over it): read later by the gap's 60"
                + " minutes, as 2026-03-08T03:30-05:00");
  }

  @Test
  void aTimeOfOneInstantOrWithItsZoneNameIsNoGuess() throws Exception {
    assertThat(read(FORMAT, "{\"id\": \"1\", \"v\": \"Sun, Nov 1, 2026 at 3:30 AM\"}").guessed())
        .isEmpty();
    Observation named =
        read(
            "{path: v, format: \"EEE, MMM d, yyyy 'at' h:mm a z\"}",
            "{\"id\": \"1\", \"v\": \"Sun, Nov 1, 2026 at 1:30 AM CST\"}");
    assertThat(named.fields()).containsEntry("datetime", "2026-11-01T07:30:00Z");
    assertThat(named.guessed()).isEmpty();
    assertThat(named.notes()).isEmpty();
  }

  @Test
  void aCalendarEventsTimeItsReaderPlacedInAnOverlapIsAGuessWithTheReadersNote() throws Exception {
    String note =
        "field DTSTART 20261101T013000 in America/Chicago is a time that happens twice (the clocks"
            + " go back over it): read as the earlier, 2026-11-01T01:30-05:00";
    Observation observation =
        read(
            "{path: start}",
            "{\"id\": \"1\", \"start\": \"2026-11-01T01:30:00-05:00\", \"_notes\": [\""
                + note
                + "\"]}");

    assertThat(observation.guessed()).isEqualTo(Map.of("datetime", "2026-11-01T07:30:00Z"));
    assertThat(observation.notes()).containsExactly("datetime: " + note);
  }

  @Test
  void aCalendarEventsUtcTimeWrittenUnderATzidIsAGuessWhoseOtherReadingIsTheZonesWallClock()
      throws Exception {
    String note =
        "field DTSTART 20261103T100000 has TZID Europe/Paris and ends in Z, which RFC 5545 does not"
            + " allow (a time is in UTC or in its TZID, not both): read as UTC, 2026-11-03T10:00Z;"
            + " read in Europe/Paris it is 2026-11-03T10:00+01:00";
    Observation observation =
        read(
            "{path: start}",
            "{\"id\": \"1\", \"start\": \"2026-11-03T10:00:00Z\", \"_notes\": [\"" + note + "\"]}");

    assertThat(observation.fields()).containsEntry("datetime", "2026-11-03T10:00:00Z");
    assertThat(observation.guessed()).isEqualTo(Map.of("datetime", "2026-11-03T09:00:00Z"));
    assertThat(observation.notes()).containsExactly("datetime: " + note);
  }
}
