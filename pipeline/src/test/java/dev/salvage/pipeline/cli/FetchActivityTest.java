package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
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

  /** A clock the test moves on by hand. */
  private static final class Hand extends Clock {
    Instant now = Instant.parse("2026-12-06T06:37:12Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void saysWhatIsAwaitedOnceNothingArrivedFor30Seconds() {
    Hand clock = new Hand();
    FetchActivity activity = new FetchActivity(clock);
    activity.source("mail", 2);
    activity.partition("INBOX", "127.0.0.1:13144 to answer for folder INBOX; read timeout 300 s");
    clock.now = clock.now.plus(Duration.ofSeconds(29));
    assertThat(activity.describe(1.0)).doesNotContain("waiting");

    clock.now = clock.now.plus(Duration.ofSeconds(16));

    assertThat(activity.describe(1.0))
        .isEqualTo(
            "fetching mail: partition 1 of 2 (INBOX) | 0 record(s) (0/s) | nothing for 45 s:"
                + " waiting for 127.0.0.1:13144 to answer for folder INBOX; read timeout 300 s"
                + " (since 06:37:12)");
    activity.record();
    assertThat(activity.describe(1.0)).doesNotContain("waiting");
  }

  @Test
  void saysHowLongNothingArrivedWhenTheSourceDoesNotSayWhatItAwaits() {
    Hand clock = new Hand();
    FetchActivity activity = new FetchActivity(clock);
    activity.source("stripe", 4);
    activity.partition("charges/2026-04", null);
    clock.now = clock.now.plus(Duration.ofSeconds(61));

    assertThat(activity.describe(1.0))
        .endsWith("| nothing for 61 s: waiting for the source to answer (since 06:37:12)");
  }
}
