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
  void aQuestionMarkStartingAUrlsQueryIsNotALostCharacter() {
    assertThat(TextDecoding.hasLostCharacters("https://x.example/book?ref=AB12")).isFalse();
    assertThat(TextDecoding.hasLostCharacters("zie x.example/book?ref=AB12 voor de boeking"))
        .isFalse();
    assertThat(TextDecoding.hasLostCharacters("search?q")).isTrue();
  }

  @Test
  void aQuestionMarkAfterADigitOrABracketIsNotALostCharacterButAtAWordStartItIs() {
    assertThat(TextDecoding.hasLostCharacters("Kamer 12?b")).isFalse();
    assertThat(TextDecoding.hasLostCharacters("(?Ja)")).isFalse();
    assertThat(TextDecoding.hasLostCharacters("?zerman")).isTrue();
    assertThat(TextDecoding.hasLostCharacters("Jan ?zerman")).isTrue();
    assertThat(TextDecoding.hasLostCharacters("d'?zerman")).isTrue();
  }

  @Test
  void inFreeTextOnlyAReplacementCharacterIsALostCharacter() {
    assertThat(TextDecoding.hasLostCharactersInProse("Why?Because")).isFalse();
    assertThat(TextDecoding.hasLostCharactersInProse("¿Qué?Sí")).isFalse();
    assertThat(TextDecoding.hasLostCharactersInProse("Ren\uFFFD komt")).isTrue();
    assertThat(TextDecoding.hasLostCharacters("Why?Because")).isTrue();
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
