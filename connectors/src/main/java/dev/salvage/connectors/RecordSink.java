package dev.salvage.connectors;

/**
 * Where a reader puts what it reads. Readers stream: they call the sink once per record and never
 * hold a whole file in memory.
 */
public interface RecordSink {
  /**
   * The {@link #tally} of the records passed on from a snapshot's pages an earlier fetch stored (a
   * resumed read replays them before fetching what follows): a fetch counts them as the earlier
   * fetch's, not as fetched now.
   */
  String REPLAYED = "record(s) replayed from what an earlier fetch stored";

  void accept(RawRecord record);

  void quarantine(Quarantined bad);

  /**
   * Sets aside {@code older}, a copy of a record the reader read fine and left out for another copy
   * of the same record it passed on (an event's older version in a merged export, or its exact
   * copy): a sink that keeps the run's accounting counts it as superseded, which no rule sees and
   * which is no unreadable record; any other sink quarantines it, as before. Until 2026-12-06 such
   * copies were quarantined, and a run said of an outside trial's 43 that they "could not be read
   * at all".
   */
  default void superseded(Quarantined older) {
    quarantine(older);
  }

  /**
   * Counts {@code count} of the records passed on that the operator is told of apart (customers a
   * Stripe listing named but did not list, fetched one by one): the fetch's line says them beside
   * its record count, so that records the listing alone would have left out are seen. {@code what}
   * says them after the number, plural ("customer(s) fetched by id, ..."). Ignored unless the sink
   * says something of them.
   */
  default void tally(String what, long count) {}

  /**
   * Says of the partition read to its end something the operator should know though nothing failed
   * (a backup table some of whose JSON objects lack keys its others have): a fetch keeps it in the
   * snapshot's manifest beside the partition. Ignored unless the sink keeps it; the reader says it
   * on the console itself.
   */
  default void note(String note) {}

  /**
   * Passes on {@code copy}, a record read again with every value of one read before at {@code
   * keptAt} (one file holding two exports, one after the other): a sink that keeps records once
   * counts it as a copy of that one, which no rule then sees; any other sink takes it as a record.
   */
  default void copy(RawRecord copy, String keptAt) {
    accept(copy);
  }
}
