package dev.salvage.pipeline.values;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LookAlikesTest {
  @Test
  void readsGreekCapitalsThatLookLatinAsTheLatinKey() {
    // Greek Alpha and Sigma: Sigma looks like no Latin letter, but is spelt S
    assertThat(LookAlikes.readings("ΑΣ-1043")).containsExactly("AS-1043");
    // Greek Rho and Kappa typed for P and K: by look PK, by sound RK
    assertThat(LookAlikes.readings("ΡΚ-12")).containsExactly("PK-12", "RK-12");
  }

  @Test
  void readsCyrillicLettersMixedIntoALatinKey() {
    // Cyrillic Es and lower-case o among Latin letters
    assertThat(LookAlikes.readings("Сo-7")).contains("Co-7");
    assertThat(LookAlikes.readings("co-7")).isEmpty();
  }

  @Test
  void namesTheLettersOfAnotherScriptByScript() {
    assertThat(LookAlikes.describe("ΑΣ-1043")).isEqualTo("Greek Α, Σ");
    assertThat(LookAlikes.describe("AС-1")).isEqualTo("Cyrillic С");
    assertThat(LookAlikes.describe("AS-1043")).isEmpty();
  }
}
