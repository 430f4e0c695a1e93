package dev.salvage.connectors;

import java.io.IOException;
import java.io.Serializable;
import java.util.Collection;
import java.util.List;

/**
 * A source read in independent pieces, each by one pipeline task: the files of a directory, the
 * created-time slices of a Stripe account, the folders of a mailbox, the calendars of an account.
 *
 * <p>{@link #partitions()} runs once, at the command-line edge, before the pipeline starts (it may
 * call the remote system to list what there is); {@link #read} runs on workers, possibly in another
 * JVM, so implementations carry only serializable configuration and open their clients inside
 * {@code read}. Secrets are never fields: implementations carry the name of the environment
 * variable or file holding them and resolve it in {@code read}.
 */
public interface PartitionedSource extends Serializable {
  /** The configured source name, copied into every record. */
  String sourceName();

  /**
   * The pieces to read, as opaque strings that {@link #read} understands.
   *
   * @throws InvalidSourceException when what the remote system holds shows the configuration is
   *     wrong (a configured folder that does not exist): a configuration error, like a bad option
   * @throws IOException when the listing itself fails (network, login)
   */
  List<String> partitions() throws IOException, InvalidSourceException;

  /**
   * The files of the source's path its {@code include} and {@code exclude} globs leave out, for the
   * run to count and name; empty for a source that reads no files or reads them all.
   */
  default List<java.nio.file.Path> filesLeftOut() throws IOException {
    return List.of();
  }

  /**
   * {@link #partitions()} for a fetch resuming into a snapshot, given the partitions the earlier
   * fetch into it listed: a source may keep one of those that the remote system no longer has (a
   * mail folder deleted since), for {@link #read} to report as gone, where the configuration was
   * refused and the rerun fetched nothing. The same as {@link #partitions()} unless the source says
   * otherwise.
   */
  default List<String> partitions(Collection<String> listedBefore)
      throws IOException, InvalidSourceException {
    return partitions();
  }

  /**
   * Whether the run's summary counts the records read from each partition: for pieces an operator
   * counts on the remote system to compare with (the folders of a mailbox, the calendars of an
   * account), not for files or time slices, of which there may be thousands.
   */
  default boolean countsReadPerPartition() {
    return false;
  }

  /**
   * Streams one piece into the sink; quarantines bad records and carries on.
   *
   * @throws UnreadPartitionException when a piece read over the network stops part-way (or cannot
   *     be read at all) after its retries: it carries what was not read; the records passed on
   *     before stay valid, and the run is incomplete
   * @throws IOException when the piece as a whole cannot be read
   */
  void read(String partition, RecordSink sink) throws IOException;

  /**
   * {@code partition} said for the operator (a Stripe slice's list and created-time range, a
   * calendar's id), for a fetch's snapshot manifest and the run that reports a partition the fetch
   * left unfetched; the partition string itself unless the source knows better.
   */
  default String describe(String partition) {
    return partition;
  }

  /**
   * What a read of {@code partition} waits for when nothing arrives (the server and the command's
   * timeout: "imap.example.com:993 to answer for folder INBOX; read timeout 300 s"), for a fetch's
   * progress line once nothing has arrived for a while; null when the source does not say.
   */
  default String awaited(String partition) {
    return null;
  }

  /**
   * The file, relative to {@code snapshot_dir}, by which the snapshot of {@code partition} says
   * itself whether its fetch finished (a calendar folder's {@code fetch-state.json}), or null. The
   * file reader of the snapshot reports such a partition when its fetch did not finish; a run then
   * leaves it to that file, so that the partition is not reported twice.
   */
  default String snapshotMark(String partition) {
    return null;
  }

  /**
   * Decides how the files among {@code partitions} holding text of uncertain encoding (exports
   * saved by a spreadsheet) are to be read, once, at the command-line edge, before anything is
   * read: a note for each one read in an encoding assumed or with bytes not valid in its encoding,
   * for the run to say at its end. {@link #read} decides the same again from the same bytes.
   *
   * @throws InvalidSourceException when a file must not be read before its encoding is declared (a
   *     file not UTF-8 whose bytes are text in a double-byte encoding): a configuration error
   * @throws IOException when a file cannot be read to decide
   */
  default List<DecodingNote> checkEncodings(List<String> partitions)
      throws IOException, InvalidSourceException {
    return List.of();
  }
}
