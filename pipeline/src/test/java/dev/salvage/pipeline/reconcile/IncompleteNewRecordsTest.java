package dev.salvage.pipeline.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.mappings.EntityModel;
import dev.salvage.mappings.LinkingSettings;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncompleteNewRecordsTest {
  private static final String MODEL =
      """
      entities:
        hire:
          keys: [reference, calendar_uid, backup_id]
          require_keys: [reference]
          fields:
            backup_id: text
            reference: upper
            calendar_uid: text
            customer_email: email
            van: upper
            collection_at: datetime
          linking:
            block: [customer_email]
            new_entity: [van, collection_at]
      """;

  private static ReconstructedRecord hire(Map<String, String> fields) throws Exception {
    EntityMerger merger = EntityMergerTest.merger(MODEL);
    Map<String, String> all = new java.util.TreeMap<>(fields);
    return ((EntityMerger.Emitted)
            merger.merge(
                java.util.List.of(
                    EntityMergerTest.obs(
                        "hire",
                        "stripe",
                        "stripe:ch_1",
                        "2026-05-02T10:00:00Z",
                        all,
                        "reference"))))
        .record();
  }

  private static LinkingSettings linking() throws Exception {
    return EntityModel.parse(MODEL, "entities.yaml").linking("hire");
  }

  @Test
  void aNewRecordKnownOnlyByItsReferenceIsFlaggedNamingTheNewEntityFieldsItLacks()
      throws Exception {
    ReconstructedRecord referenceOnly =
        hire(Map.of("reference", "NVH-7", "customer_email", "dave@pennine.example"));
    assertThat(referenceOnly.flagged()).as("the merger alone passes it").isFalse();

    ReconstructedRecord checked = IncompleteNewRecords.flagged(referenceOnly, linking());

    assertThat(checked.flagged()).isTrue();
    assertThat(checked.confidence()).isEqualTo(0.5);
    assertThat(checked.reasons())
        .anySatisfy(
            reason ->
                assertThat(reason)
                    .startsWith("lacks van, collection_at, which a new hire needs")
                    .contains("linking.new_entity"));
  }

  @Test
  void aNewRecordHoldingEveryNewEntityFieldAndARecordOfATypeWithoutNewEntityAreLeftAsTheyAre()
      throws Exception {
    ReconstructedRecord complete =
        hire(
            Map.of(
                "reference", "NVH-8",
                "van", "VN-01",
                "collection_at", "2026-05-03T08:00:00Z"));

    assertThat(IncompleteNewRecords.flagged(complete, linking())).isEqualTo(complete);
    ReconstructedRecord referenceOnly = hire(Map.of("reference", "NVH-9"));
    assertThat(IncompleteNewRecords.flagged(referenceOnly, null)).isEqualTo(referenceOnly);
  }
}
