package dev.salvage.connectors.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.connectors.CollectingSink;
import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RawRecord;
import org.junit.jupiter.api.Test;

class PassedOnceTest {
  private static RawRecord event(String id, String summary, String calendarUpdated) {
    return new RawRecord(
        "calendar",
        "calendar.event",
        "calendar:lisboa/" + id,
        "https://example.invalid/events",
        "{\"id\":\""
            + id
            + "\",\"summary\":\""
            + summary
            + "\",\"_calendar\":{\"id\":\"lisboa\",\"updated\":\""
            + calendarUpdated
            + "\"}}");
  }

  @Test
  void afterARestartAnUnchangedEventIsSkippedEvenWhenTheCalendarsUpdatedMoved() {
    CollectingSink sink = new CollectingSink();
    PassedOnce once = new PassedOnce(sink);
    once.accept(event("a", "Jane", "2026-11-01T10:00:00Z"));
    once.accept(event("b", "John", "2026-11-01T10:00:00Z"));

    once.restart();
    once.accept(event("a", "Jane", "2026-11-01T10:05:00Z"));
    once.accept(event("b", "John", "2026-11-01T10:05:00Z"));
    once.accept(event("c", "Ann", "2026-11-01T10:05:00Z"));

    assertThat(sink.refs())
        .containsExactly("calendar:lisboa/a", "calendar:lisboa/b", "calendar:lisboa/c");
    assertThat(sink.quarantined).isEmpty();
    assertThat(once.skipped()).isEqualTo(2);
    assertThat(once.passedOn()).isEqualTo(3);
  }

  @Test
  void afterARestartAnEventThatChangedIsQuarantinedNotPassedOnAsASecondRecord() {
    CollectingSink sink = new CollectingSink();
    PassedOnce once = new PassedOnce(sink);
    once.accept(event("a", "Jane", "2026-11-01T10:00:00Z"));

    once.restart();
    once.accept(event("a", "Jane Doe", "2026-11-01T10:05:00Z"));

    assertThat(sink.refs()).containsExactly("calendar:lisboa/a");
    assertThat(sink.json("calendar:lisboa/a").path("summary").asText()).isEqualTo("Jane");
    assertThat(sink.quarantined)
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.reason())
                  .startsWith("Cannot pass on calendar event calendar:lisboa/a a second time")
                  .contains("410");
              assertThat(q.excerpt()).contains("Jane Doe");
            });
    assertThat(once.skipped()).isZero();
  }

  @Test
  void aQuarantineTheFirstListingMadeIsNotMadeAgainAfterTheRestart() {
    CollectingSink sink = new CollectingSink();
    PassedOnce once = new PassedOnce(sink);
    Quarantined bad =
        new Quarantined("calendar", "events-0001.json:1:40", "field id is missing", "{}");
    once.quarantine(bad);

    once.restart();
    once.quarantine(bad);
    once.quarantine(new Quarantined("calendar", "events-0002.json:1:9", "not a JSON object", ""));

    assertThat(sink.quarantined)
        .extracting(Quarantined::location)
        .containsExactly("events-0001.json:1:40", "events-0002.json:1:9");
  }
}
