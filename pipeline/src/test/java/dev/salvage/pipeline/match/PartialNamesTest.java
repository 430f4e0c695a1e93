package dev.salvage.pipeline.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Evidence;
import dev.salvage.pipeline.values.LinkKeys;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A name written with initials helps matching without ever being a value. */
class PartialNamesTest {
  @Test
  void initialsAgreeWithTheWordsTheyStandFor() {
    FieldComparison names = FieldComparison.NAME;
    assertThat(names.compare("Anna K.", "Anna Kowalski")).isEqualTo(2);
    assertThat(names.compare("A. Kowalski", "Anna Kowalski")).isEqualTo(2);
    assertThat(names.compare("Anna K.", "Anna Nowak")).isEqualTo(3);
    assertThat(names.compare("A. K.", "Anna Kowalski")).isEqualTo(3);
    assertThat(names.compare("Anna K.", "Anna Maria Kowalski")).isEqualTo(3);
  }

  @Test
  void aRecordWithoutTheValueIsComparedOnItsEvidencesNewestHint() {
    ReconstructedRecord event =
        ReconstructedRecord.builder("reservation:new-x", "reservation")
            .action(Action.NEW)
            .evidence(
                List.of(
                    new Evidence(
                        "calendar:c/e1",
                        "calendar",
                        "r",
                        "2026-03-01T00:00:00Z",
                        Map.of("vehicle", "M-AB 123"),
                        Map.of("customer_name", "A. Kowalski"),
                        List.of()),
                    new Evidence(
                        "calendar:c/e2",
                        "calendar",
                        "r",
                        "2026-03-02T00:00:00Z",
                        Map.of(),
                        Map.of("customer_name", "Anna K."),
                        List.of())))
            .build();
    MatchProfile profile =
        MatchProfile.unlinked(event, List.of("customer_name", "vehicle"), LinkKeys.exact());
    assertThat(event.value("customer_name")).isNull();
    // the hint stands in for the missing value; a claim that is not merged into a field does not
    assertThat(profile.values()).isEqualTo(Map.of("customer_name", "Anna K."));
  }
}
