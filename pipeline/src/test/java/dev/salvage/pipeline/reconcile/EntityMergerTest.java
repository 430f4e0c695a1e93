package dev.salvage.pipeline.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.mappings.EntityModel;
import dev.salvage.mappings.Observation;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EntityMergerTest {
  static final String MODEL =
      """
      entities:
        customer:
          keys: [email, phone, backup_id]
          fields:
            backup_id: text
            email: email
            full_name: text
            phone: phone
          merge:
            full_name: {strategy: precedence, order: [backup, mail, calendar]}
        reservation:
          keys: [reference, backup_id]
          require_keys: [reference]
          fields:
            backup_id: text
            reference: text
            pickup_at: datetime
            status: text
            total_cents: integer
      """;
  static final Instant T0 = Instant.parse("2026-05-01T03:00:00Z");

  final EntityMerger merger;

  EntityMergerTest() throws Exception {
    merger = merger(MODEL);
  }

  static EntityMerger merger(String model) throws Exception {
    MergeSettings settings =
        new MergeSettings(
            model,
            "entities.yaml",
            List.of("mail", "stripe", "calendar", "backup"),
            "backup",
            T0,
            Map.of(
                "reservation",
                    List.of("backup_id", "reference", "pickup_at", "status", "total_cents"),
                "customer", List.of("backup_id", "email", "full_name", "phone")));
    return new EntityMerger(EntityModel.parse(model, "entities.yaml"), settings);
  }

  static Observation obs(
      String type,
      String source,
      String ref,
      String at,
      Map<String, String> fields,
      String... keyNames) {
    Map<String, String> keys = new java.util.TreeMap<>();
    for (String key : keyNames) {
      keys.put(key, fields.get(key));
    }
    return new Observation(type, keys, fields, Instant.parse(at), source, ref, "r");
  }

  /** Reservation RW-1 (backup id 7) as the backup holds it. */
  static Observation backupRow(Map<String, String> fields) {
    return obs(
        "reservation",
        "backup",
        "backup:reservations#7",
        "2026-04-20T10:00:00Z",
        fields,
        "backup_id",
        "reference");
  }

  ReconstructedRecord emitted(List<Observation> cluster) {
    EntityMerger.Merged outcome = merger.merge(cluster);
    assertThat(outcome).isInstanceOf(EntityMerger.Emitted.class);
    return ((EntityMerger.Emitted) outcome).record();
  }

  @Test
  void movedBookingIsUpdatedWithBeforeAndAfterAndItsEvidence() {
    Observation backup =
        backupRow(
            Map.of(
                "backup_id",
                "7",
                "reference",
                "RW-1",
                "pickup_at",
                "2026-06-01T09:00:00Z",
                "status",
                "confirmed",
                "total_cents",
                "10000"));
    Observation change =
        obs(
            "reservation",
            "mail",
            "email:m2",
            "2026-05-10T08:00:00Z",
            Map.of("reference", "RW-1", "pickup_at", "2026-06-03T09:00:00Z"),
            "reference");
    ReconstructedRecord record = emitted(List.of(change, backup));
    assertThat(record.action()).isEqualTo(Action.UPDATED);
    assertThat(record.id()).isEqualTo("reservation:7");
    assertThat(record.value("pickup_at")).isEqualTo("2026-06-03T09:00:00Z");
    assertThat(record.changes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.field()).isEqualTo("pickup_at");
              assertThat(c.before()).isEqualTo("2026-06-01T09:00:00Z");
              assertThat(c.after()).isEqualTo("2026-06-03T09:00:00Z");
              assertThat(c.sources()).containsExactly("email:m2");
            });
    assertThat(record.value("total_cents")).isEqualTo("10000");
  }

  @Test
  void aMailDeliveredTwiceIsOneEvidenceAndOneSupporter() {
    // linking keys both copies by their cluster; the merge is where the copy is dropped
    Observation backup =
        backupRow(Map.of("backup_id", "7", "reference", "RW-1", "status", "confirmed"));
    Observation cancelled =
        obs(
            "reservation",
            "mail",
            "email:m3",
            "2026-05-12T08:00:00Z",
            Map.of("reference", "RW-1", "status", "cancelled"),
            "reference");
    ReconstructedRecord record = emitted(List.of(cancelled, backup, cancelled));
    assertThat(record.evidence()).extracting(e -> e.ref()).containsOnlyOnce("email:m3");
    assertThat(record.evidence()).hasSize(2);
    assertThat(record.fields().get("status").sources()).containsExactly("email:m3");
  }

  @Test
  void cancellationAfterConfirmationWinsBecauseItIsNewer() {
    Observation confirmed =
        obs(
            "reservation",
            "mail",
            "email:a",
            "2026-05-02T08:00:00Z",
            Map.of("reference", "RW-2", "status", "confirmed"),
            "reference");
    Observation cancelled =
        obs(
            "reservation",
            "calendar",
            "calendar:c/e",
            "2026-05-09T08:00:00Z",
            Map.of("reference", "RW-2", "status", "cancelled"),
            "reference");
    ReconstructedRecord record = emitted(List.of(cancelled, confirmed));
    assertThat(record.action()).isEqualTo(Action.NEW);
    assertThat(record.value("status")).isEqualTo("cancelled");
    assertThat(record.fields().get("status").confidence()).isEqualTo(0.5);
  }

  @Test
  void agreeingLaterEvidenceLeavesTheRecordUnchanged() {
    Observation backup =
        obs(
            "customer",
            "backup",
            "backup:customers#3",
            "2026-04-01T00:00:00Z",
            Map.of("backup_id", "3", "email", "ana@x.pt", "full_name", "Ana Silva"),
            "backup_id",
            "email");
    Observation mail =
        obs(
            "customer",
            "mail",
            "email:x",
            "2026-05-05T00:00:00Z",
            Map.of("email", "ana@x.pt", "full_name", "Ana Silva"),
            "email");
    assertThat(emitted(List.of(backup, mail)).action()).isEqualTo(Action.UNCHANGED);
  }

  @Test
  void backupRowWithoutLaterEvidenceIsCarriedOver() {
    Observation backup =
        obs(
            "customer",
            "backup",
            "backup:customers#3",
            "2026-04-01T00:00:00Z",
            Map.of("backup_id", "3", "email", "ana@x.pt"),
            "backup_id",
            "email");
    assertThat(merger.merge(List.of(backup))).isInstanceOf(EntityMerger.CarriedOver.class);
  }

  /**
   * A backup row nothing changed is still a record matching can attach evidence without the keys
   * to: a newer piece that moves it makes it UPDATED, an older one that agrees leaves it carried
   * over.
   */
  @Test
  void aCarriedOverRowTakesAttachedEvidenceAsEvidenceLinkedByKeysWouldBe() {
    Observation row =
        backupRow(
            Map.of(
                "backup_id", "7",
                "reference", "RW-1",
                "pickup_at", "2026-05-10T09:00:00Z",
                "status", "confirmed"));
    ReconstructedRecord carried = ((EntityMerger.CarriedOver) merger.merge(List.of(row))).record();
    assertThat(carried.id()).isEqualTo("reservation:7");
    assertThat(merger.carriedOver(carried)).isTrue();

    ReconstructedRecord moved =
        merger.mergeInto(
            carried,
            List.of(unlinkedEvent("calendar:e1", "2026-05-02T10:00:00Z", "2026-05-11T09:00:00Z")));
    assertThat(moved.action()).isEqualTo(Action.UPDATED);
    assertThat(moved.value("pickup_at")).isEqualTo("2026-05-11T09:00:00Z");
    assertThat(merger.carriedOver(moved)).isFalse();

    ReconstructedRecord corroborated =
        merger.mergeInto(
            carried,
            List.of(unlinkedEvent("calendar:e0", "2026-04-20T10:00:00Z", "2026-05-10T09:00:00Z")));
    assertThat(corroborated.evidence()).hasSize(2);
    assertThat(merger.carriedOver(corroborated)).isTrue();
  }

  /**
   * A tie that flagged the record is settled by an attached piece: the flag goes with its reason.
   * An outside trial's records stayed flagged with no reason left to check.
   */
  @Test
  void dropsTheFlagWhenAnAttachedPieceSettlesTheTieThatRaisedIt() {
    Observation mail =
        obs(
            "reservation",
            "mail",
            "email:m1",
            "2026-05-02T10:00:00Z",
            Map.of("reference", "RW-9", "total_cents", "10000"),
            "reference");
    Observation stripe =
        obs(
            "reservation",
            "stripe",
            "stripe:ch_1",
            "2026-05-02T10:05:00Z",
            Map.of("reference", "RW-9", "total_cents", "12000"),
            "reference");
    ReconstructedRecord tied = emitted(List.of(mail, stripe));
    assertThat(tied.flagged()).isTrue();

    ReconstructedRecord settled =
        merger.mergeInto(
            tied,
            List.of(
                ((EntityMerger.Unlinked)
                        merger.merge(
                            List.of(
                                obs(
                                    "reservation",
                                    "calendar",
                                    "calendar:e9",
                                    "2026-05-02T10:03:00Z",
                                    Map.of("total_cents", "12000")))))
                    .record()));

    assertThat(settled.value("total_cents")).isEqualTo("12000");
    assertThat(settled.reasons()).noneMatch(reason -> reason.contains("within an hour"));
    assertThat(settled.flagged()).isFalse();
    assertThat(settled.confidence()).isEqualTo(1.0);
  }

  /**
   * A flag an earlier step gave (a key shared with another record) stays through a merge with more
   * evidence, and with it the confidence of a flagged record: an outside trial's records with the
   * same reason came out at 1.0 or 0.5 depending on whether a piece had been attached.
   */
  @Test
  void keepsAnEarlierStepsFlagAndItsConfidenceThroughAnotherMerge() {
    Observation row =
        backupRow(
            Map.of(
                "backup_id", "7",
                "reference", "RW-1",
                "pickup_at", "2026-05-10T09:00:00Z",
                "status", "confirmed"));
    Observation mail =
        obs(
            "reservation",
            "mail",
            "email:m1",
            "2026-05-02T10:00:00Z",
            Map.of("reference", "RW-1", "status", "confirmed"),
            "reference");
    ReconstructedRecord checked = emitted(List.of(row, mail));
    assertThat(checked.flagged()).isFalse();
    ReconstructedRecord shared =
        checked.toBuilder()
            .flag()
            .confidence(0.5)
            .addReason("shares stripe_customer_id cus_1 with reservation:8; check it")
            .build();

    ReconstructedRecord merged =
        merger.mergeInto(
            shared,
            List.of(unlinkedEvent("calendar:e1", "2026-05-03T10:00:00Z", "2026-05-10T09:00:00Z")));

    assertThat(merged.reasons()).anyMatch(reason -> reason.startsWith("shares stripe_customer_id"));
    assertThat(merged.flagged()).isTrue();
    assertThat(merged.confidence()).isEqualTo(0.5);
  }

  /** A calendar event without the reservation's reference, merged alone (unlinked). */
  private ReconstructedRecord unlinkedEvent(String ref, String at, String pickupAt) {
    EntityMerger.Merged merged =
        merger.merge(
            List.of(obs("reservation", "calendar", ref, at, Map.of("pickup_at", pickupAt))));
    return ((EntityMerger.Unlinked) merged).record();
  }

  @Test
  void precedenceKeepsTheMailNameOverANewerCalendarTypo() {
    Observation mail =
        obs(
            "customer",
            "mail",
            "email:w",
            "2026-05-02T00:00:00Z",
            Map.of("email", "rui@x.pt", "full_name", "Rui Sousa"),
            "email");
    Observation calendar =
        obs(
            "customer",
            "calendar",
            "calendar:c/1",
            "2026-05-03T00:00:00Z",
            Map.of("email", "rui@x.pt", "full_name", "Rui Suosa"),
            "email");
    assertThat(emitted(List.of(calendar, mail)).value("full_name")).isEqualTo("Rui Sousa");
  }

  @Test
  void twoReferencesInOneClusterIsAConflictForAPerson() {
    Observation a =
        obs(
            "reservation",
            "mail",
            "email:a",
            "2026-05-02T00:00:00Z",
            Map.of("reference", "RW-1", "backup_id", "9"),
            "reference",
            "backup_id");
    Observation b =
        obs(
            "reservation",
            "mail",
            "email:b",
            "2026-05-03T00:00:00Z",
            Map.of("reference", "RW-9", "backup_id", "9"),
            "reference",
            "backup_id");
    ReconstructedRecord record = emitted(List.of(a, b));
    assertThat(record.action()).isEqualTo(Action.CONFLICT);
    assertThat(record.flagged()).isTrue();
    assertThat(record.reasons()).anyMatch(r -> r.contains("RW-1") && r.contains("RW-9"));
  }

  @Test
  void twoNewCustomersJoinedByASharedPhoneAreAConflictWhenTheirStripeIdsAreIdentityKeys()
      throws Exception {
    String model =
        MODEL
            .replace(
                "keys: [email, phone, backup_id]", "keys: [email, phone, stripe_id, backup_id]")
            .replace("      phone: phone\n", "      phone: phone\n      stripe_id: text\n");
    Observation tone =
        obs(
            "customer",
            "stripe",
            "stripe:cus_27",
            "2026-05-02T00:00:00Z",
            Map.of("email", "tone@example.no", "phone", "+4796348547", "stripe_id", "cus_27"),
            "email",
            "phone",
            "stripe_id");
    Observation karin =
        obs(
            "customer",
            "stripe",
            "stripe:cus_29",
            "2026-05-03T00:00:00Z",
            Map.of("email", "karin@example.no", "phone", "+4796348547", "stripe_id", "cus_29"),
            "email",
            "phone",
            "stripe_id");

    ReconstructedRecord declared =
        ((EntityMerger.Emitted)
                merger(
                        model.replace(
                            "    keys: [email, phone, stripe_id, backup_id]\n",
                            "    keys: [email, phone, stripe_id, backup_id]\n    identity_keys: [stripe_id]\n"))
                    .merge(List.of(tone, karin)))
            .record();
    ReconstructedRecord undeclared =
        ((EntityMerger.Emitted) merger(model).merge(List.of(tone, karin))).record();

    assertThat(declared.action()).isEqualTo(Action.CONFLICT);
    assertThat(declared.flagged()).isTrue();
    assertThat(declared.reasons())
        .contains(
            "the evidence names 2 different stripe_id: cus_27, cus_29 (two entities joined"
                + " through a key they share?)");
    // without the declaration a customer may hold two Stripe customers (a second one made after
    // an email change): one NEW customer
    assertThat(undeclared.action()).isEqualTo(Action.NEW);
  }

  @Test
  void twoPeopleSharingAPhoneAreFlaggedWhileOnePersonWithANewEmailIsNot() {
    ReconstructedRecord couple =
        emitted(
            List.of(
                client("email:1", "anna@example.no", "Anna Berg"),
                client("email:2", "lars@example.no", "Lars Berg")));
    ReconstructedRecord moved =
        emitted(
            List.of(
                client("email:1", "anna@old.example", "Anna Berg"),
                client("email:2", "anna@new.example", "Ana Berg"),
                client("email:3", "anna@new.example", "A. Berg"),
                client("email:4", "anna@old.example", "Anna")));

    assertThat(couple.flagged()).isTrue();
    assertThat(couple.reasons())
        .contains(
            "may be two people joined through a key they share (a couple's phone, a card): email"
                + " anna@example.no comes with Anna Berg, email lars@example.no with Lars Berg;"
                + " its values mix both (declare the key that is one person's in identity_keys to"
                + " make this a conflict)");
    assertThat(moved.reasons()).noneMatch(reason -> reason.startsWith("may be two people"));
  }

  @Test
  void aNewFamilyNameWithANewEmailIsExplainedAsANameChangeWithoutAdviceThatWouldSplitIt() {
    // a marriage: the same given name, another family name and a new email, one phone
    ReconstructedRecord married =
        emitted(
            List.of(
                client("email:1", "ingrid.dahl@example.no", "Ingrid Dahl"),
                client("email:2", "ingrid.holm@example.no", "Ingrid Holm")));

    assertThat(married.flagged()).isTrue();
    assertThat(married.reasons())
        .anySatisfy(
            reason ->
                assertThat(reason)
                    .contains("email ingrid.dahl@example.no comes with Ingrid Dahl")
                    .contains("email ingrid.holm@example.no with Ingrid Holm")
                    .contains("changed together")
                    .contains("a marriage")
                    .contains("two people")
                    .doesNotContain("identity_keys to make this a conflict"));
  }

  /** A client's mail after the backup, known by email and the phone +4791234567. */
  private static Observation client(String ref, String email, String name) {
    return obs(
        "customer",
        "mail",
        ref,
        "2026-05-02T00:00:00Z",
        Map.of("email", email, "phone", "+4791234567", "full_name", name),
        "email",
        "phone");
  }

  @Test
  void oneObjectReadTwiceWithDifferentContentIsFlaggedNamingWhatDiffers() {
    Observation first = payment("4900");
    Observation edited = payment("9900");
    Observation sameAgain = payment("4900");

    ReconstructedRecord disagreeing = emitted(List.of(first, edited));
    ReconstructedRecord copied = emitted(List.of(first, sameAgain));

    assertThat(disagreeing.flagged()).isTrue();
    assertThat(disagreeing.reasons())
        .contains(
            "stripe:pi_1 (rule r) was read 2 times with different content (total_cents 4900 /"
                + " 9900): copies of one object that disagree, which one holds is for a person to"
                + " decide");
    assertThat(copied.flagged()).isFalse();
  }

  @Test
  void oneChargeTwoSourcesReadWithRulesNamedApartAndDifferentAmountsIsFlagged() {
    // the Dashboard CSV and the API's pages hold one charge, each source with its own mapping file
    // and rule names; the CSV was edited in a spreadsheet: its amount is not the API's
    Observation fromCsv =
        new Observation(
            "reservation",
            Map.of("reference", "RW-1"),
            Map.of("reference", "RW-1", "total_cents", "6380"),
            Instant.parse("2026-04-01T10:00:00Z"),
            "stripecsv",
            "stripe:pi_1",
            "csv_charge",
            Map.of(),
            List.of());
    Observation fromApi =
        new Observation(
            "reservation",
            Map.of("reference", "RW-1"),
            Map.of("reference", "RW-1", "total_cents", "7380"),
            Instant.parse("2026-04-01T10:00:00Z"),
            "stripe",
            "stripe:pi_1",
            "charge",
            Map.of(),
            List.of());

    ReconstructedRecord disagreeing = emitted(List.of(fromCsv, fromApi));

    assertThat(disagreeing.flagged()).isTrue();
    assertThat(disagreeing.reasons())
        .contains(
            "stripe:pi_1 (rules charge, csv_charge) was read 2 times with different content"
                + " (total_cents 6380 / 7380): copies of one object that disagree, which one holds"
                + " is for a person to decide");
  }

  @Test
  void oneEventReadThroughTwoSourcesCountsOnceAndIsNamed() {
    // one calendar event read from its API pages and from its .ics export, which keeps whole
    // seconds of its times only
    Observation mail = client("email:m1@x#1", "ana@example.com", "Ana Silva");
    Map<String, String> claims =
        Map.of("email", "ana@example.com", "phone", "+4791234567", "full_name", "Ana Silva");
    Observation fromApi =
        obs("customer", "calendar", "calendar:c/ev1", "2026-05-03T04:11:10.440Z", claims, "email");
    Observation fromIcs =
        obs("customer", "ics", "calendar:c/ev1", "2026-05-03T04:11:10Z", claims, "email");
    Observation edited =
        obs(
            "customer",
            "ics",
            "calendar:c/ev1",
            "2026-05-03T04:11:10Z",
            Map.of(
                "email", "ana@example.com", "phone", "+4791234567", "full_name", "Ana Silvestre"),
            "email");

    ReconstructedRecord copied = emitted(List.of(mail, fromApi, fromIcs));
    ReconstructedRecord disagreeing = emitted(List.of(mail, fromApi, edited));

    assertThat(copied.reasons())
        .contains(
            "not in the backup; 2 piece(s) of evidence from calendar, mail",
            "calendar:c/ev1 was read through sources calendar and ics with the same content (one"
                + " piece of evidence, counted once)");
    assertThat(copied.flagged()).isFalse();
    assertThat(copied.evidence()).extracting(e -> e.source()).contains("calendar", "ics");
    assertThat(disagreeing.flagged()).isTrue();
    assertThat(disagreeing.reasons())
        .anyMatch(
            reason ->
                reason.startsWith(
                    "calendar:c/ev1 (rule r) was read 2 times with different content (full_name Ana Silva / Ana Silvestre)"));
  }

  @Test
  void anIcsCopyKeepingWholeSecondsOfATimeIsACopyNotAChange() {
    Observation fromApi =
        obs(
            "reservation",
            "calendar",
            "calendar:c/ev1",
            "2026-05-03T04:11:10.440Z",
            Map.of("reference", "RW-1", "pickup_at", "2026-05-10T09:00:00.672Z"),
            "reference");
    Observation fromIcs =
        obs(
            "reservation",
            "ics",
            "calendar:c/ev1",
            "2026-05-03T04:11:10Z",
            Map.of("reference", "RW-1", "pickup_at", "2026-05-10T09:00:00Z"),
            "reference");

    ReconstructedRecord booking = emitted(List.of(fromApi, fromIcs));

    assertThat(booking.flagged()).isFalse();
    assertThat(booking.reasons())
        .contains("not in the backup; 1 piece(s) of evidence from calendar")
        .noneMatch(reason -> reason.contains("different content"));
    assertThat(booking.fields().get("pickup_at").value()).isEqualTo("2026-05-10T09:00:00.672Z");
  }

  @Test
  void twoEmitsOfOneRowAreNotCopiesThatDisagree() {
    // one Dashboard export row: the charge, and its refund emitted by the same rule later
    Observation charge = payment("4900");
    Observation refund =
        obs(
            "reservation",
            "stripe",
            "stripe:pi_1",
            "2026-05-09T00:00:00Z",
            Map.of("reference", "RW-1", "status", "cancelled"),
            "reference");

    ReconstructedRecord booking = emitted(List.of(charge, refund));

    assertThat(booking.reasons()).noneMatch(reason -> reason.contains("was read 2 times"));
    assertThat(booking.fields().get("status").value()).isEqualTo("cancelled");
  }

  @Test
  void aBookingWithTwoPaymentsIsFlaggedAndACustomerWithTwoEmailsIsNot() throws Exception {
    String model =
        MODEL
            .replace("keys: [reference, backup_id]", "keys: [reference, payment_id, backup_id]")
            .replace("      reference: text\n", "      reference: text\n      payment_id: text\n");
    Observation paid =
        obs(
            "reservation",
            "stripe",
            "stripe:pi_1",
            "2026-05-02T00:00:00Z",
            Map.of("reference", "RW-1", "payment_id", "pi_1", "total_cents", "100000"),
            "reference",
            "payment_id");
    Observation surcharge =
        obs(
            "reservation",
            "stripe",
            "stripe:pi_2",
            "2026-05-09T00:00:00Z",
            Map.of("reference", "RW-1", "payment_id", "pi_2", "total_cents", "52000"),
            "reference",
            "payment_id");
    Observation oldAddress =
        obs(
            "customer",
            "mail",
            "email:1",
            "2026-05-02T00:00:00Z",
            Map.of("email", "ana@old.example", "phone", "+4791234567"),
            "email",
            "phone");
    Observation newAddress =
        obs(
            "customer",
            "mail",
            "email:2",
            "2026-05-09T00:00:00Z",
            Map.of("email", "ana@new.example", "phone", "+4791234567"),
            "email",
            "phone");

    ReconstructedRecord booking =
        ((EntityMerger.Emitted) merger(model).merge(List.of(paid, surcharge))).record();
    ReconstructedRecord customer = emitted(List.of(oldAddress, newAddress));

    assertThat(booking.flagged()).isTrue();
    assertThat(booking.reasons())
        .anySatisfy(
            reason ->
                assertThat(reason)
                    .startsWith("holds 2 different payment_id: pi_1, pi_2 (a second"));
    assertThat(customer.flagged()).isFalse();
  }

  @Test
  void aBookingPaidInPartsIsNotFlaggedForItsPaymentsWhenItsModelSaysItMayHoldSeveral()
      throws Exception {
    String model =
        MODEL
            .replace(
                "keys: [reference, backup_id]",
                "keys: [reference, payment_id, backup_id]\n    several_keys: [payment_id]")
            .replace("      reference: text\n", "      reference: text\n      payment_id: text\n");
    Observation deposit =
        obs(
            "reservation",
            "stripe",
            "stripe:pi_1",
            "2026-05-02T00:00:00Z",
            Map.of("reference", "RW-1", "payment_id", "pi_1"),
            "reference",
            "payment_id");
    Observation balance =
        obs(
            "reservation",
            "stripe",
            "stripe:pi_2",
            "2026-05-09T00:00:00Z",
            Map.of("reference", "RW-1", "payment_id", "pi_2"),
            "reference",
            "payment_id");

    ReconstructedRecord booking =
        ((EntityMerger.Emitted) merger(model).merge(List.of(deposit, balance))).record();

    assertThat(booking.flagged()).isFalse();
    assertThat(booking.reasons()).noneSatisfy(reason -> assertThat(reason).contains("holds 2"));
    assertThat(booking.keys().get("payment_id")).containsExactly("pi_1", "pi_2");
  }

  @Test
  void aNewRecordKnownOnlyByKeysTheBackupRowsLackIsFlaggedAndOneWithAKeyTheyHoldIsNot()
      throws Exception {
    // a school's lessons: the backup has no calendar column, so an occurrence of a series made
    // before the backup meets its backup row by no key and looks new
    String model =
        """
        entities:
          lesson:
            keys: [backup_id, calendar_uid]
            fields:
              backup_id: text
              calendar_uid: text
              teacher: text
              starts_at: datetime
              status: text
          student:
            keys: [backup_id, email]
            fields:
              backup_id: text
              email: email
              full_name: text
        """;
    MergeSettings settings =
        new MergeSettings(
            model,
            "entities.yaml",
            List.of("calendar", "mail", "backup"),
            "backup",
            T0,
            Map.of(
                "lesson", List.of("backup_id", "teacher", "starts_at", "status"),
                "student", List.of("backup_id", "email", "full_name")));
    EntityMerger merger = new EntityMerger(EntityModel.parse(model, "entities.yaml"), settings);
    Observation occurrence =
        obs(
            "lesson",
            "calendar",
            "calendar:lessons/uid1_20260512T160000Z",
            "2026-05-10T08:00:00Z",
            Map.of(
                "calendar_uid",
                "uid1_20260512T160000Z",
                "teacher",
                "Nowak",
                "starts_at",
                "2026-05-12T16:00:00Z",
                "status",
                "cancelled"),
            "calendar_uid");
    Observation signup =
        obs(
            "student",
            "mail",
            "email:1",
            "2026-05-10T08:00:00Z",
            Map.of("email", "ola@example.pl", "full_name", "Ola Nowak"),
            "email");

    ReconstructedRecord lesson =
        ((EntityMerger.Emitted) merger.merge(List.of(occurrence))).record();
    ReconstructedRecord student = ((EntityMerger.Emitted) merger.merge(List.of(signup))).record();

    assertThat(lesson.action()).isEqualTo(Action.NEW);
    assertThat(lesson.flagged()).isTrue();
    assertThat(lesson.reasons())
        .contains(
            "its keys (calendar_uid) are none the backup's lesson rows hold, so no key could tie"
                + " it to one of them: it may be a lesson the backup already has; compare before"
                + " importing it as new");
    assertThat(student.action()).isEqualTo(Action.NEW);
    assertThat(student.flagged()).as("the backup's students have emails to meet").isFalse();
  }

  /** The one Stripe payment pi_1 of RW-1, as one export page or another has it. */
  private static Observation payment(String totalCents) {
    return obs(
        "reservation",
        "stripe",
        "stripe:pi_1",
        "2026-05-02T00:00:00Z",
        Map.of("reference", "RW-1", "total_cents", totalCents),
        "reference");
  }

  @Test
  void evidenceWithoutTheIdentifyingKeyIsUnlinked() {
    Observation payment =
        obs(
            "reservation",
            "stripe",
            "stripe:ch_1",
            "2026-05-02T00:00:00Z",
            Map.of("total_cents", "5000"));
    EntityMerger.Merged outcome = merger.merge(List.of(payment));
    assertThat(outcome).isInstanceOf(EntityMerger.Unlinked.class);
    assertThat(((EntityMerger.Unlinked) outcome).missingKey()).isEqualTo("reference");
  }

  @Test
  void aBackupRowAloneWithoutTheIdentifyingKeyIsCarriedOverNotNew() {
    // an order_items row known by its order and show: its mapping gives no item key, and the
    // backup holds it; as unidentified NEW it was flagged for review as if lost
    Observation row =
        obs(
            "reservation",
            "backup",
            "backup:reservations/7",
            "2026-04-30T00:00:00Z",
            Map.of("backup_id", "7", "total_cents", "5000"),
            "backup_id");

    EntityMerger.Merged outcome = merger.merge(List.of(row));

    assertThat(outcome).isInstanceOf(EntityMerger.CarriedOver.class);
    ReconstructedRecord record = ((EntityMerger.CarriedOver) outcome).record();
    assertThat(record.action()).isEqualTo(Action.UNCHANGED);
    assertThat(record.flagged()).isFalse();
    assertThat(record.reasons()).anyMatch(reason -> reason.contains("its backup row gives no"));
  }

  @Test
  void twoPiecesWithKeysButWithoutTheIdentifyingOneGetDifferentIds() {
    // review shows unlinked evidence by id: two pieces sharing one would show one for the other
    EntityMerger.Merged first =
        merger.merge(
            List.of(
                obs(
                    "reservation",
                    "stripe",
                    "stripe:pi_1",
                    "2026-05-02T00:00:00Z",
                    Map.of("backup_id", "1"),
                    "backup_id")));
    EntityMerger.Merged second =
        merger.merge(
            List.of(
                obs(
                    "reservation",
                    "stripe",
                    "stripe:pi_2",
                    "2026-05-02T00:00:00Z",
                    Map.of("backup_id", "2"),
                    "backup_id")));
    assertThat(first).isInstanceOf(EntityMerger.Unlinked.class);
    assertThat(((EntityMerger.Unlinked) first).record().id())
        .startsWith("reservation:new-")
        .isNotEqualTo(((EntityMerger.Unlinked) second).record().id());
  }

  @Test
  void givesTheSameRecordWhateverTheOrderOfObservations() {
    List<Observation> cluster =
        new ArrayList<>(
            List.of(
                obs(
                    "reservation",
                    "mail",
                    "email:a",
                    "2026-05-02T00:00:00Z",
                    Map.of("reference", "RW-3", "status", "confirmed"),
                    "reference"),
                obs(
                    "reservation",
                    "stripe",
                    "stripe:pi_1",
                    "2026-05-02T00:00:00Z",
                    Map.of("reference", "RW-3", "total_cents", "4200"),
                    "reference"),
                obs(
                    "reservation",
                    "calendar",
                    "calendar:c/2",
                    "2026-05-02T00:00:00Z",
                    Map.of("reference", "RW-3", "status", "cancelled"),
                    "reference")));
    ReconstructedRecord first = emitted(cluster);
    Collections.reverse(cluster);
    ReconstructedRecord second = emitted(cluster);
    assertThat(second).isEqualTo(first);
    // equally new: the source listed first in the config (mail) wins the tie
    assertThat(first.value("status")).isEqualTo("confirmed");
    assertThat(first.id()).startsWith("reservation:new-");
  }

  @Test
  void evidenceWithNoStrongKeyAtAllIsUnlinkedEvenWithoutRequiredKeys() {
    Observation nameOnly =
        obs(
            "customer",
            "calendar",
            "calendar:c/9",
            "2026-05-02T00:00:00Z",
            Map.of("full_name", "Joost van Dijk"));
    Observation otherNameOnly =
        obs(
            "customer",
            "calendar",
            "calendar:c/8",
            "2026-05-02T00:00:00Z",
            Map.of("full_name", "Chloë Williams"));
    EntityMerger.Merged first = merger.merge(List.of(nameOnly));
    EntityMerger.Merged second = merger.merge(List.of(otherNameOnly));
    assertThat(first).isInstanceOf(EntityMerger.Unlinked.class);
    assertThat(((EntityMerger.Unlinked) first).record().id())
        .isNotEqualTo(((EntityMerger.Unlinked) second).record().id());
    assertThat(((EntityMerger.Unlinked) first).record().reasons())
        .noneMatch(r -> r.contains("older than the backup"));
    assertThat(((EntityMerger.Unlinked) first).record().flagged()).isTrue();
  }

  @Test
  void keylessEvidenceOlderThanTheBackupIsNotFlaggedAndSaysTheBackupHoldsWhatItSays() {
    Observation before =
        obs(
            "customer",
            "calendar",
            "calendar:c/7",
            "2026-04-20T00:00:00Z",
            Map.of("full_name", "Joost van Dijk"));
    EntityMerger.Merged outcome = merger.merge(List.of(before));
    assertThat(((EntityMerger.Unlinked) outcome).record().flagged()).isFalse();
    assertThat(((EntityMerger.Unlinked) outcome).record().reasons())
        .contains(
            "all of it is older than the backup (2026-05-01T03:00:00Z), which holds what it says"
                + " if the customer existed then");
  }

  /** {@link #MODEL} whose reservations also sum what was paid and name their customer. */
  static final String WITH_PAYMENTS =
      MODEL.replace(
              "      total_cents: integer\n",
              "      total_cents: integer\n"
                  + "      paid_cents: integer\n"
                  + "      customer_email: email\n"
                  + "      customer_backup_id: text\n")
          + "    merge:\n"
          + "      paid_cents: {strategy: sum}\n"
          + "    resolve:\n"
          + "      customer_email:\n"
          + "        entity: customer\n"
          + "        by: {customer_email: email, customer_backup_id: backup_id}\n"
          + "        take: email\n";

  static EntityMerger withPaymentsMerger(List<String> backupFills) throws Exception {
    MergeSettings settings =
        new MergeSettings(
            WITH_PAYMENTS,
            "entities.yaml",
            List.of("mail", "stripe", "calendar", "backup"),
            "backup",
            T0,
            Map.of("reservation", backupFills));
    return new EntityMerger(EntityModel.parse(WITH_PAYMENTS, "entities.yaml"), settings);
  }

  @Test
  void flagsKeylessEvidenceOlderThanTheBackupThatClaimsAFieldTheBackupsMappingNeverFills()
      throws Exception {
    EntityMerger merger =
        withPaymentsMerger(List.of("backup_id", "reference", "customer_backup_id", "total_cents"));
    Observation payment =
        obs(
            "reservation",
            "stripe",
            "stripe:ch_1",
            "2026-04-20T00:00:00Z",
            Map.of("customer_email", "ana@example.com", "paid_cents", "4500"));
    ReconstructedRecord piece = ((EntityMerger.Unlinked) merger.merge(List.of(payment))).record();
    assertThat(piece.flagged()).isTrue();
    assertThat(piece.reasons())
        .contains(
            "all of it is older than the backup (2026-05-01T03:00:00Z), but the backup's mapping"
                + " fills no paid_cents of a reservation: what it says of that is kept nowhere"
                + " else")
        .noneMatch(reason -> reason.contains("which holds what it says"));
  }

  @Test
  void keylessEvidenceOlderThanTheBackupStaysUnflaggedWhenTheBackupFillsAllItClaims()
      throws Exception {
    // the backup names the customer by its id: the email names the same customer (resolve's by)
    EntityMerger merger =
        withPaymentsMerger(
            List.of("backup_id", "reference", "customer_backup_id", "total_cents", "paid_cents"));
    Observation payment =
        obs(
            "reservation",
            "stripe",
            "stripe:ch_1",
            "2026-04-20T00:00:00Z",
            Map.of("customer_email", "ana@example.com", "paid_cents", "4500"));
    ReconstructedRecord piece = ((EntityMerger.Unlinked) merger.merge(List.of(payment))).record();
    assertThat(piece.flagged()).isFalse();
    assertThat(piece.reasons())
        .contains(
            "all of it is older than the backup (2026-05-01T03:00:00Z), which holds what it says"
                + " if the reservation existed then");
  }

  /** The reservation of {@link #MODEL} whose total depends on its pickup time. */
  static final String PRICED_BY_DATES =
      MODEL + "    merge:\n      total_cents: {depends_on: [pickup_at]}\n";

  static Observation booking(String source, String at, String pickupAt, String total) {
    Map<String, String> fields = new java.util.TreeMap<>();
    fields.put("reference", "RW-1");
    if (pickupAt != null) {
      fields.put("pickup_at", pickupAt);
    }
    if (total != null) {
      fields.put("total_cents", total);
    }
    return obs("reservation", source, source + ":" + at, at, fields, "reference");
  }

  /** {@code booking} as read by a modification mail's rule. */
  static Observation changedBy(Observation booking) {
    return new Observation(
        booking.entityType(),
        booking.keys(),
        booking.fields(),
        booking.observedAt(),
        booking.source(),
        booking.sourceRef(),
        "booking_changed");
  }

  @Test
  void anAmountOneSourceReadsAHundredTimesLargerIsFlaggedNamingBothClaims() throws Exception {
    EntityMerger money = merger(MODEL.replace("total_cents: integer", "total_cents: money"));
    // a mail's 34,000円 read with two decimals, and the payment's 34000 yen
    ReconstructedRecord record =
        emitted(
            List.of(
                booking("stripe", "2026-05-02T10:05:00Z", null, "34000"),
                booking("mail", "2026-05-02T10:06:00Z", "2026-06-01T09:00:00Z", "3400000")),
            money);
    assertThat(record.flagged()).isTrue();
    assertThat(record.reasons())
        .contains(
            "total_cents: 3400000 (from mail:2026-05-02T10:06:00Z) is 100 times 34000 (from"
                + " stripe:2026-05-02T10:05:00Z): one source's mapping reads this amount in other"
                + " units (a currency without minor units read with two decimals, cents taken for"
                + " whole units?); check its currency before this value is imported");
    // a price that changed, even tenfold, is a change, not a unit
    ReconstructedRecord changed =
        emitted(
            List.of(
                booking("stripe", "2026-05-02T10:05:00Z", null, "3400"),
                booking("mail", "2026-05-20T10:06:00Z", "2026-06-01T09:00:00Z", "34000")),
            money);
    assertThat(changed.flagged()).isFalse();
    // an integer field is no amount: a count of days may well grow a hundredfold
    assertThat(
            emitted(
                    List.of(
                        booking("stripe", "2026-05-02T10:05:00Z", null, "34000"),
                        booking("mail", "2026-05-02T10:06:00Z", "2026-06-01T09:00:00Z", "3400000")))
                .reasons())
        .noneMatch(reason -> reason.contains("times"));
  }

  @Test
  void aTotalPaidBeforeTheDatesMovedIsFlaggedAsPossiblyStale() throws Exception {
    ReconstructedRecord record =
        emitted(
            List.of(
                booking("mail", "2026-05-02T10:00:00Z", "2026-06-01T09:00:00Z", "10000"),
                booking("stripe", "2026-05-02T10:05:00Z", null, "10000"),
                booking("calendar", "2026-05-20T08:00:00Z", "2026-06-03T09:00:00Z", null)),
            merger(PRICED_BY_DATES));
    assertThat(record.action()).isEqualTo(Action.NEW);
    assertThat(record.value("total_cents")).isEqualTo("10000");
    assertThat(record.flagged()).isTrue();
    assertThat(record.confidence()).isEqualTo(0.5);
    assertThat(record.reasons())
        .contains(
            "total_cents 10000 was last claimed by stripe (stripe:2026-05-02T10:05:00Z,"
                + " 2026-05-02T10:05:00Z) and pickup_at changed from 2026-06-01T09:00:00Z to"
                + " 2026-06-03T09:00:00Z (calendar, 2026-05-20T08:00:00Z): it may not reflect a"
                + " change");
  }

  @Test
  void aTotalClaimedAgainAfterTheDatesMovedOrDatesSeenOnlyOnceFlagNothing() throws Exception {
    EntityMerger priced = merger(PRICED_BY_DATES);
    ReconstructedRecord repriced =
        emitted(
            List.of(
                booking("mail", "2026-05-02T10:00:00Z", "2026-06-01T09:00:00Z", "10000"),
                booking("calendar", "2026-05-20T08:00:00Z", "2026-06-03T09:00:00Z", null),
                // the modification's own rule: one rule reading two totals is two objects
                changedBy(
                    booking("mail", "2026-05-20T08:01:00Z", "2026-06-03T09:00:00Z", "12000"))),
            priced);
    assertThat(repriced.value("total_cents")).isEqualTo("12000");
    assertThat(repriced.flagged()).isFalse();
    // the payment names no dates; the event that does was written in the same step
    ReconstructedRecord unmoved =
        emitted(
            List.of(
                booking("stripe", "2026-05-02T10:05:00Z", null, "10000"),
                booking("calendar", "2026-05-02T10:05:30Z", "2026-06-03T09:00:00Z", null)),
            priced);
    assertThat(unmoved.flagged()).isFalse();
    // without depends_on the moved booking of the first test is not flagged
    assertThat(
            emitted(
                    List.of(
                        booking("mail", "2026-05-02T10:00:00Z", "2026-06-01T09:00:00Z", "10000"),
                        booking("calendar", "2026-05-20T08:00:00Z", "2026-06-03T09:00:00Z", null)))
                .flagged())
        .isFalse();
  }

  @Test
  void aTotalWhoseDatesWereFirstStatedDaysLaterIsFlagged() throws Exception {
    // a calendar keeps only its last edit: the dates the payment was for are nowhere
    ReconstructedRecord record =
        emitted(
            List.of(
                booking("stripe", "2026-05-02T10:05:00Z", null, "10000"),
                booking("calendar", "2026-05-20T08:00:00Z", "2026-06-03T09:00:00Z", null)),
            merger(PRICED_BY_DATES));
    assertThat(record.flagged()).isTrue();
    assertThat(record.reasons())
        .contains(
            "total_cents 10000 was last claimed by stripe (stripe:2026-05-02T10:05:00Z,"
                + " 2026-05-02T10:05:00Z) and pickup_at was first stated later (calendar,"
                + " 2026-05-20T08:00:00Z): it may not reflect a change");
    // a business whose staff enter the event within the month declares so
    String enteredByHand =
        PRICED_BY_DATES.replace(
            "depends_on: [pickup_at]", "depends_on: [pickup_at], stated_within: P30D");
    assertThat(
            emitted(
                    List.of(
                        booking("stripe", "2026-05-02T10:05:00Z", null, "10000"),
                        booking("calendar", "2026-05-20T08:00:00Z", "2026-06-03T09:00:00Z", null)),
                    merger(enteredByHand))
                .flagged())
        .isFalse();
  }

  @Test
  void aBookingMovedAfterTheBackupKeepingTheBackupsTotalIsFlagged() throws Exception {
    Observation backup =
        backupRow(
            Map.of(
                "backup_id", "7",
                "reference", "RW-1",
                "pickup_at", "2026-06-01T09:00:00Z",
                "total_cents", "10000"));
    ReconstructedRecord record =
        emitted(
            List.of(backup, booking("mail", "2026-05-10T08:00:00Z", "2026-06-03T09:00:00Z", null)),
            merger(PRICED_BY_DATES));
    assertThat(record.action()).isEqualTo(Action.UPDATED);
    assertThat(record.flagged()).isTrue();
    assertThat(record.reasons())
        .anyMatch(reason -> reason.startsWith("total_cents 10000 was last claimed by backup"));
  }

  /** A reservation of {@link #MODEL} with an end its check orders after its start. */
  static final String WITH_AN_END =
      MODEL.replace(
              "      total_cents: integer\n",
              "      total_cents: integer\n      return_at: datetime\n")
          + "    checks:\n      return_at: {after: pickup_at}\n";

  static Observation stay(String at, String pickupAt, String returnAt) {
    Map<String, String> fields = new java.util.TreeMap<>();
    fields.put("reference", "RW-1");
    fields.put("pickup_at", pickupAt);
    if (returnAt != null) {
      fields.put("return_at", returnAt);
    }
    return obs("reservation", "mail", "mail:" + at, at, fields, "reference");
  }

  @Test
  void anEndLastClaimedBeforeItsStartMovedIsFlaggedWhenACheckOrdersItAfterTheStart()
      throws Exception {
    // the confirmation gives both; a later mail gives the new start alone
    List<Observation> cluster =
        List.of(
            stay("2026-05-02T10:00:00Z", "2026-11-13T12:30:00Z", "2026-11-13T13:30:00Z"),
            stay("2026-05-20T10:00:00Z", "2026-10-27T17:00:00Z", null));

    ReconstructedRecord record = emitted(cluster, merger(WITH_AN_END));

    assertThat(record.fields().get("return_at").value()).isEqualTo("2026-11-13T13:30:00Z");
    assertThat(record.flagged()).isTrue();
    assertThat(record.reasons())
        .anyMatch(
            reason ->
                reason.startsWith("return_at 2026-11-13T13:30:00Z was last claimed by mail")
                    && reason.contains("pickup_at changed from 2026-11-13T12:30:00Z"));
    // an entity model that says the end never follows the start opts out
    String optedOut = WITH_AN_END + "    merge:\n      return_at: {depends_on: []}\n";
    assertThat(emitted(cluster, merger(optedOut)).flagged()).isFalse();
  }

  @Test
  void anEndStatedWithItsMovedStartIsNotFlagged() throws Exception {
    ReconstructedRecord record =
        emitted(
            List.of(
                stay("2026-05-02T10:00:00Z", "2026-11-13T12:30:00Z", "2026-11-13T13:30:00Z"),
                stay("2026-05-20T10:00:00Z", "2026-10-27T17:00:00Z", "2026-10-27T18:00:00Z")),
            merger(WITH_AN_END));

    assertThat(record.fields().get("return_at").value()).isEqualTo("2026-10-27T18:00:00Z");
    assertThat(record.flagged()).as(String.join("; ", record.reasons())).isFalse();
  }

  static ReconstructedRecord emitted(List<Observation> cluster, EntityMerger merger) {
    EntityMerger.Merged outcome = merger.merge(cluster);
    assertThat(outcome).isInstanceOf(EntityMerger.Emitted.class);
    return ((EntityMerger.Emitted) outcome).record();
  }

  @Test
  void backupRowsOfTwoTablesInOneRecordPointToALookupAndRowsOfOneTableDoNot() {
    assertThat(
            EntityMerger.rowsOfSeveralTables(
                new java.util.TreeSet<>(
                    List.of("backup:atelier_studentprofile#9", "backup:auth_user#10"))))
        .startsWith(" (rows of 2 tables: if one only refers to the other")
        .contains("with a lookup");
    assertThat(
            EntityMerger.rowsOfSeveralTables(
                new java.util.TreeSet<>(List.of("backup:owner#81", "backup:owner#82"))))
        .isEmpty();
  }
}
