package dev.salvage.pipeline.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.salvage.pipeline.bundle.ReconstructedRecord.Contribution;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatchModelTest {
  static MatchProfile named(String key, String name) {
    return profile(key, "customer_name", name);
  }

  static MatchProfile profile(String key, String field, String value) {
    return new MatchProfile(key, "reservation", false, Map.of(field, value), Map.of());
  }

  /** A model of one field fitted on a sample where value i is {@code value.apply(i)}. */
  static MatchModel fitted(
      String field, FieldComparison comparison, java.util.function.IntFunction<String> value) {
    List<MatchProfile> sample = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      sample.add(profile("p" + i, field, value.apply(i)));
    }
    return MatchModel.fit("reservation", List.of(field), List.of(comparison), sample, Map.of());
  }

  @Test
  void weighsAnExactAgreementOnACommonNameLessThanOnARareOne() {
    MatchModel model =
        fitted(
            "customer_name",
            FieldComparison.NAME,
            i -> i % 5 == 0 ? "María García" : "Person " + i + " Rare");
    Contribution common =
        model.explain(named("a", "MARÍA GARCÍA"), named("b", "maría garcía")).get(0);
    Contribution rare = model.explain(named("a", "Zoé Faure"), named("b", "Zoé Faure")).get(0);
    assertThat(common.level()).startsWith("exact (value share 0.2");
    assertThat(rare.level()).isEqualTo("exact");
    assertThat(common.weight()).isLessThan(rare.weight() - 2);
  }

  @Test
  void weighsAgreementOnAListPriceLessThanOnAnUnusualAmount() {
    MatchModel model =
        fitted(
            "total_cents",
            FieldComparison.AMOUNT,
            i -> i % 4 == 0 ? "38700" : Integer.toString(10_000 + 97 * i));
    MatchProfile listPrice = profile("a", "total_cents", "38700");
    MatchProfile unusual = profile("b", "total_cents", "12345");
    Contribution common = model.explain(listPrice, listPrice).get(0);
    Contribution rare = model.explain(unusual, unusual).get(0);
    assertThat(common.level()).startsWith("exact (value share 0.25");
    assertThat(rare.level()).isEqualTo("exact");
    assertThat(common.weight()).isLessThan(rare.weight() - 2);
  }

  @Test
  void weighsTimesDaysApartAsAWeakerDisagreementThanTimesWeeksApart() {
    // bookings spread over half a year: two random ones are rarely within a week of each other
    MatchModel model =
        fitted(
            "pickup_at",
            FieldComparison.TIME,
            i ->
                java.time.Instant.parse("2026-01-01T10:00:00Z")
                    .plusSeconds(i * 52_000L)
                    .toString());
    MatchProfile booked = profile("a", "pickup_at", "2026-04-22T09:30:00Z");
    Contribution movedByDays =
        model.explain(booked, profile("b", "pickup_at", "2026-04-25T09:30:00Z")).get(0);
    Contribution weeksAway =
        model.explain(booked, profile("c", "pickup_at", "2026-05-30T09:30:00Z")).get(0);
    assertThat(movedByDays.level()).isEqualTo("within 7 days");
    assertThat(weeksAway.level()).isEqualTo("further");
    assertThat(movedByDays.weight()).isGreaterThan(weeksAway.weight() + 2);
  }

  @Test
  void capsHowOftenAMatchMayDisagreeKeepingTheOtherLevelsInProportion() {
    double[][] capped =
        MatchModel.capDisagreement(new double[][] {{0.06, 0.02, 0.92}, {0.9, 0.08, 0.02}});
    assertThat(capped[0][2]).isEqualTo(MatchModel.MAX_M_DISAGREE);
    assertThat(capped[0][0] + capped[0][1] + capped[0][2]).isCloseTo(1.0, within(1e-9));
    assertThat(capped[0][0] / capped[0][1]).isCloseTo(3.0, within(1e-9));
    assertThat(capped[1]).containsExactly(0.9, 0.08, 0.02);
  }
}
