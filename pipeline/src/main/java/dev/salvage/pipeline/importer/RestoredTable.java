package dev.salvage.pipeline.importer;

import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.importer.TargetMapping.TableMapping;
import java.util.List;
import java.util.Objects;

/**
 * A mapped table and the run's records read from its rows in the backup: a child whose parent's
 * natural key is nowhere finds through them the row the backup's key names.
 */
record RestoredTable(TableMapping table, List<ReconstructedRecord> records) {
  RestoredTable {
    Objects.requireNonNull(table, "table");
    records = List.copyOf(records);
  }
}
