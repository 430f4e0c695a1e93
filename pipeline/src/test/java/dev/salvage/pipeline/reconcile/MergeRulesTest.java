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
 * The entity model's rules as the merge applies them: identity by any of several keys, ties broken
 * by a rule and explained, sums of payments, values derived from time, and lookups' misses
 * reported.
 */
class MergeRulesTest {
  private static final String MODEL =
      """
      entities:
        client:
          keys: [email, backup_id, stripe_customer_id]
          require_keys: [email, backup_id, stripe_customer_id]
          fields:
            backup_id: text
            email: email
            name: text
            stripe_customer_id: text
        booking:
          keys: [number, backup_id]
          require_keys: [number]
          fields:
            backup_id: text
            number: text
            car_id: text
            status: text
            return_at: datetime
            price_cents: integer
            paid_cents: integer
          merge:
            paid_cents: {strategy: sum}
          ties:
            - {field: status, prefer: [confirmed, cancelled]}
          derive:
            - name: completed_after_return
              field: status
              value: completed
              when:
                - {field: return_at, before: as_of}
                - not: {field: status, in: [cancelled, completed]}
      """;
  private static final Instant BACKUP = Instant.parse("2026-03-02T03:00:00Z");
  private static final Instant AS_OF = Instant.parse("2026-04-15T00:00:00Z");

  private final EntityMerger merger;

  MergeRulesTest() throws Exception {
    MergeSettings settings =
        new MergeSettings(
            MODEL,
            "entities.yaml",
            List.of("mail", "stripe", "calendar", "backup"),
            "backup",
            BACKUP,
            Map.of(
                "booking",
                List.of("backup_id", "number", "car_id", "status", "return_at", "paid_cents"),
                "client",
                List.of("backup_id", "email", "name", "stripe_customer_id")),
            AS_OF,
            ZoneId.of("Europe/Berlin"));
    merger = new EntityMerger(EntityModel.parse(MODEL, "entities.yaml"), settings);
  }

  private static Observation obs(
      String type,
      String source,
      String ref,
      String at,
      Map<String, String> fields,
      String... keys) {
    return obs(type, source, ref, at, fields, List.of(), keys);
  }

  private static Observation obs(
      String type,
      String source,
      String ref,
      String at,
      Map<String, String> fields,
      List<String> notes,
      String... keyNames) {
    Map<String, String> keys = new TreeMap<>();
    for (String key : keyNames) {
      keys.put(key, fields.get(key));
    }
    return new Observation(
        type, keys, fields, Instant.parse(at), source, ref, "r", Map.of(), notes);
  }

  private ReconstructedRecord emitted(List<Observation> cluster) {
    EntityMerger.Merged outcome = merger.merge(cluster);
    assertThat(outcome).isInstanceOf(EntityMerger.Emitted.class);
    return ((EntityMerger.Emitted) outcome).record();
  }

  @Test
  void severalRequiredKeysMeanAtLeastOneOfThem() {
    // regression: require_keys [email, backup_id, stripe_customer_id] demanded all three
    ReconstructedRecord client =
        emitted(
            List.of(
                obs(
                    "client",
                    "backup",
                    "backup:clients#4",
                    "2026-02-01T00:00:00Z",
                    Map.of("backup_id", "4", "email", "ute@example.de", "name", "Ute Berg"),
                    "backup_id",
                    "email"),
                obs(
                    "client",
                    "mail",
                    "email:<w1@example>",
                    "2026-03-10T00:00:00Z",
                    Map.of("email", "ute@example.de", "name", "Ute Bergmann"),
                    "email")));
    assertThat(client.id()).isEqualTo("client:4");
    assertThat(client.action()).isEqualTo(Action.UPDATED);

    EntityMerger.Merged nameOnly =
        merger.merge(
            List.of(
                obs(
                    "client",
                    "calendar",
                    "calendar:c/e1",
                    "2026-03-10T00:00:00Z",
                    Map.of("name", "Ute Berg"))));
    assertThat(nameOnly).isInstanceOf(EntityMerger.Unlinked.class);
    assertThat(((EntityMerger.Unlinked) nameOnly).record().reasons())
        .contains(
            "no one of email, backup_id, stripe_customer_id in any of its evidence: cannot"
                + " identify the client");
  }

  @Test
  void aTieRuleLetsTheSwappedCarWinAndTheRecordSaysSo() {
    // a vehicle swap: the old car's event is cancelled and the new one created in the same second
    String at = "2026-03-20T08:00:00Z";
    Observation oldCar =
        obs(
            "booking",
            "calendar",
            "calendar:car-7/e1",
            at,
            Map.of("number", "B-100", "car_id", "7", "status", "cancelled"),
            "number");
    Observation newCar =
        obs(
            "booking",
            "calendar",
            "calendar:car-9/e2",
            at,
            Map.of("number", "B-100", "car_id", "9", "status", "confirmed"),
            "number");
    for (List<Observation> order : List.of(List.of(oldCar, newCar), List.of(newCar, oldCar))) {
      ReconstructedRecord booking = emitted(order);
      assertThat(booking.value("car_id")).isEqualTo("9");
      assertThat(booking.value("status")).isEqualTo("confirmed");
      assertThat(booking.reasons())
          .contains(
              "car_id: equally new claims at 2026-03-20T08:00:00Z by as many sources;"
                  + " calendar:car-9/e2 (9) won over calendar:car-7/e1 (7) by the tie rule on"
                  + " status (confirmed > cancelled): status confirmed against cancelled");
    }
  }

  @Test
  void aFieldSplitEvenlyAtOneInstantHasOneReasonNamingTheTieRuleThatDecidedIt() {
    // the trial's boat change: the booking's first mail named the old boat; the change's mail
    // (new boat, confirmed) and the cancelled old event are written in the same second
    String at = "2026-06-16T14:21:55Z";
    Observation firstMail =
        obs(
            "booking",
            "mail",
            "email:<m1@x>",
            "2026-06-16T13:50:00Z",
            Map.of("number", "B-6", "car_id", "1", "status", "confirmed"),
            "number");
    Observation changeMail =
        obs(
            "booking",
            "mail",
            "email:<m2@x>",
            at,
            Map.of("number", "B-6", "car_id", "6", "status", "confirmed"),
            "number");
    Observation cancelledEvent =
        obs(
            "booking",
            "calendar",
            "calendar:boat-1/e1",
            at,
            Map.of("number", "B-6", "car_id", "1", "status", "cancelled"),
            "number");
    for (List<Observation> order :
        List.of(
            List.of(firstMail, changeMail, cancelledEvent),
            List.of(cancelledEvent, changeMail, firstMail))) {
      ReconstructedRecord booking = emitted(order);
      assertThat(booking.value("car_id")).isEqualTo("6");
      assertThat(booking.reasons())
          .filteredOn(reason -> reason.startsWith("car_id:"))
          .containsExactly(
              "car_id: equally new claims at 2026-06-16T14:21:55Z by as many sources;"
                  + " email:<m2@x> (6) won over calendar:boat-1/e1 (1) by the tie rule on status"
                  + " (confirmed > cancelled): status confirmed against cancelled");
      assertThat(booking.reasons()).noneMatch(reason -> reason.contains("the later one"));
      assertThat(booking.fields().get("car_id").alternatives())
          .singleElement()
          .satisfies(
              a ->
                  assertThat(a.note())
                      .isEqualTo(
                          "as many independent sources within an hour as 6, claimed at the"
                              + " same instant; it won by the tie rule on status (confirmed >"
                              + " cancelled): status confirmed against cancelled"));
      assertThat(booking.flagged()).as("evenly split: a person looks").isTrue();
    }
  }

  @Test
  void whenMoreSourcesAgreeAtOneInstantNoTieRuleIsSaidToHaveDecided() {
    // the tie rule would prefer the same evidence, but two sources against one decided first
    String at = "2026-06-16T14:21:55Z";
    ReconstructedRecord booking =
        emitted(
            List.of(
                obs(
                    "booking",
                    "mail",
                    "email:<m2@x>",
                    at,
                    Map.of("number", "B-6", "car_id", "6", "status", "confirmed"),
                    "number"),
                obs(
                    "booking",
                    "stripe",
                    "stripe:pi_6",
                    at,
                    Map.of("number", "B-6", "car_id", "6"),
                    "number"),
                obs(
                    "booking",
                    "calendar",
                    "calendar:boat-1/e1",
                    at,
                    Map.of("number", "B-6", "car_id", "1", "status", "cancelled"),
                    "number")));
    assertThat(booking.value("car_id")).isEqualTo("6");
    assertThat(booking.reasons()).noneMatch(reason -> reason.startsWith("car_id:"));
    assertThat(booking.fields().get("car_id").alternatives())
        .singleElement()
        .satisfies(
            a -> assertThat(a.note()).isEqualTo("fewer independent sources within an hour than 6"));
    // status was split one source against one: that, and only that, is what the tie rule decided
    assertThat(booking.reasons())
        .filteredOn(reason -> reason.contains("tie rule"))
        .singleElement()
        .satisfies(reason -> assertThat(reason).startsWith("status: equally new claims at "));
  }

  @Test
  void aSourcePrecedenceDeclaredForOneFieldDecidesOnlyThatField() throws Exception {
    // status trusts the calendar over mail; car_id has no rule, so the run config's source order
    // (mail first) breaks its tie, and its reason says so, not status's precedence
    String model =
        MODEL.replace(
            "      paid_cents: {strategy: sum}\n",
            "      paid_cents: {strategy: sum}\n"
                + "      status: {strategy: precedence, order: [calendar, mail]}\n");
    assertThat(model).contains("order: [calendar, mail]");
    model =
        model.replace("    ties:\n      - {field: status, prefer: [confirmed, cancelled]}\n", "");
    assertThat(model).doesNotContain("prefer:");
    EntityMerger merger =
        new EntityMerger(
            EntityModel.parse(model, "entities.yaml"),
            new MergeSettings(
                model,
                "entities.yaml",
                List.of("mail", "stripe", "calendar", "backup"),
                "backup",
                BACKUP,
                Map.of("booking", List.of("number", "car_id", "status")),
                AS_OF,
                ZoneId.of("Europe/Berlin")));
    String at = "2026-03-20T08:00:00Z";
    EntityMerger.Merged merged =
        merger.merge(
            List.of(
                obs(
                    "booking",
                    "mail",
                    "email:<m1@x>",
                    at,
                    Map.of("number", "B-1", "car_id", "8", "status", "confirmed"),
                    "number"),
                obs(
                    "booking",
                    "calendar",
                    "calendar:a/e1",
                    at,
                    Map.of("number", "B-1", "car_id", "7", "status", "cancelled"),
                    "number")));
    ReconstructedRecord booking = ((EntityMerger.Emitted) merged).record();

    assertThat(booking.value("status")).isEqualTo("cancelled");
    assertThat(booking.fields().get("status").alternatives())
        .singleElement()
        .satisfies(
            a ->
                assertThat(a.note())
                    .isEqualTo("a less trusted source (precedence calendar > mail)"));
    assertThat(booking.value("car_id")).isEqualTo("8");
    assertThat(booking.reasons())
        .filteredOn(reason -> reason.startsWith("car_id:"))
        .containsExactly(
            "car_id: equally new claims at 2026-03-20T08:00:00Z by as many sources;"
                + " email:<m1@x> (8) won over calendar:a/e1 (7) by source order (mail before"
                + " calendar)");
    assertThat(booking.reasons()).noneMatch(reason -> reason.startsWith("status:"));
  }

  @Test
  void withoutATieRuleTheRecordStillSaysHowTheTieWasBroken() {
    String at = "2026-03-20T08:00:00Z";
    ReconstructedRecord booking =
        emitted(
            List.of(
                obs(
                    "booking",
                    "calendar",
                    "calendar:a/e1",
                    at,
                    Map.of("number", "B-1", "car_id", "7"),
                    "number"),
                obs(
                    "booking",
                    "mail",
                    "email:<m1@x>",
                    at,
                    Map.of("number", "B-1", "car_id", "8"),
                    "number")));
    assertThat(booking.value("car_id")).isEqualTo("8");
    assertThat(booking.reasons())
        .anyMatch(reason -> reason.endsWith("by source order (mail before calendar)"));
  }

  @Test
  void aLatestFieldsOwnSourceOrderBreaksItsTiesAndOnlyItsTies() throws Exception {
    // car_id: {order: [calendar, mail]} under latest: after the tie rules, its own order decides
    // a tie between equally new claims (mappings/README.md, merge strategies); status has no
    // order, so the run config's (mail first) decides its tie
    String model =
        MODEL
            .replace(
                "      paid_cents: {strategy: sum}\n",
                "      paid_cents: {strategy: sum}\n      car_id: {order: [calendar, mail]}\n")
            .replace("    ties:\n      - {field: status, prefer: [confirmed, cancelled]}\n", "");
    assertThat(model).contains("car_id: {order: [calendar, mail]}").doesNotContain("prefer:");
    EntityMerger merger =
        new EntityMerger(
            EntityModel.parse(model, "entities.yaml"),
            new MergeSettings(
                model,
                "entities.yaml",
                List.of("mail", "stripe", "calendar", "backup"),
                "backup",
                BACKUP,
                Map.of("booking", List.of("number", "car_id", "status")),
                AS_OF,
                ZoneId.of("Europe/Berlin")));
    String at = "2026-03-20T08:00:00Z";
    Observation mail =
        obs(
            "booking",
            "mail",
            "email:<m1@x>",
            at,
            Map.of("number", "B-1", "car_id", "8", "status", "confirmed"),
            "number");
    Observation event =
        obs(
            "booking",
            "calendar",
            "calendar:a/e1",
            at,
            Map.of("number", "B-1", "car_id", "7", "status", "cancelled"),
            "number");
    for (List<Observation> order : List.of(List.of(mail, event), List.of(event, mail))) {
      ReconstructedRecord booking = ((EntityMerger.Emitted) merger.merge(order)).record();

      assertThat(booking.value("car_id")).isEqualTo("7");
      assertThat(booking.reasons())
          .filteredOn(reason -> reason.startsWith("car_id:"))
          .containsExactly(
              "car_id: equally new claims at 2026-03-20T08:00:00Z by as many sources;"
                  + " calendar:a/e1 (7) won over email:<m1@x> (8) by car_id's source order"
                  + " (calendar before mail)");
      assertThat(booking.fields().get("car_id").alternatives())
          .singleElement()
          .satisfies(
              a ->
                  assertThat(a.note())
                      .isEqualTo(
                          "as many independent sources within an hour as 7, claimed at the"
                              + " same instant; it won by car_id's source order (calendar before"
                              + " mail)"));
      assertThat(booking.value("status")).isEqualTo("confirmed");
      assertThat(booking.reasons())
          .filteredOn(reason -> reason.startsWith("status:"))
          .singleElement()
          .satisfies(
              reason -> assertThat(reason).endsWith("by source order (mail before calendar)"));
    }
  }

  @Test
  void paymentsAreSummedOnTopOfTheBackupsValueOnlyFromAfterTheBackup() {
    Observation backupRow =
        obs(
            "booking",
            "backup",
            "backup:bookings#5",
            "2026-02-20T00:00:00Z",
            Map.of(
                "backup_id",
                "5",
                "number",
                "B-5",
                "paid_cents",
                "10000",
                "status",
                "confirmed",
                "return_at",
                "2026-05-01T10:00:00Z"),
            "backup_id",
            "number");
    Observation deposit =
        obs(
            "booking",
            "stripe",
            "stripe:ch_1",
            "2026-02-19T00:00:00Z",
            Map.of("number", "B-5", "paid_cents", "10000"),
            "number");
    Observation damageFee =
        obs(
            "booking",
            "stripe",
            "stripe:ch_2",
            "2026-03-10T00:00:00Z",
            Map.of("number", "B-5", "paid_cents", "4500"),
            "number");
    Observation refund =
        obs(
            "booking",
            "stripe",
            "stripe:re_1",
            "2026-03-11T00:00:00Z",
            Map.of("number", "B-5", "paid_cents", "-2000"),
            "number");
    ReconstructedRecord booking = emitted(List.of(backupRow, deposit, damageFee, refund));
    assertThat(booking.value("paid_cents")).isEqualTo("12500");
    assertThat(booking.fields().get("paid_cents").sources())
        .containsExactly("backup:bookings#5", "stripe:ch_2", "stripe:re_1");
    assertThat(booking.changes()).extracting(c -> c.field()).containsExactly("paid_cents");

    Observation newBooking =
        obs(
            "booking",
            "stripe",
            "stripe:ch_3",
            "2026-03-12T00:00:00Z",
            Map.of("number", "B-6", "paid_cents", "9000"),
            "number");
    Observation surcharge =
        obs(
            "booking",
            "stripe",
            "stripe:ch_4",
            "2026-03-13T00:00:00Z",
            Map.of("number", "B-6", "paid_cents", "1500"),
            "number");
    assertThat(emitted(List.of(newBooking, surcharge)).value("paid_cents")).isEqualTo("10500");
  }

  @Test
  void sumsEveryClaimOfOneRecordThatEmitsTheEntityTwice() {
    // a Stripe CSV row holds a charge and its refund: one emit claims the amount, another the
    // refund negated, both with the row's evidence id
    Observation charge =
        obs(
            "booking",
            "stripe",
            "stripe:ch_7",
            "2026-03-12T00:00:00Z",
            Map.of("number", "B-7", "paid_cents", "45000"),
            "number");
    Observation refund =
        obs(
            "booking",
            "stripe",
            "stripe:ch_7",
            "2026-03-12T00:00:00Z",
            Map.of("number", "B-7", "paid_cents", "-45000"),
            "number");
    Observation secondCharge =
        obs(
            "booking",
            "stripe",
            "stripe:ch_8",
            "2026-03-12T00:05:00Z",
            Map.of("number", "B-7", "paid_cents", "45000"),
            "number");
    ReconstructedRecord booking = emitted(List.of(charge, refund, secondCharge));
    assertThat(booking.value("paid_cents")).isEqualTo("45000");
    assertThat(booking.fields().get("paid_cents").sources())
        .containsExactly("stripe:ch_7", "stripe:ch_8");
  }

  @Test
  void sumsTwoEmitsOfOneRecordThatClaimTheSameAmount() {
    // an order row listing two tickets of one price, one emit each: two payments, not one read
    // twice; the same row read again by another source still counts once
    Observation first =
        obs(
            "booking",
            "stripe",
            "stripe:py_9",
            "2026-03-12T00:00:00Z",
            Map.of("number", "B-9", "paid_cents", "2500"),
            "number");
    Observation second =
        new Observation(
            "booking",
            first.keys(),
            first.fields(),
            first.observedAt(),
            "stripe",
            "stripe:py_9",
            "r",
            Map.of(),
            List.of(),
            1);
    Observation secondReadAgain =
        new Observation(
            "booking",
            first.keys(),
            first.fields(),
            first.observedAt(),
            "mail",
            "stripe:py_9",
            "r",
            Map.of(),
            List.of(),
            1);
    ReconstructedRecord booking = emitted(List.of(first, second, secondReadAgain));
    assertThat(booking.value("paid_cents")).isEqualTo("5000");
    assertThat(booking.reasons()).noneMatch(reason -> reason.contains("different content"));
  }

  @Test
  void countsAChargeOnceWhenTheDashboardExportAndTheApiPagesReadItWithRulesNamedApart() {
    // one charge in the Dashboard CSV (source stripecsv, its own mapping file and rule names, one
    // more field read from the row) and in the API's pages (source stripe): one payment
    Observation fromCsv =
        new Observation(
            "booking",
            Map.of("number", "B-10"),
            Map.of("number", "B-10", "paid_cents", "30000", "status", "confirmed"),
            Instant.parse("2026-03-12T00:00:00Z"),
            "stripecsv",
            "stripe:ch_10",
            "csv_charge",
            Map.of(),
            List.of());
    Observation fromApi =
        new Observation(
            "booking",
            Map.of("number", "B-10"),
            Map.of("number", "B-10", "paid_cents", "30000"),
            Instant.parse("2026-03-12T00:00:00Z"),
            "stripe",
            "stripe:ch_10",
            "charge",
            Map.of(),
            List.of());
    Observation balance =
        obs(
            "booking",
            "stripe",
            "stripe:ch_11",
            "2026-03-20T00:00:00Z",
            Map.of("number", "B-10", "paid_cents", "70000"),
            "number");

    ReconstructedRecord booking = emitted(List.of(fromCsv, fromApi, balance));

    assertThat(booking.value("paid_cents")).isEqualTo("100000");
    assertThat(booking.fields().get("paid_cents").sources())
        .containsExactly("stripe:ch_10", "stripe:ch_11");
  }

  @Test
  void countsTheSameClaimOnceWhenTwoSourcesReadOneRecord() {
    // the same mail read from an mbox export and from the IMAP server: one payment, not two
    Observation fromMbox =
        obs(
            "booking",
            "mail",
            "email:<p1@x>#abc",
            "2026-03-12T00:00:00Z",
            Map.of("number", "B-8", "paid_cents", "9000"),
            "number");
    Observation fromImap =
        obs(
            "booking",
            "stripe",
            "email:<p1@x>#abc",
            "2026-03-12T00:00:00Z",
            Map.of("number", "B-8", "paid_cents", "9000"),
            "number");
    assertThat(emitted(List.of(fromMbox, fromImap)).value("paid_cents")).isEqualTo("9000");
  }

  @Test
  void aHireWhoseReturnHasPassedIsCompletedAsOfTheLossAndThatIsAChange() {
    Observation backupRow =
        obs(
            "booking",
            "backup",
            "backup:bookings#6",
            "2026-02-20T00:00:00Z",
            Map.of(
                "backup_id",
                "6",
                "number",
                "B-6",
                "status",
                "confirmed",
                "return_at",
                "2026-04-10T10:00:00Z"),
            "backup_id",
            "number");
    ReconstructedRecord booking = emitted(List.of(backupRow));
    assertThat(booking.value("status")).isEqualTo("completed");
    assertThat(booking.action()).isEqualTo(Action.UPDATED);
    assertThat(booking.flagged()).isFalse();
    assertThat(booking.reasons())
        .contains(
            "status derived as completed by rule completed_after_return (the evidence said"
                + " confirmed)");
    assertThat(booking.fields().get("status").sources()).containsExactly("backup:bookings#6");

    Observation cancelled =
        obs(
            "booking",
            "mail",
            "email:<c@x>",
            "2026-03-05T00:00:00Z",
            Map.of("number", "B-6", "status", "cancelled"),
            "number");
    assertThat(emitted(List.of(backupRow, cancelled)).value("status")).isEqualTo("cancelled");

    Observation later =
        obs(
            "booking",
            "backup",
            "backup:bookings#7",
            "2026-02-20T00:00:00Z",
            Map.of(
                "backup_id",
                "7",
                "number",
                "B-7",
                "status",
                "confirmed",
                "return_at",
                "2026-04-20T10:00:00Z"),
            "backup_id",
            "number");
    assertThat(merger.merge(List.of(later))).isInstanceOf(EntityMerger.CarriedOver.class);
  }

  @Test
  void aLookupsMissIsAReasonAndDoesNotBlockAValueFromOtherEvidence() {
    Observation mail =
        obs(
            "booking",
            "mail",
            "email:<b1@x>",
            "2026-03-10T00:00:00Z",
            Map.of("number", "B-9"),
            List.of("car_id: no row of cars with plate \"Toyota Yaris Hybrid\""),
            "number");
    Observation event =
        obs(
            "booking",
            "calendar",
            "calendar:car-3/e9",
            "2026-03-09T00:00:00Z",
            Map.of("number", "B-9", "car_id", "3"),
            "number");
    ReconstructedRecord booking = emitted(List.of(mail, event));
    assertThat(booking.value("car_id")).isEqualTo("3");
    assertThat(booking.flagged()).isFalse();
    assertThat(booking.reasons())
        .contains("email:<b1@x>: car_id: no row of cars with plate \"Toyota Yaris Hybrid\"");
    assertThat(booking.evidence())
        .filteredOn(e -> e.ref().equals("email:<b1@x>"))
        .singleElement()
        .satisfies(e -> assertThat(e.notes()).hasSize(1));
  }
}
