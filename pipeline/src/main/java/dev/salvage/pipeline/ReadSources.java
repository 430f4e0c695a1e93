package dev.salvage.pipeline;

import static java.util.Objects.requireNonNull;

import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.RecordSink;
import dev.salvage.connectors.SourceReader;
import dev.salvage.connectors.SourceReaders;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
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

  /** One file to read: which source it belongs to and which reader reads it. */
  public record FileTask(String source, String type, String path) implements Serializable {
    public FileTask {
      requireNonNull(source, "source");
      requireNonNull(type, "type");
      requireNonNull(path, "path");
    }
  }

  private final List<FileTask> tasks;

  public ReadSources(List<FileTask> tasks) {
    this.tasks = List.copyOf(tasks);
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    PCollectionTuple read =
        begin
            .apply("ListFiles", Create.of(tasks).withCoder(SerializableCoder.of(FileTask.class)))
            .apply("SpreadFiles", Reshuffle.viaRandomKey())
            .apply(
                "ReadFile",
                ParDo.of(new ReadFileFn()).withOutputTags(RECORDS, TupleTagList.of(QUARANTINED)));
    read.get(RECORDS).setCoder(Coders.rawRecord());
    read.get(QUARANTINED).setCoder(Coders.quarantined());
    return read;
  }

  static final class ReadFileFn extends DoFn<FileTask, RawRecord> {
    @ProcessElement
    public void process(@Element FileTask task, MultiOutputReceiver out) {
      SourceReader reader = SourceReaders.forType(task.type());
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
      try {
        reader.read(Path.of(task.path()), task.source(), sink);
      } catch (IOException | RuntimeException e) {
        out.get(QUARANTINED)
            .output(
                new Quarantined(
                    task.source(),
                    task.path(),
                    "Cannot read " + task.path() + ": " + e.getMessage(),
                    ""));
      }
    }
  }
}
