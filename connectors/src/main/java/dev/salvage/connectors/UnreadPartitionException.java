package dev.salvage.connectors;

import static java.util.Objects.requireNonNull;

import java.io.IOException;

/**
 * Thrown by {@link PartitionedSource#read} when a partition of a network source cannot be read to
 * its end after its retries (the server kept failing, went away, or refused a request part-way). It
 * carries the {@link PartitionFailure}: the run must report the partition as not read and finish as
 * incomplete, not quarantine it as one bad record. Records passed to the sink before it was thrown
 * are valid.
 */
public class UnreadPartitionException extends IOException {
  private final PartitionFailure failure;

  public UnreadPartitionException(PartitionFailure failure, Throwable cause) {
    super(requireNonNull(failure, "failure").describe(), cause);
    this.failure = failure;
  }

  /** What was not read. */
  public PartitionFailure failure() {
    return failure;
  }
}
