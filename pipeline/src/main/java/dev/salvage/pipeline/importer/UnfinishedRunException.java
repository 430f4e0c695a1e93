package dev.salvage.pipeline.importer;

/**
 * The run directory's last run did not finish ({@code RUN-NOT-FINISHED}): plan refuses it before
 * reading anything, as review does, and with the same exit code (2, as for a bad argument: the
 * directory given is not a run's result to act on).
 */
public final class UnfinishedRunException extends ImportRefusedException {
  private static final long serialVersionUID = 1L;

  public UnfinishedRunException(String message) {
    super(message);
  }
}
