package dev.salvage.pipeline.values;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Hand-typed names compared with case and accents folded. */
class NamesTest {
  @Test
  void foldsLettersWhoseStrokeIsNoCombiningMark() {
    // Ł, ø, đ have no decomposition: NFD keeps them, so a card holder typed without them was
    // three edits away from the name and counted as another person's
    assertThat(Names.level("Władysław Łoś", "WLADYSLAW LOS")).isEqualTo(Names.EXACT);
    assertThat(Names.level("Søren Kierkegaard", "Soren Kierkegaard")).isEqualTo(Names.EXACT);
    assertThat(Names.level("Đorđe Balašević", "Djordje Balasevic"))
        .isEqualTo(Names.REORDERED_OR_TYPO);
    assertThat(Names.tokens("Łukasz Żółkiewski")).containsExactly("lukasz", "zolkiewski");
  }

  @Test
  void foldsLettersThatStandForTwo() {
    assertThat(Names.tokens("Straße Æsa Œuvre")).containsExactly("strasse", "aesa", "oeuvre");
  }

  @Test
  void keepsOtherNamesApart() {
    assertThat(Names.level("Władysław Łoś", "Władysław Nowak")).isEqualTo(Names.DIFFERENT);
  }
}
