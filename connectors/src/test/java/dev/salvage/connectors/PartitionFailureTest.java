package dev.salvage.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartitionFailureTest {
  @Test
  void aLastErrorEndingInAFullStopGoesOnAsOneSentence() {
    PartitionFailure failure =
        new PartitionFailure(
            "stripe",
            "charges 2026-01",
            "charges older than ch_151",
            150,
            "Stripe refused the key (docs/stripe.md).",
            true);

    assertThat(failure.describe())
        .isEqualTo(
            "Source stripe: partition charges 2026-01 was not read to its end (150 record(s)"
                + " read); not read: charges older than ch_151; last error: Stripe refused the key"
                + " (docs/stripe.md); a rerun resumes where this one stopped");
  }

  @Test
  void aPartitionReadAgainFromItsStartSaysSo() {
    PartitionFailure failure =
        new PartitionFailure("calendar", "cal-a", "all of it", 0, "HTTP 500", false);

    assertThat(failure.describe())
        .endsWith("last error: HTTP 500; a rerun reads it again from its start");
  }
}
