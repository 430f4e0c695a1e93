package dev.salvage.mappings;

import static dev.salvage.mappings.TestSupport.probe;
import static dev.salvage.mappings.TestSupport.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Zone names read by a {@code z} pattern letter: IST, CST and BST stand for several zones. */
class ZoneAbbreviationsTest {
  private static final String FORMAT = "EEE, d MMM yyyy h:mm a z";

  /** The datetime a business in {@code timezone} reads from {@code text} with {@code extractor}. */
  private static String read(String timezone, String extractor, String text) throws Exception {
    SourceMapping mapping =
        probe("datetime", extractor, new Business("Driving school", ZoneId.of(timezone), "IN"));
    return mapping
        .apply(record("test", "{\"id\": \"1\", \"v\": \"" + text + "\"}"))
        .observations()
        .get(0)
        .fields()
        .get("datetime");
  }

  private static String read(String timezone, String text) throws Exception {
    return read(timezone, "{path: v, format: \"" + FORMAT + "\"}", text);
  }

  @Test
  void istIsIndiaForABusinessInIndiaNotTheZoneJavaMapsItToEverywhere() throws Exception {
    // java.time alone reads IST as Africa/Abidjan: 07:30Z
    assertThat(read("Asia/Kolkata", "Mon, 23 Mar 2026 7:30 AM IST"))
        .isEqualTo("2026-03-23T02:00:00Z");
    assertThat(read("Asia/Jerusalem", "Mon, 23 Mar 2026 7:30 AM IST"))
        .isEqualTo("2026-03-23T05:30:00Z");
    // a zone the field declares decides as the business zone does
    assertThat(
            read(
                "Europe/Lisbon",
                "{path: v, format: \"" + FORMAT + "\", zone: Asia/Kolkata}",
                "Mon, 23 Mar 2026 7:30 AM IST"))
        .isEqualTo("2026-03-23T02:00:00Z");
  }

  @Test
  void aNameSeveralZonesWriteIsRefusedWhenTheBusinessZoneDoesNotWriteIt() {
    assertThatThrownBy(() -> read("Europe/Lisbon", "Mon, 23 Mar 2026 7:30 AM IST"))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessage(
            "Cannot map test test:1: rule probe_rule field datetime: \"Mon, 23 Mar 2026 7:30 AM"
                + " IST\" names the zone IST, which on 2026-03-23 is +02:00 (Asia/Jerusalem) or"
                + " +05:30 (Asia/Kolkata, Asia/Colombo), and the business zone Europe/Lisbon writes"
                + " WET then; declare the field's zone (zone:) that wrote it"
                + ": mend the value in the source, or declare unreadable: leave_out on field datetime to keep the record without it");
  }

  @Test
  void cstIsChicagoOrChinaAsTheBusinessIs() throws Exception {
    assertThat(read("America/Chicago", "Mon, 12 Jan 2026 9:00 AM CST"))
        .isEqualTo("2026-01-12T15:00:00Z");
    assertThat(read("Asia/Shanghai", "Mon, 12 Jan 2026 9:00 AM CST"))
        .isEqualTo("2026-01-12T01:00:00Z");
    assertThatThrownBy(() -> read("Europe/Lisbon", "Mon, 12 Jan 2026 9:00 AM CST"))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessageContaining(
            "names the zone CST, which on 2026-01-12 is -06:00 (America/Chicago, America/")
        .hasMessageContaining(" or +08:00 (Asia/Shanghai, ");
  }

  @Test
  void inTheRepeatedHourTheNameWrittenTellsTheTwoInstantsApart() throws Exception {
    // 1:30 AM happens twice in Chicago on 2026-11-01: first as CDT (-05:00), then as CST (-06:00);
    // until 2026-12-05 CST was refused there, the zone being taken to write CDT then
    String extractor =
        "{path: v, format: \"EEE, MMM d, yyyy 'at' h:mm a z\", zone: America/Chicago}";
    assertThat(read("America/Chicago", extractor, "Sun, Nov 1, 2026 at 1:30 AM CST"))
        .isEqualTo("2026-11-01T07:30:00Z");
    assertThat(read("America/Chicago", extractor, "Sun, Nov 1, 2026 at 1:30 AM CDT"))
        .isEqualTo("2026-11-01T06:30:00Z");
    assertThat(read("Europe/Lisbon", extractor, "Sun, Nov 1, 2026 at 1:30 AM CST"))
        .isEqualTo("2026-11-01T07:30:00Z");
  }

  @Test
  void aNameTheBusinessZoneWritesOnlyAtAnotherTimeOfYearIsNotItsZone() {
    // Chicago writes CDT in July; CST then is China's, Cuba's standard time... and Central
    // America's
    assertThatThrownBy(() -> read("America/Chicago", "Mon, 13 Jul 2026 9:00 AM CST"))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessageContaining("and the business zone America/Chicago writes CDT then");
  }

  @Test
  void bstIsBritishSummerTimeForABusinessInLondon() throws Exception {
    // java.time alone reads BST as Pacific/Bougainville (+11:00)
    assertThat(read("Europe/London", "Mon, 13 Jul 2026 9:00 AM BST"))
        .isEqualTo("2026-07-13T08:00:00Z");
  }

  @Test
  void aNameOfOneOffsetAtThatDateIsReadWhateverTheBusinessZone() throws Exception {
    assertThat(read("Asia/Kolkata", "Mon, 12 Jan 2026 9:00 AM EST"))
        .isEqualTo("2026-01-12T14:00:00Z");
    assertThat(read("Asia/Kolkata", "Mon, 13 Jul 2026 9:00 AM GMT"))
        .isEqualTo("2026-07-13T09:00:00Z");
    assertThat(read("Asia/Kolkata", "Mon, 13 Jul 2026 9:00 AM UTC"))
        .isEqualTo("2026-07-13T09:00:00Z");
    assertThat(
            read(
                "Europe/Lisbon",
                "{path: v, format: \"d MMM yyyy HH:mm zzzz\"}",
                "23 Mar 2026 07:30 India Standard Time"))
        .isEqualTo("2026-03-23T02:00:00Z");
  }
}
