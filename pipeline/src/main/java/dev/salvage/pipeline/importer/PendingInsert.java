package dev.salvage.pipeline.importer;

import dev.salvage.pipeline.importer.ImportPlan.Step;
import dev.salvage.pipeline.importer.TargetMapping.ColumnMapping;
import java.util.List;

/**
 * An insert planned, waiting for the check of the key it takes from a field.
 *
 * @param toDefault the columns mapped from a field it leaves to their default, or NULL
 */
record PendingInsert(Approved record, String key, List<ColumnMapping> toDefault, Step step) {}
