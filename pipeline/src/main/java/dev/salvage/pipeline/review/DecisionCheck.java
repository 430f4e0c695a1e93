package dev.salvage.pipeline.review;

import dev.salvage.mappings.EditReader;
import dev.salvage.mappings.MappingException;
import dev.salvage.mappings.RunConfig;
import dev.salvage.pipeline.bundle.Decision;
import dev.salvage.pipeline.bundle.Decisions;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.RunLayout;
import dev.salvage.pipeline.bundle.RunSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The check the review's edit form makes, run on every line of {@code decisions.jsonl} when review
 * or import reads it: docs allow lines written by hand, and one that names no record of the run,
 * edits a field the record cannot have or a value its type does not read must not reach the import
 * as written. An edit that fits is applied in the canonical form the form would have stored.
 */
public final class DecisionCheck implements Decisions.LineCheck {
  /** The run's records by id; null for an id the run has none of. */
  @FunctionalInterface
  public interface Records {
    ReconstructedRecord find(String id) throws IOException;

    /** Whether the run has a record of this id, read more cheaply where a source can. */
    default boolean has(String id) throws IOException {
      return find(id) != null;
    }
  }

  private final RunModel model;
  private final Records records;

  DecisionCheck(RunModel model, Records records) {
    this.model = model;
    this.records = records;
  }

  /**
   * The check of a run's decisions, with the entity model and business of its run config; when its
   * mappings no longer load (import needs only the run config's head), with the entity model and
   * business alone, which read every type but a money amount in an integer field.
   */
  public static DecisionCheck of(RunLayout run, Records records) {
    RunModel model = RunModel.of(run);
    if (model.unavailable() != null) {
      try {
        String config = RunSummary.readOrEmpty(run.summaryJson()).config();
        if (config != null && Files.exists(Path.of(config))) {
          RunConfig.Basics basics = RunConfig.basics(Path.of(config));
          model =
              RunModel.of(
                  basics.entities().types().values(),
                  basics.business(),
                  "business.phone_region of " + basics.file());
        }
      } catch (IOException | MappingException e) {
        // the model stays unavailable: edits are checked against the record's fields only
      }
    }
    return new DecisionCheck(model, records);
  }

  @Override
  public Decision check(Decision decision) throws Decisions.Refused {
    if (decision.kind() != Decision.Kind.EDIT) {
      // an approve, reject or undo needs its record to exist, not its values: reading 25k records
      // from disk for them took seconds of the review server's start-up (trial 89)
      boolean has;
      try {
        has = records.has(decision.recordId());
      } catch (IOException e) {
        throw new Decisions.Refused(null, "its record cannot be read: " + e.getMessage());
      }
      if (!has) {
        throw Decisions.Refused.noRecord(decision.recordId());
      }
      return decision;
    }
    ReconstructedRecord record;
    try {
      record = records.find(decision.recordId());
    } catch (IOException e) {
      throw new Decisions.Refused(null, "its record cannot be read: " + e.getMessage());
    }
    if (record == null) {
      throw Decisions.Refused.noRecord(decision.recordId());
    }
    if (decision.kind() != Decision.Kind.EDIT) {
      return decision;
    }
    Map<String, String> canonical = new TreeMap<>();
    for (Map.Entry<String, String> edit : decision.edits().entrySet()) {
      try {
        // without the run's entity model a field the record lacks may still be a declared one
        // (a family name to fill in): only what is known to be wrong is kept out
        EditReader.Read read =
            model.unavailable() == null
                ? model.edit(record, edit.getKey(), edit.getValue())
                : model.edit(record.entity(), edit.getKey(), edit.getValue());
        canonical.put(edit.getKey(), read.value());
      } catch (RunModel.Refused e) {
        throw new Decisions.Refused(edit.getKey(), e.getMessage());
      }
    }
    return canonical.equals(decision.edits()) ? decision : decision.withEdits(canonical);
  }
}
