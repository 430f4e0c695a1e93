package dev.salvage.pipeline.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.mappings.Observation;
import dev.salvage.pipeline.SalvagePipeline;
import dev.salvage.pipeline.beam.Coders;
import dev.salvage.pipeline.beam.RunCounts;
import dev.salvage.pipeline.bundle.BestPossibleWeight;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.RunSummary;
import dev.salvage.pipeline.reconcile.MergeSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A yoga studio's membership mails carry no id. The fitted model could weigh a mail agreeing on
 * every compared field at 5.5 at most (prior -4.7, email 5.31, plan 0.88, start 3.05, price 0.96),
 * the link threshold was the default 8, so no mail could ever attach: 12 stayed unlinked, each
 * "below threshold", and nothing said that none could have cleared it. Now the run counts the most
 * a pair can weigh per type and its summary and console say so when that is below the thresholds.
 */
class UnreachableThresholdTest {
  @TempDir Path dir;

  private static final String MODEL =
      """
      entities:
        membership:
          keys: [membership_id, stripe_payment_intent_id]
          require_keys: [membership_id]
          fields:
            membership_id: text
            stripe_payment_intent_id: text
            member_email: email
            plan: text
            start_date: date
            price_cents: money
          linking:
            compare: %s
            block: [member_email]
      """;

  private static final List<String> PLANS = List.of("Monatsabo", "10er-Karte");
  private static final List<String> PRICES = List.of("8900", "12000", "6500");
  private static final int MEMBERSHIPS = 40;

  /**
   * The weights of the links the pipeline made, as its assertion saw them (the direct runner runs
   * it in this JVM, on a copy of the function: a static is what both see).
   */
  private static final List<Double> ATTACHED = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Memberships 5, 6 and 7 have a payment without the id as well, agreeing on every field. */
  private static final List<Integer> UNREFERENCED = List.of(5, 6, 7);

  private static MergeSettings settings(String compare) {
    return new MergeSettings(
        MODEL.formatted(compare),
        "entities.yaml",
        List.of("mail", "stripe"),
        "backup",
        Instant.parse("2026-02-15T03:00:00Z"),
        Map.of());
  }

  private static Map<String, String> membership(int i) {
    Map<String, String> values = new HashMap<>();
    values.put("member_email", "m" + i + "@example.de");
    values.put("plan", PLANS.get(i % PLANS.size()));
    values.put("start_date", LocalDate.parse("2026-03-01").plusDays(i).toString());
    values.put("price_cents", PRICES.get(i % PRICES.size()));
    return values;
  }

  private static Observation observation(
      String source, String ref, Instant at, Map<String, String> fields, String... keyFields) {
    Map<String, String> keys = new HashMap<>();
    for (String key : keyFields) {
      keys.put(key, fields.get(key));
    }
    return new Observation("membership", keys, fields, at, source, ref, source + "_rule");
  }

  /**
   * Each membership's confirmation mail and payment both carry its id (pairs known to match, for
   * the model to learn m from); three more payments carry none.
   */
  private static List<Observation> studio() {
    List<Observation> observations = new ArrayList<>();
    Instant march = Instant.parse("2026-03-01T09:00:00Z");
    for (int i = 0; i < MEMBERSHIPS; i++) {
      Instant at = march.plusSeconds(3600L * 13 * i);
      Map<String, String> mail = membership(i);
      mail.put("membership_id", "MS-" + (100 + i));
      observations.add(observation("mail", "email:m" + i, at, mail, "membership_id"));
      // no payment id on these: an unreferenced payment naming another would be refused unweighed
      observations.add(
          observation("stripe", "stripe:pi_" + i, at.plusSeconds(90), mail, "membership_id"));
    }
    for (int i : UNREFERENCED) {
      Map<String, String> paid = membership(i);
      paid.put("stripe_payment_intent_id", "pi_x" + i);
      observations.add(
          observation(
              "stripe",
              "stripe:pi_x" + i,
              march.plusSeconds(3600L * 13 * i + 600),
              paid,
              "stripe_payment_intent_id"));
    }
    return observations;
  }

  /** The summary a run of {@code compare} would write, read back from its summary.json. */
  private RunSummary summaryOf(String compare, Map<String, Long> counts) throws Exception {
    Path tsv = dir.resolve("counts-" + compare.hashCode() + ".tsv");
    List<String> lines = new ArrayList<>();
    new TreeMap<>(counts).forEach((name, n) -> lines.add(name + "\t" + n));
    Files.write(tsv, lines);
    RunSummary summary =
        RunSummary.fromCounts(
            tsv, List.of("mail", "stripe"), List.of("membership"), Map.of(), Map.of(), null);
    Path json = dir.resolve("summary-" + compare.hashCode() + ".json");
    summary.write(json);
    return RunSummary.read(json);
  }

  @Test
  void fieldsThatCannotReachLinkTogetherAreNamedWithTheirWeightsAndTheThreshold() throws Exception {
    String compare = "[plan, price_cents]";
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollectionTuple linked =
        SalvagePipeline.link(
            pipeline.apply(Create.of(studio()).withCoder(Coders.observation())),
            settings(compare),
            1000,
            true);
    PAssert.that(linked.get(MatchUnlinkedEvidence.UNLINKED))
        .satisfies(
            unlinked -> {
              assertThat(unlinked).hasSize(UNREFERENCED.size());
              return null;
            });

    RunSummary summary = summaryOf(compare, RunCounts.run(pipeline));

    BestPossibleWeight best = summary.linking().bestPossible().get("membership");
    assertThat(best).isNotNull();
    assertThat(best.parts().keySet()).containsExactly("(prior)", "plan", "price_cents");
    // 1 in 40 identified memberships
    assertThat(best.parts().get("(prior)")).isEqualTo(-5.322);
    double sum = best.parts().values().stream().mapToDouble(Double::doubleValue).sum();
    assertThat(best.weight()).isEqualTo(Math.round(sum * 1000) / 1000.0).isLessThan(8);
    assertThat(best.note())
        .startsWith(
            "membership: no evidence without its keys can be attached to an identified"
                + " membership record: the most a pair can weigh under the model fitted on this"
                + " run's evidence is "
                + String.format(java.util.Locale.ROOT, "%.3f", best.weight())
                + " ((prior) 1 in 40 identified membership records -5.322, plan "
                + String.format(java.util.Locale.ROOT, "%.3f", best.parts().get("plan"))
                + ", price_cents "
                + String.format(java.util.Locale.ROOT, "%.3f", best.parts().get("price_cents"))
                + ": every compared field agreeing exactly), below the review threshold 8.0"
                + " (link 8.0), so none was, whatever it agreed on.")
        .contains("compare more fields the evidence holds")
        .contains("lower link and review to")
        .contains("docs/linking.md");
    assertThat(summary.linking().notes()).containsExactly(best.note());
  }

  @Test
  void fieldsThatCanReachLinkGiveNoNoteAndTheirBestIsWhatAFullAgreementWeighs() throws Exception {
    String compare = "[member_email, plan, start_date, price_cents]";
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollectionTuple linked =
        SalvagePipeline.link(
            pipeline.apply(Create.of(studio()).withCoder(Coders.observation())),
            settings(compare),
            1000,
            true);
    ATTACHED.clear();
    PAssert.that(linked.get(MatchUnlinkedEvidence.UNLINKED)).empty();
    PAssert.that(linked.get(MatchUnlinkedEvidence.RECORDS))
        .satisfies(
            records -> {
              List<Double> weights = new ArrayList<>();
              for (ReconstructedRecord record : records) {
                record.links().forEach(link -> weights.add(link.weight()));
              }
              assertThat(weights).hasSize(UNREFERENCED.size());
              // every unreferenced payment agrees on every field: the best possible pair
              assertThat(weights).containsOnly(weights.get(0));
              ATTACHED.addAll(weights);
              return null;
            });

    RunSummary summary = summaryOf(compare, RunCounts.run(pipeline));

    BestPossibleWeight best = summary.linking().bestPossible().get("membership");
    assertThat(best.parts().keySet())
        .containsExactly("(prior)", "member_email", "plan", "start_date", "price_cents");
    assertThat(best.weight()).isGreaterThanOrEqualTo(8);
    assertThat(best.note()).isNull();
    assertThat(summary.linking().notes()).isEmpty();
    assertThat(ATTACHED).isNotEmpty();
    assertThat(best.weight()).isEqualTo(ATTACHED.get(0));
  }
}
