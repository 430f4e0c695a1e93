package dev.salvage.mappings;

/**
 * What conditions are tested on: a record being mapped ({@link RecordContext}) or an entity's
 * merged fields ({@link EntityFields}). Both know the run's moments.
 */
interface Subject {
  TimeAnchors anchors();
}
