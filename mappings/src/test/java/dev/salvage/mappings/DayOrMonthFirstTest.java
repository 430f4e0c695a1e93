package dev.salvage.mappings;

import static dev.salvage.mappings.TestSupport.probe;
import static dev.salvage.mappings.TestSupport.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A date that two places of a {@code first_of} read as different dates ({@code 04/12/2026} as MM/dd
 * and as dd/MM) is a guess the observation carries, as a time the clocks repeat is: until
 * 2026-12-06 the first format that read it gave it without a word, and an outside trial's stays
 * moved by months (trial 66, F2).
 */
class DayOrMonthFirstTest {
  private static final String EITHER_ORDER =
      "{first_of: [{path: v, format: \"MM/dd/yyyy HH:mm\"}, {path: v, format: \"dd/MM/yyyy"
          + " HH:mm\"}]}";

  private static Observation read(String extractor, String value) throws Exception {
    return probe("datetime", extractor)
        .apply(record("test", "{\"id\": \"1\", \"v\": \"" + value + "\"}"))
        .observations()
        .get(0);
  }

  @Test
  void aDateBothFormatsReadAsDifferentDatesIsReadByTheFirstWithANoteAndTheOtherAsItsReading()
      throws Exception {
    Observation observation = read(EITHER_ORDER, "04/12/2026 16:00");

    assertThat(observation.fields()).containsEntry("datetime", "2026-04-12T15:00:00Z");
    assertThat(observation.guessed()).isEqualTo(Map.of("datetime", "2026-12-04T16:00:00Z"));
    assertThat(observation.notes())
        .containsExactly(
            "datetime: \"04/12/2026 16:00\" reads as two different values: 2026-04-12T15:00:00Z"
                + " (place 0, format MM/dd/yyyy HH:mm) and 2026-12-04T16:00:00Z (place 1, format"
                + " dd/MM/yyyy HH:mm); read as the first, and no place says which was meant");
  }

  @Test
  void aDateOnlyOneFormatReadsIsNoGuess() throws Exception {
    Observation dayFirst = read(EITHER_ORDER, "13/03/2026 16:00");
    assertThat(dayFirst.fields()).containsEntry("datetime", "2026-03-13T16:00:00Z");
    assertThat(dayFirst.guessed()).isEmpty();
    assertThat(dayFirst.notes()).isEmpty();

    // the same day and month either way is one date
    Observation sameBothWays = read(EITHER_ORDER, "05/05/2026 16:00");
    assertThat(sameBothWays.guessed()).isEmpty();
    assertThat(sameBothWays.notes()).isEmpty();
  }
}
