package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FetchActivityTest {
  @Test
  void tellsTheSourceThePartitionOutOfHowManyAndTheRecordsWithTheirRate() {
    FetchActivity activity = new FetchActivity();
    assertThat(activity.step()).isNull();
    activity.source("stripe", 12);
    activity.partition("charges/2026-03");
    activity.partition("charges/2026-04");
    for (int i = 0; i < 2_500; i++) {
      activity.record();
    }
    assertThat(activity.step()).isEqualTo("stripe");
    assertThat(activity.describe(2.0))
        .isEqualTo(
            "fetching stripe: partition 2 of 12 (charges/2026-04) | 2,500 record(s) (1,250/s)");
    activity.record();
    assertThat(activity.describe(1.0)).endsWith("| 2,501 record(s) (1/s)");
  }

  @Test
  void aNewSourceCountsItsOwnRecordsFromZero() {
    FetchActivity activity = new FetchActivity();
    activity.source("imap", 3);
    activity.partition("INBOX");
    activity.record();
    activity.source("calendar", 1);
    assertThat(activity.step()).isEqualTo("calendar");
    assertThat(activity.describe(1.0))
        .isEqualTo("fetching calendar: partition 0 of 1 | 0 record(s) (0/s)");
  }
}
