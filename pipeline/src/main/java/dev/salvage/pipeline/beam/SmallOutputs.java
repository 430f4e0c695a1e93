package dev.salvage.pipeline.beam;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.RawUnionValue;
import org.apache.beam.sdk.transforms.join.UnionCoder;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Two small outputs of a step whose main output is large (quarantined records and notes beside the
 * raw records read or used), carried as one output and split after it.
 *
 * <p>On Flink's batch translation a step with several outputs sends every element of every output
 * to the consumer of each output, which keeps those of its own: each output is one more copy of the
 * large one (146,450 raw records, 282 MB, per consumer at 10k; docs/performance.md). Carried as one
 * output, the small ones cost one copy of the large output together, and only their own elements go
 * on to the step that splits them.
 */
public final class SmallOutputs {
  private static final int FIRST = 0;
  private static final int SECOND = 1;

  private SmallOutputs() {}

  /** The coder of the one output carrying elements of {@code first} and of {@code second}. */
  public static UnionCoder coder(Coder<?> first, Coder<?> second) {
    return UnionCoder.of(List.of(first, second));
  }

  /** {@code value} as an element of the first of the two outputs. */
  public static RawUnionValue first(Object value) {
    return new RawUnionValue(FIRST, requireNonNull(value, "value"));
  }

  /** {@code value} as an element of the second of the two outputs. */
  public static RawUnionValue second(Object value) {
    return new RawUnionValue(SECOND, requireNonNull(value, "value"));
  }

  /**
   * {@code both} split into {@code first} and {@code second} (with their coders), a step named
   * {@code name}.
   */
  public static <A, B> PCollectionTuple split(
      PCollection<RawUnionValue> both,
      String name,
      TupleTag<A> first,
      Coder<A> firstCoder,
      TupleTag<B> second,
      Coder<B> secondCoder) {
    PCollectionTuple split =
        both.apply(
            name,
            ParDo.of(new SplitFn<>(first, second)).withOutputTags(first, TupleTagList.of(second)));
    split.get(first).setCoder(firstCoder);
    split.get(second).setCoder(secondCoder);
    return split;
  }

  private static final class SplitFn<A, B> extends DoFn<RawUnionValue, A> {
    private final TupleTag<A> first;
    private final TupleTag<B> second;

    SplitFn(TupleTag<A> first, TupleTag<B> second) {
      this.first = first;
      this.second = second;
    }

    @SuppressWarnings("unchecked")
    @ProcessElement
    public void process(@Element RawUnionValue element, MultiOutputReceiver out) {
      if (element.getUnionTag() == FIRST) {
        out.get(first).output((A) element.getValue());
      } else {
        out.get(second).output((B) element.getValue());
      }
    }
  }
}
