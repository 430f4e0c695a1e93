package dev.salvage.pipeline.cli;

import dev.salvage.pipeline.stage.ProgressPrinter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What {@code salvage fetch} is doing, for its progress line: the source, the partition out of how
 * many, and the records fetched from the source with their rate. The fetch's thread updates it; the
 * progress printer's thread reads it.
 */
final class FetchActivity implements ProgressPrinter.Activity {
  private volatile String source;
  private volatile String partition;
  private volatile int partitionNumber;
  private volatile int partitions;
  private final AtomicLong records = new AtomicLong();
  private long recordsAtLastLine;

  /** A new source begins: its records are counted from zero. */
  void source(String name, int partitionCount) {
    partitions = partitionCount;
    partitionNumber = 0;
    partition = null;
    records.set(0);
    recordsAtLastLine = 0;
    source = name;
  }

  /** The fetch moves on to the next partition of the source. */
  void partition(String name) {
    partition = name;
    partitionNumber++;
  }

  void record() {
    records.incrementAndGet();
  }

  @Override
  public Object step() {
    return source;
  }

  @Override
  public String describe(double secondsSinceLastLine) {
    String name = source;
    if (name == null) {
      return "fetching: listing the sources";
    }
    long fetched = records.get();
    long rate = Math.round((fetched - recordsAtLastLine) / secondsSinceLastLine);
    recordsAtLastLine = fetched;
    String at = partition;
    return String.format(
        "fetching %s: partition %d of %d%s | %,d record(s) (%,d/s)",
        name, partitionNumber, partitions, at == null ? "" : " (" + at + ")", fetched, rate);
  }
}
