package dev.salvage.mappings;

import static dev.salvage.mappings.TestSupport.mapping;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Mistakes in mapping files fail at load, naming the file, the rule, the field and the line. */
class MappingErrorsTest {
  /** A rule "booking" emitting a probe with {@code fieldLine} (at line 9) among its fields. */
  private static AbstractThrowableAssert<?, ? extends Throwable> assertField(String fieldLine) {
    return assertMapping(
        """
        rules:
          - name: booking
            kind: test
            observed_at: {const: "2026-01-01T00:00:00Z"}
            emit:
              - entity: probe
                fields:
                  id: {path: id}
                  %s
        """
            .formatted(fieldLine));
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertMapping(String yaml) {
    return assertThatThrownBy(() -> mapping(yaml)).isInstanceOf(MappingException.class);
  }

  @Test
  void aMapInAPlaceOfFirstOfSaysItGoesBesideTheList() {
    assertField("text: {first_of: [{path: a, map: {x: y}}, {path: b}]}")
        .hasMessageStartingWith(
            "test.yaml: rule booking, field text, first_of[0]: map: is not read in a place of"
                + " first_of: give it beside first_of, where it applies to the text whichever"
                + " place found it ({first_of: [{path: ...}, {path: ...}], map: ...})");
  }

  @Test
  void anUnknownKeyIsNamedWithTheNearestKnownOne() {
    assertField("datetime: {path: v, fromat: \"dd/MM/yyyy\"}")
        .hasMessageStartingWith(
            "test.yaml: rule booking, field datetime: fromat: unknown key; did you mean \"format\"?")
        .hasMessageContaining(
            "Allowed keys: attr, const, css, css_all, currency, decimal, default,")
        .hasMessageEndingWith("(line 9)");
    assertMapping("rules:\n  - name: booking\n    kind: test\n    wen: {path: a, exists: true}\n")
        .hasMessage(
            "test.yaml: rule booking: wen: unknown key; did you mean \"when\"? Allowed keys:"
                + " current, emit, kind, locale, name, observed_at, when (line 4)");
  }

  @Test
  void anUnknownKeyWithNoNearKnownOneIsSeparatedFromTheAllowedKeys() {
    // "lookup: unknown key Allowed keys: ..." ran the two sentences together (trial 51)
    assertField("text: {join: [{path: a}, {lookup: {table: t, match: a, take: b}}]}")
        .hasMessageContaining("join[1]: lookup: unknown key. Allowed keys: attr, const,");
  }

  @Test
  void aBlankConstPartOfAJoinIsRefusedAtLoadSinceTheJoinWouldNeverGiveAValue() {
    // {join: [{path: a}, {const: " "}, {path: b}]} loaded and gave nothing on every record
    assertField("text: {join: [{path: a}, {const: \" \"}, {path: b}]}")
        .hasMessageStartingWith(
            "test.yaml: rule booking, field text, join[1]: const: \" \" is only white space, which"
                + " is no value")
        .hasMessageContaining("join puts its separator (a space unless separator says otherwise)")
        .hasMessageEndingWith("(line 9)");
  }

  /** A mail rule with {@code when} (line 4) emitting a probe whose id is read by {@code idPath}. */
  private static String mailRule(String when, String idPath) {
    return """
        rules:
          - name: confirmed
            kind: mail
            when: %s
            observed_at: {path: date}
            emit:
              - entity: probe
                fields:
                  id: {path: %s}
        """
        .formatted(when, idPath);
  }

  @Test
  void aConditionPathNoMailHasIsRefusedWithTheNearestMember() {
    assertMapping(mailRule("{path: subjekt, matches: \"^Lease\"}", "subject"))
        .hasMessageStartingWith("test.yaml: rule confirmed")
        .hasMessageContaining("path: no mail record has \"subjekt\"; did you mean \"subject\"?")
        .hasMessageEndingWith("(line 4)");
  }

  @Test
  void aFieldPathNoMailHasIsRefusedWithTheNearestMember() {
    assertMapping(mailRule("{path: subject, matches: \"^Lease\"}", "message_idd"))
        .hasMessageStartingWith("test.yaml: rule confirmed, field id: path: no mail record has")
        .hasMessageContaining("did you mean \"message_id\"?")
        .hasMessageEndingWith("(line 9)");
  }

  @Test
  void pathsIntoTheOpenPartsOfAMailAreAccepted() throws MappingException {
    mapping(mailRule("{path: headers.x-lease-ref, exists: true}", "invitations.0.iCalUID"));
    mapping(mailRule("{path: $kind, equals: mail}", "attachments.0.name"));
    // a kind whose shape is open (an API's objects) is not checked
    mapping(
        mailRule("{path: subject, exists: true}", "subject")
            .replace("kind: mail", "kind: stripe.charge"));
  }

  @Test
  void aSenderComparedWithANameAndAnAddressIsRefused() {
    assertMapping(mailRule("{path: from, equals: \"Green Plots <plots@example.org>\"}", "subject"))
        .hasMessageContaining("equals: \"Green Plots <plots@example.org>\" can never equal")
        .hasMessageContaining("holds the address only")
        .hasMessageEndingWith("(line 4)");
    assertMapping(mailRule("{path: to, in: [a@example.org, \"B <b@example.org>\"]}", "subject"))
        .hasMessageContaining("in: \"B <b@example.org>\" can never equal a mail's to");
  }

  /** A rule of {@code kind} emitting a probe with {@code fieldLine} among its fields. */
  private static String ruleOfKind(String kind, String fieldLine) {
    return """
        rules:
          - name: charge
            kind: %s
            observed_at: {const: "2026-01-01T00:00:00Z"}
            emit:
              - entity: probe
                fields:
                  id: {path: id}
                  %s
        """
        .formatted(kind, fieldLine);
  }

  @Test
  void aStripeAmountReadAsMoneyIsRefusedAtLoad() {
    assertMapping(ruleOfKind("stripe.charge", "integer: {path: amount, type: money}"))
        .hasMessageStartingWith(
            "test.yaml: rule charge, field integer: type: money reads an amount in major units,"
                + " and Stripe's amount is already in the currency's minor units (2200 is 22.00)")
        .hasMessageContaining("read it with type: integer")
        .hasMessageEndingWith("(line 9)");
    assertMapping(
            ruleOfKind("stripe.invoice", "integer: {path: lines.data.0.unit_amount, type: money}"))
        .hasMessageContaining("Stripe's lines.data.0.unit_amount is already");
    // a place of first_of is checked like a path
    assertMapping(
            ruleOfKind(
                "stripe.charge",
                "integer: {first_of: [{path: amount_captured}, {path: amount}], type: money}"))
        .hasMessageContaining("Stripe's amount_captured is already");
    // declared money, the field's type is the extractor's
    assertMapping(ruleOfKind("stripe.refund", "money: {path: amount}"))
        .hasMessageStartingWith("test.yaml: rule charge, field money: path: money reads");
  }

  @Test
  void moneyFromAStripeDescriptionOrAnExportsColumnAsWrittenStillLoads() throws Exception {
    mapping(ruleOfKind("stripe.charge", "integer: {path: _csv.amount, type: money}"));
    mapping(
        ruleOfKind(
            "stripe.charge", "integer: {path: description, regex: 'Total (.+)', type: money}"));
    mapping(ruleOfKind("stripe.charge", "integer: {path: amount, type: integer}"));
    // metadata is what the business wrote there, "150,00"
    mapping(ruleOfKind("stripe.charge", "integer: {path: metadata.amount, type: money}"));
    // a yen business: the two readings agree
    SourceMapping.parse(
        ruleOfKind("stripe.charge", "integer: {path: amount, type: money}"),
        "test.yaml",
        TestSupport.probeModel(),
        new Business("Hanazuki", java.time.ZoneId.of("Asia/Tokyo"), "JP", "JPY"));
    // another source's amount in major units is money
    mapping(ruleOfKind("backup.row", "integer: {path: amount, type: money}"));
  }

  @Test
  void anUnknownTypeIsAnError() {
    assertField("datetime: {path: v, type: datetme}")
        .hasMessageStartingWith(
            "test.yaml: rule booking, field datetime: type: unknown type \"datetme\"; types: text, name,"
                + " upper, lower, email, phone, datetime, date, money, integer, json (line 9)");
  }

  @Test
  void anOptionOfAnotherTypeIsAnError() {
    assertField("money: {path: v, format: epoch_seconds}")
        .hasMessage(
            "test.yaml: rule booking, field money: format: is not an option of type money (its"
                + " options: decimal, minor_digits, locale, currency, trailing_minus) (line 9)");
  }

  @Test
  void aTypeTheDeclaredFieldCannotHoldIsAnError() {
    assertField("integer: {path: v, type: datetime}")
        .hasMessage(
            "test.yaml: rule booking, field integer: type: a datetime value cannot fill a field"
                + " declared as integer in the entity model (line 9)");
  }

  @Test
  void anUnknownEntityOrFieldIsAnError() {
    assertField("colour: {path: v}")
        .hasMessageStartingWith(
            "test.yaml: rule booking, emit[0]: colour: entity probe has no field \"colour\" in the"
                + " entity model (probe-entities.yaml); its fields: id, text,")
        .hasMessageEndingWith("(line 9)");
    assertMapping(
            """
            rules:
              - name: booking
                kind: test
                observed_at: {path: date}
                emit:
                  - entity: reservation
                    fields: {id: {path: id}}
            """)
        .hasMessage(
            "test.yaml: rule booking, emit[0]: entity: unknown entity \"reservation\"; the entity"
                + " model (probe-entities.yaml) declares: probe, other (line 6)");
  }

  @Test
  void anEntityNameSpeltOtherwiseThanInTheEntityModelIsAnsweredWithTheNearestOne() {
    assertMapping(
            """
            rules:
              - name: booking
                kind: test
                observed_at: {path: date}
                emit:
                  - entity: próbe
                    fields: {id: {path: id}}
            """)
        .hasMessage(
            "test.yaml: rule booking, emit[0]: entity: unknown entity \"próbe\"; did you mean"
                + " \"probe\"? The entity model (probe-entities.yaml) declares: probe, other (line"
                + " 6)");
  }

  @Test
  void invalidRegexesSelectorsPatternsZonesAndPathsAreErrors() {
    assertField("text: {path: v, regex: \"(unclosed\"}")
        .hasMessageStartingWith(
            "test.yaml: rule booking, field text: regex: invalid regex \"(unclosed\": Unclosed group")
        .hasMessageEndingWith("(line 9)");
    assertField("text: {path: html, css: \"td[data-field=\"}")
        .hasMessageStartingWith(
            "test.yaml: rule booking, field text: css: invalid CSS selector \"td[data-field=\":")
        .hasMessageEndingWith("(line 9)");
    // an apostrophe in French text (d'élève) inside :containsOwn: jsoup wants it escaped
    assertField("text: {path: html, css: \"td:containsOwn(l'élève)\"}")
        .hasMessageContaining("Did not find balanced marker")
        .hasMessageContaining("written with a backslash before it: :containsOwn(l\\'élève)");
    assertField("datetime: {path: v, format: \"dd/MM/yyyy bb\"}")
        .hasMessageStartingWith(
            "test.yaml: rule booking, field datetime: format: \"dd/MM/yyyy bb\" is not a java.time"
                + " pattern: Unknown pattern letter: b");
    // valid java.time patterns that read no written date: every value failed at run time
    assertField("date: {path: v, format: dd/mm/yyyy}")
        .hasMessage(
            "test.yaml: rule booking, field date: format: \"dd/mm/yyyy\" holds letters that mean"
                + " something else than they do in a written date: mm is minutes, and it reads no"
                + " hour: the month is MM; did you mean \"dd/MM/yyyy\"? (line 9)");
    assertField("date: {path: v, format: DD/MM/YYYY}")
        .hasMessageContaining("YYYY is the week-based year")
        .hasMessageContaining("DD is the day of the year")
        .hasMessageContaining("did you mean \"dd/MM/yyyy\"?");
    assertThat(ValueTypes.patternSlip("dd/MM/yyyy 'a las' HH:mm")).isNull();
    assertThat(ValueTypes.patternSlip("EEEE d 'de' MMMM 'de' yyyy, h:mm a")).isNull();
    assertThat(ValueTypes.patternSlip("YYYY-'W'ww")).isNull();
    assertThat(ValueTypes.patternSlip("yyyy-DDD")).isNull();
    assertField("datetime: {path: v, zone: Europe/Lisbn}")
        .hasMessage(
            "test.yaml: rule booking, field datetime: zone: \"Europe/Lisbn\" is not a time-zone id"
                + " (e.g. Europe/Lisbon) (line 9)");
    assertField("text: {path: \"a..b\"}")
        .hasMessage("test.yaml: rule booking, field text: path: empty name in path a..b (line 9)");
    assertField("text: {path: \"a[x]\"}")
        .hasMessage(
            "test.yaml: rule booking, field text: path: [x] is not an index in path a[x] (line 9)");
  }

  @Test
  void invalidTypeOptionsAreErrors() {
    assertField("phone: {path: v, region: XX}")
        .hasMessage(
            "test.yaml: rule booking, field phone: region: \"XX\" is not a phone region (e.g. PT,"
                + " GB, US) (line 9)");
    assertField("money: {path: v, decimal: \";\"}")
        .hasMessageStartingWith(
            "test.yaml: rule booking, field money: decimal: must be \".\" or \",\"");
    assertField("date: {path: v, locale: \"123\"}")
        .hasMessageStartingWith(
            "test.yaml: rule booking, field date: locale: \"123\" is not a language tag");
  }

  @Test
  void aConstOrDefaultThatDoesNotParseIsAnError() {
    assertField("datetime: {const: tomorrow}")
        .hasMessage(
            "test.yaml: rule booking, field datetime: const: \"tomorrow\" is not a date-time in"
                + " format iso (line 9)");
    assertField("money: {path: v, default: free}")
        .hasMessageStartingWith(
            "test.yaml: rule booking, field money: default: \"free\" is not an amount");
  }

  @Test
  void contradictoryExtractorKeysAreErrors() {
    assertField("text: {path: v, const: x}")
        .hasMessage(
            "test.yaml: rule booking, field text: give exactly one of \"path\" and \"const\" (line 9)");
    assertField("text: {path: v, map_default: x}")
        .hasMessage("test.yaml: rule booking, field text: map_default: needs a \"map\" (line 9)");
    assertField("text: {path: v, required: true, default: x}")
        .hasMessageStartingWith(
            "test.yaml: rule booking, field text: required: cannot be combined");
    assertField("text: {path: v, attr: href}")
        .hasMessageStartingWith(
            "test.yaml: rule booking, field text: attr: needs a \"css\" selector");
    assertField("text: {path: v, required: maybe}")
        .hasMessageStartingWith(
            "test.yaml: rule booking, field text: required: expected true or false");
  }

  @Test
  void refusesAMapKeyWithSpacesAroundItBecauseFoundValuesAreTrimmedBeforeTheLookup() {
    assertField("text: {path: v, map: {' + y': yes}, map_default: no}")
        .hasMessage(
            "test.yaml: rule booking, field text: map: the key \" + y\" has spaces around it and"
                + " can never match: a value found is trimmed before it is looked up in the map;"
                + " write the key as \"+ y\" (line 9)");
    assertField("text: {path: v, map: {'   ': yes}}")
        .hasMessageStartingWith(
            "test.yaml: rule booking, field text: map: the key \"   \" is blank and can never"
                + " match");
  }

  @Test
  void duplicateRuleNamesAreAnError() {
    assertMapping(
            """
            rules:
              - {name: booking, kind: test}
              - {name: booking, kind: mail}
            """)
        .hasMessage(
            "test.yaml: rule booking: name: a rule named \"booking\" already exists in this file"
                + " (line 3)");
  }

  @Test
  void aRuleThatEmitsNeedsObservedAtAndAKind() {
    assertMapping(
            """
            rules:
              - name: booking
                kind: test
                emit: [{entity: other, fields: {code: {path: c}}}]
            """)
        .hasMessage("test.yaml: rule booking: missing \"observed_at\" (line 2)");
    assertMapping("rules: [{name: booking}]")
        .hasMessage("test.yaml: rule booking: missing \"kind\" (line 1)");
    assertMapping(
            """
            rules:
              - name: booking
                kind: test
                observed_at: {path: date, type: date}
            """)
        .hasMessageStartingWith(
            "test.yaml: rule booking, field observed_at: type: a date value cannot fill a field"
                + " declared as datetime");
  }

  @Test
  void anEmitOfConstantsOnlyIsAnError() {
    assertMapping(
            """
            rules:
              - name: booking
                kind: test
                observed_at: {path: date}
                emit: [{entity: other, fields: {code: {const: c}}}]
            """)
        .hasMessageStartingWith(
            "test.yaml: rule booking, emit[0]: fields: need at least one field read from the"
                + " record");
  }

  @Test
  void aConditionNeedsExactlyOneTest() {
    assertMapping("rules: [{name: booking, kind: test, when: [{path: a, equals: x, contains: y}]}]")
        .hasMessageStartingWith(
            "test.yaml: rule booking, when[0]: a condition needs exactly one of equals, contains,"
                + " matches, exists, in, before, after, above, below, equals_field, above_field,"
                + " below_field, any, all, not; found ");
    assertMapping("rules: [{name: booking, kind: test, when: [{path: a}]}]")
        .hasMessageContaining("found none");
    assertMapping("rules: [{name: booking, kind: test, when: [{path: a, equls: x}]}]")
        .hasMessageStartingWith(
            "test.yaml: rule booking, when[0]: equls: unknown key; did you mean \"equals\"?");
    assertMapping(
            "rules: [{name: booking, kind: test, when: [{any: [{path: a, matches: \"[\"}]}]}]")
        .hasMessageStartingWith(
            "test.yaml: rule booking, when[0], any[0]: matches: invalid regex \"[\"");
  }

  @Test
  void aKeyIndentedAsItsListsItemsIsNamedOnItsOwnLineInPlainWords() {
    assertMapping(
            "rules:\n"
                + "  - name: booking\n"
                + "    kind: test\n"
                + "    when:\n"
                + "      - {path: a, exists: true}\n"
                + "      - {path: b, exists: true}\n"
                + "\n"
                + "      observed_at: {path: created}\n")
        .hasMessage(
            "test.yaml: not valid YAML: the key observed_at is indented 6 space(s), which lines it"
                + " up with no other key of a mapping above it (the key before it, when at line 4,"
                + " is indented 4): the keys of one mapping start in the same column (line 8,"
                + " column 7)");
  }

  @Test
  void aKeyIndentedLessThanItsMappingIsNamedInPlainWords() {
    assertMapping("rules:\n" + "  - name: booking\n" + "  kind: test\n" + "    emit: []\n")
        .hasMessage(
            "test.yaml: not valid YAML: the key kind is indented 2 space(s), which lines it up"
                + " with no other key of a mapping above it (the key before it, name at line 2, is"
                + " indented 4): the keys of one mapping start in the same column (line 3, column"
                + " 3)");
  }

  @Test
  void aKeyIndentedDeeperThanTheKeyBeforeItIsNamedAsReadIntoThatKeysValue() {
    assertMapping("rules:\n  - name: booking\n    kind: test\n      emit: []\n")
        .hasMessage(
            "test.yaml: not valid YAML: the key emit is indented 6 space(s), deeper than the key"
                + " kind at line 3 (indented 4), whose value is on that line: YAML reads emit as"
                + " more of that value; indent emit as kind is, 4 space(s), or put it under a key"
                + " whose value starts on the next line (line 4, column 7)");
  }

  @Test
  void aValueHoldingAColonAndASpaceIsToldToBeQuoted() {
    assertMapping(
            "rules:\n  - name: booking\n    kind: mail\n    when:\n      - path: subject\n"
                + "        matches: ^Referencia: (VA)\n")
        .hasMessage(
            "test.yaml: not valid YAML: the value of matches holds \": \" (a colon and a space),"
                + " which YAML reads as the start of another key: put the value in single quotes,"
                + " matches: '^Referencia: (VA)' (line 6, column 29)");
  }

  @Test
  void aTabIsNamedAtItsOwnLineAndColumnNotAtTheEndOfTheLineBefore() {
    assertMapping("rules:\n  - name: booking\n    kind: test\n\temit: []\n")
        .hasMessageStartingWith("test.yaml: not valid YAML: found character '\\t(TAB)'")
        .hasMessageEndingWith("(line 4, column 1)");
  }

  @Test
  void aTabNamesTheKeyOfItsLineAndSaysToReplaceItWithSpaces() {
    assertMapping("rules:\n  - name: booking\n    kind:\ttest\n    emit: []\n")
        .hasMessageEndingWith(
            ": a tab character in the line of the key kind; YAML indents, and separates a value"
                + " from its key, with spaces only: replace the tab with spaces (line 3, column"
                + " 10)");
    assertMapping("rules:\n  - name: booking\n    kind: test\n\temit: []\n")
        .hasMessageContaining("a tab character in the line of the key emit;");
  }

  @Test
  void brokenYamlAndEmptyFilesAreErrors() {
    assertMapping("rules:\n  - {name: x, kind: test, when: {path: to[0], exists: true}}\n")
        .hasMessage(
            "test.yaml: not valid YAML: expected ',' or '}', but got [; quote values holding [ or ]"
                + " inside { } (line 2, column 42)");
    assertMapping("")
        .hasMessage(
            "test.yaml: is empty (0 characters): no settings in it; was it copied or saved"
                + " completely?");
    assertMapping("rules:\n")
        .hasMessage("test.yaml: no rules: expected \"rules:\" with a list of rules (line 1)");
    assertMapping("rule: []")
        .hasMessageStartingWith("test.yaml: rule: unknown key; did you mean \"rules\"?");
    assertMapping("rules: [{name: a, kind: test, kind: mail}]")
        .hasMessageStartingWith("test.yaml: key \"kind\" appears twice");
  }
}
