package dev.salvage.pipeline.importer;

import dev.salvage.pipeline.bundle.ReconstructedRecord;
import java.util.Map;
import java.util.Set;

/** An approved record with its values after the operator's edits. */
record Approved(ReconstructedRecord record, Map<String, String> values, Set<String> edited) {}
