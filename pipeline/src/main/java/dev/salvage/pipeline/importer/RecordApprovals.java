package dev.salvage.pipeline.importer;

import dev.salvage.pipeline.bundle.Decision;
import dev.salvage.pipeline.bundle.Decisions;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import dev.salvage.pipeline.bundle.VersionChanges;
import dev.salvage.pipeline.importer.TargetMapping.ColumnMapping;
import dev.salvage.pipeline.importer.TargetMapping.Policy;
import dev.salvage.pipeline.importer.TargetMapping.TableMapping;
import dev.salvage.pipeline.reconcile.IncompleteNewRecords;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which records the plan takes, by the operator's decisions and the target mapping's policy: each
 * record kept out with the clause that keeps it out and why, and what the review's rejections and
 * edits of parent records tell their children.
 */
final class RecordApprovals {
  private final TargetMapping mapping;
  private final Policy policy;
  private final Decisions decisions;
  private final Set<String> unsettled;
  // records holding the keys of a decided record the run lacks, by their id
  private final Map<String, Decisions.Held> held;
  private final EarlierRuns earlier;
  private final Path run;
  private final NewRowNeeds needs;
  // evidence ref -> the NEW records in doubt it made, each with why (see doubtedPieces)
  private Map<String, Map<String, String>> doubted = Map.of();

  /**
   * @param records the run's records: the evidence of those in doubt is found among them
   */
  RecordApprovals(
      TargetMapping mapping,
      Policy policy,
      Decisions decisions,
      Set<String> unsettled,
      Map<String, Decisions.Held> held,
      EarlierRuns earlier,
      Path run,
      NewRowNeeds needs,
      List<ReconstructedRecord> records) {
    this.mapping = mapping;
    this.policy = policy;
    this.decisions = decisions;
    this.unsettled = unsettled;
    this.held = held;
    this.earlier = earlier;
    this.run = run;
    this.needs = needs;
    // made with refusal(), while no record is in doubt yet: only rejections and flags count
    this.doubted = doubtedPieces(records);
  }

  /** What kept records out of the plan: each clause of the policy, then the target. */
  enum Clause {
    UNSETTLED("its latest decision line is not applied (listed under Decisions not applied)"),
    REJECTED("rejected by a decision"),
    STALE_DECISION("decided on another version of the record (review it again)"),
    EARLIER_RUN(
        "rejected or edited in another run directory whose imports the target holds (carry its"
            + " decisions)"),
    UNCHANGED("unchanged (nothing to write)"),
    CONFLICT("conflict (needs an explicit approve)"),
    FLAGGED("flagged for review (needs an explicit approve)"),
    DOUBTED("evidence only of records in doubt (needs an explicit approve)"),
    LACKING("new, lacking a value its row needs (needs an explicit approve)"),
    ACTION("action not in policy.approve"),
    CONFIDENCE("confidence below policy.min_confidence"),
    PRESENT("already in the target (present, or up to date)"),
    TARGET("by the target (missing parent, no value, duplicate, ...: listed below)");

    final String label;

    Clause(String label) {
      this.label = label;
    }
  }

  /** A record the policy keeps out, with the clause that does and the reason. */
  record Refusal(Clause clause, String reason) {}

  /**
   * Why a record is not approved, or null when it is. Without a decision, the policy approves a
   * record that is not flagged, whose action it lists, and whose confidence is at least its
   * min_confidence: "not flagged, at least X".
   */
  Refusal refusal(ReconstructedRecord record) {
    if (unsettled.contains(record.id())) {
      return new Refusal(
          Clause.UNSETTLED,
          "its latest decision line is not applied (see Decisions not applied): fix or remove"
              + " that line, or decide the record again in salvage review");
    }
    Decisions.Held heldBack = held.get(record.id());
    if (heldBack != null) {
      // the rerun renamed the record an operator decided: as undecided, the policy would import a
      // record someone rejected
      return new Refusal(Clause.STALE_DECISION, heldBack.describe());
    }
    Decision decision = decisions.forRecord(record.id()).orElse(null);
    if (decision != null && !decision.madeOn(record)) {
      VersionChanges changes = VersionChanges.since(decision, record);
      if (decision.approves() && changesNothingWritten(record.entity(), changes)) {
        // the rows written are the same as the approved version's: asking again for a change the
        // target never sees (a source adding a field) voided 33 approvals in an outside trial.
        // Never a rejection: kept in force it would stay out, but said nothing about the new values
        return null;
      }
      // the run was made again into this directory and the record came out otherwise: an approval
      // of other values, or a rejection of them, says nothing of these
      String reason =
          decision.kind().json()
              + (decision.who() == null ? "" : " by " + decision.who())
              + (decision.at() == null ? "" : " at " + decision.at())
              + " was made on another version of this record (the run was made again since):"
              + " review it again; changed since: "
              + changes.describe();
      return new Refusal(Clause.STALE_DECISION, reason);
    }
    if (decision != null) {
      if (decision.approves()) {
        return null;
      }
      return new Refusal(
          Clause.REJECTED,
          "rejected"
              + (decision.who() == null ? "" : " by " + decision.who())
              + (decision.reason().isEmpty() ? "" : ": " + decision.reason()));
    }
    // before the policy's clauses: an operator's word, though given in another directory, is not
    // the policy's to overrule
    String decidedElsewhere = earlier.keptOut(record, run);
    if (decidedElsewhere != null) {
      return new Refusal(Clause.EARLIER_RUN, decidedElsewhere);
    }
    if (record.action() == Action.UNCHANGED) {
      return new Refusal(Clause.UNCHANGED, "unchanged: the target already has it");
    }
    if (record.action() == Action.CONFLICT) {
      return new Refusal(Clause.CONFLICT, "conflict: needs an explicit approve");
    }
    if (record.flagged()) {
      return new Refusal(Clause.FLAGGED, "flagged for review: needs an explicit approve");
    }
    String doubt = onlyEvidenceOfDoubted(record);
    if (doubt != null) {
      return new Refusal(Clause.DOUBTED, doubt);
    }
    String lacking = needs.lacking(record);
    if (lacking != null) {
      return new Refusal(Clause.LACKING, lacking);
    }
    if (!policy.approve().contains(record.action())) {
      return new Refusal(
          Clause.ACTION,
          "the policy does not approve " + record.action() + " records: needs an explicit approve");
    }
    if (record.confidence() < policy.minConfidence()) {
      return new Refusal(
          Clause.CONFIDENCE,
          "confidence "
              + record.confidence()
              + " is below the policy's "
              + policy.minConfidence()
              + ": needs an explicit approve");
    }
    return null;
  }

  /**
   * Whether a record decided on another version changed only in fields the mapping reads nowhere,
   * its action the same: what the decision approved is what would be written. A decision that kept
   * no values cannot tell, and is not kept.
   */
  private boolean changesNothingWritten(String entity, VersionChanges changes) {
    if (!changes.known() || changes.actionChanged() || changes.fields().isEmpty()) {
      return false;
    }
    Set<String> read = mapping.fieldsRead(entity);
    return changes.fieldNames().stream().noneMatch(read::contains);
  }

  /**
   * The evidence of NEW records whose very existence is in doubt, by evidence ref: each such
   * record's id with why. A record is in doubt when a decision rejects it, or when its evidence
   * says too little to stand as a new entity ({@link IncompleteNewRecords}): spam quoting a made-up
   * reference, a mail misread as a booking. A flag about one of its values (a stale price, two
   * values of one rule, a misread name) doubts the value, not the record, and does not count.
   */
  private Map<String, Map<String, String>> doubtedPieces(List<ReconstructedRecord> records) {
    Map<String, Map<String, String>> pieces = new HashMap<>();
    for (ReconstructedRecord record : records) {
      if (record.action() != Action.NEW) {
        continue;
      }
      Refusal refusal = refusal(record);
      String why =
          refusal != null && refusal.clause() == Clause.REJECTED
              ? "rejected"
              : refusal != null
                      && refusal.clause() == Clause.FLAGGED
                      && record.reasons().stream()
                          .anyMatch(reason -> reason.contains(IncompleteNewRecords.TOO_LITTLE))
                  ? "its evidence says too little for a new " + record.entity()
                  : null;
      if (why == null) {
        continue;
      }
      for (ReconstructedRecord.Evidence evidence : record.evidence()) {
        pieces.computeIfAbsent(evidence.ref(), r -> new TreeMap<>()).put(record.id(), why);
      }
    }
    return pieces;
  }

  /**
   * Why a NEW record the policy would import is in doubt with the records its evidence made, or
   * null: every piece of its evidence made a record in doubt too, so nothing of its own says it
   * exists. The spam mails of an outside trial (52) made four flagged appointments and, from the
   * same mails, a customer unflagged at confidence 1.0. A record with one piece of its own, or
   * whose other records are in doubt only about a value, is not in doubt.
   */
  private String onlyEvidenceOfDoubted(ReconstructedRecord record) {
    if (record.action() != Action.NEW || record.evidence().isEmpty()) {
      return null;
    }
    List<String> named = doubtedWith(record);
    if (named == null) {
      return null;
    }
    return "in doubt with the records its evidence made: every one of its "
        + record.evidence().size()
        + " piece(s) of evidence also made "
        + String.join(", ", named.subList(0, Math.min(5, named.size())))
        + (named.size() > 5 ? " and " + (named.size() - 5) + " more" : "")
        + "; nothing else says this "
        + record.entity()
        + " exists (spam, or a mail misread as a booking, makes such records): needs an explicit"
        + " approve";
  }

  /**
   * The records in doubt (each with why) that every piece of {@code record}'s evidence also made,
   * or null when a piece made no other.
   */
  List<String> doubtedWith(ReconstructedRecord record) {
    Map<String, String> others = new TreeMap<>();
    for (ReconstructedRecord.Evidence evidence : record.evidence()) {
      Map<String, String> made = new TreeMap<>(doubted.getOrDefault(evidence.ref(), Map.of()));
      made.remove(record.id());
      if (made.isEmpty()) {
        return null;
      }
      others.putAll(made);
    }
    List<String> named = new ArrayList<>();
    others.forEach((id, why) -> named.add(id + " (" + why + ")"));
    return named;
  }

  /**
   * Per mapped table, the natural key values an operator edited in review, lowered, each with what
   * happened: a child still naming the old value finds no parent, and its "missing parent" says
   * which edit left it behind (an outside trial's edited member email kept the member's bookings
   * and invoices out, naming only the old email).
   */
  Map<String, Map<String, String>> editedNaturalKeys(Map<String, List<Approved>> byEntity) {
    Map<String, Map<String, String>> edited = new HashMap<>();
    for (TableMapping table : mapping.tables()) {
      // no lookup finds a parent by a key of several columns: nothing to tell its children
      ColumnMapping natural = table.compositeNaturalKey() ? null : table.column(table.naturalKey());
      String field = natural == null ? null : natural.field();
      if (field == null) {
        continue;
      }
      for (Approved approved : byEntity.getOrDefault(table.entity(), List.of())) {
        ReconstructedRecord.FieldValue before = approved.record().fields().get(field);
        String now = approved.values().get(field);
        if (!approved.edited().contains(field)
            || before == null
            || before.value() == null
            || before.value().equalsIgnoreCase(String.valueOf(now))) {
          continue;
        }
        edited
            .computeIfAbsent(table.table(), t -> new HashMap<>())
            .put(
                before.value().toLowerCase(Locale.ROOT),
                "parent record "
                    + approved.record().id()
                    + " had its "
                    + field
                    + " edited in review from "
                    + before.value()
                    + " to "
                    + now);
      }
    }
    return edited;
  }

  /**
   * Per mapped table, the natural key values of the records rejected in review, lowered, each with
   * who rejected the record and why: a child naming that value finds no parent, and its "missing
   * parent" says the parent was rejected rather than that none exists (an outside trial read "no
   * public.customers row ... and none planned" for a customer it had rejected itself).
   */
  Map<String, Map<String, String>> rejectedNaturalKeys(List<ReconstructedRecord> rejected) {
    Map<String, Map<String, String>> kept = new HashMap<>();
    for (TableMapping table : mapping.tables()) {
      // no lookup finds a parent by a key of several columns: nothing to tell its children
      ColumnMapping natural = table.compositeNaturalKey() ? null : table.column(table.naturalKey());
      String field = natural == null ? null : natural.field();
      if (field == null) {
        continue;
      }
      for (ReconstructedRecord record : rejected) {
        String value = record.entity().equals(table.entity()) ? record.value(field) : null;
        if (value == null || value.isEmpty()) {
          continue;
        }
        Decision decision = decisions.forRecord(record.id()).orElseThrow();
        kept.computeIfAbsent(table.table(), t -> new HashMap<>())
            .put(
                value.toLowerCase(Locale.ROOT),
                "parent record "
                    + record.id()
                    + " was rejected in review"
                    + (decision.who() == null ? "" : " by " + decision.who())
                    + (decision.reason().isEmpty() ? "" : " (" + decision.reason() + ")"));
      }
    }
    return kept;
  }
}
