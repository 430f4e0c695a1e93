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

  @Test
  void aSwapOfNeighbouringLettersIsOneEdit() {
    // each source misspelt the name once: a swap on one side, a dropped letter on the other
    assertThat(Names.level("Nuria Castño Jiménez", "Nruia Castaño Jiménez"))
        .isEqualTo(Names.REORDERED_OR_TYPO);
    assertThat(Names.typoDistance("nuria", "nruia", 2)).isEqualTo(1);
    assertThat(Names.typoDistance("ab", "ba", 2)).isEqualTo(1);
    // plain edit distance says 2 for the swap, 3 for the name
    assertThat(Names.typoDistance("nuria castno", "nruia castano", 2)).isEqualTo(2);
  }

  @Test
  void threeEditsAreAnotherName() {
    assertThat(Names.typoDistance("nuria castno", "nruia castanos", 2)).isEqualTo(-1);
    assertThat(Names.level("Nuria Castño Jiménez", "Nruia Castaños Jiménez"))
        .isEqualTo(Names.DIFFERENT);
    assertThat(Names.typoDistance("kitten", "sitting", 3)).isEqualTo(3);
    assertThat(Names.typoDistance("kitten", "sitting", 2)).isEqualTo(-1);
    assertThat(Names.typoDistance("ca", "abc", 3)).isEqualTo(3); // OSA, not full Damerau (2)
    assertThat(Names.typoDistance("same", "same", 0)).isZero();
  }

  @Test
  void widthVariantsAreOneName() {
    // half-width katakana (as old forms and some mailers write them) and full-width Latin
    assertThat(Names.level("ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダ タロウ")).isEqualTo(Names.EXACT);
    assertThat(Names.level("ＴＡＲＯ　ＹＡＭＡＤＡ", "Taro Yamada")).isEqualTo(Names.EXACT);
    // Hangul too: the rule is about widths, not Japanese
    assertThat(Names.level("\uFFBE\uFFC2", "하")).isEqualTo(Names.EXACT);
  }
}
