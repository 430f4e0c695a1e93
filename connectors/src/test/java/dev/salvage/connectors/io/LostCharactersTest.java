package dev.salvage.connectors.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LostCharactersTest {

  @Test
  void aQuestionMarkBeforeALetterOrAReplacementCharacterIsALostCharacter() {
    assertThat(TextDecoding.hasLostCharacters("Brouwer-?zerman")).isTrue();
    assertThat(TextDecoding.hasLostCharacters("Ren\uFFFD")).isTrue();
    assertThat(TextDecoding.hasLostCharacters("Kan het om 14:00?")).isFalse();
    assertThat(TextDecoding.hasLostCharacters("Wat? Ja")).isFalse();
  }

  @Test
  void aValueWithALetterInEachLostPlaceAndOtherwiseTheSameRestoresIt() {
    assertThat(TextDecoding.restores("Brouwer-Ĳzerman", "Brouwer-?zerman")).isTrue();
    assertThat(TextDecoding.restores("Dvořák", "Dvo??k")).isTrue();
    assertThat(TextDecoding.restores("Brouwer-Ĳzerman", "Brouwer-?serman")).isFalse();
    assertThat(TextDecoding.restores("Brouwer-Ĳzerman", "Brouwer-Ĳzerman")).isFalse();
    assertThat(TextDecoding.restores("Brouwer-?zerman", "Brouwer-?zerman")).isFalse();
    assertThat(TextDecoding.restores("Brouwer-1zerman", "Brouwer-?zerman")).isFalse();
  }
}
