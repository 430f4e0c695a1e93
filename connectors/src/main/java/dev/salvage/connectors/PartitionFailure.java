package dev.salvage.connectors;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;

/**
 * What a partition of a network source left unread when it could not be read to its end after its
 * retries: the run that met it is incomplete, and says so. The records read before the failure were
 * passed on and stay valid.
 *
 * @param source the configured source name
 * @param partition the partition as {@link PartitionedSource#partitions()} gave it (a calendar id,
 *     a Stripe {@code list/from/to} slice)
 * @param notRead what was not read, for the operator: the range, and the cursor or page after which
 *     reading stopped (e.g. {@code charges created 2026-01-01T00:00:00Z..2026-01-15T00:00:00Z older
 *     than ch_123})
 * @param read how many records of the partition were passed on before the failure
 * @param lastError the last error, naming the request and the server's answer; never a secret
 * @param resumable whether a rerun continues where this one stopped (a snapshot holds what was
 *     read) rather than reading the partition again from its start
 * @param rerun what a rerun does, for the operator, where {@code resumable} alone would promise
 *     what it cannot (a mail folder gone from the server), or null
 * @param note for a partition read to its end, what its reader said the operator should know though
 *     nothing failed ({@link RecordSink#note}); null for a failure
 */
public record PartitionFailure(
    String source,
    String partition,
    String notRead,
    long read,
    String lastError,
    boolean resumable,
    String rerun,
    String note)
    implements Serializable {
  public PartitionFailure {
    requireNonNull(source, "source");
    requireNonNull(partition, "partition");
    requireNonNull(notRead, "notRead");
    requireNonNull(lastError, "lastError");
  }

  /** A failure whose rerun does what {@code rerun} says. */
  public PartitionFailure(
      String source,
      String partition,
      String notRead,
      long read,
      String lastError,
      boolean resumable,
      String rerun) {
    this(source, partition, notRead, read, lastError, resumable, rerun, null);
  }

  /**
   * What the reader of a partition read to its end said of it: not a failure, it travels the same
   * way so that it reaches summary.json from whichever worker read the partition.
   */
  public static PartitionFailure readWithNote(
      String source, String partition, long read, String note) {
    requireNonNull(note, "note");
    return new PartitionFailure(source, partition, "nothing", read, "", true, null, note);
  }

  /** Whether this is no failure but a note of a partition read to its end. */
  public boolean isNote() {
    return note != null;
  }

  /** A failure whose rerun resumes it or reads it again from its start, as {@code resumable}. */
  public PartitionFailure(
      String source,
      String partition,
      String notRead,
      long read,
      String lastError,
      boolean resumable) {
    this(source, partition, notRead, read, lastError, resumable, null);
  }

  /** One line for the console and logs. */
  public String describe() {
    return "Source "
        + source
        + ": partition "
        + partition
        + " was not read to its end ("
        + read
        + " record(s) read); not read: "
        + notRead
        + "; last error: "
        // a message ending in a full stop is followed here by more of the sentence
        + (lastError.endsWith(".") ? lastError.substring(0, lastError.length() - 1) : lastError)
        + "; "
        + (rerun != null
            ? rerun
            : resumable
                ? "a rerun resumes where this one stopped"
                : "a rerun reads it again from its start");
  }
}
