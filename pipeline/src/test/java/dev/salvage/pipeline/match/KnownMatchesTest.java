package dev.salvage.pipeline.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KnownMatchesTest {
  static final List<FieldComparison> NAME_AND_TIME =
      List.of(FieldComparison.NAME, FieldComparison.TIME);
  static final double[][] PRIOR = {{0.8, 0.1, 0.05, 0.05}, {0.8, 0.05, 0.05, 0.05, 0.05}};

  @Test
  void learnsMFromPairsKnownToMatchEachSourceWeighedByItsShareOfTheUnlinkedEvidence() {
    // mail always agrees on the name; a calendar title is typed by hand: one in five is off by a
    // typo. Only calendar events are left unlinked, so m is the calendar's.
    KnownMatches known =
        new KnownMatches(
            Map.of(
                "mail", Map.of("0,0", 9000L),
                "calendar", Map.of("0,0", 500L, "0,1", 300L, "1,1", 200L)),
            Map.of("calendar", 50L));

    double[][] m = known.m(NAME_AND_TIME, PRIOR);

    assertThat(m[0][0]).isCloseTo(0.8, within(0.01));
    assertThat(m[0][1]).isCloseTo(0.2, within(0.01));
    assertThat(m[1][0]).isCloseTo(0.5, within(0.01));
    assertThat(m[1][1]).isCloseTo(0.5, within(0.01));
    for (double[] field : m) {
      assertThat(java.util.Arrays.stream(field).sum()).isCloseTo(1.0, within(1e-9));
    }
  }

  @Test
  void aLevelNoKnownMatchShowsStaysPossible() {
    KnownMatches known = new KnownMatches(Map.of("stripe", Map.of("0,0", 100L)), Map.of());

    double[][] m = known.m(NAME_AND_TIME, PRIOR);

    assertThat(m[0][3]).isGreaterThan(0).isLessThan(0.001);
    assertThat(m[0][0]).isGreaterThan(0.99);
  }

  @Test
  void leavesMToEmWhenTheKnownMatchesComeFromSourcesThatLeaveLittleUnlinked() {
    KnownMatches known =
        new KnownMatches(Map.of("mail", Map.of("0,0", 5000L)), Map.of("mail", 10L, "stripe", 90L));

    double[][] m = known.m(NAME_AND_TIME, PRIOR);

    assertThat(m[0]).isNull();
    assertThat(m[1]).isNull();
  }

  @Test
  void leavesAFieldToEmWhenTooFewKnownMatchesHaveItOnBothSides() {
    // payments carry no pickup time: -1 is a field missing on one side
    KnownMatches known =
        new KnownMatches(Map.of("stripe", Map.of("0,-1", 500L, "0,0", 29L)), Map.of("stripe", 40L));

    double[][] m = known.m(NAME_AND_TIME, PRIOR);

    assertThat(m[0]).isNotNull();
    assertThat(m[1]).isNull();
  }
}
