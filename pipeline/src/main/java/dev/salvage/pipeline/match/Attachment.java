package dev.salvage.pipeline.match;

import static java.util.Objects.requireNonNull;

import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Link;

/**
 * An unlinked record on its way to the record it joins, with the link that explains why; {@code
 * link} is null for a piece proposed as a new entity on its own.
 */
record Attachment(ReconstructedRecord record, Link link) {
  Attachment {
    requireNonNull(record, "record");
  }
}
