package dev.salvage.pipeline.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.connectors.RawRecord;
import dev.salvage.mappings.Business;
import dev.salvage.mappings.EntityModel;
import dev.salvage.mappings.Observation;
import dev.salvage.mappings.SourceMapping;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A staff mail's date that a {@code first_of} of MM/dd and dd/MM reads as two different dates
 * ({@code 04/12/2026}) flags its record naming the field, the text and both readings, and an exact
 * claim of either reading settles it; one only one format reads ({@code 13/03/2026}) does not
 * (outside trial 66, F2: both readings were taken silently, one beating the calendar).
 */
class DayOrMonthGuessMergeTest {
  private static final String MAPPING =
      """
      rules:
        - name: staff_change
          kind: mail
          observed_at: {path: date}
          emit:
            - entity: reservation
              fields:
                reference: {path: subject}
                pickup_at:
                  first_of:
                    - {path: text, format: "MM/dd/yyyy HH:mm"}
                    - {path: text, format: "dd/MM/yyyy HH:mm"}
      """;

  private final EntityModel model = EntityModel.parse(EntityMergerTest.MODEL, "entities.yaml");
  private final SourceMapping mapping =
      SourceMapping.parse(
          MAPPING, "mail.yaml", model, new Business("test", ZoneId.of("America/Toronto"), "CA"));
  private final EntityMergerTest merging = new EntityMergerTest();

  DayOrMonthGuessMergeTest() throws Exception {}

  private Observation staffMail(String ref, String pickup) throws Exception {
    String json =
        "{\"date\": \"2026-11-20T10:00:00Z\", \"subject\": \"RW-1\", \"text\": \"" + pickup + "\"}";
    return mapping
        .apply(new RawRecord("mail", "mail", ref, ref + ".eml", json))
        .observations()
        .get(0);
  }

  @Test
  void aDateReadTwoWaysFlagsItsRecordNamingTheFieldTheTextAndBothReadings() throws Exception {
    ReconstructedRecord record =
        merging.emitted(List.of(staffMail("email:julie-1", "04/12/2026 16:00")));

    assertThat(record.value("pickup_at")).isEqualTo("2026-04-12T20:00:00Z");
    assertThat(record.flagged()).isTrue();
    assertThat(record.reasons())
        .contains(
            "pickup_at 2026-04-12T20:00:00Z is a guess: email:julie-1 wrote \"04/12/2026 16:00\","
                + " which its rule's formats read as two different values (see its note), and no"
                + " evidence gives either; it may be 2026-12-04T21:00:00Z: check which was"
                + " meant");
    assertThat(EntityMerger.hasGuessedTime(record)).isFalse();
  }

  @Test
  void anExactClaimOfTheOtherReadingSettlesADateReadTwoWays() throws Exception {
    Observation calendar =
        EntityMergerTest.obs(
            "reservation",
            "calendar",
            "calendar:rw-1",
            "2026-11-01T10:00:00Z",
            java.util.Map.of("reference", "RW-1", "pickup_at", "2026-12-04T21:00:00Z"),
            "reference");

    ReconstructedRecord record =
        merging.emitted(List.of(calendar, staffMail("email:julie-1", "04/12/2026 16:00")));

    assertThat(record.value("pickup_at")).isEqualTo("2026-12-04T21:00:00Z");
    assertThat(record.reasons()).noneMatch(reason -> reason.contains("is a guess"));
  }

  @Test
  void aDateOnlyOneFormatReadsFlagsNothing() throws Exception {
    ReconstructedRecord record =
        merging.emitted(List.of(staffMail("email:julie-2", "13/03/2026 16:00")));

    assertThat(record.value("pickup_at")).isEqualTo("2026-03-13T20:00:00Z");
    assertThat(record.flagged()).isFalse();
  }
}
