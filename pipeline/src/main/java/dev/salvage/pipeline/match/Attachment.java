package dev.salvage.pipeline.match;

import static java.util.Objects.requireNonNull;

import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Link;

/**
 * An unlinked record on its way to the record it joins, with the link that explains why; {@code
 * link} is null for a piece proposed as a new entity on its own; {@code why} adds to the record's
 * reason what the link alone does not say (the partner a piece followed), null for most.
 */
record Attachment(ReconstructedRecord record, Link link, String why) {
  Attachment {
    requireNonNull(record, "record");
  }

  Attachment(ReconstructedRecord record, Link link) {
    this(record, link, null);
  }
}
