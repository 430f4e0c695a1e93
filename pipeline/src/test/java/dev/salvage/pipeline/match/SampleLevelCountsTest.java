package dev.salvage.pipeline.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleLevelCountsTest {
  private static MatchProfile profile(int i) {
    return new MatchProfile(
        "p" + i,
        "reservation",
        false,
        Map.of(
            "customer_name",
            i % 7 == 0 ? "María García" : "Person " + (i % 40) + " Rare",
            "total_cents",
            Integer.toString(10_000 + 97 * (i % 13))),
        Map.of());
  }

  @Test
  void theSharesCountedApartSumToTheCountsOfEveryPairOfTheSample() {
    List<MatchProfile> sample = new ArrayList<>();
    for (int i = 0; i < 301; i++) {
      sample.add(profile(i));
    }
    MatchModel unfitted =
        MatchModel.unfitted(
            "reservation",
            List.of("customer_name", "total_cents"),
            List.of(FieldComparison.NAME, FieldComparison.AMOUNT));
    long[][] serial = UEstimate.levelCounts(unfitted, sample, 0, 1);
    List<Long> flat = new ArrayList<>();
    for (int part = 0; part < SampleLevelCounts.PARTS; part++) {
      List<Long> share = new ArrayList<>();
      for (long[] field : UEstimate.levelCounts(unfitted, sample, part, SampleLevelCounts.PARTS)) {
        for (long n : field) {
          share.add(n);
        }
      }
      flat = part == 0 ? share : new SampleLevelCounts.SumLists().apply(List.of(flat, share));
    }
    long[][] summed = SampleLevelCounts.unflatten(unfitted, flat);
    assertThat(summed).isDeepEqualTo(serial);
    long pairs = 301L * 300 / 2;
    for (long[] field : summed) {
      assertThat(java.util.Arrays.stream(field).sum()).isEqualTo(pairs);
    }
    // and the model fitted from the summed counts is the one fitted in a single pass
    MatchModel apart = MatchModel.fit(unfitted, sample, Map.of(), summed);
    MatchModel serialFit =
        MatchModel.fit("reservation", unfitted.fields(), unfitted.comparisons(), sample, Map.of());
    assertThat(apart.u()).isDeepEqualTo(serialFit.u());
    assertThat(apart.frequencies()).isEqualTo(serialFit.frequencies());
  }
}
