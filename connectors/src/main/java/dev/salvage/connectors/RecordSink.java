package dev.salvage.connectors;

/**
 * Where a reader puts what it reads. Readers stream: they call the sink once per record and never
 * hold a whole file in memory.
 */
public interface RecordSink {
  void accept(RawRecord record);

  void quarantine(Quarantined bad);

  /**
   * Counts {@code count} of the records passed on that the operator is told of apart (customers a
   * Stripe listing named but did not list, fetched one by one): the fetch's line says them beside
   * its record count, so that records the listing alone would have left out are seen. {@code what}
   * says them after the number, plural ("customer(s) fetched by id, ..."). Ignored unless the sink
   * says something of them.
   */
  default void tally(String what, long count) {}
}
