package dev.salvage.mappings;

import static dev.salvage.mappings.TestSupport.extract;
import static dev.salvage.mappings.TestSupport.mapping;
import static dev.salvage.mappings.TestSupport.probe;
import static dev.salvage.mappings.TestSupport.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salvage.connectors.RawRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtractorsTest {
  private static final String NESTED =
      """
      {"id": "1", "customer": {"name": "Jane", "tags": ["a", "b", "c"]},
       "attendees": [{"email": "x@a.example"}, {"email": "y@b.example"}],
       "headers": {"x.odd": "dotted"}, "amount": 1250, "paid": true,
       "empty": "  ", "missing": null, "to": ["", "second@x.example"]}
      """;

  @Test
  void pathFollowsNamesAndIndexes() throws Exception {
    assertThat(extract("text", "{path: customer.name}", NESTED)).isEqualTo("Jane");
    assertThat(extract("text", "{path: \"customer.tags[1]\"}", NESTED)).isEqualTo("b");
    assertThat(extract("text", "{path: \"customer.tags[-1]\"}", NESTED)).isEqualTo("c");
    assertThat(extract("email", "{path: \"attendees[1].email\"}", NESTED)).isEqualTo("y@b.example");
    assertThat(extract("text", "{path: 'headers[\"x.odd\"]'}", NESTED)).isEqualTo("dotted");
    assertThat(extract("email", "{path: attendees.1.email}", NESTED)).isEqualTo("y@b.example");
    assertThat(extract("text", "{path: customer.tags.-1}", NESTED)).isEqualTo("c");
  }

  /**
   * A key joined from an order number and its third item's id was the order number alone on a
   * one-item order (trial 14): one bogus item record per emit, unflagged. A part that finds nothing
   * now leaves the join without a value, unless it is declared optional.
   */
  @Test
  void aJoinWhosePartFindsNothingHasNoValueUnlessThePartIsOptional() throws Exception {
    String html =
        "<strong class=order>CR-10430</strong><table class=items>"
            + "<tr><th>Show</th></tr><tr><td class=show><a href='/shows/jazz-night'>x</a></td></tr>"
            + "</table>";
    String record =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .writeValueAsString(java.util.Map.of("id", "1", "html", html));
    String item =
        "{join: [{path: html, css: strong.order},"
            + " {path: html, css: 'table.items tr:nth-of-type(%d) td.show a', attr: href,"
            + " regex: 'shows/([a-z0-9-]+)'%s}], separator: /}";
    assertThat(extract("text", item.formatted(2, ""), record)).isEqualTo("CR-10430/jazz-night");
    assertThat(extract("text", item.formatted(3, ""), record)).isNull();
    assertThat(extract("text", item.formatted(3, ", optional: true"), record))
        .isEqualTo("CR-10430");
    assertThatThrownBy(
            () ->
                extract(
                    "text",
                    "{join: [{path: a}, {path: b}], required: true}",
                    "{\"id\": \"2\", \"a\": \"x\"}"))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessageEndingWith(
            "field text: required value not found (join of path a + path b: path b found"
                + " nothing)");
  }

  @Test
  void anOptionalJoinPartIsCheckedAtLoad() {
    assertThatThrownBy(() -> probe("text", "{join: [{path: a}, {path: b, optional: yes}]}"))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("field text, join[1]: optional: expected true or false, not \"yes\"");
    assertThatThrownBy(() -> probe("text", "{join: [{path: a}, {const: b, optional: true}]}"))
        .hasMessageContaining("join[1]: optional: makes no sense with a const part");
    assertThatThrownBy(() -> probe("text", "{path: a, optional: true}"))
        .hasMessageContaining("optional: unknown key");
    assertThatThrownBy(() -> probe("text", "{first_of: [{path: a, optional: true}, {path: b}]}"))
        .hasMessageContaining("first_of[0]: optional: unknown key");
  }

  @Test
  void firstOfTakesTheFirstPlaceThatHoldsAValueAsTwoAppVersionsWroteIt() throws Exception {
    String extractor =
        "{first_of: [{path: metadata.booking_ref},"
            + " {path: description, regex: '(RW-[0-9A-Z]{6})'}, {const: UNKNOWN}]}";
    String newer =
        "{\"id\": \"1\", \"metadata\": {\"booking_ref\": \"RW-AAAAAA\"},"
            + " \"description\": \"Rentwise booking RW-BBBBBB\"}";
    String older =
        "{\"id\": \"2\", \"metadata\": {}, \"description\": \"Rentwise booking RW-CCCCCC\"}";
    String neither = "{\"id\": \"3\", \"description\": \"Car rental\"}";

    assertThat(extract("text", extractor, newer)).isEqualTo("RW-AAAAAA");
    assertThat(extract("text", extractor, older)).isEqualTo("RW-CCCCCC");
    assertThat(extract("text", extractor, neither)).isEqualTo("UNKNOWN");
    // the value found is typed and mapped like any other
    assertThat(extract("integer", "{first_of: [{path: net}, {path: amount}]}", NESTED))
        .isEqualTo("1250");
  }

  /**
   * A mail without a Date header, or with one in Spanish words, was quarantined (trial 22): a
   * second place with its own format reads the header, while a normal mail's ISO date is read by
   * the field's format.
   */
  @Test
  void firstOfPlacesReadTheirValueWithTheirOwnFormatAndLocale() throws Exception {
    String observed =
        "{first_of: [{path: date}, {path: headers.date, format: \"EEEE, d 'de' MMMM 'de' yyyy"
            + " HH:mm\", locale: es}], zone: America/Mexico_City}";
    String normal =
        "{\"id\": \"1\", \"date\": \"2026-03-16T16:15:00Z\","
            + " \"headers\": {\"date\": \"Mon, 16 Mar 2026 10:15:00 -0600\"}}";
    String spanish =
        "{\"id\": \"2\", \"date\": null,"
            + " \"headers\": {\"date\": \"Lunes, 16 de marzo de 2026 10:15\"}}";

    assertThat(extract("datetime", observed, normal)).isEqualTo("2026-03-16T16:15:00Z");
    assertThat(extract("datetime", observed, spanish)).isEqualTo("2026-03-16T16:15:00Z");
    // the field's own format stays the default of the places that give none
    assertThat(
            extract(
                "date",
                "{first_of: [{path: a, format: dd.MM.yyyy}, {path: b}], format: dd/MM/yyyy}",
                "{\"id\": \"3\", \"b\": \"16/03/2026\"}"))
        .isEqualTo("2026-03-16");
  }

  /**
   * One cell written two ways by two templates: the first place finds text in both, and its format
   * reads only one (trial 29 quarantined the other kind of mail).
   */
  @Test
  void aFirstOfPlaceWhoseFormatCannotReadItsTextPassesToTheNext() throws Exception {
    String extractor =
        "{first_of: [{path: v, format: \"MM/dd/yyyy h:mm a\"},"
            + " {path: v, format: \"EEE, MMM d, yyyy 'at' h:mm a\"}], zone: America/Chicago}";

    assertThat(extract("datetime", extractor, "{\"id\": \"1\", \"v\": \"03/04/2026 3:30 PM\"}"))
        .isEqualTo("2026-03-04T21:30:00Z");
    assertThat(
            extract(
                "datetime", extractor, "{\"id\": \"2\", \"v\": \"Wed, Mar 4, 2026 at 3:30 PM\"}"))
        .isEqualTo("2026-03-04T21:30:00Z");
    assertThatThrownBy(
            () -> extract("datetime", extractor, "{\"id\": \"3\", \"v\": \"next Wednesday\"}"))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessageContaining("no place of first_of could read the text it found: place 0 (")
        .hasMessageContaining(
            "\"next Wednesday\" is not a date-time in format MM/dd/yyyy h:mm a (locale en); place"
                + " 1 (")
        .hasMessageContaining("in format EEE, MMM d, yyyy 'at' h:mm a (locale en)");
  }

  @Test
  void aFirstOfPlacesOwnFormatOrLocaleIsCheckedAtLoadLikeAFields() {
    assertThatThrownBy(
            () -> probe("datetime", "{first_of: [{path: a}, {path: b, format: 'yyyy-MM-dd bb'}]}"))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("first_of[1]")
        .hasMessageContaining("format: \"yyyy-MM-dd bb\" is not a java.time pattern");
    assertThatThrownBy(
            () -> probe("datetime", "{first_of: [{path: a}, {path: b, locale: klingon}]}"))
        .hasMessageContaining("first_of[1]")
        .hasMessageContaining("locale: \"klingon\" is not a language tag");
    assertThatThrownBy(() -> probe("text", "{first_of: [{path: a}, {path: b, format: x}]}"))
        .hasMessageContaining("first_of[1]")
        .hasMessageContaining("format: is not an option of type text");
    assertThatThrownBy(
            () -> probe("date", "{first_of: [{path: a}, {const: '2026-01-01', format: x}]}"))
        .hasMessageContaining("first_of[1]")
        .hasMessageContaining("format: makes no sense with a const value");
  }

  @Test
  void firstOfIsRefusedAtLoadWhenAPlaceCouldNeverBeReached() {
    assertThatThrownBy(() -> probe("text", "{first_of: [{const: x}, {path: description}]}"))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("first_of")
        .hasMessageContaining("place 0 is a const");
    assertThatThrownBy(() -> probe("text", "{first_of: [{path: a}]}"))
        .hasMessageContaining("first_of: needs a list of at least two places");
    assertThatThrownBy(() -> probe("text", "{path: a, first_of: [{path: a}, {path: b}]}"))
        .hasMessageContaining("path: cannot be combined with first_of");
    assertThatThrownBy(() -> probe("text", "{first_of: [{path: a}, {path: b, map: {x: y}}]}"))
        .hasMessageContaining("first_of[1]")
        .hasMessageContaining("map");
  }

  @Test
  void plusGivesTheEndOfAStayFromItsArrivalAndItsNightsInCalendarDaysOfTheZone() throws Exception {
    String checkOut =
        "{path: arrival, format: 'dd/MM/yyyy HH:mm',"
            + " plus: {path: text, regex: '([0-9]+) nights?', unit: days}}";
    // Lisbon: UTC+1 in May
    String may = "{\"id\": \"1\", \"arrival\": \"12/05/2026 15:00\", \"text\": \"3 nights\"}";
    assertThat(extract("datetime", checkOut, may)).isEqualTo("2026-05-15T14:00:00Z");
    // the clocks go forward on 29 March: 15:00 on the 27th (UTC) plus 3 days is 15:00 on the
    // 30th (UTC+1), 71 hours later
    String march = "{\"id\": \"2\", \"arrival\": \"27/03/2026 15:00\", \"text\": \"3 nights\"}";
    assertThat(extract("datetime", checkOut, march)).isEqualTo("2026-03-30T14:00:00Z");
    // hours are elapsed time; a date takes days or weeks; a constant amount
    assertThat(
            extract(
                "datetime",
                "{path: arrival, format: 'dd/MM/yyyy HH:mm', plus: {const: 36, unit: hours}}",
                march))
        .isEqualTo("2026-03-29T03:00:00Z");
    assertThat(
            extract(
                "date",
                "{path: day, plus: {const: 2, unit: weeks}}",
                "{\"id\": \"3\", \"day\": \"2026-12-25\"}"))
        .isEqualTo("2027-01-08");
    // no amount in the record: no value, as when a path finds nothing
    String none = "{\"id\": \"4\", \"arrival\": \"12/05/2026 15:00\", \"text\": \"soon\"}";
    assertThat(extract("datetime", checkOut, none)).isNull();
  }

  @Test
  void plusIsCheckedAtLoadAndAnAmountThatIsNoNumberRejectsTheRecordNamingIt() throws Exception {
    assertThatThrownBy(() -> probe("text", "{path: a, plus: {const: 1, unit: days}}"))
        .hasMessageContaining("plus: applies to date, datetime, integer and money values only");
    assertThatThrownBy(() -> probe("date", "{path: a, plus: {const: 1, unit: hours}}"))
        .hasMessageContaining("a date takes days or weeks, not hours");
    assertThatThrownBy(() -> probe("date", "{path: a, plus: {const: 1, unit: fortnights}}"))
        .hasMessageContaining("\"fortnights\" is not a unit; units: days, weeks, hours, minutes");
    assertThatThrownBy(() -> probe("date", "{path: a, plus: {const: 1.5, unit: days}}"))
        .hasMessageContaining("\"1.5\" is not a whole number");
    assertThatThrownBy(
            () ->
                extract(
                    "date",
                    "{path: day, plus: {path: nights, unit: days}}",
                    "{\"id\": \"5\", \"day\": \"2026-12-25\", \"nights\": \"three\"}"))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessageContaining("field date")
        .hasMessageContaining("\"three\" is not a whole number of days (path nights days)");
  }

  @Test
  void sinceCountsTheWholeUnitsFromAStartToTheValuesOwnTime() throws Exception {
    // a calendar event's length in minutes, from its start and end as Google writes them
    String event =
        "{\"id\": \"e1\", \"start\": {\"dateTime\": \"2026-06-03T14:30:00+02:00\"},"
            + " \"end\": {\"dateTime\": \"2026-06-03T15:15:00+02:00\"}}";
    assertThat(
            extract(
                "integer",
                "{path: end.dateTime, since: {path: start.dateTime, unit: minutes}}",
                event))
        .isEqualTo("45");
    // a hire's days across the change of clock (29 March in Lisbon): 3 calendar days, 71 hours
    String hire =
        "{\"id\": \"h1\", \"text\": \"Pickup 27/03/2026 15:00, return 30/03/2026 15:00\"}";
    String days =
        "{path: text, regex: 'return ([0-9/]+ [0-9:]+)',"
            + " since: {path: text, regex: 'Pickup ([0-9/]+ [0-9:]+)', unit: days,"
            + " format: 'dd/MM/yyyy HH:mm'}}";
    assertThat(extract("integer", days, hire)).isEqualTo("3");
    // no start in the record: no value, as when a path finds nothing
    assertThat(extract("integer", days, "{\"id\": \"h2\", \"text\": \"return 30/03/2026 15:00\"}"))
        .isNull();
  }

  @Test
  void sinceRejectsASpanThatIsNotWholeOrEndsBeforeItStartsAndIsCheckedAtLoad() throws Exception {
    String spec = "{path: end, since: {path: start, unit: hours}}";
    assertThatThrownBy(
            () ->
                extract(
                    "integer",
                    spec,
                    "{\"id\": \"1\", \"start\": \"2026-06-03T14:30:00Z\","
                        + " \"end\": \"2026-06-03T16:00:00Z\"}"))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessageContaining(
            "from \"2026-06-03T14:30:00Z\" to \"2026-06-03T16:00:00Z\" is 90 minutes, not a whole"
                + " number of hours (hours since path start)");
    assertThatThrownBy(
            () ->
                extract(
                    "integer",
                    spec,
                    "{\"id\": \"2\", \"start\": \"2026-06-03T16:00:00Z\","
                        + " \"end\": \"2026-06-03T14:00:00Z\"}"))
        .hasMessageContaining("the span ends before it starts");
    assertThatThrownBy(
            () ->
                extract(
                    "integer",
                    spec,
                    "{\"id\": \"3\", \"start\": \"soon\", \"end\": \"2026-06-03T14:00:00Z\"}"))
        .hasMessageContaining("\"soon\" is not a date-time");
    assertThatThrownBy(() -> probe("text", spec))
        .hasMessageContaining("since: applies to integer values only");
    assertThatThrownBy(() -> probe("integer", "{path: end, since: {path: start, unit: lustres}}"))
        .hasMessageContaining("\"lustres\" is not a unit; units: days, weeks, hours, minutes");
    assertThatThrownBy(() -> probe("integer", "{path: end, since: {path: start, units: days}}"))
        .hasMessageContaining("units");
  }

  @Test
  void aPathWalksIntoAJsonDocumentKeptAsTextSuchAsAJsonbColumn() throws Exception {
    // a Prisma app's jsonb column, as pg_dump and the backup readers give it: one text value
    String row =
        """
        {"table": "Booking", "columns": {"id": "clx1",
         "metadata": "{\\"room\\": \\"A2\\", \\"teacher\\": {\\"name\\": \\"Marta\\"},\
         \\"slots\\": [\\"Mon\\", \\"Thu\\"], \\"price\\": 12.50}",
         "tags": "[\\"trial\\", \\"online\\"]", "note": "[urgent] call back", "bad": "{oops"}}
        """;

    assertThat(extract("text", "{path: columns.metadata.room}", row)).isEqualTo("A2");
    assertThat(extract("text", "{path: columns.metadata.teacher.name}", row)).isEqualTo("Marta");
    assertThat(extract("text", "{path: \"columns.metadata.slots[-1]\"}", row)).isEqualTo("Thu");
    assertThat(extract("text", "{path: columns.metadata.price}", row))
        .as("numbers as written")
        .isEqualTo("12.50");
    assertThat(extract("text", "{path: columns.tags.0}", row)).isEqualTo("trial");
    assertThat(extract("text", "{path: columns.metadata, regex: 'room.: .(A[0-9])'}", row))
        .as("the column itself is still its text")
        .isEqualTo("A2");
    for (String path : List.of("columns.note.x", "columns.bad.x", "columns.metadata.nope")) {
      assertThat(extract("text", "{path: \"" + path + "\"}", row)).as(path).isNull();
    }
  }

  @Test
  void scalarsOfAnyJsonTypeBecomeText() throws Exception {
    assertThat(extract("integer", "{path: amount}", NESTED)).isEqualTo("1250");
    assertThat(extract("text", "{path: paid}", NESTED)).isEqualTo("true");
  }

  @Test
  void missingNullAndBlankValuesAreAbsent() throws Exception {
    String json = NESTED;
    for (String path : List.of("nope", "missing", "empty", "customer.tags[7]", "customer.name.x")) {
      assertThat(extract("text", "{path: \"" + path + "\"}", json)).as(path).isNull();
    }
  }

  @Test
  void aRecordWithAValueLongerThanJacksonsDefaultStringLimitIsMappedNotRejected() throws Exception {
    // a backup row keeping a whole document in a text column: over Jackson's 20M default
    String json = "{\"email\": \"ana@example.com\", \"notes\": \"" + "x".repeat(21_000_000) + "\"}";

    assertThat(extract("email", "{path: email}", json)).isEqualTo("ana@example.com");
    assertThat(extract("text", "{path: notes, regex: \"^(x{3})\"}", json)).isEqualTo("xxx");
  }

  @Test
  void regexClassesAreUnicodesSoFrenchSpacingAndAccentedLettersMatch() throws Exception {
    // French puts a no-break space before the colon and narrow ones inside amounts
    String mail = "{\"text\": \"Client\u00a0: José Ibáñez\\nTotal\u00a0: 1\u202f250,00\u00a0€\"}";

    assertThat(extract("text", "{path: text, regex: \"Client\\\\s:\\\\s(\\\\w+ \\\\w+)\"}", mail))
        .isEqualTo("José Ibáñez");
    assertThat(extract("text", "{path: text, regex: \"Total\\\\s:\\\\s(.+)$\"}", mail))
        .as("text collapses no-break spaces too")
        .isEqualTo("1 250,00 €");
  }

  @Test
  void anExpandedObjectStandsForItsIdNotItsJsonText() throws Exception {
    // a Stripe charge listed with expand[]=data.payment_intent: the same field, now an object
    String expanded =
        "{\"id\": \"ch_1\", \"payment_intent\": {\"id\": \"pi_1\", \"object\":"
            + " \"payment_intent\", \"client_secret\": \"pi_1_secret_x\"},"
            + " \"metadata\": {\"booking_ref\": \"RW-1\"}}";

    assertThat(extract("text", "{path: payment_intent}", expanded)).isEqualTo("pi_1");
    assertThat(extract("text", "{path: payment_intent}", "{\"payment_intent\": \"pi_1\"}"))
        .isEqualTo("pi_1");
    assertThat(extract("text", "{path: metadata, regex: \"RW-[0-9]\"}", expanded))
        .as("an object without an id is still its JSON text")
        .isEqualTo("RW-1");
  }

  @Test
  void aPathToAnObjectWithoutAnIdQuarantinesTheRecordNamingTheFieldAndItsMembers()
      throws Exception {
    // a Checkout Session's customer_details has no id: its JSON text was taken for a name
    String session =
        "{\"id\": \"cs_1\", \"customer_details\": {\"email\": \"ana@example.com\", \"name\":"
            + " \"Ana Lima\", \"phone\": null, \"address\": {\"country\": \"PT\"}}}";

    assertThatThrownBy(
            () -> probe("text", "{path: customer_details}").apply(record("test", session)))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessageContaining(
            "rule probe_rule field text: \"customer_details\" is not a value but a JSON object")
        .hasMessageContaining("(its members: email, name, phone, address) with no id")
        .hasMessageContaining("name the member to read, as customer_details.email")
        .hasMessageNotContaining("leave_out");
    // nor does unreadable: leave_out hide it: the mapping is wrong for every record
    assertThatThrownBy(
            () ->
                probe("text", "{path: customer_details, unreadable: leave_out}")
                    .apply(record("test", session)))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessageContaining("\"customer_details\" is not a value but a JSON object");
    assertThat(extract("text", "{path: customer_details.name}", session)).isEqualTo("Ana Lima");
    // an older PaymentIntent's charges list: its first charge, by its id
    String intent =
        "{\"id\": \"pi_1\", \"charges\": {\"object\": \"list\", \"data\": [{\"id\": \"ch_1\","
            + " \"object\": \"charge\", \"amount\": 5000}], \"has_more\": false}}";
    assertThat(extract("text", "{path: charges.data}", intent)).isEqualTo("ch_1");
    assertThat(extract("integer", "{path: \"charges.data[0].amount\"}", intent)).isEqualTo("5000");
    assertThatThrownBy(() -> probe("text", "{path: charges}").apply(record("test", intent)))
        .hasMessageContaining(
            "\"charges\" is not a value but a JSON object (its members: object, data, has_more)")
        .hasMessageContaining("name the member to read, as charges.data[0].id");
  }

  @Test
  void aPathToAnArrayGivesItsFirstNonBlankElement() throws Exception {
    assertThat(extract("email", "{path: to}", NESTED)).isEqualTo("second@x.example");
  }

  @Test
  void recordAttributesAreReadWithDollarNames() throws Exception {
    RawRecord record =
        new RawRecord("backup", "test", "backup:customers#17", "dump.sql:9", "{\"id\": \"1\"}");
    Observation observation =
        probe("text", "{path: $ref, regex: \"#([0-9]+)$\"}").apply(record).observations().get(0);
    assertThat(observation.fields()).containsEntry("text", "17");
    assertThat(extract("text", "{path: $kind}", NESTED)).isEqualTo("test");
    assertThat(extract("text", "{path: $source}", NESTED)).isEqualTo("test");
  }

  @Test
  void constGivesAFixedValueInCanonicalForm() throws Exception {
    assertThat(extract("upper", "{const: confirmed}", NESTED)).isEqualTo("CONFIRMED");
    assertThat(extract("money", "{const: \"12.50\"}", NESTED)).isEqualTo("1250");
  }

  @Test
  void cssGivesTheNormalisedTextOfTheFirstMatch() throws Exception {
    String json =
        """
        {"id": "1", "html": "<table><tr><td class=k>Ref</td><td class=v>  RW-1\\n  </td></tr><tr><td class=v>second</td></tr></table><a href='https://x.example/b/RW-1'>link</a>"}
        """;
    assertThat(extract("text", "{path: html, css: td.v}", json)).isEqualTo("RW-1");
    assertThat(extract("text", "{path: html, css: \"a[href]\", attr: href}", json))
        .isEqualTo("https://x.example/b/RW-1");
    assertThat(extract("text", "{path: html, css: a, attr: title}", json)).isNull();
    assertThat(extract("text", "{path: html, css: span.none}", json)).isNull();
  }

  @Test
  void cssAllJoinsTheTextOfEveryMatchSoATableOfItemsIsOneList() throws Exception {
    String json =
        """
        {"id": "1", "html": "<table class=items><tr><td>City bike</td><td>2</td></tr><tr><td> Kayak </td><td>1</td></tr><tr><td></td></tr></table><a href=/a>a</a><a href=/b>b</a>"}
        """;
    assertThat(
            extract(
                "text",
                "{path: html, css: \"table.items td:nth-of-type(1)\", css_all: \", \"}",
                json))
        .isEqualTo("City bike, Kayak");
    assertThat(extract("text", "{path: html, css: a, attr: href, css_all: \" \"}", json))
        .isEqualTo("/a /b");
    assertThat(extract("text", "{path: html, css: span, css_all: \", \"}", json)).isNull();
    assertThatThrownBy(() -> probe("text", "{path: html, css_all: \", \"}"))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("css_all: needs a \"css\" selector");
  }

  @Test
  void regexGivesTheValueGroupElseGroupOneElseTheWholeMatch() throws Exception {
    String json = "{\"id\": \"1\", \"s\": \"Booking RW-ABC123 for Jane\"}";
    assertThat(extract("text", "{path: s, regex: \"(Booking) (?<value>RW-[A-Z0-9]+)\"}", json))
        .isEqualTo("RW-ABC123");
    assertThat(extract("text", "{path: s, regex: \"for (.+)\"}", json)).isEqualTo("Jane");
    assertThat(extract("text", "{path: s, regex: \"RW-[A-Z0-9]+\"}", json)).isEqualTo("RW-ABC123");
    assertThat(extract("text", "{path: s, regex: \"XX-[0-9]+\"}", json)).isNull();
    assertThat(extract("text", "{path: s, regex: \"RW-(X)?\"}", json)).isNull();
  }

  @Test
  void mapReplacesValuesAndMapDefaultCatchesTheRest() throws Exception {
    String json = "{\"id\": \"1\", \"status\": \"succeeded\", \"other\": \"disputed\"}";
    assertThat(extract("lower", "{path: status, map: {succeeded: paid}}", json)).isEqualTo("paid");
    assertThat(
            extract("lower", "{path: other, map: {succeeded: paid}, map_default: unknown}", json))
        .isEqualTo("unknown");
  }

  @Test
  void aValueMissingFromTheMapRejectsTheRecord() {
    String json = "{\"id\": \"1\", \"status\": \"disputed\"}";
    assertThatThrownBy(() -> extract("lower", "{path: status, map: {succeeded: paid}}", json))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessage(
            "Cannot map test test:1: rule probe_rule field lower: \"disputed\" is not in the map"
                + " (succeeded)"
                + ": mend the value in the source, or declare unreadable: leave_out on field lower to keep the record without it");
  }

  @Test
  void defaultIsUsedWhenNothingIsFoundAndIsParsedByTheType() throws Exception {
    assertThat(extract("upper", "{path: currency, default: eur}", "{\"id\": \"1\"}"))
        .isEqualTo("EUR");
    assertThat(
            extract(
                "upper",
                "{path: currency, default: eur}",
                "{\"id\": \"1\", \"currency\": \"usd\"}"))
        .isEqualTo("USD");
  }

  @Test
  void aRequiredValueThatIsMissingRejectsTheRecord() {
    assertThatThrownBy(
            () ->
                extract(
                    "text",
                    "{path: html, css: td.ref, required: true}",
                    "{\"id\": \"1\", \"html\": \"<p>\"}"))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessage(
            "Cannot map test test:1: rule probe_rule field text: required value not found"
                + " (path html, css \"td.ref\")")
        .extracting(e -> ((RecordRejectedException) e).rule())
        .isEqualTo("probe_rule");
  }

  @Test
  void jsonLdReadsSchemaOrgDataFromHtml() throws Exception {
    String json =
        """
        {"id": "1", "html": "<script type='application/ld+json'>{not json</script><script type='application/ld+json'>{\\"@context\\": \\"https://schema.org\\", \\"@graph\\": [{\\"@type\\": \\"Organization\\", \\"name\\": \\"Rentwise\\"}, {\\"@type\\": [\\"RentalCarReservation\\"], \\"reservationNumber\\": \\"RW-9\\", \\"underName\\": {\\"name\\": \\"Jane\\"}, \\"pickupTime\\": \\"2026-03-13T10:00:00+00:00\\"}]}</script>"}
        """;
    assertThat(extract("text", "{path: html, json_ld: reservationNumber}", json)).isEqualTo("RW-9");
    assertThat(extract("text", "{path: html, json_ld: name}", json)).isEqualTo("Rentwise");
    assertThat(
            extract(
                "text",
                "{path: html, json_ld: underName.name, json_ld_type: RentalCarReservation}",
                json))
        .isEqualTo("Jane");
    assertThat(
            extract(
                "text", "{path: html, json_ld: name, json_ld_type: RentalCarReservation}", json))
        .isNull();
    assertThat(extract("datetime", "{path: html, json_ld: pickupTime}", json))
        .isEqualTo("2026-03-13T10:00:00Z");
  }

  @Test
  void aJsonLdPathToAPersonQuarantinesTheRecordWhileValueObjectsAndReferencesStandForTheirValue()
      throws Exception {
    // schema.org mail markup: underName is a Person, startDate a JSON-LD value object, the
    // provider a node reference; the Person's JSON text was taken as the customer's name, unsaid
    String json =
        """
        {"id": "1", "html": "<script type='application/ld+json'>{\\"@type\\": \\"LodgingReservation\\", \\"underName\\": {\\"@type\\": \\"Person\\", \\"name\\": \\"Jane Roe\\"}, \\"checkinTime\\": {\\"@value\\": \\"2026-03-13T15:00:00+01:00\\", \\"@type\\": \\"DateTime\\"}, \\"provider\\": {\\"@id\\": \\"https://inn.example/#org\\"}}</script>"}
        """;

    assertThatThrownBy(
            () -> probe("text", "{path: html, json_ld: underName}").apply(record("test", json)))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessageContaining(
            "rule probe_rule field text: \"underName\" is not a value but a JSON object"
                + " (its members: @type, name) with no id to stand for it: name the member to"
                + " read, as json_ld: underName.name");
    assertThat(extract("text", "{path: html, json_ld: underName.name}", json))
        .isEqualTo("Jane Roe");
    assertThat(
            extract(
                "text", "{path: html, json_ld: underName, regex: '\"name\": ?\"([^\"]+)'}", json))
        .as("a regex still reads the object's JSON text")
        .isEqualTo("Jane Roe");
    assertThat(extract("datetime", "{path: html, json_ld: checkinTime}", json))
        .isEqualTo("2026-03-13T14:00:00Z");
    assertThat(extract("text", "{path: html, json_ld: provider}", json))
        .isEqualTo("https://inn.example/#org");
  }

  @Test
  void theHtmlOfAValueIsParsedOncePerRecord() throws Exception {
    RecordContext context = RecordContext.of(record("test", "{\"html\": \"<p>x</p>\"}"));
    String html = context.root().get("html").textValue();
    assertThat(context.html(html)).isSameAs(context.html(html));
    assertThat(context.jsonLd(html)).isSameAs(context.jsonLd(html));
  }

  @Test
  void anEmitIsSkippedWhenNothingReadFromTheRecordIsFound() throws Exception {
    SourceMapping mapping =
        mapping(
            """
            rules:
              - name: two_entities
                kind: test
                observed_at: {const: "2026-01-01T00:00:00Z"}
                emit:
                  - entity: probe
                    fields:
                      id: {path: id}
                      text: {const: always}
                  - entity: other
                    fields:
                      code: {path: code}
            """);
    MappingResult onlyId = mapping.apply(record("test", "{\"id\": \"7\"}"));
    assertThat(onlyId.observations()).extracting(Observation::entityType).containsExactly("probe");
    MappingResult nothing = mapping.apply(record("test", "{}"));
    assertThat(nothing.rule()).isEqualTo("two_entities");
    assertThat(nothing.observations()).isEmpty();
  }

  @Test
  void anEmitWithAWhenIsSkippedWhenItDoesNotHold() throws Exception {
    SourceMapping mapping =
        mapping(
            """
            rules:
              - name: conditional
                kind: test
                observed_at: {const: "2026-01-01T00:00:00Z"}
                emit:
                  - entity: other
                    when: {path: kind, equals: coded}
                    fields:
                      code: {path: code}
            """);
    assertThat(
            mapping.apply(record("test", "{\"kind\": \"coded\", \"code\": \"c1\"}")).observations())
        .hasSize(1);
    assertThat(
            mapping.apply(record("test", "{\"kind\": \"plain\", \"code\": \"c1\"}")).observations())
        .isEmpty();
  }

  @Test
  void observationsCarryKeysSourceReferenceRuleAndObservedTime() throws Exception {
    RawRecord record =
        new RawRecord(
            "stripe",
            "test",
            "stripe:ch_1",
            "page-0001.json#3",
            "{\"id\": \"P-1\", \"t\": \"hi\"}");
    Observation observation = probe("text", "{path: t}").apply(record).observations().get(0);
    assertThat(observation.entityType()).isEqualTo("probe");
    assertThat(observation.keys()).containsExactly(java.util.Map.entry("id", "P-1"));
    assertThat(observation.fields()).containsOnlyKeys("id", "text");
    assertThat(observation.source()).isEqualTo("stripe");
    assertThat(observation.sourceRef()).isEqualTo("stripe:ch_1");
    assertThat(observation.rule()).isEqualTo("probe_rule");
    assertThat(observation.observedAt()).hasToString("2026-01-01T00:00:00Z");
  }

  @Test
  void observedAtIsRequired() {
    assertThatThrownBy(
            () ->
                mapping(
                        """
                        rules:
                          - name: when_seen
                            kind: test
                            observed_at: {path: date}
                            emit: [{entity: other, fields: {code: {path: code}}}]
                        """)
                    .apply(record("test", "{\"code\": \"c\"}")))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessage(
            "Cannot map test test:1: rule when_seen field observed_at: required value not found"
                + " (path date)");
  }
}
