package dev.salvage.connectors;

/**
 * Where a reader puts what it reads. Readers stream: they call the sink once per record and never
 * hold a whole file in memory.
 */
public interface RecordSink {
  void accept(RawRecord record);

  void quarantine(Quarantined bad);
}
