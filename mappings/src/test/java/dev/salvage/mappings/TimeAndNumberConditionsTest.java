package dev.salvage.mappings;

import static dev.salvage.mappings.TestSupport.mapping;
import static dev.salvage.mappings.TestSupport.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Conditions that compare a record's times with the backup's time and the run's as_of, and its
 * numbers with a bound: typed, not regexes over date text.
 */
class TimeAndNumberConditionsTest {
  private static final TimeAnchors ANCHORS =
      new TimeAnchors(Instant.parse("2026-03-02T03:00:00Z"), Instant.parse("2026-04-15T00:00:00Z"));

  private static boolean holds(String condition, String json) throws Exception {
    return holds(condition, json, ANCHORS);
  }

  private static boolean holds(String condition, String json, TimeAnchors anchors)
      throws Exception {
    SourceMapping mapping =
        mapping(
            """
            rules:
              - name: hit
                kind: test
                when:
                  - %s
            """
                .formatted(condition));
    RunContext run = new RunContext(anchors, LookupTables.NONE);
    return "hit".equals(mapping.apply(record("test", json), run).rule());
  }

  @Test
  void beforeAndAfterCompareWithTheBackupsTime() throws Exception {
    String edited = "{\"updated\": \"2026-03-01T10:00:00Z\"}";
    assertThat(holds("{path: updated, before: backup_time}", edited)).isTrue();
    assertThat(holds("{path: updated, after: backup_time}", edited)).isFalse();
    assertThat(holds("{path: updated, after: backup_time - P1D}", edited)).isTrue();
    assertThat(holds("{path: updated, after: backup_time - PT12H}", edited)).isFalse();
    assertThat(holds("{path: updated, before: as_of}", edited)).isTrue();
    assertThat(holds("{path: updated, before: \"2026-03-01T09:00:00+00:00 + PT2H\"}", edited))
        .isTrue();
  }

  @Test
  void valuesAreReadWithTheConditionsFormatAndTheBusinessZone() throws Exception {
    // 02/03/2026 04:30 in Lisbon (UTC+0 in March) is after the backup at 03:00Z
    assertThat(
            holds(
                "{path: d, after: backup_time, format: \"dd/MM/yyyy HH:mm\"}",
                "{\"d\": \"02/03/2026 04:30\"}"))
        .isTrue();
    assertThat(
            holds(
                "{path: d, after: backup_time, format: \"dd/MM/yyyy HH:mm\", zone: Asia/Tokyo}",
                "{\"d\": \"02/03/2026 04:30\"}"))
        .isFalse();
    assertThat(
            holds("{path: t, before: backup_time, format: epoch_seconds}", "{\"t\": 1772400000}"))
        .isTrue();
  }

  @Test
  void aMissingValueDoesNotHold() throws Exception {
    assertThat(holds("{path: updated, before: backup_time}", "{}")).isFalse();
    assertThat(holds("{not: {path: updated, before: backup_time}}", "{}")).isTrue();
  }

  @Test
  void aValueThatIsNotATimeQuarantinesTheRecordNamingRuleAndPlace() {
    assertThatThrownBy(
            () -> holds("{path: updated, before: backup_time}", "{\"updated\": \"soon\"}"))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessage(
            "Cannot map test test:1: rule hit when: \"soon\" is not a date-time in format iso"
                + " (path updated)");
  }

  @Test
  void aMomentTheRunDoesNotKnowQuarantinesTheRecord() {
    assertThatThrownBy(
            () ->
                holds(
                    "{path: updated, before: backup_time}",
                    "{\"updated\": \"2026-03-01T10:00:00Z\"}",
                    TimeAnchors.NONE))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessageEndingWith("backup_time is not known here (no backup is configured)");
  }

  @Test
  void aboveAndBelowCompareNumbers() throws Exception {
    assertThat(holds("{path: amount, below: 0}", "{\"amount\": -1500}")).isTrue();
    assertThat(holds("{path: amount, below: 0}", "{\"amount\": 1500}")).isFalse();
    assertThat(holds("{path: amount, above: 99.5}", "{\"amount\": \"100\"}")).isTrue();
    assertThat(holds("{path: amount, above: 100}", "{\"amount\": 100}")).isFalse();
    assertThatThrownBy(() -> holds("{path: amount, below: 0}", "{\"amount\": \"12 EUR\"}"))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessageEndingWith("\"12 EUR\" (path amount) is not a number");
  }

  @Test
  void mistakesFailTheLoad() {
    assertThatThrownBy(() -> holds("{path: updated, before: backup_tme}", "{}"))
        .isInstanceOf(MappingException.class)
        .hasMessage(
            "test.yaml: rule hit, when[0]: before: \"backup_tme\" is not a moment: write"
                + " backup_time, as_of or an ISO-8601 instant with an offset, optionally followed"
                + " by + or - and a duration (backup_time - P1D) (line 5)");
    assertThatThrownBy(() -> holds("{path: updated, after: backup_time - P1M}", "{}"))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("\"P1M\" is not an ISO-8601 duration of days, hours");
    assertThatThrownBy(() -> holds("{path: updated, equals: x, format: iso}", "{}"))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("format: applies only to before and after");
    assertThatThrownBy(() -> holds("{path: n, above: many}", "{}"))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("above: \"many\" is not a number");
  }

  @Test
  void aMappingSaysWhichMomentsItUses() throws Exception {
    SourceMapping mapping =
        mapping(
            """
            rules:
              - name: old_entry
                kind: test
                when: [{path: updated, before: backup_time}]
              - name: ended
                kind: test
                when: [{any: [{path: end, before: as_of}]}]
            """);
    assertThat(mapping.anchors()).containsExactlyInAnyOrder("backup_time", "as_of");
    assertThat(mapping.backupNeeded())
        .hasMessage(
            "test.yaml: rule old_entry: when: compares with backup_time, and the run config names"
                + " no backup (line 4)");
  }
}
