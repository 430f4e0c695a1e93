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
  void aTypoOfALetterSpeltWithTwoIsOneEditAsTyped() {
    // the calendar's title swaps two letters, the card holder's name drops the ß: each misspelt
    // once; folded, wiess against wei is three edits, as written two
    assertThat(Names.level("Käthe Wieß", "Käthe Wei")).isEqualTo(Names.REORDERED_OR_TYPO);
    // written without the letter, the folded comparison still holds
    assertThat(Names.level("Käthe Weiß", "Kathe Weiss")).isEqualTo(Names.EXACT);
    assertThat(Names.level("Käthe Wieß", "Käthe Weiss")).isEqualTo(Names.REORDERED_OR_TYPO);
    // and three edits as typed stay another name
    assertThat(Names.level("Käthe Weiß", "Käthe Wo")).isEqualTo(Names.DIFFERENT);
  }

  @Test
  void keepsOtherNamesApart() {
    assertThat(Names.level("Władysław Łoś", "Władysław Nowak")).isEqualTo(Names.DIFFERENT);
  }

  @Test
  void anInitialBesideAOneLetterWordOfTheSurnameIsStillAPartialName() {
    // "Ó Briain", "O Neill", "Y Ling": a surname with a one-letter word. A calendar's
    // "C. Ó Briain" was a different person from "Catherine Ó Briain" in matching (trial 86),
    // though value resolution already took it as the same name written short
    assertThat(Names.level("C. Ó Briain", "Catherine Ó Briain")).isEqualTo(Names.CONTAINED);
    assertThat(Names.level("Catherine O Briain", "C. Ó Briain")).isEqualTo(Names.CONTAINED);
    // the one-letter words must still be the same letter, and some word must be whole
    assertThat(Names.level("C. Ó Briain", "Catherine A Briain")).isEqualTo(Names.DIFFERENT);
    assertThat(Names.level("C. Ó B.", "Catherine Ó Briain")).isEqualTo(Names.DIFFERENT);
  }

  @Test
  void initialsAndAFirstNameAreShortFormsOfTheFullNameTheyFit() {
    assertThat(Names.shortFormOf("PJ Doyle", "Patrick Doyle")).isTrue();
    assertThat(Names.shortFormOf("P. Doyle", "Patrick Doyle")).isTrue();
    assertThat(Names.shortFormOf("D.Q.", "Declan Quinn")).isTrue();
    assertThat(Names.shortFormOf("Grace", "Grace Hennessy")).isTrue();
    // the full form is not a short form of itself nor of its initials, and another name is none
    assertThat(Names.shortFormOf("Patrick Doyle", "PJ Doyle")).isFalse();
    assertThat(Names.shortFormOf("Patrick Doyle", "Patrick Doyle")).isFalse();
    assertThat(Names.shortFormOf("Pj Doyle", "Patrick Doyle")).isFalse();
    assertThat(Names.shortFormOf("D.Q.", "Declan Byrne")).isFalse();
    assertThat(Names.shortFormOf("Grace", "Niamh Hennessy")).isFalse();
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
  void aNameReorderedAndMisspeltIsOneName() {
    // a front desk typing family name first, with a slip: either alone was one name already
    assertThat(Names.level("Mayer Andraes", "Andreas Mayer")).isEqualTo(Names.REORDERED_OR_TYPO);
    assertThat(Names.level("Lng Lisa", "Lisa Lang")).isEqualTo(Names.REORDERED_OR_TYPO);
    assertThat(Names.level("Pcihler Sebastian", "Sebastian Pichler"))
        .isEqualTo(Names.REORDERED_OR_TYPO);
    assertThat(Names.level("Gruber Stefrn Maria", "Maria Stefan Gruber"))
        .isEqualTo(Names.REORDERED_OR_TYPO);
    // the edits are counted over the whole name, as for a name in its order
    assertThat(Names.level("Lng Lsa", "Lisa Lange")).isEqualTo(Names.DIFFERENT);
    assertThat(Names.level("Mayer Andreas", "Andrea Meier")).isEqualTo(Names.DIFFERENT);
    assertThat(Names.level("Huber Maria", "Thomas Gruber")).isEqualTo(Names.DIFFERENT);
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
    assertThat(Names.tokens("ﾔﾏﾀﾞ ﾀﾛｳ")).containsExactly("ヤマダ", "タロウ");
    assertThat(Names.level("ＴＡＲＯ　ＹＡＭＡＤＡ", "Taro Yamada")).isEqualTo(Names.EXACT);
    // Hangul too: the rule is about widths, not Japanese
    assertThat(Names.level("\uFFBE\uFFC2", "하")).isEqualTo(Names.EXACT);
  }

  @Test
  void hiraganaAndKatakanaAreOneReading() {
    assertThat(Names.level("やまだ たろう", "ヤマダ タロウ")).isEqualTo(Names.EXACT);
  }

  @Test
  void aCjkNameWrittenWithAndWithoutASpaceIsOneName() {
    assertThat(Names.level("佐藤 花子", "佐藤花子")).isEqualTo(Names.EXACT);
    assertThat(Names.level("佐藤花子", "さとう はなこ")).isEqualTo(Names.NOT_COMPARABLE);
    assertThat(Names.level("サトウ ハナコ", "さとうはなこ")).isEqualTo(Names.EXACT);
    assertThat(Names.level("김 민준", "김민준")).isEqualTo(Names.EXACT);
    assertThat(Names.level("髙橋　一郎", "高橋一郎")).isEqualTo(Names.EXACT);
    // Latin words run together are another matter
    assertThat(Names.level("Anna Maria", "AnnaMaria")).isNotEqualTo(Names.EXACT);
    assertThat(Names.level("佐藤 花子", "佐藤花江")).isEqualTo(Names.DIFFERENT);
  }

  @Test
  void aVariantKanjiIsTheSameName() {
    // a mailer in ISO-2022-JP cannot write 髙 and writes 高
    assertThat(Names.level("髙橋 一郎", "高橋 一郎")).isEqualTo(Names.EXACT);
    assertThat(Names.level("山﨑 葵", "山崎 葵")).isEqualTo(Names.EXACT);
    assertThat(Names.level("渡邊 健", "渡辺 健")).isEqualTo(Names.EXACT);
    assertThat(Names.level("𠮷田 優", "吉田 優")).isEqualTo(Names.EXACT);
    // a compatibility ideograph decomposes to its unified form
    assertThat(Names.level("大\uFA10 翔", "大塚 翔")).isEqualTo(Names.EXACT);
    assertThat(Names.variantForms("髙橋 一郎")).isEqualTo(1);
    assertThat(Names.variantForms("高橋 一郎")).isZero();
    // distinct kanji stay apart: 齊 is the old form of 斉, not of 斎
    assertThat(Names.level("齊藤 誠", "斉藤 誠")).isEqualTo(Names.EXACT);
    assertThat(Names.level("齊藤 誠", "斎藤 誠")).isEqualTo(Names.DIFFERENT);
  }

  @Test
  void anotherKanjiIsAnotherNameHoweverLongTheName() {
    // one character of seven: a typo in Latin letters, another person in kanji (brothers)
    assertThat(Names.level("長谷川 一郎太", "長谷川 二郎太")).isEqualTo(Names.DIFFERENT);
    assertThat(Names.level("高橋 一郎", "高橋 二郎")).isEqualTo(Names.DIFFERENT);
    // the same kanji in another order (family name last) is still one name
    assertThat(Names.level("一郎 高橋", "高橋 一郎")).isEqualTo(Names.REORDERED_OR_TYPO);
  }

  @Test
  void aKanaSyllableIsOneTypoOfTwoEdits() {
    // a long vowel written ー: one syllable of a name of six or more characters
    assertThat(Names.level("ヤマダ タロウ", "ヤマダ タロー")).isEqualTo(Names.REORDERED_OR_TYPO);
    // a dropped half-width sound mark (ﾀﾞ typed ﾀ) is one syllable changed
    assertThat(Names.level("ﾔﾏﾀ ﾀﾛｳ", "ヤマダ タロウ")).isEqualTo(Names.REORDERED_OR_TYPO);
    // two syllables are as far as four letters: Yamada is not Yamamoto
    assertThat(Names.level("ヤマダ タロウ", "ヤマモト タロウ")).isEqualTo(Names.DIFFERENT);
    // Hangul syllables count as kana do
    assertThat(Names.typoDistance("김민준", "김민진", 2)).isEqualTo(2);
    assertThat(Names.typoDistance("김민준", "박민진", 2)).isEqualTo(-1);
  }

  @Test
  void namesInDifferentScriptsAreNotComparable() {
    assertThat(Names.level("近藤 葵", "コンドウ アオイ")).isEqualTo(Names.NOT_COMPARABLE);
    assertThat(Names.level("近藤 葵", "Aoi Kondo")).isEqualTo(Names.NOT_COMPARABLE);
    assertThat(Names.level("コンドウ アオイ", "Aoi Kondo")).isEqualTo(Names.NOT_COMPARABLE);
    assertThat(Names.level("Νίκος Παππάς", "Nikos Pappas")).isEqualTo(Names.NOT_COMPARABLE);
    assertThat(Names.level("Иван Петров", "Ivan Petrov")).isEqualTo(Names.NOT_COMPARABLE);
    // kanji with a hiragana given name against the katakana reading: other scripts too
    assertThat(Names.level("山田 さくら", "ヤマダ サクラ")).isEqualTo(Names.NOT_COMPARABLE);
    // one script each side: compared as ever
    assertThat(Names.level("近藤 葵", "近藤 茜")).isEqualTo(Names.DIFFERENT);
    assertThat(Names.level("Ivan Petrov", "Anna Berg")).isEqualTo(Names.DIFFERENT);
    // digits belong to no script: a plate or a number is compared with anything
    assertThat(Names.level("12345", "AB-12-CD")).isEqualTo(Names.DIFFERENT);
  }

  @Test
  void aNameWithoutItsDiacriticsIsAFoldOfItButNotTheReverse() {
    assertThat(Names.foldedOf("Florian Durr", "Florian Dürr")).isTrue();
    assertThat(Names.foldedOf("Florian Duerr", "Florian Dürr")).isTrue();
    assertThat(Names.foldedOf("JUERGEN GROSS", "Jürgen Groß")).isTrue();
    assertThat(Names.foldedOf("Bartosz Dąbrowski", "Bartosz Dabrowski")).isFalse();
    assertThat(Names.foldedOf("Florian Dorr", "Florian Dürr")).isFalse();
  }

  @Test
  void aCompleteNameLeavesOutWordsOfALongerOneUnlikeInitialsOrAFirstName() {
    assertThat(Names.omitsWordsOf("Thomas Müller", "Thomas Theresia Müller")).isTrue();
    assertThat(Names.omitsWordsOf("T. Müller", "Thomas Theresia Müller")).isFalse();
    assertThat(Names.omitsWordsOf("PJ Doyle", "Patrick John Doyle")).isFalse();
    assertThat(Names.omitsWordsOf("Grace", "Grace Hennessy")).isFalse();
  }
}
