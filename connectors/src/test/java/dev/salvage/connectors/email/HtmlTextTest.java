package dev.salvage.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The text of an HTML-only mail, which line-based mapping patterns read. */
class HtmlTextTest {
  @Test
  void readsATableRowAsOneLineWithItsCellsSeparatedBySpaces() {
    String html =
        "<table><tr><td>Termin:</td><td>10 kwietnia 2026, 09:00</td></tr>"
            + "<tr><th>Do zapłaty:</th><td><b>525,00</b> zł</td></tr></table>"
            + "<p>Do zobaczenia!</p>";

    assertThat(HtmlText.of(html))
        .isEqualTo("Termin: 10 kwietnia 2026, 09:00\nDo zapłaty: 525,00 zł\nDo zobaczenia!");
  }

  @Test
  void keepsBlocksInsideACellOnLinesOfTheirOwn() {
    String html = "<table><tr><td><p>Dear Ana,</p><p>Pickup: 12/03</p></td></tr></table>";

    assertThat(HtmlText.of(html)).isEqualTo("Dear Ana,\nPickup: 12/03");
  }

  @Test
  void keepsLineBreaksAtBrAndParagraphs() {
    assertThat(HtmlText.of("<p>Dear Ana,<br>Your booking</p><div>Refund: 1 €</div>"))
        .isEqualTo("Dear Ana,\nYour booking\nRefund: 1 €");
  }
}
