package dev.salvage.pipeline.cli;

import dev.salvage.connectors.ListingProgress;
import dev.salvage.pipeline.stage.ProgressPrinter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What {@code salvage run} does before its job starts, for its progress line: the source and the
 * step of its preparation (listing its partitions, the checks of what its folders hold), with the
 * counts that move meanwhile: the files met walking its folders, the bytes of an mbox read for its
 * message starts, the files of one size compared. A big run prepared for minutes with nothing on
 * the console (152 s at 100k reservations, 12 minutes at 300k). Quiet for {@link #QUIET}, so a
 * small run's console is what it was. The preparing thread updates it; the printer's thread reads
 * it.
 */
final class PreparationActivity implements ProgressPrinter.Activity {
  /** How long a preparation goes before the line says anything of it. */
  static final Duration QUIET = Duration.ofSeconds(5);

  private final Clock clock;
  private final Instant begun;
  private final Consumer<String> stepTaken;
  private volatile String step;
  private volatile long filesMetBefore;
  private volatile long total;
  private final AtomicLong done = new AtomicLong();

  PreparationActivity() {
    this(Clock.systemUTC(), step -> {});
  }

  /**
   * @param stepTaken told each step as it begins
   */
  PreparationActivity(Clock clock, Consumer<String> stepTaken) {
    this.clock = clock;
    this.begun = clock.instant();
    this.stepTaken = stepTaken;
  }

  /** {@code whose} ("source mail", "the backup", "all sources") begins {@code what}. */
  void step(String whose, String what) {
    step(whose, what, 0);
  }

  /** {@code whose} begins {@code what}, {@code total} things of which {@link #done} counts. */
  void step(String whose, String what, long total) {
    String text = whose + ": " + what;
    filesMetBefore = ListingProgress.filesMet();
    this.total = total;
    done.set(0);
    step = text;
    stepTaken.accept(text);
  }

  /** One more of the step's things is done. */
  void done() {
    done.incrementAndGet();
  }

  @Override
  public Object step() {
    return Duration.between(begun, clock.instant()).compareTo(QUIET) < 0 ? null : step;
  }

  @Override
  public String describe(double secondsSinceLastLine) {
    String now = step;
    if (now == null) {
      return "Preparing: reading the run's configuration";
    }
    ListingProgress.Scan scan = ListingProgress.scan();
    if (scan != null) {
      boolean gigabytes = scan.size() >= 1L << 30;
      double unit = gigabytes ? 1L << 30 : 1L << 20;
      return String.format(
          "Preparing: %s (finding the messages of %s: %.1f of %.1f %s)",
          now, scan.file(), scan.done() / unit, scan.size() / unit, gigabytes ? "GB" : "MB");
    }
    long of = total;
    if (of > 0) {
      return String.format("Preparing: %s (%,d of %,d)", now, done.get(), of);
    }
    long met = ListingProgress.filesMet() - filesMetBefore;
    return met > 0
        ? String.format("Preparing: %s (%,d file(s) and folder(s) met so far)", now, met)
        : "Preparing: " + now;
  }
}
