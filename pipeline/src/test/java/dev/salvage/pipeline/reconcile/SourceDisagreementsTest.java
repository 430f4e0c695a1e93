package dev.salvage.pipeline.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Evidence;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What one record adds to the counts of fields two sources claim: a pair of rules of two sources
 * shares the field when both claim it, differs when they claim no value in common, and the
 * difference's pattern is counted when it has one; the backup and two rules of one source are not a
 * pair.
 */
class SourceDisagreementsTest {
  private static ReconstructedRecord lease(Evidence... evidence) {
    return new ReconstructedRecord(
        "lease:new-1",
        "lease",
        Action.NEW,
        1.0,
        false,
        List.of(),
        Map.of(),
        null,
        null,
        List.of(),
        Map.of(),
        List.of(evidence),
        List.of());
  }

  private static Evidence claim(String source, String rule, String... pairs) {
    return claimAt("2026-11-10T09:30:00Z", source, rule, pairs);
  }

  private static Evidence claimAt(String at, String source, String rule, String... pairs) {
    Map<String, String> claims = new java.util.TreeMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      claims.put(pairs[i], pairs[i + 1]);
    }
    return new Evidence(source + ":" + rule + pairs[1], source, rule, at, claims);
  }

  @Test
  void countsAnExclusiveEndDateAsOneDayLaterAndCentsAsTimesAHundred() {
    ReconstructedRecord lease =
        lease(
            claim("mail", "confirmed", "season_end", "2027-02-28", "fee", "45"),
            claim("calendar", "event", "season_end", "2027-03-01", "fee", "4500"),
            claim("mail", "reminder", "season_end", "2027-02-28"),
            claim("backup", "leases", "season_end", "2026-08-31", "fee", "12"));

    Map<String, Long> counts = SourceDisagreements.counts(lease, "backup");

    assertThat(counts)
        .containsOnly(
            Map.entry("disagreement.lease|fee|calendar:event|mail:confirmed|shared", 1L),
            Map.entry("disagreement.lease|fee|calendar:event|mail:confirmed|differ", 1L),
            Map.entry("disagreement.lease|fee|calendar:event|mail:confirmed|divided_100", 1L),
            Map.entry("disagreement.lease|season_end|calendar:event|mail:confirmed|shared", 1L),
            Map.entry("disagreement.lease|season_end|calendar:event|mail:confirmed|differ", 1L),
            Map.entry(
                "disagreement.lease|season_end|calendar:event|mail:confirmed|day_earlier", 1L),
            Map.entry("disagreement.lease|season_end|calendar:event|mail:reminder|shared", 1L),
            Map.entry("disagreement.lease|season_end|calendar:event|mail:reminder|differ", 1L),
            Map.entry(
                "disagreement.lease|season_end|calendar:event|mail:reminder|day_earlier", 1L));
  }

  @Test
  void countsAgreeingClaimsAsSharedOnly() {
    ReconstructedRecord lease =
        lease(
            claim("mail", "confirmed", "season_start", "2026-09-01"),
            claim("calendar", "event", "season_start", "2026-09-01"));

    assertThat(SourceDisagreements.counts(lease, "backup"))
        .containsOnly(
            Map.entry("disagreement.lease|season_start|calendar:event|mail:confirmed|shared", 1L));
  }

  @Test
  void countsANameWrittenInCapitalsByOneSourceAsTheSameValue() {
    ReconstructedRecord lease =
        lease(
            claim("stripe", "payment", "member_name", "NIA JONES"),
            claim("calendar", "event", "member_name", "Nia Jones"));

    assertThat(SourceDisagreements.counts(lease, "backup"))
        .containsOnly(
            Map.entry("disagreement.lease|member_name|calendar:event|stripe:payment|shared", 1L));
  }

  @Test
  void leavesOutClaimsDaysApartAndCountsTimesMinutesApartAsOneValue() {
    ReconstructedRecord booking =
        lease(
            claimAt("2026-11-10T09:30:00Z", "mail", "confirmed", "status", "active"),
            claimAt("2026-11-20T09:30:00Z", "stripe", "refund", "status", "cancelled"),
            claimAt("2026-11-10T09:30:00Z", "calendar", "event", "booked", "2026-11-10T09:25:00Z"),
            claimAt("2026-11-10T09:40:00Z", "stripe", "payment", "booked", "2026-11-10T09:21:16Z"));

    assertThat(SourceDisagreements.counts(booking, "backup"))
        .containsOnly(
            Map.entry("disagreement.lease|booked|calendar:event|stripe:payment|shared", 1L));
  }

  @Test
  void recognisesDayAndMonthSwappedOnlyWhenBothAreDatesOfOneTimeOfDay() {
    assertThat(SourceDisagreements.pattern("2026-01-09", "2026-09-01"))
        .isEqualTo(SourceDisagreements.Pattern.SWAPPED);
    assertThat(SourceDisagreements.pattern("2026-01-09T10:00:00Z", "2026-09-01T10:00:00Z"))
        .isEqualTo(SourceDisagreements.Pattern.SWAPPED);
    assertThat(SourceDisagreements.pattern("2026-01-09T10:00:00Z", "2026-01-10T09:00:00Z"))
        .isNull();
    assertThat(SourceDisagreements.pattern("2026-01-09", "4500")).isNull();
  }
}
