package dev.salvage.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScenarioParamsTest {
  @Test
  void defaultsAreTheDocumentedOnes() {
    ScenarioParams defaults = ScenarioParams.defaults();
    assertThat(defaults.reservations()).isEqualTo(1000);
    assertThat(defaults.missingMail()).isEqualTo(0.10);
    assertThat(defaults.missingCalendar()).isEqualTo(0.15);
    assertThat(defaults.paymentRefShare()).isEqualTo(0.70);
    assertThat(defaults.calendarRefShare()).isEqualTo(0.60);
    assertThat(defaults.t0()).isEqualTo(ScenarioParams.DEFAULT_T0);
  }

  @Test
  void rejectsAShareOutsideZeroToOneNamingTheOption() {
    ScenarioParams d = ScenarioParams.defaults();
    assertThatThrownBy(
            () ->
                new ScenarioParams(1, 10, 0.1, 0.1, 0.1, 1.5, 0.6, 0.03, 0.05, 0.02, 0.05, d.t0()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--payment-ref-share")
        .hasMessageContaining("1.5");
    assertThatThrownBy(
            () ->
                new ScenarioParams(1, 10, 0.1, 0.1, 0.1, 0.7, 0.6, -0.01, 0.05, 0.02, 0.05, d.t0()))
        .hasMessageContaining("--typo-rate");
    assertThatThrownBy(
            () ->
                new ScenarioParams(
                    1, 10, 0.1, 0.1, 0.1, 0.7, 0.6, 0.03, 0.05, 0.02, Double.NaN, d.t0()))
        .hasMessageContaining("--late-change-rate");
  }

  @Test
  void rejectsFewerThanOneReservation() {
    assertThatThrownBy(() -> ScenarioParams.defaults().withReservations(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--reservations");
  }

  @Test
  void optionNamesCoverEveryParameter() {
    assertThat(ScenarioParams.defaults().byOptionName())
        .containsKeys(
            "seed",
            "reservations",
            "missing-mail",
            "missing-payment",
            "missing-calendar",
            "payment-ref-share",
            "calendar-ref-share",
            "typo-rate",
            "contact-change-rate",
            "duplicate-mail-rate",
            "late-change-rate",
            "t0")
        .hasSize(ScenarioParams.class.getRecordComponents().length);
  }
}
