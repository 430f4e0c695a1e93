package dev.salvage.pipeline.read;

import static java.util.Objects.requireNonNull;

import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.RecordSink;
import dev.salvage.pipeline.beam.Coders;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Reads every input file of every source into raw records, one file per task so that files are read
 * in parallel. A file that cannot be read at all is quarantined as a whole, with the reason; the
 * run goes on with the rest.
 */
public final class ReadSources extends PTransform<PBegin, PCollectionTuple> {
  public static final TupleTag<RawRecord> RECORDS = new TupleTag<>() {};
  public static final TupleTag<Quarantined> QUARANTINED = new TupleTag<>() {};

  /** One partition of one source to read. */
  public record ReadTask(PartitionedSource source, String partition) implements Serializable {
    public ReadTask {
      requireNonNull(source, "source");
      requireNonNull(partition, "partition");
    }
  }

  private final List<ReadTask> tasks;

  public ReadSources(List<ReadTask> tasks) {
    this.tasks = List.copyOf(tasks);
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    PCollectionTuple read =
        begin
            .apply(
                "ListPartitions", Create.of(tasks).withCoder(SerializableCoder.of(ReadTask.class)))
            .apply("SpreadPartitions", Reshuffle.viaRandomKey())
            .apply(
                "ReadPartition",
                ParDo.of(new ReadPartitionFn())
                    .withOutputTags(RECORDS, TupleTagList.of(QUARANTINED)));
    read.get(RECORDS).setCoder(Coders.rawRecord());
    read.get(QUARANTINED).setCoder(Coders.quarantined());
    return read;
  }

  static final class ReadPartitionFn extends DoFn<ReadTask, RawRecord> {
    @ProcessElement
    public void process(@Element ReadTask task, MultiOutputReceiver out) {
      RecordSink sink =
          new RecordSink() {
            @Override
            public void accept(RawRecord record) {
              out.get(RECORDS).output(record);
            }

            @Override
            public void quarantine(Quarantined bad) {
              out.get(QUARANTINED).output(bad);
            }
          };
      String source = task.source().sourceName();
      try {
        task.source().read(task.partition(), sink);
      } catch (IOException | RuntimeException e) {
        out.get(QUARANTINED)
            .output(
                new Quarantined(
                    source,
                    task.partition(),
                    "Cannot read "
                        + task.partition()
                        + " of source "
                        + source
                        + ": "
                        + e.getMessage(),
                    ""));
      }
    }
  }
}
