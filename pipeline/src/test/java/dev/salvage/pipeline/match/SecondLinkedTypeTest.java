package dev.salvage.pipeline.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;

/**
 * u is estimated from a sample of {@link UEstimate#SAMPLE_SIZE} profiles. Drawn from the profiles
 * of every linked type together, a second type with a {@code linking:} section (customers beside
 * reservations) took its share of the first type's sample: on Rentwise heavy noise seed 2030 a
 * customer section moved the u of every reservation field and changed 575 of 1 146 reservation
 * records, though nothing about reservations had changed. Each type now has a sample of its own.
 */
class SecondLinkedTypeTest {
  /**
   * The samples the pipeline's assertion saw (the direct runner runs it in this JVM, on a copy of
   * the function: a static is what both see).
   */
  private static final List<List<MatchProfile>> SEEN =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  private static MatchProfile profile(String entity, String key, boolean identified) {
    return new MatchProfile(key, entity, identified, Map.of("full_name", "Name " + key), Map.of());
  }

  private static List<MatchProfile> profiles(String entity, int identified, int unlinked) {
    List<MatchProfile> all = new ArrayList<>();
    IntStream.range(0, identified).forEach(i -> all.add(profile(entity, entity + ":" + i, true)));
    IntStream.range(0, unlinked)
        .forEach(i -> all.add(profile(entity, "unlinked:" + entity + ":" + i, false)));
    return all;
  }

  /** The sample {@link UEstimate#forU} takes a type's u from, drawn from {@code profiles}. */
  private static List<MatchProfile> sampleOf(List<MatchProfile> profiles, String entity) {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollection<List<MatchProfile>> sample =
        pipeline
            .apply(Create.of(profiles).withCoder(MatchProfileCoder.INSTANCE))
            .apply(new UEstimate.SampleEachType());
    PAssert.thatSingleton(sample)
        .satisfies(
            drawn -> {
              SEEN.add(UEstimate.forU(drawn, entity));
              return null;
            });
    pipeline.run().waitUntilFinish();
    return SEEN.get(SEEN.size() - 1);
  }

  @Test
  void reservationsKeepTheirWholeUSampleWhenCustomersAreLinkedToo() {
    List<MatchProfile> reservations = profiles("reservation", 400, 100);
    List<MatchProfile> withCustomers = new ArrayList<>(reservations);
    withCustomers.addAll(profiles("customer", UEstimate.SAMPLE_SIZE + 500, 300));

    List<MatchProfile> alone = sampleOf(reservations, "reservation");
    List<MatchProfile> besideCustomers = sampleOf(withCustomers, "reservation");

    assertThat(alone).hasSize(400).allMatch(MatchProfile::identified);
    // the same profiles in the same order: the same pairs, counts and u
    assertThat(besideCustomers).isEqualTo(alone);
  }

  @Test
  void eachTypeSamplesItsIdentifiedProfilesFirstByHashUpToTheSampleSize() {
    List<MatchProfile> customers = profiles("customer", UEstimate.SAMPLE_SIZE + 500, 300);
    List<MatchProfile> all = new ArrayList<>(profiles("reservation", 40, 10));
    all.addAll(customers);

    List<MatchProfile> sampled = sampleOf(all, "customer");

    List<MatchProfile> expected =
        customers.stream()
            .sorted(new UEstimate.ByHash().reversed())
            .limit(UEstimate.SAMPLE_SIZE)
            .toList();
    assertThat(sampled).hasSize(UEstimate.SAMPLE_SIZE).isEqualTo(expected);
    assertThat(sampled).allMatch(MatchProfile::identified);
    assertThat(sampled.stream().map(MatchProfile::key).sorted(Comparator.naturalOrder()))
        .doesNotHaveDuplicates();
  }
}
