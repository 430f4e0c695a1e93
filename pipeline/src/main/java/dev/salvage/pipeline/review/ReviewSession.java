package dev.salvage.pipeline.review;

import static java.util.Objects.requireNonNull;

import dev.salvage.mappings.EditReader;
import dev.salvage.pipeline.bundle.Decision;
import dev.salvage.pipeline.bundle.Decision.Kind;
import dev.salvage.pipeline.bundle.Decisions;
import dev.salvage.pipeline.bundle.EvidenceEntry;
import dev.salvage.pipeline.bundle.JsonlFile;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import dev.salvage.pipeline.bundle.RunLayout;
import dev.salvage.pipeline.bundle.RunSummary;
import dev.salvage.pipeline.bundle.VersionChanges;
import dev.salvage.pipeline.review.QueueFilter.State;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The review of one run: its records in queue order, their evidence, and the decisions made so far.
 * Thread-safe: the HTTP server calls it from several threads.
 */
final class ReviewSession implements Closeable {
  private final List<QueueEntry> queue;
  private final Map<String, QueueEntry> byId;
  private final JsonlFile.LineReader<ReconstructedRecord> records;
  private final EvidenceStore evidence;
  private final DecisionLog decisions;
  private final RunModel model;
  private final UnlinkedEvidence unlinked;
  private final int partitionsNotRead;
  // evidence ref -> the NEW records it made: a reject may hold back the others (see holdsBack)
  private final Map<String, List<String>> newByEvidence;

  private ReviewSession(
      List<QueueEntry> queue,
      JsonlFile.LineReader<ReconstructedRecord> records,
      EvidenceStore evidence,
      DecisionLog decisions,
      RunModel model,
      UnlinkedEvidence unlinked,
      int partitionsNotRead,
      Map<String, List<String>> newByEvidence) {
    this.newByEvidence = newByEvidence;
    this.queue = List.copyOf(queue);
    this.byId = new HashMap<>();
    queue.forEach(entry -> byId.put(entry.id(), entry));
    this.records = records;
    this.evidence = evidence;
    this.decisions = decisions;
    this.model = model;
    this.unlinked = unlinked;
    this.partitionsNotRead = partitionsNotRead;
  }

  /** The layout of a run directory that has records to review. */
  static RunLayout layout(Path runDir) throws ReviewSetupException {
    RunLayout run = RunLayout.of(runDir);
    if (!run.records().exists()) {
      throw new ReviewSetupException(
          "Cannot review "
              + run.root()
              + ": "
              + run.records().path()
              + " is missing (run salvage run)");
    }
    return run;
  }

  static ReviewSession open(RunLayout run) throws IOException {
    RunModel model = RunModel.of(run);
    List<QueueEntry> queue = new ArrayList<>();
    Decisions.KeyIndex keys = new Decisions.KeyIndex();
    Map<String, List<String>> newByEvidence = new HashMap<>();
    JsonlFile.LineReader<ReconstructedRecord> records =
        run.records()
            .open(
                (line, record) -> {
                  queue.add(QueueEntry.of(record, line, model));
                  keys.add(record.id(), record.entity(), record.keys());
                  if (record.action() == ReconstructedRecord.Action.NEW) {
                    for (ReconstructedRecord.Evidence piece : record.evidence()) {
                      newByEvidence
                          .computeIfAbsent(piece.ref(), ref -> new ArrayList<>(1))
                          .add(record.id());
                    }
                  }
                });
    queue.sort(QueueEntry.BY_NEED);
    Map<String, QueueEntry> byId = new HashMap<>();
    queue.forEach(entry -> byId.put(entry.id(), entry));
    DecisionCheck check =
        new DecisionCheck(
            model,
            new DecisionCheck.Records() {
              @Override
              public ReconstructedRecord find(String id) throws IOException {
                QueueEntry entry = id == null ? null : byId.get(id);
                return entry == null ? null : records.read(entry.line());
              }

              @Override
              public boolean has(String id) {
                return id != null && byId.containsKey(id);
              }
            });
    return new ReviewSession(
        queue,
        records,
        EvidenceStore.open(run.evidence()),
        DecisionLog.open(run.decisions(), check, keys),
        model,
        UnlinkedEvidence.open(run.unlinked(), model),
        RunSummary.readOrEmpty(run.summaryJson()).notRead().values().stream()
            .mapToInt(List::size)
            .sum(),
        newByEvidence);
  }

  /**
   * How many partitions of its sources the run did not read to their end: a reviewer approving its
   * records must know that some evidence was never seen.
   */
  int partitionsNotRead() {
    return partitionsNotRead;
  }

  List<QueueEntry> queue() {
    return queue;
  }

  DecisionLog decisions() {
    return decisions;
  }

  RunModel model() {
    return model;
  }

  List<QueueEntry> unlinked() {
    return unlinked.entries();
  }

  /** An unlinked cluster of evidence, or null when id names none (or names a queued record). */
  ReconstructedRecord unlinkedRecord(String id) throws IOException {
    return id == null || byId.containsKey(id) ? null : unlinked.read(id);
  }

  ReconstructedRecord record(String id) throws IOException, ReviewRequestException {
    return records.read(entry(id).line());
  }

  List<EvidenceEntry> evidence(String ref) throws IOException {
    return evidence.find(ref);
  }

  /**
   * A decision made, with how each edited value was read when it was not stored as typed (a local
   * time read in the business zone): the reviewer sees what the import will write.
   */
  record Decided(
      Decision decision, Map<String, String> notes, List<String> holdsBack, QueueUpdate queue) {
    Decided {
      requireNonNull(decision, "decision");
      requireNonNull(queue, "queue");
      notes = Map.copyOf(notes);
      holdsBack = List.copyOf(holdsBack);
    }
  }

  /**
   * What a decision changed in the queue, taken under the lock of its append: the page updates its
   * queue from it instead of reloading all of it (3.6 MB at 22k records, trial 89), unless {@code
   * versionBefore} is not the version of the queue it shows (another tab decided meanwhile).
   *
   * @param versionBefore the decision log's version just before this decision
   * @param version its version with this decision
   * @param progress the progress counts with this decision
   * @param state the record's state now
   */
  record QueueUpdate(
      long versionBefore, long version, Map<String, Integer> progress, State state) {}

  /** The NEW records a reject of record {@code id} would hold back, for its page. */
  List<String> holdsBack(String id) throws IOException, ReviewRequestException {
    return holdsBack(record(id));
  }

  /**
   * The NEW records a reject of {@code record} holds back: every piece of their evidence made
   * {@code record} too, and import plan keeps such a record out until it is approved (spam makes
   * them). An outside trial rejected a booking for a closed room and lost its real guest unsaid.
   */
  private List<String> holdsBack(ReconstructedRecord record) throws IOException {
    java.util.Set<String> refs = new java.util.HashSet<>();
    java.util.Set<String> others = new java.util.TreeSet<>();
    for (ReconstructedRecord.Evidence piece : record.evidence()) {
      refs.add(piece.ref());
      others.addAll(newByEvidence.getOrDefault(piece.ref(), List.of()));
    }
    others.remove(record.id());
    List<String> held = new ArrayList<>();
    for (String id : others) {
      QueueEntry entry = byId.get(id);
      if (entry == null) {
        continue;
      }
      ReconstructedRecord other = records.read(entry.line());
      if (!other.evidence().isEmpty()
          && other.evidence().stream().allMatch(piece -> refs.contains(piece.ref()))) {
        held.add(id);
      }
    }
    return held;
  }

  /**
   * The decision a caller saw in force on a record when it decided: a decision made since (in
   * another tab, by a colleague, by a script) must not be overwritten unseen.
   *
   * @param id the id of the decision seen; null when the record was seen undecided
   */
  record Expected(String id) {
    /** Whatever is in force: a script that decides regardless, as before this check existed. */
    static final Expected ANY = new Expected("*");

    static final Expected UNDECIDED = new Expected(null);
  }

  /**
   * Records one approve, reject or edit; an edit keeps the record's earlier edits.
   *
   * @throws ReviewRequestException 409 when the decision in force is not the {@code expected} one,
   *     naming the newer decision
   */
  Decided decide(
      String who,
      String recordId,
      Kind kind,
      Map<String, String> edits,
      String reason,
      Expected expected)
      throws IOException, ReviewRequestException {
    synchronized (decisions) {
      return decideLocked(who, recordId, kind, edits, reason, expected);
    }
  }

  private Decided decideLocked(
      String who,
      String recordId,
      Kind kind,
      Map<String, String> edits,
      String reason,
      Expected expected)
      throws IOException, ReviewRequestException {
    ReconstructedRecord record = record(recordId);
    Decision shown = inForce().get(recordId);
    if (expected != Expected.ANY
        && !java.util.Objects.equals(expected.id(), shown == null ? null : shown.id())) {
      throw new ReviewRequestException(
          409,
          "Record "
              + recordId
              + " was decided meanwhile: "
              + (shown == null
                  ? "its decision " + expected.id() + " was undone, it is undecided now"
                  : describe(shown))
              + "; nothing was saved: look at it again and decide");
    }
    Map<String, String> allEdits = new TreeMap<>();
    Map<String, String> notes = new TreeMap<>();
    switch (kind) {
      case APPROVE, REJECT -> {
        if (edits != null && !edits.isEmpty()) {
          throw new ReviewRequestException(
              400, "Cannot " + kind.json() + " record " + recordId + " with edits: use edit");
        }
      }
      case EDIT -> {
        if (edits == null || edits.isEmpty()) {
          throw new ReviewRequestException(400, "Cannot edit record " + recordId + ": no field");
        }
        if (reason == null || reason.isBlank()) {
          throw new ReviewRequestException(
              400, "Cannot edit record " + recordId + ": a reason is required");
        }
        Map<String, String> canonical = new TreeMap<>();
        for (Map.Entry<String, String> edit : edits.entrySet()) {
          String field = edit.getKey();
          EditReader.Read read;
          try {
            read = model.edit(record, field, edit.getValue());
          } catch (RunModel.Refused e) {
            throw new ReviewRequestException(
                400, "Cannot edit record " + recordId + ": " + e.getMessage());
          }
          canonical.put(field, read.value());
          if (read.note() != null) {
            notes.put(field, read.note());
          }
        }
        Decision current = inForce().get(recordId);
        if (current != null && current.kind() == Kind.EDIT) {
          allEdits.putAll(current.edits());
        }
        allEdits.putAll(canonical);
      }
      case UNDO ->
          throw new ReviewRequestException(
              400, "Cannot undo with a decision on record " + recordId + ": use /api/undo");
    }
    Decision decision =
        newDecision(who, recordId, kind, allEdits, reason, null, record, record.keys());
    long before = decisions.version();
    decisions.append(List.of(decision));
    QueueUpdate update =
        new QueueUpdate(before, decisions.version(), progress(), state(recordId, inForce()));
    return new Decided(
        decision, notes, kind == Kind.REJECT ? holdsBack(record) : List.of(), update);
  }

  /**
   * Whether a bulk approval takes the flagged records its filter matches: a flag asks a person to
   * look at that record, and "NEW with confidence at least 0.99" swept 14 of them in with the rest
   * in an outside trial.
   */
  enum Flagged {
    LEAVE_OUT,
    INCLUDE
  }

  /**
   * The approvals a bulk approval made, and how many flagged and UNCHANGED records it left
   * undecided.
   */
  record BulkApproval(List<Decision> made, int flaggedLeftOut, int unchangedLeftOut) {
    BulkApproval {
      made = List.copyOf(made);
    }
  }

  /** Approves every undecided record the filter matches, as one durable append. */
  BulkApproval bulkApprove(String who, QueueFilter filter, String reason, Flagged flagged)
      throws IOException {
    synchronized (decisions) {
      Map<String, Decision> current = inForce();
      List<Decision> batch = new ArrayList<>();
      int leftOut = 0;
      int unchanged = 0;
      for (QueueEntry entry : queue) {
        State state = state(entry.id(), current);
        // a record decided on another version is swept in only when asked for by name: a sweep of
        // "undecided NEW" must not approve what someone rejected before the rerun
        if (state == State.ANOTHER_VERSION && !filter.asksAnotherVersion()) {
          continue;
        }
        if (state != State.DECIDED && filter.matches(entry, state)) {
          if (entry.flagged() && flagged == Flagged.LEAVE_OUT) {
            leftOut++;
            continue;
          }
          // an unchanged record needs no decision (progress does not count it), and an approval
          // of one surfaced in an outside trial's plan as a record kept out by the target
          if (!entry.needsDecision() && !filter.asksAction(Action.UNCHANGED)) {
            unchanged++;
            continue;
          }
          batch.add(
              newDecision(
                  who,
                  entry.id(),
                  Kind.APPROVE,
                  Map.of(),
                  reason,
                  null,
                  // read from disk: the queue keeps no values, and the decision keeps them all
                  records.read(entry.line()),
                  entry.keys()));
        }
      }
      decisions.append(batch);
      return new BulkApproval(batch, leftOut, unchanged);
    }
  }

  /**
   * Undoes the given decisions. None given is refused: "the latest of this reviewer" undid another
   * tab's approval and a colleague's reject sent under the same name in an outside trial.
   */
  List<Decision> undo(String who, List<String> ids, String reason)
      throws IOException, ReviewRequestException {
    if (ids.isEmpty()) {
      throw new ReviewRequestException(
          400, "Nothing to undo: name the decision(s) to undo in \"decisions\" (their ids)");
    }
    synchronized (decisions) {
      List<Decision> batch = new ArrayList<>();
      for (String id : ids) {
        if (!decisions.undoable(id)) {
          throw new ReviewRequestException(
              409, "Cannot undo decision " + id + ": unknown, an undo, or already undone");
        }
        Decision undone = decisions.find(id);
        QueueEntry entry = byId.get(undone.recordId());
        batch.add(
            newDecision(
                who,
                undone.recordId(),
                Kind.UNDO,
                Map.of(),
                reason,
                id,
                (ReconstructedRecord) null,
                entry == null ? null : entry.keys()));
      }
      decisions.append(batch);
      return batch;
    }
  }

  /**
   * Counts of the queue by state, for the progress bar: of the records that need a decision, and
   * apart ({@code unchanged}) how many unchanged records that need none are not counted.
   */
  Map<String, Integer> progress() {
    Map<String, Decision> current = inForce();
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("total", 0);
    counts.put("undecided", 0);
    for (Kind kind : List.of(Kind.APPROVE, Kind.REJECT, Kind.EDIT)) {
      counts.put(kind.json(), 0);
    }
    counts.put("unchanged", 0);
    // of the undecided, those decided on another version (their decision is not in force)
    counts.put(State.ANOTHER_VERSION.json(), 0);
    for (QueueEntry entry : queue) {
      if (!entry.needsDecision()) {
        counts.merge("unchanged", 1, Integer::sum);
        continue;
      }
      counts.merge("total", 1, Integer::sum);
      Decision decision = current.get(entry.id());
      counts.merge(decision == null ? "undecided" : decision.kind().json(), 1, Integer::sum);
      if (state(entry.id(), current) == State.ANOTHER_VERSION) {
        counts.merge(State.ANOTHER_VERSION.json(), 1, Integer::sum);
      }
    }
    return counts;
  }

  /** A decision as a person reads it: what, by whom, when, why. */
  static String describe(Decision decision) {
    return decision.kind().json()
        + (decision.edits().isEmpty() ? "" : " " + decision.edits())
        + " by "
        + decision.who()
        + " at "
        + decision.at()
        + (decision.reason().isEmpty() ? "" : " (" + decision.reason() + ")")
        + " (decision "
        + decision.id()
        + ")";
  }

  private QueueEntry entry(String id) throws ReviewRequestException {
    QueueEntry entry = id == null ? null : byId.get(id);
    if (entry == null) {
      throw new ReviewRequestException(404, "No record " + id + " in this run");
    }
    return entry;
  }

  private static Decision newDecision(
      String who,
      String recordId,
      Kind kind,
      Map<String, String> edits,
      String reason,
      String undoes,
      ReconstructedRecord decidedOn,
      Map<String, List<String>> keys) {
    Map<String, String> values = new TreeMap<>();
    if (decidedOn != null) {
      decidedOn.fields().forEach((name, value) -> values.put(name, value.value()));
    }
    return new Decision(
        UUID.randomUUID().toString(),
        Instant.now().toString(),
        who,
        recordId,
        kind,
        edits,
        reason,
        undoes,
        decidedOn == null ? null : decidedOn.digest(),
        keys,
        decidedOn == null ? null : decidedOn.action(),
        values);
  }

  /** Where the record stands, given the decisions in force ({@link #inForce()}). */
  State state(String id, Map<String, Decision> current) {
    if (current.containsKey(id)) {
      return State.DECIDED;
    }
    return staleDecision(id) == null && decisions.held().get(id) == null
        ? State.UNDECIDED
        : State.ANOTHER_VERSION;
  }

  /** The decision in effect on the record that was made on another version of it, or null. */
  private Decision staleDecision(String id) {
    Decision stale = decisions.effective().get(id);
    QueueEntry entry = byId.get(id);
    return stale == null || entry == null || stale.madeOnDigest(entry.digest()) ? null : stale;
  }

  /**
   * What changed in the record since the decision in effect on it was made on another version of
   * it, or null when it has none such.
   */
  VersionChanges changesSinceDecision(String id) throws IOException {
    Decision stale = staleDecision(id);
    return stale == null ? null : VersionChanges.since(stale, records.read(byId.get(id).line()));
  }

  /**
   * Why a decision made on another version of the record is not in force on it, naming that
   * decision; null when the record has none such.
   */
  String earlier(String id) throws IOException {
    Decision stale = decisions.effective().get(id);
    if (stale != null) {
      VersionChanges changes = changesSinceDecision(id);
      if (changes == null) {
        return null;
      }
      return ReviewSession.describe(stale)
          + " was made on another version of this record (the run was made again since): it is"
          + " not in force; review it again. Changed since: "
          + changes.describe();
    }
    Decisions.Held held = decisions.held().get(id);
    return held == null ? null : held.describe() + "; that decision is not in force on this record";
  }

  /**
   * The decision in force per record of this run, leaving out those made on another version of
   * their record (the run was made again into this directory since): that record is undecided
   * again, as import takes it.
   */
  Map<String, Decision> inForce() {
    Map<String, Decision> current = new LinkedHashMap<>();
    decisions
        .effective()
        .forEach(
            (id, decision) -> {
              QueueEntry entry = byId.get(id);
              if (entry == null || decision.madeOnDigest(entry.digest())) {
                current.put(id, decision);
              }
            });
    return current;
  }

  @Override
  public void close() throws IOException {
    try (records;
        evidence;
        unlinked) {
      // closes all, even when one fails
    }
  }
}
