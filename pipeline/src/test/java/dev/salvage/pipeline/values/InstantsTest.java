package dev.salvage.pipeline.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InstantsTest {
  @Test
  void readsEveryInstantAsInstantParseDoes() {
    Random random = new Random(20261203);
    long from = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
    long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 200_000; i++) {
      long second = from + (long) (random.nextDouble() * (to - from));
      // whole seconds, milli, micro and nano fractions: the forms Instant.toString writes
      int nano =
          switch (i % 4) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
          };
      String text = Instant.ofEpochSecond(second, nano).toString();
      assertThat(Instants.canonical(text)).as(text).isEqualTo(Instant.parse(text));
    }
    // fractions of any length up to nine digits, as Instant.parse reads them
    for (String text : List.of("2026-03-13T10:00:00.5Z", "2026-03-13T10:00:00.12345Z")) {
      assertThat(Instants.canonical(text)).as(text).isEqualTo(Instant.parse(text));
    }
  }

  @Test
  void leavesAnythingElseToInstantParseWhichAcceptsOrRefusesItAsBefore() {
    for (String text :
        List.of(
            "2016-12-31T23:59:60Z", // a leap second
            "+10000-01-01T00:00:00Z")) {
      assertThat(Instants.canonical(text)).as(text).isNull();
      assertThat(Instants.parse(text)).as(text).isEqualTo(Instant.parse(text));
    }
    for (String text :
        List.of(
            "2026-02-30T10:00:00Z",
            "2026-13-01T10:00:00Z",
            "2026-03-13T24:00:00Z",
            "2026-03-13 10:00:00Z",
            "2026-03-13T10:00:00+01:00",
            "2026-03-13T1O:00:00Z",
            "2026-03-13T10:00:00.Z",
            "2026-03-13")) {
      assertThat(Instants.canonical(text)).as(text).isNull();
      assertThat(outcome(() -> Instants.parse(text)))
          .as(text)
          .isEqualTo(outcome(() -> Instant.parse(text)));
    }
    assertThatThrownBy(() -> Instants.parse("2026-02-30T10:00:00Z"))
        .isInstanceOf(DateTimeParseException.class);
  }

  /** The instant, or the kind of exception. */
  private static Object outcome(java.util.function.Supplier<Instant> parse) {
    try {
      return parse.get();
    } catch (RuntimeException e) {
      return e.getClass();
    }
  }

  @Test
  void readsADayInIsoFormOnly() {
    assertThat(Instants.day("2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(Instants.day("2026-02-29")).isNull();
    assertThat(Instants.day("2026-3-13")).isNull();
    assertThat(Instants.day("2026-03-13T10:00:00Z")).isNull();
    assertThat(Instants.day("2026-03-1x")).isNull();
  }
}
