package dev.salvage.connectors;

import java.util.Map;
import java.util.TreeMap;

/**
 * The retries of one partition's read against a server, by what they answered (HTTP 429, 503, no
 * answer), and the time waited before them: each retry is said on its own line as it happens, and a
 * run against a flaky server printed eighteen such lines and never a total. The Stripe and Google
 * Calendar readers count here and pass the totals to their sink when the partition ends, read or
 * not, so that the run's end and {@code summary.json} say them per source.
 */
public final class RetryTally {
  /** What the tally of the time waited says after its number. */
  public static final String WAITED = "ms waited before retries";

  private final Map<String, Long> byCause = new TreeMap<>();
  private long waitedMillis;

  /** Counts one retry after {@code status} (0: no answer), waited {@code waitedMillis} before. */
  public synchronized void retried(int status, long waitedMillis) {
    // a 200 retried carried a body that was not the answer (cut off, or a list without data)
    byCause.merge(
        status == 0
            ? "no answer (network error or timeout)"
            : status >= 200 && status < 300
                ? "a malformed answer (HTTP " + status + ")"
                : "HTTP " + status,
        1L,
        Long::sum);
    this.waitedMillis += Math.max(0, waitedMillis);
  }

  /**
   * Passes the counts to {@code sink} as tallies ({@code "2 retry(ies) after HTTP 429"}, {@code
   * "1500 ms waited before retries"}) and starts again from none.
   */
  public synchronized void tallyTo(RecordSink sink) {
    byCause.forEach((cause, count) -> sink.tally("retry(ies) after " + cause, count));
    if (!byCause.isEmpty()) {
      sink.tally(WAITED, waitedMillis);
    }
    byCause.clear();
    waitedMillis = 0;
  }
}
