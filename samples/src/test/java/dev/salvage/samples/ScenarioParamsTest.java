package dev.salvage.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenarioParamsTest {
  @Test
  void optionsDefaultToTheScenarioDefaults() {
    assertThat(Scenarios.fromOptions()).isEqualTo(ScenarioParams.defaults());
    assertThat(Scenarios.fromOptions("--missing-mail", "0.4").missingMail()).isEqualTo(0.4);
  }

  @Test
  void refusesAnUnknownOptionNamingTheKnownOnes() {
    assertThatThrownBy(() -> ScenarioParams.defaults().withOptions(Map.of("typo-rat", "0.1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--typo-rat")
        .hasMessageContaining("typo-rate");
  }

  @Test
  void refusesABadShareNamingTheOption() {
    assertThatThrownBy(() -> ScenarioParams.defaults().withOptions(Map.of("missing-calendar", "2")))
        .hasMessageContaining("--missing-calendar");
  }
}
