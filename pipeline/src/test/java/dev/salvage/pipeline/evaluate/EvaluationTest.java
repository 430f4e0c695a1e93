package dev.salvage.pipeline.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.pipeline.bundle.Json;
import dev.salvage.pipeline.bundle.JsonlFile;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import dev.salvage.pipeline.bundle.RunLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationTest {
  private static final List<String> FIELDS = List.of("vehicle", "pickup_at", "status");

  static JsonNode json(String text) throws Exception {
    return Json.MAPPER.readTree(text.replace('\'', '"'));
  }

  static List<Evaluation.TruthRow> truth() throws Exception {
    return Stream.of(
            json(
                "{'reference': 'RW-1', 'vehicle': 'AA', 'pickup_at': 'T1', 'status': 'confirmed',"
                    + " 'stripe_payment_intent_id': 'pi_1', 'lost': true, 'recoverable': true}"),
            // a cancelled booking whose slot RW-3 took again
            json(
                "{'reference': 'RW-2', 'vehicle': 'BB', 'pickup_at': 'T2', 'status': 'cancelled',"
                    + " 'stripe_payment_intent_id': 'pi_2', 'lost': true, 'recoverable': true}"),
            json(
                "{'reference': 'RW-3', 'vehicle': 'BB', 'pickup_at': 'T2', 'status': 'confirmed',"
                    + " 'stripe_payment_intent_id': 'pi_3', 'lost': true, 'recoverable': true}"))
        .map(Evaluation.TruthRow::of)
        .toList();
  }

  static Evaluation.Scored record(
      String id, String reference, String vehicle, String status, String pi) {
    Map<String, List<String>> keys = new HashMap<>();
    if (reference != null) {
      keys.put("reference", List.of(reference));
    }
    if (pi != null) {
      keys.put("stripe_payment_intent_id", List.of(pi));
    }
    return new Evaluation.Scored(
        id, Action.NEW, Map.of("vehicle", vehicle, "pickup_at", "T2", "status", status), keys);
  }

  @Test
  void matchesARecordWithoutReferenceByACompositeNaturalKeyPreferringAgreeingFields()
      throws Exception {
    List<Evaluation.Scored> emitted = new ArrayList<>();
    emitted.add(record("a", null, "BB", "confirmed", null));
    Evaluation.Metrics byReference =
        Evaluation.measure(truth(), emitted, List.of("reference"), FIELDS);
    assertThat(byReference.recall()).isZero();
    Evaluation.Metrics natural =
        Evaluation.measure(truth(), emitted, List.of("reference", "vehicle+pickup_at"), FIELDS);
    assertThat(natural.precision()).isEqualTo(1.0);
    assertThat(natural.recall()).isEqualTo(1.0 / 3);
    // RW-3 (confirmed, like the record) rather than RW-2 (same car and time, but cancelled)
    assertThat(natural.fieldAccuracy()).isEqualTo(1.0);
  }

  @Test
  void separatesValuesLeftEmptyFromValuesThatAreWrong() throws Exception {
    List<Evaluation.Scored> emitted =
        List.of(
            // RW-1: pickup_at left empty (no evidence carried it), the rest right
            new Evaluation.Scored(
                "a",
                Action.NEW,
                Map.of("vehicle", "AA", "status", "confirmed"),
                Map.of("reference", List.of("RW-1"))),
            // RW-3: every field given, status wrong
            new Evaluation.Scored(
                "b",
                Action.NEW,
                Map.of("vehicle", "BB", "pickup_at", "T2", "status", "cancelled"),
                Map.of("reference", List.of("RW-3"))));

    Evaluation.Metrics measured =
        Evaluation.measure(truth(), emitted, List.of("reference"), FIELDS);

    // 6 true values: 5 given, of which 4 right
    assertThat(measured.fieldAccuracy()).isEqualTo(4.0 / 6);
    assertThat(measured.completeness()).isEqualTo(5.0 / 6);
    assertThat(measured.valuePrecision()).isEqualTo(4.0 / 5);
    JsonNode json = Evaluation.toJson(Map.of("reservations", measured)).path("reservations");
    assertThat(json.path("completeness").asDouble()).isEqualTo(0.8333);
    assertThat(json.path("value_precision").asDouble()).isEqualTo(0.8);
  }

  @Test
  void aValueGivenWhereTheTruthHoldsNoneCountsAsWrongButNotAsAMissedTrueValue() throws Exception {
    List<Evaluation.TruthRow> truth =
        List.of(
            Evaluation.TruthRow.of(
                json(
                    "{'email': 'a@x.example', 'full_name': 'Ann', 'phone': null,"
                        + " 'lost': true, 'recoverable': true}")));
    List<Evaluation.Scored> emitted =
        List.of(
            new Evaluation.Scored(
                "a",
                Action.NEW,
                Map.of("email", "a@x.example", "full_name", "Ann", "phone", "+447700900666"),
                Map.of()));

    Evaluation.Metrics measured =
        Evaluation.measure(
            truth, emitted, List.of("email"), List.of("email", "full_name", "phone"));

    // 2 true values, both given and right; the phone is a third value given, and wrong
    assertThat(measured.fieldAccuracy()).isEqualTo(2.0 / 3);
    assertThat(measured.valuePrecision()).isEqualTo(2.0 / 3);
    assertThat(measured.completeness()).isEqualTo(1.0);
    assertThat(measured.fieldAccuracyByField()).containsEntry("phone", 0.0);
  }

  @Test
  void tellsTrueValuesTheEvidenceNeverClaimedFromValuesTheResolutionChoseWrongly()
      throws Exception {
    Set<String> fieldNames = Set.of("reference", "vehicle", "pickup_at", "status");
    // RW-1: status chose "cancelled" over the claimed true "confirmed" (a resolution error);
    // pickup_at is missing, and no evidence claimed it (the evidence's miss)
    ReconstructedRecord one =
        ReconstructedRecord.builder("a", "reservation")
            .fields(
                Map.of(
                    "reference", new ReconstructedRecord.FieldValue("RW-1", List.of("m1"), 1.0),
                    "vehicle", new ReconstructedRecord.FieldValue("AA", List.of("m1"), 1.0),
                    "status",
                        new ReconstructedRecord.FieldValue(
                            "cancelled",
                            List.of("m2"),
                            0.5,
                            List.of(
                                new ReconstructedRecord.Alternative(
                                    "confirmed",
                                    List.of("m1"),
                                    1,
                                    "2026-01-01T00:00:00Z",
                                    "older")))))
            .keys(Map.of("reference", List.of("RW-1")))
            .build();
    // RW-3: vehicle wrong and the true one claimed only in the evidence's claims; status wrong
    // and never claimed (a stale value)
    ReconstructedRecord three =
        ReconstructedRecord.builder("b", "reservation")
            .fields(
                Map.of(
                    "reference", new ReconstructedRecord.FieldValue("RW-3", List.of("m3"), 1.0),
                    "vehicle", new ReconstructedRecord.FieldValue("CC", List.of("m3"), 1.0),
                    "pickup_at", new ReconstructedRecord.FieldValue("T2", List.of("m3"), 1.0),
                    "status", new ReconstructedRecord.FieldValue("cancelled", List.of("m3"), 1.0)))
            .keys(Map.of("reference", List.of("RW-3")))
            .evidence(
                List.of(
                    new ReconstructedRecord.Evidence(
                        "m3",
                        "mail",
                        "confirmation",
                        "2026-01-01T00:00:00Z",
                        Map.of("vehicle", "BB", "reference", "RW-3"))))
            .build();
    Set<String> keyNames = Set.of("reference");
    List<Evaluation.Scored> emitted =
        List.of(
            Evaluation.Scored.of(one, fieldNames, keyNames),
            Evaluation.Scored.of(three, fieldNames, keyNames));

    Evaluation.Metrics measured =
        Evaluation.measure(truth(), emitted, List.of("reference"), FIELDS);

    // 6 true values, 2 right (RW-1 vehicle, RW-3 pickup_at); RW-1's status and RW-3's vehicle
    // were claimed but not chosen; RW-1's pickup_at and RW-3's status were never claimed
    assertThat(measured.fieldAccuracy()).isEqualTo(2.0 / 6);
    assertThat(measured.evidenced()).isEqualTo(4.0 / 6);
    assertThat(measured.rightWhenEvidenced()).isEqualTo(2.0 / 4);
    JsonNode json = Evaluation.toJson(Map.of("reservations", measured)).path("reservations");
    assertThat(json.path("evidenced").asDouble()).isEqualTo(0.6667);
    assertThat(json.path("right_when_evidenced").asDouble()).isEqualTo(0.5);
    assertThat(Evaluation.table(Map.of("reservations", measured)))
        .contains("true value in the record's evidence 0.6667, chosen when there 0.5000");
  }

  @Test
  void aLongTableNameKeepsItsRowInTheHeadersColumns() throws Exception {
    Evaluation.Metrics measured =
        Evaluation.measure(
            truth(),
            List.of(record("a", "RW-3", "BB", "confirmed", null)),
            List.of("reference"),
            FIELDS);

    List<String> lines =
        Evaluation.table(Map.of("meeting_room_bookings", measured)).lines().toList();

    assertThat(lines.get(1)).startsWith("meeting_room_bookings ");
    assertThat(lines.get(1).length()).isEqualTo(lines.get(0).length());
    assertThat(lines.get(1).indexOf(" 1.0000") + 7)
        .as("precision ends where its header does")
        .isEqualTo(lines.get(0).indexOf("precision") + "precision".length());
  }

  @Test
  void saysUpdatedAccuracyIsNotMeasuredWhenNoRecordIsUpdatedInsteadOfCallingItZero()
      throws Exception {
    List<Evaluation.TruthRow> truth = List.of(truth().get(2));
    Evaluation.Metrics none =
        Evaluation.measure(
            truth,
            List.of(record("a", "RW-3", "BB", "confirmed", null)),
            List.of("reference"),
            FIELDS);
    Evaluation.Scored updated = record("a", "RW-3", "BB", "cancelled", null);
    Evaluation.Metrics some =
        Evaluation.measure(
            truth,
            List.of(
                new Evaluation.Scored(
                    updated.id(), Action.UPDATED, updated.fields(), updated.keys())),
            List.of("reference"),
            FIELDS);

    assertThat(none.fieldAccuracyUpdated()).isNaN();
    assertThat(Evaluation.table(Map.of("reservations", none)).lines().skip(1).findFirst())
        .hasValueSatisfying(row -> assertThat(row).matches(".* n/a +0$"));
    // vehicle and pickup_at right, status wrong
    assertThat(some.fieldAccuracyUpdated()).isEqualTo(2.0 / 3);
    assertThat(Evaluation.table(Map.of("reservations", some))).contains(" 0.6667       0");
  }

  @Test
  void aDuplicateWithoutReferenceCountsAgainstPrecision() throws Exception {
    List<Evaluation.Scored> emitted =
        List.of(
            record("a", "RW-3", "BB", "confirmed", null),
            record("b", null, "BB", "confirmed", null));
    List<Evaluation.TruthRow> truth = List.of(truth().get(0), truth().get(2));
    Evaluation.Metrics metrics =
        Evaluation.measure(truth, emitted, List.of("reference", "vehicle+pickup_at"), FIELDS);
    // a takes RW-3 by its reference; b, the same booking again, finds it taken
    assertThat(metrics.precision()).isEqualTo(0.5);
    assertThat(metrics.recall()).isEqualTo(0.5);
  }

  @Test
  void countsRecordsWhoseKeysBelongToTwoTruthEntities() throws Exception {
    Map<String, List<String>> identity =
        Map.of(
            "reference", List.of("reference"),
            "stripe_payment_intent_id", List.of("stripe_payment_intent_id"));
    List<Evaluation.Scored> records =
        List.of(
            record("ok", "RW-1", "AA", "confirmed", "pi_1"),
            record("merged", "RW-2", "BB", "confirmed", "pi_3"),
            record("unknown", null, "BB", "confirmed", "pi_9"));
    assertThat(Evaluation.merged(truth(), records, identity)).isEqualTo(1);
  }

  /**
   * Siblings paying with their parent's card both hold its customer id in truth: a record carrying
   * it merged no one, and counted as a merge until an outside trial's kept-apart siblings showed 8.
   * Only values each held by one truth entity alone tell that a record joined two.
   */
  @Test
  void countsAMergeOnlyByValuesUniqueToEachOfTwoTruthEntities() throws Exception {
    List<Evaluation.TruthRow> customers =
        Stream.of(
                json("{'email': 'a@x', 'past_emails': ['shared@x', 'a-old@x'], 'lost': true}"),
                json("{'email': 'b@x', 'past_emails': ['shared@x'], 'lost': true}"),
                json("{'email': 'c@x', 'past_emails': [], 'lost': true}"))
            .map(Evaluation.TruthRow::of)
            .toList();
    Map<String, List<String>> identity = Map.of("email", List.of("email", "past_emails"));
    List<Evaluation.Scored> records =
        List.of(
            customer("a", "a@x", "a-old@x"),
            customer("shared", "shared@x"),
            customer("b and the shared one", "b@x", "shared@x"),
            customer("c", "c@x"),
            customer("a and c", "a-old@x", "c@x"));
    assertThat(Evaluation.merged(customers, records, identity)).isEqualTo(1);
  }

  private static Evaluation.Scored customer(String id, String... emails) {
    return new Evaluation.Scored(id, Action.NEW, Map.of(), Map.of("email", List.of(emails)));
  }

  @Test
  void countsTheUnflaggedRecordsTheDefaultImportPolicyLeavesToAPerson() throws Exception {
    List<Evaluation.Scored> emitted = new ArrayList<>();
    emitted.add(
        new Evaluation.Scored(
            "exact", Action.NEW, Map.of(), Map.of("reference", List.of("RW-1")), 1.0, false));
    // a probabilistic match: unflagged, but below min_confidence 1.0, so import plan skips it
    emitted.add(
        new Evaluation.Scored(
            "matched", Action.NEW, Map.of(), Map.of("reference", List.of("RW-3")), 0.9999, false));
    emitted.add(
        new Evaluation.Scored(
            "flagged", Action.NEW, Map.of(), Map.of("reference", List.of("RW-9")), 0.6, true));

    Evaluation.Reliability reliability =
        Evaluation.measure(truth(), emitted, List.of("reference"), FIELDS).reliability();

    assertThat(reliability.flagged()).isEqualTo(1);
    assertThat(reliability.belowDefaultPolicy()).isEqualTo(1);
  }

  @Test
  void reportsReviewLoadCalibrationAndBrierScoreOfTheEmittedRecords() throws Exception {
    List<Evaluation.Scored> emitted = new ArrayList<>();
    // right: matches RW-1 and holds its values
    emitted.add(
        new Evaluation.Scored(
            "a",
            Action.NEW,
            Map.of("vehicle", "AA", "pickup_at", "T1", "status", "confirmed"),
            Map.of("reference", List.of("RW-1")),
            1.0,
            false));
    // matches RW-3 but holds a wrong status: not right, flagged
    emitted.add(
        new Evaluation.Scored(
            "b",
            Action.NEW,
            Map.of("vehicle", "BB", "status", "cancelled"),
            Map.of("reference", List.of("RW-3")),
            0.6,
            true));
    // matches nothing: a false positive nobody was asked to look at
    emitted.add(
        new Evaluation.Scored(
            "c",
            Action.NEW,
            Map.of("vehicle", "ZZ"),
            Map.of("reference", List.of("RW-9")),
            0.95,
            false));

    Evaluation.Reliability reliability =
        Evaluation.measure(truth(), emitted, List.of("reference"), FIELDS).reliability();

    assertThat(reliability.flagged()).isEqualTo(1);
    assertThat(reliability.flaggedShare()).isEqualTo(1.0 / 3);
    assertThat(reliability.unflaggedPrecision()).isEqualTo(0.5);
    assertThat(reliability.unflaggedRight()).isEqualTo(0.5);
    // (0^2 + 0.6^2 + 0.95^2) / 3
    assertThat(reliability.brier())
        .isCloseTo((0.36 + 0.9025) / 3, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(reliability.bins())
        .filteredOn(bin -> bin.count() > 0)
        .extracting(Evaluation.Bin::from, Evaluation.Bin::count, Evaluation.Bin::shareRight)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0.5, 1L, 0.0),
            org.assertj.core.groups.Tuple.tuple(0.95, 1L, 0.0),
            org.assertj.core.groups.Tuple.tuple(0.999, 1L, 1.0));
  }

  @Test
  void countsTheUnlinkedPiecesOfEachEntityAndTheFlaggedOnes(@TempDir Path run) throws Exception {
    JsonlFile<ReconstructedRecord> unlinked = RunLayout.of(run).unlinked();
    assertThat(Evaluation.countUnlinked(unlinked)).isEmpty();
    Files.createDirectories(unlinked.path().getParent());
    unlinked.append(
        List.of(
            ReconstructedRecord.builder("customer:new-1", "customer").flag().build(),
            ReconstructedRecord.builder("customer:new-2", "customer").build(),
            ReconstructedRecord.builder("customer:new-3", "customer").build(),
            ReconstructedRecord.builder("reservation:new-4", "reservation").flag().build()));

    Map<String, Evaluation.UnlinkedCount> counts = Evaluation.countUnlinked(unlinked);

    assertThat(counts)
        .containsOnly(
            Map.entry("customer", new Evaluation.UnlinkedCount(3, 1)),
            Map.entry("reservation", new Evaluation.UnlinkedCount(1, 1)));
  }

  @Test
  void aLostRecordCalledUnchangedWithTheBackupsOldValueIsCountedAsAChangeMissed() throws Exception {
    // RW-1 changed vehicle since the backup (truth AA); the run kept the backup's ZZ as UNCHANGED.
    // RW-3 came out UNCHANGED with the truth's values: nothing missed there.
    List<Evaluation.Scored> unchanged =
        List.of(
            new Evaluation.Scored(
                "r1",
                Action.UNCHANGED,
                Map.of("vehicle", "ZZ", "pickup_at", "T1", "status", "confirmed"),
                Map.of("reference", List.of("RW-1"))),
            new Evaluation.Scored(
                "r3",
                Action.UNCHANGED,
                Map.of("vehicle", "BB", "pickup_at", "T2", "status", "confirmed"),
                Map.of("reference", List.of("RW-3"))));

    long missed = Evaluation.unchangedButChanged(truth(), unchanged, List.of("reference"), FIELDS);

    assertThat(missed).isEqualTo(1);
    Evaluation.Metrics metrics =
        Evaluation.measure(truth(), List.of(), List.of("reference"), FIELDS)
            .withRunFacts(0, missed, Evaluation.UnlinkedCount.NONE);
    assertThat(Evaluation.table(Map.of("reservations", metrics)))
        .contains(
            "reservations   1 lost record(s) came out UNCHANGED though they changed since the"
                + " backup");
    assertThat(
            Evaluation.toJson(Map.of("reservations", metrics))
                .at("/reservations/unchanged_but_changed")
                .asLong())
        .isEqualTo(1);
  }

  /** The truth of {@link #truth()} with, per reference, the fields no input holds. */
  static List<Evaluation.TruthRow> truthWithNotHeld() throws Exception {
    return Stream.of(
            json(
                "{'reference': 'RW-1', 'vehicle': 'AA', 'pickup_at': 'T1', 'status': 'confirmed',"
                    + " 'not_held': ['pickup_at'], 'lost': true, 'recoverable': true}"),
            json(
                "{'reference': 'RW-2', 'vehicle': 'BB', 'pickup_at': 'T2', 'status': 'cancelled',"
                    + " 'not_held': [], 'lost': true, 'recoverable': true}"),
            json(
                "{'reference': 'RW-3', 'vehicle': 'BB', 'pickup_at': 'T2', 'status': 'confirmed',"
                    + " 'not_held': ['status'], 'lost': true, 'recoverable': true}"))
        .map(Evaluation.TruthRow::of)
        .toList();
  }

  static List<Evaluation.Scored> oneRightOneWrongWhereHeld() {
    return List.of(
        // RW-1: pickup_at left empty, and no input holds it; the rest right
        new Evaluation.Scored(
            "a",
            Action.NEW,
            Map.of("vehicle", "AA", "status", "confirmed"),
            Map.of("reference", List.of("RW-1"))),
        // RW-3: the car wrong though an input holds it; status wrong, and no input holds it
        new Evaluation.Scored(
            "b",
            Action.NEW,
            Map.of("vehicle", "CC", "pickup_at", "T2", "status", "cancelled"),
            Map.of("reference", List.of("RW-3"))));
  }

  @Test
  void fieldAccuracyWhereAnInputHoldsTheValueLeavesOutExactlyTheValuesNoInputHolds()
      throws Exception {
    Evaluation.Metrics measured =
        Evaluation.measure(
            truthWithNotHeld(),
            oneRightOneWrongWhereHeld(),
            List.of("reference"),
            FIELDS,
            "not_held");

    // 6 true values, 3 right; 2 no input holds (RW-1's pickup_at, RW-3's status), both missed;
    // of the 4 held, 3 right: RW-3's car is what linking or value resolution could still fix
    assertThat(measured.fieldAccuracy()).isEqualTo(3.0 / 6);
    Evaluation.Held held = measured.held();
    assertThat(held.trueValues()).isEqualTo(6);
    assertThat(held.notHeld()).isEqualTo(2);
    assertThat(held.notHeldRight()).isZero();
    assertThat(held.accuracy()).isEqualTo(3.0 / 4);
    assertThat(held.wrong()).isEqualTo(1);
    assertThat(held.ceiling()).isEqualTo(4.0 / 6);
    assertThat(held.byField().get("vehicle").accuracy()).isEqualTo(0.5);
    assertThat(held.byField().get("vehicle").wrong()).isEqualTo(1);
    assertThat(held.byField().get("pickup_at").notHeld()).isEqualTo(1);
    assertThat(held.byField().get("pickup_at").accuracy()).isEqualTo(1.0);
    assertThat(held.byField().get("status").notHeld()).isEqualTo(1);

    JsonNode json = Evaluation.toJson(Map.of("reservations", measured)).path("reservations");
    assertThat(json.path("field_accuracy").asDouble()).isEqualTo(0.5);
    assertThat(json.path("field_accuracy_held").asDouble()).isEqualTo(0.75);
    assertThat(json.path("not_held").asLong()).isEqualTo(2);
    assertThat(json.path("wrong_where_held").asLong()).isEqualTo(1);
    assertThat(json.at("/held_by_field/vehicle/wrong_where_held").asLong()).isEqualTo(1);
    assertThat(json.at("/held_by_field/status/not_held").asLong()).isEqualTo(1);
    assertThat(Evaluation.table(Map.of("reservations", measured)))
        .contains(
            "where an input holds the value: field accuracy 0.7500, 1 wrong or missing of 4 held")
        .contains("2 of 6 true values no input holds")
        .contains("vehicle=0.5000 pickup_at=1.0000 (1 not held)");
  }

  @Test
  void saysWhereAnInputHoldsTheValueIsUnknownWhenTheTruthDoesNotListThem() throws Exception {
    Evaluation.Metrics measured =
        Evaluation.measure(
            truthWithNotHeld(), oneRightOneWrongWhereHeld(), List.of("reference"), FIELDS);

    assertThat(measured.held().known()).isFalse();
    JsonNode json = Evaluation.toJson(Map.of("reservations", measured)).path("reservations");
    assertThat(json.path("field_accuracy_held").isNull()).isTrue();
    assertThat(json.path("not_held").isNull()).isTrue();
    assertThat(Evaluation.table(Map.of("reservations", measured)))
        .contains("where an input holds the value: n/a");
  }

  @Test
  void readsTheValuesNoInputHoldsFromTheTruthColumnTheManifestNames(@TempDir Path dir)
      throws Exception {
    Path truth = Files.createDirectories(dir.resolve("truth"));
    Files.writeString(
        truth.resolve("manifest.json"),
        ("{'entities': {'bookings': {'entity': 'reservation', 'match_keys': ['reference'],"
                + " 'fields': ['vehicle', 'status'], 'not_held': 'unheld'}}}")
            .replace('\'', '"'));
    Files.writeString(
        truth.resolve("bookings.jsonl"),
        ("{'reference': 'RW-1', 'vehicle': 'AA', 'status': 'confirmed', 'unheld': ['vehicle'],"
                + " 'lost': true, 'recoverable': true}\n")
            .replace('\'', '"'));
    Path run = dir.resolve("run");
    Files.createDirectories(RunLayout.of(run).records().path().getParent());
    RunLayout.of(run)
        .records()
        .append(
            List.of(
                ReconstructedRecord.builder("a", "reservation")
                    .action(Action.NEW)
                    .fields(
                        Map.of(
                            "reference",
                            new ReconstructedRecord.FieldValue("RW-1", List.of("m1"), 1.0),
                            "status",
                            new ReconstructedRecord.FieldValue("confirmed", List.of("m1"), 1.0)))
                    .keys(Map.of("reference", List.of("RW-1")))
                    .build()));

    Evaluation.Metrics measured = Evaluation.evaluate(truth, run).get("bookings");

    assertThat(measured.fieldAccuracy()).isEqualTo(0.5);
    assertThat(measured.held().notHeld()).isEqualTo(1);
    assertThat(measured.held().accuracy()).isEqualTo(1.0);
  }
}
