package dev.salvage.mappings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EntityModelTest {
  private static EntityModel rentwise() throws MappingException {
    return EntityModel.parse(TestSupport.resource("rentwise/entities.yaml"), "entities.yaml");
  }

  @Test
  void readsTypesKeysFieldsMergeAndResolveRules() throws Exception {
    EntityModel model = rentwise();
    assertThat(model.types()).containsOnlyKeys("customer", "reservation", "payment");
    EntityType reservation = model.type("reservation");
    assertThat(reservation.keys())
        .containsExactly("reference", "stripe_payment_intent_id", "calendar_uid", "backup_id");
    assertThat(reservation.requireKeys()).containsExactly("reference");
    assertThat(reservation.fields()).containsEntry("pickup_at", FieldType.DATETIME);
    assertThat(reservation.fields().keySet())
        .startsWith("backup_id", "reference", "customer_email");
    assertThat(reservation.resolve())
        .containsEntry(
            "customer_email",
            new ResolveRule(
                "customer",
                Map.of("customer_email", "email", "customer_backup_id", "backup_id"),
                "email"));
    EntityType customer = model.type("customer");
    assertThat(customer.mergeRule("full_name"))
        .isEqualTo(new MergeRule(MergeStrategy.PRECEDENCE, List.of("backup", "mail", "stripe")));
    assertThat(customer.mergeRule("email")).isEqualTo(MergeRule.DEFAULT);
    assertThat(customer.isKey("phone")).isTrue();
    assertThat(customer.isKey("full_name")).isFalse();
  }

  @Test
  void anUnknownTypeNameIsAnIllegalArgument() throws Exception {
    assertThatThrownBy(() -> rentwise().type("vehicle"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("vehicle");
  }

  @Test
  void survivesJavaSerializationAsItsText() throws Exception {
    EntityModel model = rentwise();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(model);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      EntityModel copy = (EntityModel) in.readObject();
      assertThat(copy.types()).isEqualTo(model.types());
      assertThat(copy.fileLabel()).isEqualTo("entities.yaml");
    }
  }

  private static void assertModelError(String yaml, String message) {
    assertThatThrownBy(() -> EntityModel.parse(yaml, "entities.yaml"))
        .isInstanceOf(MappingException.class)
        .hasMessage(message);
  }

  @Test
  void aKeyAnEntityMayHoldSeveralOfIsOneOfItsKeysAndNoIdentity() throws Exception {
    EntityModel model =
        EntityModel.parse(
            "entities:\n  booking:\n    keys: [ref, payment]\n    require_keys: [ref]\n"
                + "    several_keys: [payment]\n    fields: {ref: text, payment: text}\n",
            "entities.yaml");
    assertThat(model.type("booking").severalKeys()).containsExactly("payment");
    assertModelError(
        "entities:\n  booking:\n    keys: [ref]\n    several_keys: [payment]\n"
            + "    fields: {ref: text, payment: text}\n",
        "entities.yaml: entity booking: several_keys: \"payment\" is not one of its keys (line 4)");
    assertModelError(
        "entities:\n  booking:\n    keys: [ref, payment]\n    require_keys: [ref]\n"
            + "    several_keys: [ref]\n    fields: {ref: text, payment: text}\n",
        "entities.yaml: entity booking: several_keys: \"ref\" is also in require_keys, of which an"
            + " entity holds one value: list it in one of them (line 5)");
  }

  @Test
  void readsBoundsAndOrderingsOfValues() throws Exception {
    EntityModel model =
        EntityModel.parse(
            "entities:\n  booking:\n"
                + "    fields: {total: money, nights: integer, start: datetime, end: datetime}\n"
                + "    checks:\n"
                + "      total: {min: 0, max: 5000}\n"
                + "      end: {after: start}\n",
            "entities.yaml");
    EntityType booking = model.type("booking");
    assertThat(booking.checks())
        .containsExactly(
            new ValueCheck("total", ValueCheck.Kind.MIN, "0", "0"),
            new ValueCheck("total", ValueCheck.Kind.MAX, "500000", "5000"),
            new ValueCheck("end", ValueCheck.Kind.AFTER, "start", "start"));
    ValueCheck min = booking.checksOf("total").get(0);
    assertThat(min.keeps(FieldType.MONEY, "-18000", null)).isFalse();
    assertThat(min.keeps(FieldType.MONEY, "0", null)).isTrue();
    ValueCheck after = booking.checksOf("end").get(0);
    assertThat(after.keeps(FieldType.DATETIME, "2026-03-20T11:00:00Z", "2026-03-21T15:00:00Z"))
        .isFalse();
    assertThat(after.keeps(FieldType.DATETIME, "2026-03-21T15:00:00Z", "2026-03-21T15:00:00Z"))
        .isFalse();
    assertThat(after.keeps(FieldType.DATETIME, "2026-03-22T11:00:00Z", null)).isTrue();
  }

  @Test
  void comparesTwoAmountsOfOneEntityWithAtMostAtLeastAndEquals() throws MappingException {
    EntityModel model =
        EntityModel.parse(
            "entities:\n  stay:\n"
                + "    fields: {paid: money, total: money, deposit: money}\n"
                + "    checks:\n"
                + "      paid: {at_most: total, at_least: deposit}\n"
                + "      deposit: {equals: total}\n",
            "entities.yaml");
    EntityType stay = model.type("stay");
    assertThat(stay.checks())
        .containsExactly(
            new ValueCheck("paid", ValueCheck.Kind.AT_MOST, "total", "total"),
            new ValueCheck("paid", ValueCheck.Kind.AT_LEAST, "deposit", "deposit"),
            new ValueCheck("deposit", ValueCheck.Kind.EQUALS, "total", "total"));
    ValueCheck atMost = stay.checksOf("paid").get(0);
    assertThat(atMost.keeps(FieldType.MONEY, "50000", "60000")).isTrue();
    assertThat(atMost.keeps(FieldType.MONEY, "60000", "60000")).isTrue();
    assertThat(atMost.keeps(FieldType.MONEY, "60001", "60000")).isFalse();
    ValueCheck atLeast = stay.checksOf("paid").get(1);
    assertThat(atLeast.keeps(FieldType.MONEY, "9999", "10000")).isFalse();
    ValueCheck equals = stay.checksOf("deposit").get(0);
    assertThat(equals.keeps(FieldType.MONEY, "10000", "10000")).isTrue();
    assertThat(equals.keeps(FieldType.MONEY, "10000", "60000")).isFalse();
    assertThat(equals.describe()).isEqualTo("equals total");
  }

  @Test
  void anAmountComparisonOfFieldsThatAreNotBothIntegerOrBothMoneyFailsTheLoad() {
    String fields =
        "entities:\n  stay:\n"
            + "    fields: {paid: money, total: money, nights: integer, end: date, start: date}\n";
    assertModelError(
        fields + "    checks:\n      paid: {at_most: nights}\n",
        "entities.yaml: entity stay, checks of field paid: at_most: paid is money and nights is"
            + " integer: an ordering compares two fields of one type (line 5)");
    assertModelError(
        fields + "    checks:\n      end: {at_least: start}\n",
        "entities.yaml: entity stay, checks of field end: at_least: at_least compares integer or"
            + " money fields; end is date (line 5)");
    assertModelError(
        fields + "    checks:\n      paid: {equals: totl}\n",
        "entities.yaml: entity stay, checks of field paid: equals: \"totl\" is not a field of this"
            + " entity; did you mean \"total\"? (line 5)");
  }

  @Test
  void checksThatCannotHoldFailTheLoadNamingTheEntityAndField() {
    String fields =
        "entities:\n  booking:\n    fields: {total: integer, note: text, start: datetime, end: date}\n";
    assertModelError(
        fields + "    checks:\n      totl: {min: 0}\n",
        "entities.yaml: entity booking, checks: totl: \"totl\" is not a field of this entity; did"
            + " you mean \"total\"? (line 5)");
    assertModelError(
        fields + "    checks:\n      note: {min: 0}\n",
        "entities.yaml: entity booking, checks of field note: min: min bounds an integer or money"
            + " field; note is text (line 5)");
    assertModelError(
        fields + "    checks:\n      end: {after: start}\n",
        "entities.yaml: entity booking, checks of field end: after: end is date and start is"
            + " datetime: an ordering compares two fields of one type (line 5)");
    assertModelError(
        fields + "    checks:\n      end: {not_before: stat}\n",
        "entities.yaml: entity booking, checks of field end: not_before: \"stat\" is not a field of"
            + " this entity; did you mean \"start\"? (line 5)");
    assertModelError(
        fields + "    checks:\n      total: {mn: 0}\n",
        "entities.yaml: entity booking, checks of field total: mn: unknown key; did you mean"
            + " \"min\"? Allowed keys: after, at_least, at_most, equals, max, min, not_before (line 5)");
    assertModelError(
        fields + "    checks:\n      total: {min: none}\n",
        "entities.yaml: entity booking, checks of field total: min: \"none\" is not an integer (a"
            + " integer value) (line 5)");
    assertModelError(
        fields + "    checks:\n      total: {min: 10, max: 5}\n",
        "entities.yaml: entity booking, checks of field total: max: is below min: no value of total"
            + " could keep both (line 5)");
  }

  @Test
  void mistakesAreErrorsNamingTheEntityAndField() {
    assertModelError(
        "entities:\n  customer:\n    fields: {email: emial}\n",
        "entities.yaml: entity customer: email: unknown type \"emial\"; types: text, name, upper, lower,"
            + " email, phone, datetime, date, money, integer, json (line 3)");
    // two letters swapped are one slip: "kyes" was as near "ties" as "keys" by Levenshtein
    assertThatThrownBy(
            () ->
                EntityModel.parse(
                    "entities:\n  customer:\n    kyes: [email]\n    fields: {email: email}\n",
                    "entities.yaml"))
        .hasMessageStartingWith(
            "entities.yaml: entity customer: kyes: unknown key; did you mean \"keys\"? Allowed"
                + " keys:");
    assertModelError(
        "entities:\n  customer:\n    keys: [mail]\n    fields: {email: email}\n",
        "entities.yaml: entity customer: keys: \"mail\" is not a field of entity customer (line 3)");
    assertModelError(
        "entities:\n  customer:\n    keys: [email]\n    require_keys: [name]\n    fields: {email: email, name: text}\n",
        "entities.yaml: entity customer: require_keys: \"name\" is not one of its keys (line 4)");
    assertModelError(
        "entities:\n  customer:\n    keys: [email]\n    identity_keys: [name]\n    fields: {email: email, name: text}\n",
        "entities.yaml: entity customer: identity_keys: \"name\" is not one of its keys (line 4)");
    assertModelError(
        "entities:\n  customer:\n    field: {email: email}\n",
        "entities.yaml: entity customer: field: unknown key; did you mean \"fields\"? Allowed keys:"
            + " checks, derive, fields, identity_keys, keys, linking, merge, require_keys,"
            + " resolve, several_keys, ties (line 3)");
    assertModelError(
        "entities:\n  customer:\n    fields: {name: text}\n    merge:\n      name: {strategy: precedence}\n",
        "entities.yaml: entity customer, merge of field name: order: precedence needs the sources in"
            + " order, most trusted first (line 5)");
    assertModelError(
        "entities:\n  customer:\n    fields: {name: text}\n    merge:\n      name: {strategy: newest}\n",
        "entities.yaml: entity customer, merge of field name: strategy: unknown strategy \"newest\";"
            + " strategies: latest, precedence, sum, earliest (line 5)");
    assertModelError(
        "entities:\n  customer:\n    fields: {since: datetime}\n    merge:\n      since: {strategy: earliest, order: [mail]}\n",
        "entities.yaml: entity customer, merge of field since: order: earliest takes every source;"
            + " order applies to latest and precedence (line 5)");
    assertModelError(
        "entities:\n  customer:\n    fields: {name: text}\n    merge:\n      nme: {strategy: latest}\n",
        "entities.yaml: entity customer: nme: is not a field of this entity (line 5)");
    assertModelError(
        "entities:\n  booking:\n    fields: {total: integer, start: datetime}\n    merge:\n      total: {depends_on: [start, end]}\n",
        "entities.yaml: entity booking, merge of field total: depends_on: end is not a field of this"
            + " entity (line 5)");
    assertModelError(
        "entities:\n  booking:\n    fields: {total: integer}\n    merge:\n      total: {depends_on: [total]}\n",
        "entities.yaml: entity booking, merge of field total: depends_on: a field cannot depend on"
            + " itself (line 5)");
    assertModelError(
        "entities:\n  booking:\n    fields: {total: integer, start: datetime}\n    merge:\n      total: {depends_on: [start], stated_within: an hour}\n",
        "entities.yaml: entity booking, merge of field total: stated_within: must be a duration"
            + " such as 250ms, 2s, 5m, PT0.5S or P30D (a bare number is milliseconds), got \"an"
            + " hour\" (line 5)");
  }

  @Test
  void anAmountIsTiedToTheFieldNamingItsCurrencyOnlyWhenTheModelSaysSo() throws Exception {
    String model =
        "entities:\n  booking:\n    fields: {paid: integer, fees: money, currency: upper,"
            + " arrival: date, note: text}\n    merge:\n%s";
    EntityType tied =
        EntityModel.parse(
                model.formatted(
                    "      paid: {strategy: sum, currency: currency}\n"
                        + "      fees: {strategy: sum}\n"),
                "entities.yaml")
            .type("booking");
    assertThat(tied.mergeRule("paid").currency()).isEqualTo("currency");
    // the default ties nothing
    assertThat(tied.mergeRule("fees").currency()).isNull();
    assertThat(tied.mergeRule("note").currency()).isNull();

    assertModelError(
        model.formatted("      paid: {strategy: sum, currency: curency}\n"),
        "entities.yaml: entity booking, merge of field paid: currency: \"curency\" is not a field"
            + " of this entity; did you mean \"currency\"? (line 5)");
    assertModelError(
        model.formatted("      paid: {strategy: sum, currency: arrival}\n"),
        "entities.yaml: entity booking, merge of field paid: currency: names the field holding the"
            + " amounts' currency code (an upper, text or lower field, currency: upper); arrival is"
            + " date (line 5)");
    assertModelError(
        model.formatted("      paid: {strategy: sum, currency: paid}\n"),
        "entities.yaml: entity booking, merge of field paid: currency: names the field itself;"
            + " name the field holding the currency code (line 5)");
    assertModelError(
        model.formatted("      note: {currency: currency}\n"),
        "entities.yaml: entity booking, merge of field note: currency: ties an amount (an integer or"
            + " money field) to the field naming its currency; note is text (line 5)");
    // an amount merged latest (a price) is tied the same way
    assertThat(
            EntityModel.parse(
                    model.formatted("      paid: {currency: currency}\n"), "entities.yaml")
                .type("booking")
                .mergeRule("paid")
                .currency())
        .isEqualTo("currency");
  }

  @Test
  void aFieldDependingOnOthersMergesNewestFirstUnlessAStrategyIsGiven() throws Exception {
    EntityType booking =
        EntityModel.parse(
                "entities:\n  booking:\n    fields: {total: integer, start: datetime, paid: integer}\n"
                    + "    merge:\n      total: {depends_on: [start]}\n"
                    + "      paid: {strategy: sum, depends_on: [start, total], stated_within: 2d}\n",
                "entities.yaml")
            .type("booking");
    assertThat(booking.mergeRule("total"))
        .isEqualTo(
            new MergeRule(MergeStrategy.LATEST, List.of(), List.of("start"), Duration.ofHours(1)));
    assertThat(booking.mergeRule("paid").dependsOn()).containsExactly("start", "total");
    assertThat(booking.mergeRule("paid").statedWithin()).isEqualTo(Duration.ofDays(2));
    assertThat(booking.mergeRule("start").dependsOn()).isEmpty();
  }

  @Test
  void aDateACheckOrdersAfterAnotherDependsOnItUnlessItsMergeRuleSaysOtherwise() throws Exception {
    String model =
        """
        entities:
          booking:
            fields: {starts: datetime, ends: datetime, day: date, last_day: date, deposit: money, total: money}
            checks:
              ends: {after: starts}
              last_day: {not_before: day}
              deposit: {at_most: total}
        %s""";
    EntityType booking = EntityModel.parse(model.formatted(""), "entities.yaml").type("booking");
    assertThat(booking.mergeRule("ends"))
        .isEqualTo(
            new MergeRule(MergeStrategy.LATEST, List.of(), List.of("starts"), Duration.ofHours(1)));
    assertThat(booking.mergeRule("last_day").dependsOn()).containsExactly("day");
    // amounts compared are no start and end
    assertThat(booking.mergeRule("deposit").dependsOn()).isEmpty();
    assertThat(booking.mergeRule("starts").dependsOn()).isEmpty();

    EntityType declared =
        EntityModel.parse(
                model.formatted(
                    """
                        merge:
                          ends: {depends_on: []}
                          last_day: {strategy: earliest}
                    """),
                "entities.yaml")
            .type("booking");
    assertThat(declared.mergeRule("ends").dependsOn()).isEmpty();
    assertThat(declared.mergeRule("last_day"))
        .isEqualTo(
            new MergeRule(MergeStrategy.EARLIEST, List.of(), List.of("day"), Duration.ofHours(1)));
  }

  @Test
  void resolveRulesMustPointAtKeysAndFieldsOfAnotherEntity() {
    String model =
        """
        entities:
          customer:
            keys: [email]
            fields: {email: email, name: text}
          reservation:
            fields: {customer_email: email, customer_name: text}
            resolve:
              customer_email: %s
        """;
    assertModelError(
        model.formatted("{entity: client, by: {customer_email: email}, take: email}"),
        "entities.yaml: entity reservation, resolve of field customer_email: entity: \"client\" is"
            + " not another entity type of this model (line 8)");
    assertModelError(
        model.formatted("{entity: customer, by: {customer_name: name}, take: email}"),
        "entities.yaml: entity reservation, resolve of field customer_email: by: \"name\" is not a"
            + " key of entity customer (line 8)");
    assertModelError(
        model.formatted("{entity: customer, by: {customer_email: email}, take: mail}"),
        "entities.yaml: entity reservation, resolve of field customer_email: take: \"mail\" is not"
            + " a field of entity customer (line 8)");
    assertModelError(
        model.formatted("{entity: customer, by: {customer_email: email}, take: name}"),
        "entities.yaml: entity reservation, resolve of field customer_email: take: a text value"
            + " cannot fill field customer_email declared as email (line 8)");
  }
}
