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
  void aNameInAnotherScriptWeighsNothingEitherWay() {
    MatchModel model = fitted("customer_name", FieldComparison.NAME, i -> "近藤 葵" + i);
    Contribution kana = model.explain(named("a", "近藤 葵"), named("b", "コンドウ アオイ")).get(0);
    Contribution latin = model.explain(named("a", "近藤 葵"), named("b", "Aoi Kondo")).get(0);
    assertThat(kana.level()).isEqualTo("not comparable (different scripts)");
    assertThat(kana.weight()).isZero();
    assertThat(latin.weight()).isZero();
    // the same script still disagrees
    assertThat(model.explain(named("a", "近藤 葵"), named("b", "佐藤 健")).get(0).weight()).isNegative();
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
        MatchModel.capDisagreement(
            List.of(FieldComparison.AMOUNT, FieldComparison.AMOUNT),
            new double[][] {{0.06, 0.02, 0.92}, {0.9, 0.08, 0.02}});
    assertThat(capped[0][2]).isEqualTo(MatchModel.MAX_M_DISAGREE);
    assertThat(capped[0][0] + capped[0][1] + capped[0][2]).isCloseTo(1.0, within(1e-9));
    assertThat(capped[0][0] / capped[0][1]).isCloseTo(3.0, within(1e-9));
    assertThat(capped[1]).containsExactly(0.9, 0.08, 0.02);
  }

  @Test
  void capsTimesDaysApartTogetherWithTimesWeeksApart() {
    double[][] capped =
        MatchModel.capDisagreement(
            List.of(FieldComparison.TIME), new double[][] {{0.05, 0.05, 0.3, 0.5, 0.1}});
    assertThat(capped[0][3] + capped[0][4]).isCloseTo(MatchModel.MAX_M_DISAGREE, within(1e-9));
    assertThat(capped[0][3] / capped[0][4]).isCloseTo(5.0, within(1e-9));
    assertThat(capped[0][2] / capped[0][0]).isCloseTo(6.0, within(1e-9));
    assertThat(capped[0][0] + capped[0][1] + capped[0][2] + capped[0][3] + capped[0][4])
        .isCloseTo(1.0, within(1e-9));
  }

  @Test
  void capsOnlyWeeksApartForWhenEvidenceWasFirstSeen() {
    // one booking's traces come days apart (payment, reminder before pickup, a question after it)
    double[][] capped =
        MatchModel.capDisagreement(
            List.of(FieldComparison.FIRST_SEEN), new double[][] {{0.05, 0.05, 0.3, 0.5, 0.1}});
    assertThat(capped[0][4]).isCloseTo(MatchModel.MAX_M_DISAGREE, within(1e-9));
    assertThat(capped[0][3] / capped[0][2]).isCloseTo(0.5 / 0.3, within(1e-9));
    assertThat(capped[0][3]).isGreaterThan(0.4);
  }

  @Test
  void aBlockFullOfOneNamesBookingsOfTheSameWeekIsNotTakenForTheMatches() {
    // at 100,000 bookings a block on name and booking week holds far more pairs of namesakes (or
    // of one customer's bookings) days apart than pairs of one booking's traces minutes apart
    List<MatchProfile> sample = namesBookedHoursApart();
    Map<int[], Long> patterns = new java.util.HashMap<>();
    patterns.put(new int[] {0, 0}, 200L); // one booking's mail and payment
    patterns.put(new int[] {0, 1}, 300L); // its calendar event, minutes later
    patterns.put(new int[] {0, 3}, 6000L); // namesakes booking in the same week
    patterns.put(new int[] {0, 2}, 1500L);
    patterns.put(new int[] {3, 3}, 2000L);
    patterns.put(new int[] {3, 4}, 3000L);
    MatchModel model = fitNameAndTime(sample, patterns);

    Map<int[], Long> withoutNamesakes = new java.util.HashMap<>(patterns);
    withoutNamesakes.keySet().removeIf(levels -> levels[0] == 0 && levels[1] >= 2);
    MatchModel clean = fitNameAndTime(sample, withoutNamesakes);

    assertThat(model.m()[1][3] + model.m()[1][4])
        .isLessThanOrEqualTo(MatchModel.MAX_M_DISAGREE + 1e-9);
    // a pair minutes apart weighs far more than one days apart, as one booking's traces should,
    // and about what it weighs where no namesakes crowd the block
    assertThat(model.weight(1, 1)).isGreaterThan(model.weight(1, 3) + 6);
    assertThat(model.weight(1, 1)).isCloseTo(clean.weight(1, 1), within(2.5));
  }

  private static MatchModel fitNameAndTime(List<MatchProfile> sample, Map<int[], Long> patterns) {
    return MatchModel.fit(
        "reservation",
        List.of("customer_name", "booked_at"),
        List.of(FieldComparison.NAME, FieldComparison.TIME),
        sample,
        patterns);
  }

  @Test
  void pairsKnownToMatchSetMWhereLookAlikesCrowdTheBlocks() {
    List<MatchProfile> sample = namesBookedHoursApart();
    // one customer's bookings of one day, hours apart, outnumber one booking's traces: EM takes
    // them for the matches, and "within 24 h" (not a disagreement) weighs nearly as much as
    // "within 1 h"
    Map<int[], Long> patterns = new java.util.HashMap<>();
    patterns.put(new int[] {0, 1}, 300L);
    patterns.put(new int[] {0, 2}, 20000L);
    patterns.put(new int[] {3, 4}, 3000L);
    MatchModel unfitted =
        MatchModel.unfitted(
            "reservation",
            List.of("customer_name", "booked_at"),
            List.of(FieldComparison.NAME, FieldComparison.TIME));
    long[][] levelCounts = UEstimate.levelCounts(unfitted, sample, 0, 1);
    KnownMatches known =
        new KnownMatches(
            Map.of("stripe", Map.of("0,0", 400L, "0,1", 560L, "0,2", 30L, "1,1", 10L)),
            Map.of("stripe", 25L));

    MatchModel guessed = MatchModel.fit(unfitted, sample, patterns, levelCounts);
    MatchModel learned = MatchModel.fit(unfitted, sample, patterns, levelCounts, known);

    assertThat(guessed.weight(1, 1) - guessed.weight(1, 2)).isLessThan(3);
    assertThat(learned.m()[1][1]).isCloseTo(0.56, within(0.01));
    assertThat(learned.m()[1][2]).isCloseTo(0.03, within(0.01));
    assertThat(learned.weight(1, 1) - learned.weight(1, 2)).isGreaterThan(4);
  }

  /** 300 profiles of rare names booked 14 hours apart, the sample u is estimated from. */
  private static List<MatchProfile> namesBookedHoursApart() {
    List<MatchProfile> sample = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      sample.add(
          new MatchProfile(
              "p" + i,
              "reservation",
              false,
              Map.of(
                  "customer_name",
                  "Person " + i + " Rare",
                  "booked_at",
                  java.time.Instant.parse("2026-01-01T10:00:00Z")
                      .plusSeconds(i * 52_000L)
                      .toString()),
              Map.of()));
    }
    return sample;
  }
}
