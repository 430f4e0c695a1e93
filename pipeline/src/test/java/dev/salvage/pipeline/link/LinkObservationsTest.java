package dev.salvage.pipeline.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.mappings.Observation;
import dev.salvage.pipeline.beam.Coders;
import dev.salvage.pipeline.beam.RunCounts;
import dev.salvage.pipeline.values.LinkKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.Keys;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;

class LinkObservationsTest {

  static Observation observation(String type, String ref, Map<String, String> keys) {
    return new Observation(
        type, keys, keys, Instant.parse("2026-05-01T10:00:00Z"), "mail", ref, "rule");
  }

  /** Renders each cluster as its sorted evidence ids, e.g. "a,b,c". */
  static PCollection<String> clusters(PCollectionTuple linked) {
    return linked
        .get(LinkObservations.CLUSTERED)
        .apply(GroupByKey.create())
        .apply(
            ParDo.of(
                new DoFn<KV<String, Iterable<Observation>>, String>() {
                  @ProcessElement
                  public void process(
                      @Element KV<String, Iterable<Observation>> cluster,
                      OutputReceiver<String> out) {
                    TreeSet<String> refs = new TreeSet<>();
                    cluster.getValue().forEach(o -> refs.add(o.sourceRef()));
                    out.output(String.join(",", refs));
                  }
                }));
  }

  static PCollectionTuple link(TestPipeline pipeline, List<Observation> observations, int fanout) {
    return pipeline
        .apply(Create.of(observations).withCoder(Coders.observation()))
        .apply(new LinkObservations(LinkKeys.exact(), fanout));
  }

  @Test
  void linksTwoSpellingsOfOneMailboxButNotTwoMailboxesOrOtherKeys() {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    LinkKeys keys = new LinkKeys(Map.of("customer", Set.of("email")));
    List<Observation> observations =
        List.of(
            // Stripe and the mails spell one Gmail mailbox four ways
            observation("customer", "stripe-anna", Map.of("email", "annamueller@googlemail.com")),
            observation("customer", "mail-anna", Map.of("email", "anna.mueller@gmail.com")),
            observation("customer", "checkout-anna", Map.of("email", "anna.mueller+ski@gmail.com")),
            // a subaddress of any domain is its mailbox
            observation("customer", "stripe-bruno", Map.of("email", "bruno+cars@gmx.de")),
            observation("customer", "mail-bruno", Map.of("email", "bruno@gmx.de")),
            // GMX's dots are part of the mailbox: two people
            observation("customer", "m.garcia", Map.of("email", "m.garcia@gmx.de")),
            observation("customer", "mgarcia", Map.of("email", "mgarcia@gmx.de")),
            // only email keys link by mailbox: a reference keeps its dots and its +
            observation("reservation", "ref-dotted", Map.of("reference", "a.b+1@gmail.com")),
            observation("reservation", "ref-plain", Map.of("reference", "ab@gmail.com")),
            // and an email key of another type is not a customer's mailbox key
            observation("customer", "phone-1", Map.of("phone", "+4915100000001")),
            observation("lead", "lead-1", Map.of("email", "bruno+cars@gmx.de")),
            observation("lead", "lead-2", Map.of("email", "bruno@gmx.de")));
    PAssert.that(
            clusters(
                pipeline
                    .apply(Create.of(observations).withCoder(Coders.observation()))
                    .apply(new LinkObservations(keys, 100))))
        .containsInAnyOrder(
            "checkout-anna,mail-anna,stripe-anna",
            "mail-bruno,stripe-bruno",
            "m.garcia",
            "mgarcia",
            "ref-dotted",
            "ref-plain",
            "phone-1",
            "lead-1",
            "lead-2");
    pipeline.run().waitUntilFinish();
  }

  @Test
  void linksObservationsThroughSharedKeysButNeverAcrossEntityTypes() {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    List<Observation> observations =
        List.of(
            observation("reservation", "a", Map.of("reference", "R1")),
            observation("reservation", "b", Map.of("reference", "R1", "payment", "P1")),
            observation("reservation", "c", Map.of("payment", "P1")),
            observation("reservation", "d", Map.of("reference", "R2")),
            observation("customer", "e", Map.of("reference", "R1")),
            observation("reservation", "f", Map.of()));
    PAssert.that(clusters(link(pipeline, observations, 100)))
        .containsInAnyOrder("a,b,c", "d", "e", "f");
    pipeline.run().waitUntilFinish();
  }

  @Test
  void linksAChainOfFiftyIntoOneClusterLabelledByItsSmallestId() {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    List<Observation> chain = new ArrayList<>();
    String smallest = null;
    TreeSet<String> refs = new TreeSet<>();
    for (int i = 0; i < 50; i++) {
      // o_i and o_i+1 share key k_i+1 only: the chain's ends are 49 links apart
      Observation o = observation("reservation", "o" + i, Map.of("k" + i, "x", "k" + (i + 1), "x"));
      chain.add(o);
      refs.add(o.sourceRef());
      String id = CompactIds.of(LinkObservations.observationId(o));
      smallest = smallest == null || id.compareTo(smallest) < 0 ? id : smallest;
    }
    PCollectionTuple linked = link(pipeline, chain, 100);
    PAssert.that(clusters(linked)).containsInAnyOrder(String.join(",", refs));
    PAssert.that(linked.get(LinkObservations.CLUSTERED).apply(Keys.create()))
        .containsInAnyOrder(Collections.nCopies(50, smallest));
    assertThat(RunCounts.run(pipeline)).isEmpty();
  }

  @Test
  void labelsIdenticalObservationsAlikeAndAnUnlinkedOneByItsOwnId() {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    Observation twice = observation("reservation", "a", Map.of("reference", "R1"));
    Observation alone = observation("reservation", "b", Map.of("reference", "R2"));
    PCollectionTuple linked = link(pipeline, List.of(twice, twice, alone), 100);
    // both copies reach the same cluster, whose merge keeps one (EntityMergerTest)
    PAssert.that(linked.get(LinkObservations.CLUSTERED))
        .containsInAnyOrder(
            KV.of(CompactIds.of(LinkObservations.observationId(twice)), twice),
            KV.of(CompactIds.of(LinkObservations.observationId(twice)), twice),
            KV.of(CompactIds.of(LinkObservations.observationId(alone)), alone));
    pipeline.run().waitUntilFinish();
  }

  @Test
  void labelsEveryObservationWhenNoKeyLinksAny() {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    Observation a = observation("reservation", "a", Map.of("reference", "R1"));
    Observation b = observation("reservation", "b", Map.of());
    PCollectionTuple linked = link(pipeline, List.of(a, b), 100);
    PAssert.that(linked.get(LinkObservations.CLUSTERED))
        .containsInAnyOrder(
            KV.of(CompactIds.of(LinkObservations.observationId(a)), a),
            KV.of(CompactIds.of(LinkObservations.observationId(b)), b));
    pipeline.run().waitUntilFinish();
  }

  @Test
  void refusesToLinkThroughAKeySharedByTooManyObservations() {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    List<Observation> observations =
        List.of(
            observation("customer", "a", Map.of("phone", "+351210000000", "email", "a@x.pt")),
            observation("customer", "b", Map.of("phone", "+351210000000", "email", "b@x.pt")),
            observation("customer", "c", Map.of("phone", "+351210000000", "email", "c@x.pt")),
            observation("customer", "d", Map.of("email", "a@x.pt")));
    PCollectionTuple linked = link(pipeline, observations, 2);
    PAssert.that(clusters(linked)).containsInAnyOrder("a,d", "b", "c");
    assertThat(RunCounts.run(pipeline))
        .isEqualTo(Map.of("linking.oversized_key.customer.phone", 1L));
  }
}
