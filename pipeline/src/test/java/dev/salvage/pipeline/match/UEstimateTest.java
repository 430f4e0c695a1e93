package dev.salvage.pipeline.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UEstimateTest {
  static MatchProfile profile(String key, boolean identified) {
    return new MatchProfile(
        key, "reservation", identified, Map.of("customer_name", "Name " + key), Map.of());
  }

  static List<MatchProfile> profiles(int identified, int unlinked) {
    List<MatchProfile> all = new ArrayList<>();
    IntStream.range(0, identified).forEach(i -> all.add(profile("id" + i, true)));
    IntStream.range(0, unlinked).forEach(i -> all.add(profile("un" + i, false)));
    return all;
  }

  @Test
  void estimatesUFromIdentifiedRecordsAloneWhenThereAreEnough() {
    List<MatchProfile> forU = UEstimate.forU(profiles(UEstimate.MIN_IDENTIFIED, 50), "reservation");

    assertThat(forU).hasSize(UEstimate.MIN_IDENTIFIED).allMatch(MatchProfile::identified);
  }

  @Test
  void estimatesUFromEveryRecordWhenFewAreIdentified() {
    List<MatchProfile> forU =
        UEstimate.forU(profiles(UEstimate.MIN_IDENTIFIED - 1, 50), "reservation");

    assertThat(forU).hasSize(UEstimate.MIN_IDENTIFIED - 1 + 50);
  }

  @Test
  void samplesIdentifiedRecordsBeforeUnlinkedOnes() {
    List<MatchProfile> all = profiles(5, 5);
    all.sort(new UEstimate.ByHash().reversed());

    assertThat(all.subList(0, 5)).allMatch(MatchProfile::identified);
  }
}
