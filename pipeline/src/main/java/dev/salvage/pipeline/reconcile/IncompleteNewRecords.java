package dev.salvage.pipeline.reconcile;

import dev.salvage.mappings.LinkingSettings;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import java.util.List;

/**
 * Flags a NEW record that lacks a field its type's {@code new_entity} names: the fields the entity
 * model asks of evidence before it stands as a new entity (a hire's van and collection time). A
 * record identified by a key clears no such bar: an outside trial's three hires known only by a
 * Stripe charge's reference (reference, email, name) came out NEW, confidence 1.0, unflagged, and
 * only the target's NOT NULL columns kept them out of the import. Checked on the records as
 * written, after matching and resolving, so evidence attached to a keyed record (its calendar
 * event) counts.
 */
public final class IncompleteNewRecords {
  /**
   * Where a reason says the record's evidence is too little for a new entity: import recognises
   * such records by it, as records whose existence is in doubt.
   */
  public static final String TOO_LITTLE = "(linking.new_entity of the entity model)";

  private IncompleteNewRecords() {}

  /** The {@code new_entity} fields {@code record} lacks: none unless it is NEW. */
  static List<String> lacking(ReconstructedRecord record, LinkingSettings linking) {
    if (record.action() != Action.NEW || linking == null) {
      return List.of();
    }
    return linking.newEntity().stream().filter(field -> record.value(field) == null).toList();
  }

  /** {@code record} flagged saying what it lacks, or itself when it lacks nothing. */
  static ReconstructedRecord flagged(ReconstructedRecord record, LinkingSettings linking) {
    List<String> lacking = lacking(record, linking);
    if (lacking.isEmpty()) {
      return record;
    }
    return record.toBuilder()
        .flag()
        // a flagged record's confidence, as the merger gives it: one a person has to confirm
        .confidence(Math.min(record.confidence(), 0.5))
        .addReason(
            "lacks "
                + String.join(", ", lacking)
                + ", which a new "
                + record.entity()
                + " needs "
                + TOO_LITTLE
                + ": its evidence says too little to"
                + " import it as it is; complete it in review, or check whether it is part of"
                + " another "
                + record.entity())
        .build();
  }

  /** Applies {@link #flagged} to every record, with the entity model of the run. */
  public static final class Fn extends EntityModelFn<ReconstructedRecord, ReconstructedRecord> {
    public Fn(MergeSettings settings) {
      super(settings);
    }

    @ProcessElement
    public void process(
        @Element ReconstructedRecord record, OutputReceiver<ReconstructedRecord> out) {
      out.output(flagged(record, model().linking(record.entity())));
    }
  }
}
