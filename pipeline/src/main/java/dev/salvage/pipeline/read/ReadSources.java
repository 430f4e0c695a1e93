package dev.salvage.pipeline.read;

import static java.util.Objects.requireNonNull;

import dev.salvage.connectors.PartitionFailure;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.RecordSink;
import dev.salvage.connectors.UnreadPartitionException;
import dev.salvage.connectors.io.ListedFile;
import dev.salvage.pipeline.beam.Coders;
import dev.salvage.pipeline.beam.Counts;
import dev.salvage.pipeline.beam.SmallOutputs;
import dev.salvage.pipeline.bundle.RunSummary;
import dev.salvage.pipeline.stage.StageRegistry;
import java.io.EOFException;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.join.RawUnionValue;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Reads every partition of every source into raw records, one partition per task so that they are
 * read in parallel. What a reader cannot parse is quarantined record by record. A partition that
 * stops part-way (its server went away after the retries, a file ends in an I/O error) does not
 * fail the job: it becomes a {@link PartitionFailure} on {@link #NOT_READ}, the records read before
 * it stay, the other partitions are read to their end, and the run reports itself incomplete.
 */
public final class ReadSources extends PTransform<PBegin, PCollectionTuple> {
  public static final TupleTag<RawRecord> RECORDS = new TupleTag<>() {};
  public static final TupleTag<Quarantined> QUARANTINED = new TupleTag<>() {};

  /**
   * The partitions not read to their end, one element each, and the notes of partitions read to
   * their end ({@link PartitionFailure#isNote}): one output rather than two, as every output of the
   * read is one more consumer in Flink's plan.
   */
  public static final TupleTag<PartitionFailure> NOT_READ = new TupleTag<>() {};

  /**
   * {@link #QUARANTINED} and {@link #NOT_READ}, few, as one output of the read ({@link
   * SmallOutputs}).
   */
  private static final TupleTag<RawUnionValue> NOTES = new TupleTag<>() {};

  /**
   * One partition of one source to read.
   *
   * @param listed the file the partition is, as the run listed it, read up to that size; null for a
   *     partition that is not one whole file
   */
  public record ReadTask(PartitionedSource source, String partition, ListedFile listed)
      implements Serializable {
    public ReadTask {
      requireNonNull(source, "source");
      requireNonNull(partition, "partition");
    }

    /** The task of {@code partition}, a file's size and modification time taken now. */
    public static ReadTask listed(PartitionedSource source, String partition) {
      return new ReadTask(source, partition, ListedFile.of(partition).orElse(null));
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
                ParDo.of(new ReadPartitionFn()).withOutputTags(RECORDS, TupleTagList.of(NOTES)));
    read.get(RECORDS).setCoder(Coders.rawRecord());
    Coder<PartitionFailure> failureCoder = SerializableCoder.of(PartitionFailure.class);
    read.get(NOTES).setCoder(SmallOutputs.coder(Coders.quarantined(), failureCoder));
    PCollectionTuple notes =
        SmallOutputs.split(
            read.get(NOTES),
            "SplitReadNotes",
            QUARANTINED,
            Coders.quarantined(),
            NOT_READ,
            failureCoder);
    return PCollectionTuple.of(RECORDS, read.get(RECORDS))
        .and(QUARANTINED, notes.get(QUARANTINED))
        .and(NOT_READ, notes.get(NOT_READ));
  }

  static final class ReadPartitionFn extends DoFn<ReadTask, RawRecord> {
    @ProcessElement
    public void process(@Element ReadTask task, MultiOutputReceiver out) {
      long[] read = {0};
      RecordSink sink =
          new RecordSink() {
            @Override
            public void accept(RawRecord record) {
              read[0]++;
              // the progress line's count, here where it is read (see StageRegistry.recordRead)
              StageRegistry.recordRead(record.source());
              out.get(RECORDS).output(record);
            }

            @Override
            public void quarantine(Quarantined bad) {
              read[0]++;
              out.get(NOTES).output(SmallOutputs.first(bad));
            }

            @Override
            public void superseded(Quarantined older) {
              // read fine, and left out for a newer copy of the same record the reader passed
              // on: neither unreadable nor a record a rule sees, so counted apart; the reader's
              // note says where they are
              read[0]++;
              Counts.add("source." + older.source() + ".read", 1);
              Counts.add("source." + older.source() + ".superseded", 1);
            }

            @Override
            public void note(String note) {
              // said on the console by the worker, which on a cluster is not the operator's
              out.get(NOTES)
                  .output(
                      SmallOutputs.second(
                          PartitionFailure.readWithNote(
                              task.source().sourceName(), task.partition(), read[0], note)));
            }

            @Override
            public void tally(String what, long count) {
              // fetch says these beside its record count; a run said nothing of them (the
              // customers a Stripe listing did not list, a snapshot read instead of the server)
              Counts.add(RunSummary.TALLY + task.source().sourceName() + "." + what, count);
            }

            @Override
            public void copy(RawRecord copy, String keptAt) {
              // read, and accounted for as a copy as mail copies are, rather than by the rules
              // that never see it
              read[0]++;
              Counts.add("source." + copy.source() + ".read", 1);
              Counts.add(MailCopies.copiesCounter(copy.source(), copy.source()), 1);
            }
          };
      // named on the console's progress line until records are counted (embedded Flink only: on
      // a cluster this JVM is not the client's)
      StageRegistry.partitionBegun(task.source().sourceName(), task.partition());
      try {
        if (task.listed() == null) {
          task.source().read(task.partition(), sink);
        } else {
          task.listed().readAsListed(() -> task.source().read(task.partition(), sink));
          Optional<ListedFile.Change> change = task.listed().changeSince();
          if (change.isPresent()) {
            // what was read is all the run can vouch for; a file's end met silently lost mail
            out.get(NOTES)
                .output(
                    SmallOutputs.second(
                        new PartitionFailure(
                            task.source().sourceName(),
                            task.partition(),
                            change.get().notRead(),
                            read[0],
                            change.get().reason(),
                            false)));
          }
        }
      } catch (UnreadPartitionException e) {
        out.get(NOTES).output(SmallOutputs.second(e.failure()));
      } catch (IOException | RuntimeException e) {
        out.get(NOTES).output(SmallOutputs.second(failure(task, read[0], e)));
      } finally {
        StageRegistry.partitionEnded(task.source().sourceName(), task.partition());
        if (task.source().countsReadPerPartition()) {
          Counts.add(
              RunSummary.readInPartitionCounter(task.source().sourceName(), task.partition()),
              read[0]);
        }
      }
    }

    /** A partition whose reader gave up without saying what it left: the rest of it. */
    static PartitionFailure failure(ReadTask task, long read, Exception e) {
      return new PartitionFailure(
          task.source().sourceName(),
          task.partition(),
          read == 0
              ? "all of it"
              : "what follows the first " + read + " record(s) (the reader stopped there)",
          read,
          describe(task.partition(), e),
          false);
    }

    /** What failed, in words: a file system exception's message is often the path alone. */
    static String describe(String partition, Exception e) {
      if (e instanceof NoSuchFileException missing && unnameable(missing.getFile())) {
        // the listing decoded bytes that are not text in the file-system encoding as U+FFFD, and
        // a name holding those names no file
        return "Cannot read "
            + missing.getFile()
            + ": its name is not valid in the file-system encoding ("
            + System.getProperty("sun.jnu.encoding", "unknown")
            + "; each \uFFFD stands for bytes that are not text in it), so it cannot be opened"
            + " by that name; rename the file (convmv, or mv from a shell that names it) and"
            + " run again";
      }
      if (e instanceof FileSystemException failed
          && failed.getReason() != null
          && failed.getReason().startsWith("Too many levels of symbolic links")) {
        return "Cannot read "
            + failed.getFile()
            + ": it is a symbolic link in a cycle of links (it leads, through links, back to"
            + " itself), so it leads to no file; point it at the file it stands for, or leave it"
            + " out with the source's exclude";
      }
      if (e instanceof NoSuchFileException) {
        // the client listed it, so it existed there: on a cluster the likeliest cause is a
        // TaskManager that does not see the client's files, which the first two did not name
        return "Cannot read "
            + e.getMessage()
            + ": no such file (a symbolic link whose target is missing, a file removed since"
            + " the run listed it, or, on a Flink cluster, a path the TaskManager reading it does"
            + " not have: input files must be at the same path on the client and every"
            + " TaskManager)";
      }
      if (e instanceof AccessDeniedException) {
        return "Cannot read " + e.getMessage() + ": permission denied";
      }
      if (e instanceof EOFException
          && "Unexpected end of ZLIB input stream".equals(e.getMessage())) {
        return "Cannot read "
            + partition
            + " to its end: the gzip data stops early (the file is truncated); what came before"
            + " was read";
      }
      if (e instanceof ZipException) {
        // a stream that starts as gzip and breaks further on: the inflater's words alone ("invalid
        // code lengths set") named neither the file nor what is wrong with it
        return "Cannot read "
            + partition
            + ": it is not valid gzip data ("
            + e.getMessage()
            + "): the file is damaged (a copy that failed?) or only starts like gzip; what came"
            + " before the damage was read. Get a sound copy, or leave it out with the source's"
            + " exclude";
      }
      return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static boolean unnameable(String file) {
      return file != null && file.indexOf('\uFFFD') >= 0;
    }
  }
}
