package dev.salvage.connectors.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An event's id from its UID: distinct UIDs give distinct ids. */
class EventIdsTest {
  @Test
  void uidsThatDifferOnlyInPunctuationStayTwoIds() {
    // until 2026-12-05 both were rental11lakefrontexample: one piece of evidence for two rentals
    assertThat(EventIds.ofUid("rental-1-1@lakefront.example"))
        .isEqualTo("rental-1-1@lakefront.example");
    assertThat(EventIds.ofUid("rental-11@lakefront.example"))
        .isEqualTo("rental-11@lakefront.example");
    assertThat(EventIds.ofUid("a b/c")).isNotEqualTo(EventIds.ofUid("a%20b/c"));
  }

  @Test
  void otherCharactersAreWrittenAsTheirBytesAndGoogleUidsGiveGooglesId() {
    assertThat(EventIds.ofUid(" {Booking 7}/Ünï ")).isEqualTo("%7Bbooking%207%7D%2F%C3%BCn%C3%AF");
    assertThat(EventIds.ofUid("qsr83prn78pktlv4vgb7ipfqad@google.com"))
        .isEqualTo("qsr83prn78pktlv4vgb7ipfqad");
  }
}
