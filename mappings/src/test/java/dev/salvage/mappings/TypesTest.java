package dev.salvage.mappings;

import static dev.salvage.mappings.TestSupport.extract;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The canonical form {@code extractor} gives {@code field} when the record's "v" is {@code
   * value}.
   */
  private static String parse(String field, String extractor, Object value) throws Exception {
    return extract(field, extractor, JSON.writeValueAsString(Map.of("id", "1", "v", value)));
  }

  private static String parse(String field, Object value) throws Exception {
    return parse(field, "{path: v}", value);
  }

  private static void assertRejected(String field, String extractor, Object value, String reason) {
    assertThatThrownBy(() -> parse(field, extractor, value))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessage(
            "Cannot map test test:1: rule probe_rule field "
                + field
                + ": "
                + reason
                + ": mend the value in the source, or declare unreadable: leave_out on field "
                + field
                + " to keep the record without it");
  }

  @Test
  void textAndNamesAreInComposedFormSoDecomposedCopiesAreOneValue() throws Exception {
    // "Hidratação" as macOS copy-paste writes it: c + combining cedilla, a + combining tilde
    String decomposed = "Hidratac\u0327a\u0303o";
    assertThat(parse("text", decomposed)).isEqualTo("Hidratação").hasSize(10);
    assertThat(ValueTypes.plain(FieldType.NAME).canonical("Joa\u0303o Conceic\u0327a\u0303o", null))
        .isEqualTo("João Conceição");
  }

  @Test
  void emailFoldsTheDottedCapitalIToAPlainIWhateverTheLocale() throws Exception {
    Locale before = Locale.getDefault();
    Locale.setDefault(Locale.forLanguageTag("tr-TR"));
    try {
      assertThat(parse("email", "İREM.AKSOY@GMAIL.COM")).isEqualTo("irem.aksoy@gmail.com");
      assertThat(parse("email", "İSMAİL.IŞIK@GMAIL.COM")).isEqualTo("ismail.işik@gmail.com");
      assertThat(parse("email", "INFO@ISTANBUL.EXAMPLE")).isEqualTo("info@istanbul.example");
      assertThat(parse("lower", "İZMİR")).isEqualTo("izmir");
      assertThat(FieldType.EMAIL.expectedForm("irem.aksoy@gmail.com")).isNull();
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void textIsTrimmedWithWhiteSpaceCollapsed() throws Exception {
    assertThat(parse("text", "  Jane \n\t Doe\u00a0Smith ")).isEqualTo("Jane Doe Smith");
    assertThat(parse("upper", " eur ")).isEqualTo("EUR");
    assertThat(parse("lower", "Confirmed  Booking")).isEqualTo("confirmed booking");
  }

  @Test
  void namesAndCodesFoldWidthsFreeTextKeepsThem() throws Exception {
    ValueType name = ValueTypes.plain(FieldType.NAME);
    // half-width katakana, the sound marks joined to their kana, and full-width Latin
    assertThat(name.canonical("ﾔﾏﾀﾞ ﾀﾛｳ", null)).isEqualTo("ヤマダ タロウ");
    assertThat(name.canonical("ﾊﾟｸ　ｼﾞｭﾝ", null)).isEqualTo("パク ジュン");
    assertThat(name.canonical("ＴＡＲＯ　Ｙａｍａｄａ", null)).isEqualTo("TARO Yamada");
    // a sound mark typed half-width after a full-width kana joins it too
    assertThat(name.canonical("ヤマタﾞ", null)).isEqualTo("ヤマダ");
    // ideographs stay as written, compatibility ones included: a name registered so keeps them
    assertThat(name.canonical("髙橋 一郎", null)).isEqualTo("髙橋 一郎");
    assertThat(name.canonical("大\uFA10 翔", null)).isEqualTo("大\uFA10 翔");
    assertThat(name.canonical("José Ｇarcía", null)).isEqualTo("José García");
    assertThat(ValueTypes.plain(FieldType.UPPER).canonical("ｒｋ－１２３４", null)).isEqualTo("RK-1234");
    assertThat(ValueTypes.plain(FieldType.LOWER).canonical("ＲＫ１２", null)).isEqualTo("rk12");
    assertThat(ValueTypes.plain(FieldType.TEXT).canonical("ﾔﾏﾀﾞ", null)).isEqualTo("ﾔﾏﾀﾞ");
  }

  @Test
  void emailIsTheLowerCaseAddress() throws Exception {
    assertThat(parse("email", " Jane.Doe@Example.COM ")).isEqualTo("jane.doe@example.com");
    assertThat(parse("email", "\"Doe, Jane\" <Jane.Doe@example.com>"))
        .isEqualTo("jane.doe@example.com");
    assertThat(parse("email", "mailto:jane@example.com")).isEqualTo("jane@example.com");
  }

  @Test
  void aMalformedEmailRejectsTheRecord() {
    assertRejected(
        "email", "{path: v}", "jane at example", "\"jane at example\" is not an e-mail address");
    assertRejected(
        "email",
        "{path: v}",
        "jane@@example.com",
        "\"jane@@example.com\" is not an e-mail address");
    assertRejected(
        "email",
        "{path: v}",
        "jane@example..com",
        "\"jane@example..com\" is not an e-mail address");
  }

  @Test
  void phoneIsE164WithTheBusinessRegionByDefault() throws Exception {
    assertThat(parse("phone", "912 345 678")).isEqualTo("+351912345678");
    assertThat(parse("phone", "+44 20 7946 0958")).isEqualTo("+442079460958");
    assertThat(parse("phone", "00351 912-345-678")).isEqualTo("+351912345678");
    assertThat(parse("phone", "{path: v, region: GB}", "020 7946 0958")).isEqualTo("+442079460958");
  }

  @Test
  void somethingThatIsNotAPhoneNumberRejectsTheRecord() {
    assertRejected("phone", "{path: v}", "12", "\"12\" is not a phone number (default region PT)");
    assertRejected(
        "phone", "{path: v}", "call me", "\"call me\" is not a phone number (default region PT)");
  }

  @Test
  void aLocalNumberWithoutItsAreaCodeRejectsTheRecordInsteadOfBecomingAnotherNumber()
      throws Exception {
    // as E.164 it read "91" as Belém's area code: a wrong number, and a second customer
    assertRejected(
        "phone",
        "{path: v, region: BR}",
        "91234-5678",
        "\"91234-5678\" is a local number of BR without its area code: it names no phone on its"
            + " own");
    assertThat(parse("phone", "{path: v, region: BR}", "(11) 91234-5678"))
        .isEqualTo("+5511912345678");
  }

  @Test
  void aMistypedNationalNumberThatKeepsItsTrunkZeroAfterTheCountryCodeRejectsTheRecord()
      throws Exception {
    // a digit short: libphonenumber leaves the 0 on, and E.164 wrote +41079123456
    assertRejected(
        "phone",
        "{path: v, region: CH}",
        "079 123 45 6",
        "\"079 123 45 6\" is not a phone number: it keeps the trunk prefix 0 after the country"
            + " code +41, which no number of CH does (a digit missing or extra?)");
    assertThat(parse("phone", "{path: v, region: CH}", "079 123 45 67")).isEqualTo("+41791234567");
    assertThat(parse("phone", "{path: v, region: CH}", "+41 (0)79 123 45 67"))
        .isEqualTo("+41791234567");
    assertThat(parse("phone", "{path: v, region: CH}", "044 123 45 67")).isEqualTo("+41441234567");
    // Italy has no trunk prefix: its fixed lines begin with 0 after +39
    assertThat(parse("phone", "{path: v, region: IT}", "06 1234 5678")).isEqualTo("+390612345678");
    // the UK's fictional range, invalid to libphonenumber, still reads
    assertThat(parse("phone", "{path: v, region: GB}", "07700 900123")).isEqualTo("+447700900123");
  }

  @Test
  void theTextNullOfABackupRowNamesTheBackupOptionThatReadsItAsNull() throws Exception {
    EntityModel model = TestSupport.probeModel();
    SourceMapping mapping =
        SourceMapping.parse(
            "rules: [{name: p, kind: backup.row, observed_at: {const: '2026-01-01T00:00:00Z'},"
                + " emit: [{entity: probe, fields: {id: {path: columns.id},"
                + " phone: {path: columns.phone}}}]}]",
            "backup.yaml",
            model,
            TestSupport.RENTWISE);
    String nullPhone = "{\"table\": \"guests\", \"columns\": {\"id\": \"3\", \"phone\": \"NULL\"}}";
    String badPhone = "{\"table\": \"guests\", \"columns\": {\"id\": \"3\", \"phone\": \"12\"}}";

    // a CSV export read with null: empty gives SQL NULL written NULL as the text
    assertThatThrownBy(() -> mapping.apply(TestSupport.record("backup.row", nullPhone)))
        .hasMessageContaining("\"NULL\" is not a phone number")
        .hasMessageEndingWith(
            "(the backup gave the text NULL: if it is a CSV export that writes SQL NULL so, set"
                + " the backup option null: \"NULL\"; docs/backup.md)"
                + ": mend the value in the source, or declare unreadable: leave_out on field phone to keep the row without it");
    // and MySQL's \N, which a CSV read with another null marker gives as the text
    String backslashN =
        "{\"table\": \"guests\", \"columns\": {\"id\": \"3\", \"phone\": \"\\\\N\"}}";
    assertThatThrownBy(() -> mapping.apply(TestSupport.record("backup.row", backslashN)))
        .hasMessageContaining("\"\\\\N\" is not a phone number")
        .hasMessageContaining(
            "(the backup gave the text \\N: if it is a CSV export that writes SQL NULL so")
        .hasMessageContaining("set the backup option null: '\\N'");
    assertThatThrownBy(() -> mapping.apply(TestSupport.record("backup.row", badPhone)))
        .hasMessageEndingWith(
            "\"12\" is not a phone number (default region PT)"
                + ": mend the value in the source, or declare unreadable: leave_out on field phone to keep the row without it");
  }

  @Test
  void withoutARegionAPhoneNumberNeedsItsCountryCode() throws Exception {
    EntityModel model = TestSupport.probeModel();
    Business noRegion = new Business("Nowhere", java.time.ZoneId.of("UTC"), null);
    SourceMapping mapping =
        SourceMapping.parse(
            "rules: [{name: p, kind: test, observed_at: {const: '2026-01-01T00:00:00Z'},"
                + " emit: [{entity: probe, fields: {id: {path: id}, phone: {path: v}}}]}]",
            "test.yaml",
            model,
            noRegion);
    assertThat(
            mapping
                .apply(TestSupport.record("test", "{\"id\": \"1\", \"v\": \"+351 912 345 678\"}"))
                .observations()
                .get(0)
                .fields())
        .containsEntry("phone", "+351912345678");
    assertThatThrownBy(
            () ->
                mapping.apply(
                    TestSupport.record("test", "{\"id\": \"1\", \"v\": \"912 345 678\"}")))
        .hasMessageEndingWith(
            "\"912 345 678\" is not a phone number with a country code"
                + ": mend the value in the source, or declare unreadable: leave_out on field phone to keep the record without it");
  }

  @Test
  void isoDateTimesAcceptOffsetsAndLocalTimesInTheBusinessZone() throws Exception {
    assertThat(parse("datetime", "2026-03-13T10:00:00Z")).isEqualTo("2026-03-13T10:00:00Z");
    assertThat(parse("datetime", "2026-03-13T10:00:00.250+01:00"))
        .isEqualTo("2026-03-13T09:00:00.250Z");
    assertThat(parse("datetime", "2026-07-13 10:00:00+01")).isEqualTo("2026-07-13T09:00:00Z");
    assertThat(parse("datetime", "2026-07-13T10:00+0130")).isEqualTo("2026-07-13T08:30:00Z");
    assertThat(parse("datetime", "2026-07-13T10:00:00+01:00[Europe/Lisbon]"))
        .isEqualTo("2026-07-13T09:00:00Z");
    // no offset: Europe/Lisbon, UTC+0 in winter and UTC+1 in summer
    assertThat(parse("datetime", "2026-01-13T10:00:00")).isEqualTo("2026-01-13T10:00:00Z");
    assertThat(parse("datetime", "2026-07-13T10:00")).isEqualTo("2026-07-13T09:00:00Z");
    assertThat(parse("datetime", "2026-07-13")).isEqualTo("2026-07-12T23:00:00Z");
  }

  @Test
  void anUnparseableDateTimeRejectsTheRecord() {
    assertRejected(
        "datetime", "{path: v}", "13/03/2026", "\"13/03/2026\" is not a date-time in format iso");
    assertRejected(
        "datetime",
        "{path: v}",
        "2026-02-30T10:00:00Z",
        "\"2026-02-30T10:00:00Z\" is not a date-time in format iso");
  }

  @Test
  void aWeekdayThatIsNotTheDatesSaysSoAndPointsAtSwappedDayAndMonth() {
    // 2 March 2026 is a Monday; read month first, 2/3/2026 is 3 February, a Tuesday
    String monthFirst = "{path: v, format: \"EEE M/d/yyyy h:mma\", locale: en, zone: UTC}";
    assertRejected(
        "datetime",
        monthFirst,
        "Mon 2/3/2026 1:00pm",
        "\"Mon 2/3/2026 1:00pm\" is not a date-time in format EEE M/d/yyyy h:mma (locale en):"
            + " Monday is not the weekday of 2026-02-03 (a Tuesday), but is that of 2026-03-02:"
            + " are day and month swapped?");
    // a weekday of neither order is only said not to match
    assertRejected(
        "datetime",
        monthFirst,
        "Fri 2/3/2026 1:00pm",
        "\"Fri 2/3/2026 1:00pm\" is not a date-time in format EEE M/d/yyyy h:mma (locale en):"
            + " Friday is not the weekday of 2026-02-03 (a Tuesday)");
    // text the pattern does not fit keeps the message it had
    assertRejected(
        "datetime",
        monthFirst,
        "Mon 2026-03-02 1:00pm",
        "\"Mon 2026-03-02 1:00pm\" is not a date-time in format EEE M/d/yyyy h:mma (locale en)");
  }

  @Test
  void epochFormatsReadSecondsAndMilliseconds() throws Exception {
    assertThat(parse("datetime", "{path: v, format: epoch_seconds}", 1773134100))
        .isEqualTo("2026-03-10T09:15:00Z");
    assertThat(parse("datetime", "{path: v, format: epoch_seconds}", "1773134100.5"))
        .isEqualTo("2026-03-10T09:15:00.500Z");
    assertThat(parse("datetime", "{path: v, format: epoch_millis}", 1773134190000L))
        .isEqualTo("2026-03-10T09:16:30Z");
    assertRejected(
        "datetime",
        "{path: v, format: epoch_seconds}",
        "soon",
        "\"soon\" is not a date-time in format epoch_seconds");
  }

  @Test
  void isoAlsoReadsMailDateHeaders() throws Exception {
    assertThat(parse("datetime", "Tue, 10 Mar 2026 09:15:00 +0100 (CET)"))
        .isEqualTo("2026-03-10T08:15:00Z");
    assertThat(parse("datetime", "10 Mar 2026 09:15:00 GMT")).isEqualTo("2026-03-10T09:15:00Z");
    assertThat(parse("date", "Tue, 10 Mar 2026 23:15:00 -0500")).isEqualTo("2026-03-10");
    assertRejected(
        "datetime",
        "{path: v}",
        "Tue, 31 Feb 2026 09:15:00 +0100",
        "\"Tue, 31 Feb 2026 09:15:00 +0100\" is not a date-time in format iso");
  }

  @Test
  void patternsAreStrict() throws Exception {
    String format = "{path: v, format: \"dd/MM/yyyy HH:mm\"}";
    assertThat(parse("datetime", format, "13/03/2026 10:00")).isEqualTo("2026-03-13T10:00:00Z");
    assertRejected(
        "datetime",
        format,
        "31/02/2026 10:00",
        "\"31/02/2026 10:00\" is not a date-time in format dd/MM/yyyy HH:mm");
    assertRejected(
        "datetime",
        format,
        "13/03/2026",
        "\"13/03/2026\" is not a date-time in format dd/MM/yyyy HH:mm");
  }

  @Test
  void fullWidthDigitsReadAsDigitsInDatesAndIntegers() throws Exception {
    // ２０２６年３月２３日（月）１５:３０, as Japanese mail writes it; the pattern keeps its brackets
    assertThat(
            parse(
                "datetime",
                "{path: v, format: \"yyyy\u5e74M\u6708d\u65e5\uff08E\uff09HH:mm\", locale: ja,"
                    + " zone: Asia/Tokyo}",
                "\uff12\uff10\uff12\uff16\u5e74\uff13\u6708\uff12\uff13\u65e5\uff08\u6708"
                    + "\uff09\uff11\uff15:\uff13\uff10"))
        .isEqualTo("2026-03-23T06:30:00Z");
    assertThat(parse("integer", "\uff13\uff10")).isEqualTo("30");
  }

  @Test
  void aDatePatternReadsItsPunctuationWrittenFullWidthOrNot() throws Exception {
    // (E) with ASCII brackets, a date with full-width brackets, digits and colon; and the reverse
    assertThat(
            parse(
                "date",
                "{path: v, format: \"yyyy\u5e74M\u6708d\u65e5(E)\", locale: ja}",
                "\uff12\uff10\uff12\uff17\u5e74\uff11\u6708\uff17\u65e5\uff08\u6728\uff09"))
        .isEqualTo("2027-01-07");
    assertThat(
            parse(
                "date",
                "{path: v, format: \"yyyy\u5e74M\u6708d\u65e5\uff08E\uff09\", locale: ja}",
                "2027\u5e741\u67087\u65e5(\u6728)"))
        .isEqualTo("2027-01-07");
    assertThat(
            parse(
                "datetime",
                "{path: v, format: \"yyyy/MM/dd HH:mm\", zone: Asia/Tokyo}",
                "2027\uff0f01\uff0f07\u3000\uff10\uff19\uff1a\uff14\uff15"))
        .isEqualTo("2027-01-07T00:45:00Z");
  }

  @Test
  void aPatternWithAnOffsetNeedsNoZone() throws Exception {
    assertThat(
            parse(
                "datetime",
                "{path: v, format: \"dd.MM.uuuu HH:mm XXX\"}",
                "13.07.2026 10:00 -03:00"))
        .isEqualTo("2026-07-13T13:00:00Z");
  }

  @Test
  void aPatternWithoutTimeOfDayGivesMidnightInTheZone() throws Exception {
    assertThat(
            parse("datetime", "{path: v, format: \"d MMM yyyy\", zone: Asia/Tokyo}", "13 Mar 2026"))
        .isEqualTo("2026-03-12T15:00:00Z");
  }

  @Test
  void monthNamesFollowTheLocale() throws Exception {
    assertThat(
            parse(
                "date",
                "{path: v, format: \"d 'de' MMMM 'de' yyyy\", locale: pt-PT}",
                "13 de Março de 2026"))
        .isEqualTo("2026-03-13");
    assertThat(parse("date", "{path: v, format: \"MMMM d, yyyy\"}", "march 13, 2026"))
        .isEqualTo("2026-03-13");
  }

  @Test
  void aMonthAsAnotherRegionOfTheLanguageAbbreviatesItIsRead() throws Exception {
    // British English writes Sept, American and PHP's date('j M Y') Sep: a mapping says one locale
    String british = "{path: v, format: \"d MMM yyyy\", locale: en-GB}";
    assertThat(parse("date", british, "3 Sept 2026")).isEqualTo("2026-09-03");
    assertThat(parse("date", british, "3 Sep 2026")).isEqualTo("2026-09-03");
    String plain = "{path: v, format: \"EEE d MMM yyyy\", locale: en}";
    assertThat(parse("date", plain, "Thu 3 Sept 2026")).isEqualTo("2026-09-03");
    assertThat(parse("date", plain, "Thu 3rd Sep 2026")).isEqualTo("2026-09-03");
    // another language's names are still no date, and the message names the locale read
    assertRejected(
        "date",
        british,
        "3 set. 2026",
        "\"3 set. 2026\" is not a date in format d MMM yyyy (locale en-GB)");
  }

  /**
   * Java's CLDR data writes Dutch {@code mrt.} and {@code jan.}, glibc's {@code %b}, Django and PHP
   * {@code mrt} and {@code jan}: a Dutch mail's every date was refused (trial 13). Abbreviated
   * month and day names are read with or without their dot in every locale, and in their
   * stand-alone spelling (German {@code Mär}).
   */
  @Test
  void anAbbreviatedNameIsReadWithOrWithoutItsDot() throws Exception {
    String dutch = "{path: v, format: \"EEE d MMM yyyy\", locale: nl-NL}";
    assertThat(parse("date", dutch, "di 17 mrt 2026")).isEqualTo("2026-03-17");
    assertThat(parse("date", dutch, "do 8 jan 2026")).isEqualTo("2026-01-08");
    assertThat(parse("date", dutch, "di. 17 mrt. 2026")).isEqualTo("2026-03-17");
    assertThat(parse("date", dutch, "zo 17 mei 2026")).isEqualTo("2026-05-17");
    String french = "{path: v, format: \"EEE d MMM yyyy\", locale: fr-FR}";
    assertThat(parse("date", french, "lun. 5 janv. 2026")).isEqualTo("2026-01-05");
    assertThat(parse("date", french, "lun 5 janv 2026")).isEqualTo("2026-01-05");
    assertThat(parse("date", french, "mar. 17 mars 2026")).isEqualTo("2026-03-17");
    String german = "{path: v, format: \"d. MMM yyyy\", locale: de-DE}";
    assertThat(parse("date", german, "3. Jan. 2026")).isEqualTo("2026-01-03");
    assertThat(parse("date", german, "3. Jan 2026")).isEqualTo("2026-01-03");
    assertThat(parse("date", german, "3. Mär 2026")).isEqualTo("2026-03-03");
    assertThat(parse("date", german, "3. März 2026")).isEqualTo("2026-03-03");
    String spanish = "{path: v, format: \"d MMM yyyy\", locale: es-ES}";
    assertThat(parse("date", spanish, "5 ene. 2026")).isEqualTo("2026-01-05");
    assertThat(parse("date", spanish, "5 ene 2026")).isEqualTo("2026-01-05");
    // AP style writes the English abbreviation with a dot
    assertThat(parse("datetime", "{path: v, format: \"MMM d, yyyy HH:mm\"}", "Jan. 5, 2026 10:00"))
        .isEqualTo("2026-01-05T10:00:00Z");
    // a wrong weekday is still refused, naming the locale
    assertRejected(
        "date",
        dutch,
        "wo 17 mrt 2026",
        "\"wo 17 mrt 2026\" is not a date in format EEE d MMM yyyy (locale nl-NL)");
  }

  @Test
  void aDayWrittenAsAnOrdinalIsReadByThePatternOfTheOtherDays() throws Exception {
    String french = "{path: v, format: \"EEEE d MMMM yyyy 'à' H'h'mm\", locale: fr-FR}";
    assertThat(parse("datetime", french, "dimanche 1er mars 2026 à 9h30"))
        .isEqualTo("2026-03-01T09:30:00Z");
    assertThat(parse("datetime", french, "mardi 3 mars 2026 à 14h30"))
        .isEqualTo("2026-03-03T14:30:00Z");
    assertThat(parse("date", "{path: v, format: \"MMMM d, yyyy\"}", "March 3rd, 2026"))
        .isEqualTo("2026-03-03");
    assertThat(
            parse(
                "date",
                "{path: v, format: \"d 'de' MMMM 'de' yyyy\", locale: es-ES}",
                "1º de marzo de 2026"))
        .isEqualTo("2026-03-01");
    // the ordinal is dropped, nothing else: the date is still checked strictly
    assertRejected(
        "datetime",
        french,
        "mardi 31 février 2026 à 9h30",
        "\"mardi 31 février 2026 à 9h30\" is not a date-time in format EEEE d MMMM yyyy 'à' H'h'mm"
            + " (locale fr-FR)");
    assertRejected(
        "date",
        "{path: v, format: \"MMMM d, yyyy\"}",
        "March 31st, 2026x",
        "\"March 31st, 2026x\" is not a date in format MMMM d, yyyy (locale en)");
  }

  @Test
  void aDateStoredAsAnInstantIsTheNamedZonesDay() throws Exception {
    // MongoDB's $date and JavaScript's toISOString keep 1 October in Berlin as 30 September 22:00Z
    assertThat(parse("date", "{path: v, zone: Europe/Berlin}", "2025-09-30T22:00:00.000Z"))
        .isEqualTo("2025-10-01");
    assertThat(
            parse(
                "date",
                "{path: v.at, zone: {path: v.tz}}",
                Map.of("at", "2025-09-30T22:00:00Z", "tz", "Europe/Berlin")))
        .isEqualTo("2025-10-01");
    // without a zone the day is the one written, whatever the business zone
    assertThat(parse("date", "{path: v}", "2025-09-30T22:00:00.000Z")).isEqualTo("2025-09-30");
    assertThat(parse("date", "{path: v, zone: Europe/Berlin}", "2025-10-01"))
        .isEqualTo("2025-10-01");
  }

  @Test
  void aLiteralZoneReplacesTheBusinessZone() throws Exception {
    assertThat(parse("datetime", "{path: v, zone: America/New_York}", "2026-07-13T10:00:00"))
        .isEqualTo("2026-07-13T14:00:00Z");
  }

  @Test
  void theZoneCanBeReadFromTheRecord() throws Exception {
    String extractor =
        "{path: v.at, zone: {path: v.tz, map: {Azores: Atlantic/Azores, Madeira: Atlantic/Madeira}}}";
    assertThat(parse("datetime", extractor, Map.of("at", "2026-07-13T10:00", "tz", "Azores")))
        .isEqualTo("2026-07-13T10:00:00Z");
    // no zone found: the business zone
    assertThat(parse("datetime", extractor, Map.of("at", "2026-07-13T10:00")))
        .isEqualTo("2026-07-13T09:00:00Z");
    assertThat(
            parse(
                "datetime",
                "{path: v.at, zone: {path: v.tz}}",
                Map.of("at", "2026-07-13T10:00", "tz", "Asia/Tokyo")))
        .isEqualTo("2026-07-13T01:00:00Z");
  }

  @Test
  void aZoneReadFromTheRecordThatIsNotAZoneRejectsTheRecord() {
    assertRejected(
        "datetime",
        "{path: v.at, zone: {path: v.tz}}",
        Map.of("at", "2026-07-13T10:00", "tz", "Mars/Olympus"),
        "zone \"Mars/Olympus\" (path v.tz) is not a time-zone id");
  }

  @Test
  void noonAndMidnightAreTwelveOClockInAnEnglishPatternWithAnAmPmField() throws Exception {
    // Europe/Lisbon is UTC+1 (WEST) on 2026-03-29 after 01:00 UTC
    String extractor = "{path: v, format: \"M/d/yy ha\"}";
    assertThat(parse("datetime", extractor, "3/29/26 noon")).isEqualTo("2026-03-29T11:00:00Z");
    assertThat(parse("datetime", extractor, "3/29/26 12 Noon")).isEqualTo("2026-03-29T11:00:00Z");
    assertThat(parse("datetime", extractor, "3/29/26 midday")).isEqualTo("2026-03-29T11:00:00Z");
    assertThat(parse("datetime", extractor, "3/30/26 midnight")).isEqualTo("2026-03-29T23:00:00Z");
    assertThat(
            parse(
                "datetime",
                "{path: v, format: \"MMM d, yyyy 'at' h:mm a\"}",
                "Mar 30, 2026 at noon"))
        .isEqualTo("2026-03-30T11:00:00Z");
    // a pattern without an AM/PM field reads no such word
    assertRejected(
        "datetime",
        "{path: v, format: \"d/M/yy HH:mm\"}",
        "29/3/26 noon",
        "\"29/3/26 noon\" is not a date-time in format d/M/yy HH:mm");
  }

  @Test
  void aLocalTimeSkippedBySpringForwardMovesLaterByTheGap() throws Exception {
    // Europe/Lisbon, 2026-03-29: 01:00 WET jumps to 02:00 WEST, so 01:30 never happens on the wall
    assertThat(parse("datetime", "{path: v, format: \"dd/MM/yyyy HH:mm\"}", "29/03/2026 01:30"))
        .isEqualTo("2026-03-29T01:30:00Z");
    assertThat(parse("datetime", "{path: v, format: \"dd/MM/yyyy HH:mm\"}", "29/03/2026 00:59"))
        .isEqualTo("2026-03-29T00:59:00Z");
    assertThat(parse("datetime", "{path: v, format: \"dd/MM/yyyy HH:mm\"}", "29/03/2026 02:00"))
        .isEqualTo("2026-03-29T01:00:00Z");
  }

  @Test
  void aLocalTimeRepeatedByFallBackTakesTheEarlierInstant() throws Exception {
    // Europe/Lisbon, 2026-10-25: 02:00 WEST goes back to 01:00 WET, so 01:30 happens twice
    assertThat(parse("datetime", "{path: v, format: \"dd/MM/yyyy HH:mm\"}", "25/10/2026 01:30"))
        .isEqualTo("2026-10-25T00:30:00Z");
    // an explicit offset picks the later one
    assertThat(parse("datetime", "2026-10-25T01:30:00+00:00")).isEqualTo("2026-10-25T01:30:00Z");
  }

  @Test
  void datesAreIsoDates() throws Exception {
    assertThat(parse("date", "2026-03-13")).isEqualTo("2026-03-13");
    assertThat(parse("date", "2026-03-13T23:30:00-05:00")).isEqualTo("2026-03-13");
    assertThat(parse("date", "{path: v, format: dd/MM/yyyy}", "13/03/2026"))
        .isEqualTo("2026-03-13");
    assertRejected(
        "date",
        "{path: v, format: dd/MM/yyyy}",
        "13/13/2026",
        "\"13/13/2026\" is not a date in format dd/MM/yyyy");
  }

  @Test
  void aDateFromAnInstantIsTheDayInTheZone() throws Exception {
    // 2026-07-01T23:30:00Z is already 2 July in Lisbon (UTC+1)
    assertThat(parse("date", "{path: v, format: epoch_seconds}", 1782948600))
        .isEqualTo("2026-07-02");
    assertThat(parse("date", "{path: v, format: epoch_seconds, zone: UTC}", 1782948600))
        .isEqualTo("2026-07-01");
  }

  @Test
  void moneyInMajorUnitsBecomesIntegerMinorUnits() throws Exception {
    assertThat(parse("money", "1,234.50 EUR")).isEqualTo("123450");
    assertThat(parse("money", "€12")).isEqualTo("1200");
    assertThat(parse("money", "12.5")).isEqualTo("1250");
    assertThat(parse("money", "-0.99")).isEqualTo("-99");
    assertThat(parse("money", 42.1)).isEqualTo("4210");
    assertThat(parse("money", "{path: v, decimal: \",\"}", "1.234,56 €")).isEqualTo("123456");
    assertThat(parse("money", "{path: v, decimal: \",\"}", "1 234 567,8")).isEqualTo("123456780");
    assertThat(parse("money", "{path: v, minor_digits: 0}", "¥1,200")).isEqualTo("1200");
    assertThat(parse("money", "{path: v, minor_digits: 0}", "1200.00")).isEqualTo("1200");
  }

  @Test
  void anAmountThatDoesNotFitTheDecimalSeparatorRejectsTheRecord() {
    String comma = "{path: v, decimal: \",\"}";
    assertRejected(
        "money",
        comma,
        "12.34",
        "\"12.34\" is not an amount with decimal \",\": \".\" groups thousands there, and its"
            + " groups must have three digits (1.234.567)");
    assertRejected(
        "money",
        "{path: v}",
        "12.3456",
        "\"12.3456\" is not an amount with decimal \".\": it has 4 decimal places, and an amount"
            + " naming no currency has 2");
    assertRejected(
        "money",
        "{path: v}",
        "1.2.3",
        "\"1.2.3\" is not an amount with decimal \".\": it writes \".\" twice, and only a"
            + " thousands separator is written twice");
    assertRejected(
        "money",
        "{path: v}",
        "free",
        "\"free\" is not an amount with decimal \".\": it has no digits");
  }

  @Test
  void integersAreNormalised() throws Exception {
    assertThat(parse("integer", "+007")).isEqualTo("7");
    assertThat(parse("integer", -12)).isEqualTo("-12");
    assertThat(parse("integer", " 123450 ")).isEqualTo("123450");
    assertRejected("integer", "{path: v}", "12.5", "\"12.5\" is not an integer");
    assertRejected("integer", "{path: v}", "1,000", "\"1,000\" is not an integer");
  }

  /** {@code 3万} was 3: the multiplier was dropped (trial 27). */
  @Test
  void integersWrittenWithMultipliersAfterDigitsAreRead() throws Exception {
    assertThat(parse("integer", "3\u4E07")).isEqualTo("30000");
    assertThat(parse("integer", "\uFF11\u4E07\uFF12\u5343")).isEqualTo("12000");
    assertThat(parse("integer", "1\uB9CC 2\uCC9C")).isEqualTo("12000");
    assertThat(parse("integer", "2.5\u4E07")).isEqualTo("25000");
    assertRejected(
        "integer",
        "{path: v}",
        "\u4E09\u4E07",
        "\"\u4E09\u4E07\" writes \u4E07 (10^4) elsewhere than after the digits of one number (4万8千, 4만 8천); write the number in digits");
  }

  @Test
  void anExtractorTypeCanParseIntoACompatibleField() throws Exception {
    assertThat(parse("integer", "{path: v, type: money}", "12.34")).isEqualTo("1234");
    assertThat(parse("text", "{path: v, type: email}", "A@B.example")).isEqualTo("a@b.example");
  }

  @Test
  void acceptsWhatTheEngineProducesAsCanonicalAndRefusesRawForms() throws Exception {
    Map<FieldType, String[]> rawThenCanonical =
        Map.of(
            FieldType.UPPER, new String[] {" eur ", parse("upper", " eur ")},
            FieldType.LOWER, new String[] {"Confirmed", parse("lower", "Confirmed")},
            FieldType.EMAIL, new String[] {"Jane@Example.com", parse("email", "Jane@Example.com")},
            FieldType.PHONE, new String[] {"912 345 678", parse("phone", "912 345 678")},
            FieldType.DATETIME,
                new String[] {
                  "2026-03-13T10:00:00+01:00", parse("datetime", "2026-03-13T10:00:00+01:00")
                },
            FieldType.DATE, new String[] {"13/03/2026", parse("date", "2026-03-13")},
            FieldType.MONEY, new String[] {"123.45", parse("money", "123.45")},
            FieldType.INTEGER, new String[] {"12,5", parse("integer", "12")});
    rawThenCanonical.forEach(
        (type, values) -> {
          assertThat(type.expectedForm(values[1])).as("%s %s", type, values[1]).isNull();
          assertThat(type.expectedForm(values[0])).as("%s %s", type, values[0]).isNotBlank();
        });
    assertThat(FieldType.TEXT.expectedForm("  any  text ")).isNull();
  }
}
