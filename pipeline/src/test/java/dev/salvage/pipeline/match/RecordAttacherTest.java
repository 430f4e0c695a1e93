package dev.salvage.pipeline.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.salvage.mappings.EntityModel;
import dev.salvage.mappings.Observation;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Link;
import dev.salvage.pipeline.reconcile.EntityMerger;
import dev.salvage.pipeline.reconcile.MergeSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.transforms.DoFn.OutputReceiver;
import org.apache.beam.sdk.values.KV;
import org.junit.jupiter.api.Test;

class RecordAttacherTest {
  private static final String MODEL =
      """
      entities:
        reservation:
          keys: [reference, stripe_payment_intent_id, backup_id]
          require_keys: [reference]
          fields:
            backup_id: text
            reference: text
            status: text
            total_cents: integer
            currency: text
            stripe_payment_intent_id: text
            check_in: date
            guest_name: text
          merge:
            total_cents: {strategy: precedence, order: [mail, stripe]}
      """;
  private static final Instant T0 = Instant.parse("2026-05-01T03:00:00Z");

  private final EntityMerger merger;

  RecordAttacherTest() throws Exception {
    MergeSettings settings =
        new MergeSettings(
            MODEL,
            "entities.yaml",
            List.of("mail", "stripe", "calendar", "backup"),
            "backup",
            T0,
            Map.of(
                "reservation",
                List.of("backup_id", "reference", "status", "total_cents", "currency")));
    merger = new EntityMerger(EntityModel.parse(MODEL, "entities.yaml"), settings);
  }

  @Test
  void theSameEvidenceGivesTheSameRecordWhetherKeysOrMatchingLinkedIt() {
    Observation backup =
        observation(
            "backup",
            "backup:reservations#7",
            "2026-04-20T00:00:00Z",
            Map.of(
                "backup_id",
                "7",
                "reference",
                "RW-1",
                "status",
                "confirmed",
                "total_cents",
                "10000",
                "currency",
                "EUR"),
            "reference",
            "backup_id");
    Observation mail =
        observation(
            "mail",
            "email:<m1@x>",
            "2026-05-03T00:00:00Z",
            Map.of("reference", "RW-1", "total_cents", "12000"),
            "reference");
    // the payment is newer than the mail, but the mapping trusts mail for the price
    Map<String, String> paid =
        Map.of("total_cents", "13000", "currency", "EUR", "stripe_payment_intent_id", "pi_1");
    Map<String, String> paidWithReference = new TreeMap<>(paid);
    paidWithReference.put("reference", "RW-1");
    Observation paymentWithReference =
        observation(
            "stripe",
            "stripe:pi_1",
            "2026-05-04T00:00:00Z",
            paidWithReference,
            "reference",
            "stripe_payment_intent_id");
    Observation paymentWithout =
        observation(
            "stripe", "stripe:pi_1", "2026-05-04T00:00:00Z", paid, "stripe_payment_intent_id");

    ReconstructedRecord byKeys = emitted(merger.merge(List.of(backup, mail, paymentWithReference)));

    ReconstructedRecord booking = emitted(merger.merge(List.of(backup, mail)));
    EntityMerger.Merged payment = merger.merge(List.of(paymentWithout));
    assertThat(payment).isInstanceOf(EntityMerger.Unlinked.class);
    Link link = new Link(List.of("stripe:pi_1"), 14.0, 0.9999, false, List.of());
    List<ReconstructedRecord> refused = new ArrayList<>();
    ReconstructedRecord byMatching =
        RecordAttacher.attach(
            merger,
            booking,
            List.of(new Attachment(((EntityMerger.Unlinked) payment).record(), link)),
            collect(refused),
            collect(new ArrayList<KV<String, Long>>()));

    assertThat(refused).isEmpty();
    assertThat(byKeys.value("total_cents")).isEqualTo("12000");
    assertThat(byMatching.fields().get("total_cents"))
        .isEqualTo(byKeys.fields().get("total_cents"));
    assertThat(byMatching.value("currency")).isEqualTo("EUR");
    assertThat(byMatching.changes()).isEqualTo(byKeys.changes());
    assertThat(byMatching.action()).isEqualTo(byKeys.action()).isEqualTo(Action.UPDATED);
    assertThat(byMatching.backup()).isEqualTo(byKeys.backup());
    assertThat(byMatching.id()).isEqualTo(booking.id());
    assertThat(byMatching.links()).containsExactly(link);
  }

  @Test
  void evidenceNamingAnotherPaymentIsRefusedWithItsReason() {
    ReconstructedRecord booking =
        emitted(
            merger.merge(
                List.of(
                    observation(
                        "stripe",
                        "stripe:pi_1",
                        "2026-05-04T00:00:00Z",
                        Map.of("reference", "RW-2", "stripe_payment_intent_id", "pi_1"),
                        "reference",
                        "stripe_payment_intent_id"))));
    ReconstructedRecord other =
        unlinked(
            observation(
                "stripe",
                "stripe:pi_2",
                "2026-05-05T00:00:00Z",
                Map.of("stripe_payment_intent_id", "pi_2", "total_cents", "500"),
                "stripe_payment_intent_id"));
    List<ReconstructedRecord> refused = new ArrayList<>();
    ReconstructedRecord result =
        RecordAttacher.attach(
            merger,
            booking,
            List.of(
                new Attachment(
                    other, new Link(List.of("stripe:pi_2"), 11.0, 0.999, false, List.of()))),
            collect(refused),
            collect(new ArrayList<KV<String, Long>>()));
    assertThat(result).isEqualTo(booking);
    assertThat(refused).hasSize(1);
    assertThat(refused.get(0).reasons())
        .last()
        .asString()
        .contains("names another stripe_payment_intent_id");
  }

  @Test
  void aReasonSaysWhyALinkIsReviewedBelowTheThresholdOrAsAPairedPiece() {
    ReconstructedRecord booking =
        emitted(
            merger.merge(
                List.of(
                    observation(
                        "mail",
                        "email:<m1@x>",
                        "2026-05-03T00:00:00Z",
                        Map.of("reference", "RW-1"),
                        "reference"))));
    // a new entity of two pieces paired at weight 15, joining the booking at weight 4
    Link paired = new Link(List.of("stripe:pi_1", "calendar:e1"), 15.0, 0.99997, true, List.of());
    ReconstructedRecord pieces =
        unlinked(
                observation(
                    "stripe",
                    "stripe:pi_1",
                    "2026-05-04T00:00:00Z",
                    Map.of("total_cents", "500"),
                    "total_cents"))
            .toBuilder()
            .links(List.of(paired))
            .build();

    ReconstructedRecord result =
        RecordAttacher.attach(
            merger,
            booking,
            List.of(
                new Attachment(
                    pieces, new Link(List.of("stripe:pi_1"), 4.0, 0.94, true, List.of()))),
            collect(new ArrayList<ReconstructedRecord>()),
            collect(new ArrayList<KV<String, Long>>()));

    assertThat(result.reasons())
        .contains(
            "attached stripe:pi_1 by probabilistic match, weight 4.0 (below the link threshold:"
                + " review)",
            "attached stripe:pi_1, calendar:e1 by probabilistic match, weight 15.0 (pieces paired"
                + " into a new record: review)");
  }

  @Test
  void aPieceAttachedForReviewWithANewerDateKeepsTheRecordsDateAndIsListedAsAnAlternative() {
    ReconstructedRecord stay =
        emitted(
            merger.merge(
                List.of(
                    observation(
                        "mail",
                        "email:<m1@x>",
                        "2026-05-03T00:00:00Z",
                        Map.of("reference", "RW-1", "check_in", "2026-12-15"),
                        "reference"))));
    // an owner's block on the calendar, newer than the mail, matched below the link threshold
    ReconstructedRecord block =
        unlinked(
            observation(
                "calendar",
                "calendar:X",
                "2026-05-09T00:00:00Z",
                Map.of("check_in", "2026-12-16", "guest_name", "Owner")));
    ReconstructedRecord result =
        RecordAttacher.attach(
            merger,
            stay,
            List.of(
                new Attachment(block, new Link(List.of("calendar:X"), 3.1, 0.9, true, List.of()))),
            collect(new ArrayList<ReconstructedRecord>()),
            collect(new ArrayList<KV<String, Long>>()));

    assertThat(result.value("check_in")).isEqualTo("2026-12-15");
    assertThat(result.fields().get("check_in").sources()).containsExactly("email:<m1@x>");
    assertThat(result.fields().get("check_in").alternatives())
        .extracting(
            ReconstructedRecord.Alternative::value, ReconstructedRecord.Alternative::sources)
        .contains(tuple("2026-12-16", List.of("calendar:X")));
    assertThat(result.reasons())
        .anySatisfy(
            reason ->
                assertThat(reason)
                    .startsWith(
                        "calendar:X (attached for review, weight 3.1) claims check_in 2026-12-16,"
                            + " kept 2026-12-15 of email:<m1@x>"));
    assertThat(result.flagged()).isTrue();
    assertThat(result.evidence())
        .extracting(ReconstructedRecord.Evidence::ref)
        .contains("calendar:X");
  }

  @Test
  void aPieceAttachedForReviewFillsAFieldTheRecordLacks() {
    ReconstructedRecord stay =
        emitted(
            merger.merge(
                List.of(
                    observation(
                        "mail",
                        "email:<m1@x>",
                        "2026-05-03T00:00:00Z",
                        Map.of("reference", "RW-1", "check_in", "2026-12-15"),
                        "reference"))));
    ReconstructedRecord event =
        unlinked(
            observation(
                "calendar",
                "calendar:X",
                "2026-05-09T00:00:00Z",
                Map.of("check_in", "2026-12-15", "guest_name", "Ana Lima")));
    ReconstructedRecord result =
        RecordAttacher.attach(
            merger,
            stay,
            List.of(
                new Attachment(event, new Link(List.of("calendar:X"), 3.1, 0.9, true, List.of()))),
            collect(new ArrayList<ReconstructedRecord>()),
            collect(new ArrayList<KV<String, Long>>()));

    assertThat(result.value("guest_name")).isEqualTo("Ana Lima");
    assertThat(result.value("check_in")).isEqualTo("2026-12-15");
    assertThat(result.reasons())
        .noneMatch(reason -> reason.contains("attached for review, weight"));
  }

  @Test
  void aPieceAttachedAtOrAboveTheLinkThresholdStillChangesTheValue() {
    ReconstructedRecord stay =
        emitted(
            merger.merge(
                List.of(
                    observation(
                        "mail",
                        "email:<m1@x>",
                        "2026-05-03T00:00:00Z",
                        Map.of("reference", "RW-1", "check_in", "2026-12-15"),
                        "reference"))));
    ReconstructedRecord moved =
        unlinked(
            observation(
                "calendar",
                "calendar:X",
                "2026-05-09T00:00:00Z",
                Map.of("check_in", "2026-12-16", "guest_name", "Ana Lima")));
    ReconstructedRecord result =
        RecordAttacher.attach(
            merger,
            stay,
            List.of(
                new Attachment(
                    moved, new Link(List.of("calendar:X"), 12.0, 0.999, false, List.of()))),
            collect(new ArrayList<ReconstructedRecord>()),
            collect(new ArrayList<KV<String, Long>>()));

    assertThat(result.value("check_in")).isEqualTo("2026-12-16");
    assertThat(result.reasons())
        .noneMatch(reason -> reason.contains("attached for review, weight"));
  }

  /** What a piece linked by no key becomes: an unlinked record. */
  private ReconstructedRecord unlinked(Observation piece) {
    EntityMerger.Merged merged = merger.merge(List.of(piece));
    assertThat(merged).isInstanceOf(EntityMerger.Unlinked.class);
    return ((EntityMerger.Unlinked) merged).record();
  }

  private static ReconstructedRecord emitted(EntityMerger.Merged merged) {
    assertThat(merged).isInstanceOf(EntityMerger.Emitted.class);
    return ((EntityMerger.Emitted) merged).record();
  }

  private static Observation observation(
      String source, String ref, String at, Map<String, String> fields, String... keyNames) {
    Map<String, String> keys = new TreeMap<>();
    for (String key : keyNames) {
      keys.put(key, fields.get(key));
    }
    return new Observation("reservation", keys, fields, Instant.parse(at), source, ref, "r");
  }

  private static <T> OutputReceiver<T> collect(List<T> into) {
    return new OutputReceiver<>() {
      @Override
      public void output(T output) {
        into.add(output);
      }

      @Override
      public void outputWithTimestamp(T output, org.joda.time.Instant timestamp) {
        into.add(output);
      }
    };
  }
}
