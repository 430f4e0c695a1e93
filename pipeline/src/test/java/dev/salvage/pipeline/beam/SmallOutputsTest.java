package dev.salvage.pipeline.beam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.join.RawUnionValue;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.junit.jupiter.api.Test;

class SmallOutputsTest {
  private static final TupleTag<String> WORDS = new TupleTag<>() {};
  private static final TupleTag<Long> NUMBERS = new TupleTag<>() {};

  @Test
  void splitsEachElementIntoTheOutputItWasMadeFor() {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollectionTuple split =
        SmallOutputs.split(
            pipeline.apply(
                Create.of(
                        SmallOutputs.first("quarantined"),
                        SmallOutputs.second(7L),
                        SmallOutputs.first("ignored"))
                    .withCoder(SmallOutputs.coder(StringUtf8Coder.of(), VarLongCoder.of()))),
            "Split",
            WORDS,
            StringUtf8Coder.of(),
            NUMBERS,
            VarLongCoder.of());

    PAssert.that(split.get(WORDS)).containsInAnyOrder("quarantined", "ignored");
    PAssert.that(split.get(NUMBERS)).containsInAnyOrder(7L);
    pipeline.run().waitUntilFinish();
  }

  @Test
  void refusesAnElementWithoutAValue() {
    assertThat(catchThrowable(() -> SmallOutputs.first(null)))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("value");
    assertThat(SmallOutputs.second(1L)).isEqualTo(new RawUnionValue(1, 1L));
  }
}
