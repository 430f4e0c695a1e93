package dev.salvage.mappings;

import static dev.salvage.mappings.TestSupport.extract;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Arabic and Hebrew mail writes invisible direction marks around values (trial 32): one customer's
 * address with and without U+200F was two e-mail keys, and a date after one was refused with a
 * message showing a date that looked valid.
 */
class DirectionMarksTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String parse(String field, String extractor, String value) throws Exception {
    return extract(field, extractor, JSON.writeValueAsString(Map.of("id", "1", "v", value)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "\u200Fa.b@gmail.com\u200F",
    "\u200Ea.b@gmail.com\u200F",
    "a.b@gmail.com\u061C",
    "\u202Ba.b@gmail.com\u202C",
    "\uFEFFa.b@gmail.com",
    "\u2067A.B@gmail.com\u2069",
  })
  void anAddressWithDirectionMarksIsTheAddressWithout(String written) throws Exception {
    assertThat(parse("email", "{path: v}", written)).isEqualTo("a.b@gmail.com");
  }

  @Test
  void textNamesAndCodesLoseTheirDirectionMarks() throws Exception {
    assertThat(parse("text", "{path: v}", "\u200F\u064A\u0648\u0633\u0641 \u200FAli\u200E"))
        .isEqualTo("\u064A\u0648\u0633\u0641 Ali");
    assertThat(parse("text", "{path: v, type: name}", "\u202BYousef Ali\u202C"))
        .isEqualTo("Yousef Ali");
    assertThat(parse("upper", "{path: v}", "\u200Fgd-11406\u200F")).isEqualTo("GD-11406");
    assertThat(parse("integer", "{path: v}", "\u200F42\u200F")).isEqualTo("42");
  }

  @Test
  void aDateAfterADirectionMarkIsRead() throws Exception {
    assertThat(
            parse(
                "datetime",
                "{path: v, format: \"dd/MM/yyyy HH:mm\", zone: Asia/Kuwait}",
                "\u200F14/03/2026 15:00"))
        .isEqualTo("2026-03-14T12:00:00Z");
    assertThat(parse("date", "{path: v}", "2026-03-14\u200F")).isEqualTo("2026-03-14");
  }

  @Test
  void aRefusedValueShowsItsInvisibleCharacters() {
    assertThatThrownBy(() -> parse("integer", "{path: v}", "12\u200D5"))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessageEndingWith(
            "\"12<U+200D>5\" is not an integer"
                + ": mend the value in the source, or declare unreadable: leave_out on field integer to keep the record without it");
  }

  @Test
  void aZeroWidthSpaceWordJoinerOrSoftHyphenInsideAValueIsDropped() throws Exception {
    assertThat(parse("text", "{path: v, type: name}", "Ren\u200Bee Ca\u00ADther\u2060ine"))
        .isEqualTo("Renee Catherine");
    assertThat(parse("email", "{path: v}", "renee\u200B@example.com"))
        .isEqualTo("renee@example.com");
    assertThat(parse("integer", "{path: v}", "12\u200B5")).isEqualTo("125");
  }

  @Test
  void theJoinersThatSpellWordsAndEmojiStay() throws Exception {
    // Persian writes ZWNJ inside words, and an emoji sequence is joined by ZWJ
    assertThat(parse("text", "{path: v}", "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645"))
        .isEqualTo("\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645");
    assertThat(parse("text", "{path: v}", "Ana \uD83D\uDC69\u200D\uD83D\uDCBB"))
        .isEqualTo("Ana \uD83D\uDC69\u200D\uD83D\uDCBB");
  }
}
