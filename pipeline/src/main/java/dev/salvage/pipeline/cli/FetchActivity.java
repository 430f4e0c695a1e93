package dev.salvage.pipeline.cli;

import dev.salvage.pipeline.stage.ProgressPrinter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What {@code salvage fetch} is doing, for its progress line: the source, the partition out of how
 * many, and the records fetched from the source with their rate; once nothing has arrived for
 * {@link #QUIET} it says what the fetch waits for and since when. The fetch's thread updates it;
 * the progress printer's thread reads it.
 */
final class FetchActivity implements ProgressPrinter.Activity {
  /**
   * How long nothing may arrive before the line says what is awaited: a server gone silent mid-read
   * showed "0 record(s) (0/s)" for the whole read timeout (300 s by default) with no hint.
   */
  static final Duration QUIET = Duration.ofSeconds(30);

  private final Clock clock;
  private volatile String source;
  private volatile String partition;
  private volatile int partitionNumber;
  private volatile int partitions;
  private final AtomicLong records = new AtomicLong();
  private long recordsAtLastLine;
  private volatile String awaited;
  private volatile Instant lastArrival;

  FetchActivity() {
    this(Clock.systemDefaultZone());
  }

  FetchActivity(Clock clock) {
    this.clock = clock;
  }

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
    partition(name, null);
  }

  /**
   * The fetch moves on to the next partition of the source, whose read waits for {@code awaited}
   * (what the source says of it, e.g. "imap.example.com:993 to answer for folder INBOX; read
   * timeout 300 s"), or null when the source does not say.
   */
  void partition(String name, String awaited) {
    this.awaited = awaited;
    lastArrival = clock.instant();
    partition = name;
    partitionNumber++;
  }

  void record() {
    records.incrementAndGet();
    lastArrival = clock.instant();
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
            name, partitionNumber, partitions, at == null ? "" : " (" + at + ")", fetched, rate)
        + quiet();
  }

  /** "| nothing for 45 s: waiting for ... (since 06:37:12)" once nothing arrived for QUIET. */
  private String quiet() {
    Instant since = lastArrival;
    if (since == null) {
      return "";
    }
    Duration silent = Duration.between(since, clock.instant());
    if (silent.compareTo(QUIET) < 0) {
      return "";
    }
    String what = awaited;
    return " | nothing for "
        + silent.toSeconds()
        + " s: waiting for "
        + (what == null ? "the source to answer" : what)
        + " (since "
        + LocalTime.ofInstant(since, clock.getZone()).truncatedTo(ChronoUnit.SECONDS)
        + ")";
  }
}
