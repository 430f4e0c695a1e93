package dev.salvage.pipeline.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.mappings.EntityModel;
import dev.salvage.mappings.Observation;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A value the application kept computed from what the evidence gives apart, as an outside trial's
 * vet clinic kept an invoice's total net of its partial refunds: the payment says what was charged,
 * the refunds what went back, and a derive rule subtracts. Before, the total was the gross amount,
 * unflagged, and an invoice refunded in part after the backup came out UNCHANGED.
 */
class ComputedValuesTest {
  private static final String MODEL =
      """
      entities:
        invoice:
          keys: [invoice_no, backup_id]
          require_keys: [invoice_no]
          fields:
            backup_id: text
            invoice_no: text
            charged_cents: integer
            refunded_cents: integer
            total_cents: integer
          merge:
            refunded_cents: {strategy: sum}
          derive:
            - name: net_of_refunds
              field: total_cents
              value: {field: charged_cents, minus: [refunded_cents]}
      """;
  private static final Instant BACKUP = Instant.parse("2026-02-01T02:00:00Z");

  private final EntityMerger merger;

  ComputedValuesTest() throws Exception {
    MergeSettings settings =
        new MergeSettings(
            MODEL,
            "entities.yaml",
            List.of("mail", "stripe", "backup"),
            "backup",
            BACKUP,
            Map.of("invoice", List.of("backup_id", "invoice_no", "total_cents")),
            Instant.parse("2026-04-15T00:00:00Z"),
            ZoneId.of("Europe/Vienna"));
    merger = new EntityMerger(EntityModel.parse(MODEL, "entities.yaml"), settings);
  }

  private static Observation obs(String source, String ref, String at, String... pairs) {
    Map<String, String> fields = new TreeMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      fields.put(pairs[i], pairs[i + 1]);
    }
    Map<String, String> keys = new TreeMap<>();
    for (String key : List.of("invoice_no", "backup_id")) {
      if (fields.containsKey(key)) {
        keys.put(key, fields.get(key));
      }
    }
    return new Observation("invoice", keys, fields, Instant.parse(at), source, ref, "r");
  }

  private ReconstructedRecord emitted(Observation... cluster) {
    EntityMerger.Merged outcome = merger.merge(List.of(cluster));
    assertThat(outcome).isInstanceOf(EntityMerger.Emitted.class);
    return ((EntityMerger.Emitted) outcome).record();
  }

  private ReconstructedRecord carriedOver(Observation... cluster) {
    EntityMerger.Merged outcome = merger.merge(List.of(cluster));
    assertThat(outcome).isInstanceOf(EntityMerger.CarriedOver.class);
    return ((EntityMerger.CarriedOver) outcome).record();
  }

  private static Observation backupRow() {
    return obs(
        "backup",
        "backup:invoices#308",
        "2026-01-20T00:00:00Z",
        "backup_id",
        "308",
        "invoice_no",
        "308",
        "total_cents",
        "3800");
  }

  private static Observation payment() {
    return obs(
        "stripe",
        "stripe:pi_308",
        "2026-01-20T00:05:00Z",
        "invoice_no",
        "308",
        "charged_cents",
        "3800");
  }

  @Test
  void aPartialRefundAfterTheBackupNetsTheTotalAndIsAChange() {
    ReconstructedRecord invoice =
        emitted(
            backupRow(),
            payment(),
            obs(
                "stripe",
                "stripe:re_1",
                "2026-03-03T09:00:00Z",
                "invoice_no",
                "308",
                "refunded_cents",
                "1000"));

    assertThat(invoice.value("total_cents")).isEqualTo("2800");
    assertThat(invoice.action()).isEqualTo(Action.UPDATED);
    assertThat(invoice.reasons())
        .contains("total_cents derived as 2800 by rule net_of_refunds (the evidence said 3800)");
    assertThat(invoice.fields().get("total_cents").sources())
        .contains("stripe:pi_308", "stripe:re_1");
  }

  @Test
  void aChargeWithoutRefundsKeepsItsTotalAndNothingChanged() {
    ReconstructedRecord invoice = carriedOver(backupRow(), payment());

    assertThat(invoice.value("total_cents")).isEqualTo("3800");
    assertThat(invoice.action()).isEqualTo(Action.UNCHANGED);
  }

  @Test
  void withoutTheChargeTheTotalIsAsTheEvidenceSaysIt() {
    ReconstructedRecord invoice =
        emitted(
            obs(
                "mail",
                "email:<i309@x>",
                "2026-03-01T00:00:00Z",
                "invoice_no",
                "309",
                "total_cents",
                "4500"));

    assertThat(invoice.value("total_cents")).isEqualTo("4500");
  }
}
