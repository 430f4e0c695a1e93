package dev.salvage.pipeline.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The decisions of a run in the order they were made, and the one in force for each record: the one
 * rule review shows and import applies (docs/review.md#decisionsjsonl).
 *
 * <p>A decision is in force unless an undo in force names it. An undo is a decision too: undoing an
 * undo cancels the cancellation, so the decision it had undone is in force again. For each record,
 * the latest approve, reject or edit in force wins; a record with none is undecided.
 *
 * <p>A file that breaks the rule's premises is refused with the line: a repeated id, an undo of a
 * decision that no earlier line made, an undo of another record's decision.
 */
public final class Decisions {
  private static final Decisions NONE = new Decisions(List.of(), Map.of());

  private final List<Decision> all;
  private final Map<String, Decision> byId;
  private final Set<String> undone;
  private final Map<String, Decision> effective;

  private Decisions(List<Decision> all, Map<String, Decision> byId) {
    this.all = all;
    this.byId = byId;
    // Backwards: an undo can only be undone by a later line, so its own fate is known when the
    // walk reaches it.
    Set<String> cancelled = new HashSet<>();
    for (int i = all.size() - 1; i >= 0; i--) {
      Decision decision = all.get(i);
      if (decision.isUndo() && !cancelled.contains(decision.id())) {
        cancelled.add(decision.undoes());
      }
    }
    this.undone = cancelled;
    Map<String, Decision> current = new LinkedHashMap<>();
    for (Decision decision : all) {
      if (!decision.isUndo() && !cancelled.contains(decision.id())) {
        current.put(decision.recordId(), decision);
      }
    }
    this.effective = Collections.unmodifiableMap(current);
  }

  /** Why an unfinished last line of the file is not applied. */
  public static final String UNFINISHED =
      "it lacks its line break and is not whole JSON: a write cut off (the review process killed,"
          + " the disk full or the power gone while it saved), which review never acknowledged;"
          + " review sets it aside in decisions.jsonl.torn when it starts";

  public static Decisions none() {
    return NONE;
  }

  /** Reads a decisions file; a missing file means no decisions. */
  public static Decisions read(Path file) throws IOException {
    return read(new JsonlFile<>(file, Decision.class));
  }

  /** Reads a decisions file; a missing file means no decisions. */
  public static Decisions read(JsonlFile<Decision> file) throws IOException {
    List<Decision> all = new ArrayList<>();
    Map<String, Decision> byId = new HashMap<>();
    file.scan(
        (line, decision) -> {
          try {
            add(decision, all, byId);
          } catch (IllegalArgumentException e) {
            throw file.malformed(line, e.getMessage());
          }
        });
    return all.isEmpty() ? NONE : new Decisions(List.copyOf(all), Map.copyOf(byId));
  }

  /**
   * Checks each approve, reject and edit line before it is applied: that its record is one of the
   * run's and its edits fit their fields. Review and import give the same check, so a hand-written
   * line means the same to both.
   */
  @FunctionalInterface
  public interface LineCheck {
    /**
     * The decision to apply for {@code decision}: itself, or with its edits in canonical form.
     *
     * @throws Refused when the line must not be applied, saying why
     */
    Decision check(Decision decision) throws Refused;
  }

  /** Why a decision line is not applied; {@code field} is null when no one field is to blame. */
  public static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    private final String field;
    private final boolean recordMissing;

    public Refused(String field, String message) {
      this(field, message, false);
    }

    private Refused(String field, String message, boolean recordMissing) {
      super(message, null, false, false);
      this.field = field;
      this.recordMissing = recordMissing;
    }

    /**
     * The line names a record the run does not have: its record may have come out under another id,
     * which {@link #read(JsonlFile, LineCheck, KeyIndex)} looks for by its key values.
     */
    public static Refused noRecord(String recordId) {
      return new Refused(null, "the run has no record " + recordId, true);
    }

    public boolean recordMissing() {
      return recordMissing;
    }

    public String field() {
      return field;
    }
  }

  /**
   * A line of the decisions file that is not applied: the record stays as if it were not there.
   *
   * @param field the edited field at fault, or null
   */
  public record NotApplied(
      Path file,
      long line,
      String decision,
      String recordId,
      String field,
      String why,
      boolean recordMissing) {
    public NotApplied(
        Path file, long line, String decision, String recordId, String field, String why) {
      this(file, line, decision, recordId, field, why, false);
    }

    /** {@code review/decisions.jsonl:7: decision d1 (record customer:3, field phone): why}. */
    public String describe() {
      List<String> names = new ArrayList<>();
      if (recordId != null) {
        names.add("record " + recordId);
      }
      if (field != null) {
        names.add("field " + field);
      }
      return file
          + ":"
          + line
          + ": decision "
          + decision
          + (names.isEmpty() ? "" : " (" + String.join(", ", names) + ")")
          + " is not applied: "
          + why;
    }
  }

  /**
   * Decisions read through a {@link LineCheck}, and the lines it kept out.
   *
   * @param unsettled the records whose latest line is one kept out and not taken back by an undo:
   *     what the operator last meant for them is not known, so neither the decision before that
   *     line nor the import policy may stand for it
   */
  public record Checked(
      Decisions decisions,
      List<NotApplied> notApplied,
      Set<String> unsettled,
      Map<String, Held> held) {
    public Checked {
      notApplied = List.copyOf(notApplied);
      unsettled = Set.copyOf(unsettled);
      held = Map.copyOf(held);
    }

    /** Decisions with nothing kept out and nothing held. */
    public Checked(Decisions decisions, List<NotApplied> notApplied, Set<String> unsettled) {
      this(decisions, notApplied, unsettled, Map.of());
    }

    /**
     * How many lines name a record the run lacks: their record is gone, or came out under another
     * id (then {@link #held} names it).
     */
    public long orphanLines() {
      return notApplied.stream().filter(NotApplied::recordMissing).count();
    }

    /** How many lines the file has: those applied, undos included, and those kept out. */
    public int lines() {
      return decisions.all().size() + notApplied.size();
    }
  }

  /** How many lines naming a record the run lacks a console names before it counts the rest. */
  private static final int ORPHANS_NAMED = 5;

  /**
   * The lines not applied as a console says them: each on its own, but two or more naming a record
   * the run lacks as one line with their count and the first few, since a rerun that renames
   * records left 98 such warnings on every review start and plan of an outside trial. When it names
   * fewer than there are, all of them are written to {@code decisions-not-applied.txt} beside the
   * decisions file, which the line names.
   */
  public static List<String> summarize(List<NotApplied> notApplied) throws IOException {
    List<String> lines = new ArrayList<>();
    List<NotApplied> orphans = new ArrayList<>();
    // the count stands where the first of them would, so the lines keep the file's order
    int at = 0;
    for (NotApplied line : notApplied) {
      if (line.recordMissing()) {
        if (orphans.isEmpty()) {
          at = lines.size();
        }
        orphans.add(line);
      } else {
        lines.add(line.describe());
      }
    }
    if (orphans.size() < 2) {
      // one is said as it is
      if (!orphans.isEmpty()) {
        lines.add(at, orphans.get(0).describe());
      }
      return lines;
    }
    Path file = orphans.get(0).file();
    StringBuilder named = new StringBuilder();
    for (NotApplied orphan : orphans.subList(0, Math.min(ORPHANS_NAMED, orphans.size()))) {
      named
          .append(named.length() == 0 ? "" : ", ")
          .append(orphan.recordId())
          .append(" (line ")
          .append(orphan.line())
          .append(')');
    }
    String rest = "";
    if (orphans.size() > ORPHANS_NAMED) {
      Path all = file.resolveSibling("decisions-not-applied.txt");
      Files.write(all, orphans.stream().map(NotApplied::describe).toList());
      rest = " and " + (orphans.size() - ORPHANS_NAMED) + " more (all listed in " + all + ")";
    }
    lines.add(
        at,
        file
            + ": "
            + orphans.size()
            + " decision line(s) name a record this run does not have (gone, or given another"
            + " id by a rerun: a record holding its keys is held for review again): "
            + named
            + rest
            + "; they are not applied: fix or remove them");
    return lines;
  }

  /**
   * A record of the run that holds a key value of a record an earlier run had and this one has not,
   * decided there: the rerun gave it a new id (evidence added a key to an id hashed from its keys),
   * so the earlier decision is not in force on it, and neither is the policy: a rejection must not
   * come back as undecided and be imported. It is held until someone decides it again.
   *
   * @param recordId the record of this run
   * @param earlier the decision in force on the record of the earlier run
   * @param field the key field they share
   * @param value the shared value
   */
  public record Held(String recordId, Decision earlier, String field, String value) {
    /** Why it is kept out, naming both ids, the shared key and the earlier decision. */
    public String describe() {
      return recordId
          + " is kept out: it holds "
          + field
          + " "
          + value
          + " of "
          + earlier.recordId()
          + ", which was "
          + past()
          + (earlier.at() == null
              ? ""
              : " on " + earlier.at().substring(0, Math.min(10, earlier.at().length())))
          + (earlier.who() == null ? "" : " by " + earlier.who())
          + " (decision "
          + earlier.id()
          + "); the rerun gave it a new id (review it again)";
    }

    private String past() {
      return switch (earlier.kind()) {
        case APPROVE -> "approved";
        case REJECT -> "rejected";
        case EDIT -> "approved with edits " + earlier.edits();
        case UNDO -> "undone";
      };
    }
  }

  /**
   * The key values of a run's records, by entity: where a decision whose record the run lacks finds
   * the record that holds its keys now.
   */
  public static final class KeyIndex {
    private final Map<String, List<String>> byKey = new HashMap<>();

    /** Adds a record of the run. */
    public void add(String recordId, String entity, Map<String, List<String>> keys) {
      keys.forEach(
          (field, values) ->
              values.forEach(
                  value ->
                      byKey
                          .computeIfAbsent(
                              entity + "\u0000" + field + "\u0000" + value, k -> new ArrayList<>())
                          .add(recordId)));
    }

    /**
     * The records of {@code entity} sharing a key value with {@code keys}, each with the first
     * field and value shared (fields and values in order).
     */
    Map<String, String[]> sharing(String entity, Map<String, List<String>> keys) {
      Map<String, String[]> found = new LinkedHashMap<>();
      keys.forEach(
          (field, values) ->
              values.forEach(
                  value ->
                      byKey
                          .getOrDefault(entity + "\u0000" + field + "\u0000" + value, List.of())
                          .forEach(id -> found.putIfAbsent(id, new String[] {field, value}))));
      return found;
    }
  }

  /**
   * Reads a decisions file, applying only the lines {@code check} lets through (in the form it
   * gives them); an undo of a line kept out is kept out too. A missing file means no decisions.
   */
  public static Checked read(JsonlFile<Decision> file, LineCheck check) throws IOException {
    return read(file, check, new KeyIndex());
  }

  /**
   * Reads as {@link #read(JsonlFile, LineCheck)} does, and follows each decision whose record the
   * run lacks to the records of {@code index} that hold one of its key values now: those are {@link
   * Checked#held}, unless a decision of their own is in force.
   */
  public static Checked read(JsonlFile<Decision> file, LineCheck check, KeyIndex index)
      throws IOException {
    List<Decision> all = new ArrayList<>();
    Map<String, Decision> byId = new HashMap<>();
    Map<String, Long> keptOut = new HashMap<>();
    List<NotApplied> notApplied = new ArrayList<>();
    // per record, its latest line applied and its latest kept out (by decision id, so an undo of
    // it takes it back)
    Map<String, Long> lastApplied = new HashMap<>();
    Map<String, NotApplied> pending = new LinkedHashMap<>();
    // the lines naming a record the run lacks, with the undos of them: which of them is in force
    // for its record is what a successor record inherits
    List<Decision> gone = new ArrayList<>();
    Map<String, Decision> goneById = new HashMap<>();
    file.scan(
        (line, decision) -> {
          Decision applied = decision;
          String field = null;
          String why = null;
          boolean missing = false;
          if (decision.isUndo()) {
            Long undone = keptOut.get(decision.undoes());
            if (undone != null) {
              if (goneById.containsKey(decision.undoes())) {
                add(decision, gone, goneById);
              }
              pending.remove(decision.undoes());
              why =
                  "it undoes decision "
                      + decision.undoes()
                      + " (line "
                      + undone
                      + "), itself not applied";
            }
          } else {
            try {
              applied = check.check(decision);
            } catch (Refused e) {
              field = e.field();
              why = e.getMessage();
              missing = e.recordMissing();
              if (missing && !goneById.containsKey(decision.id())) {
                add(decision, gone, goneById);
              }
            }
          }
          if (why != null) {
            if (byId.containsKey(decision.id()) || keptOut.containsKey(decision.id())) {
              throw file.malformed(line, "decision id " + decision.id() + " appears twice");
            }
            keptOut.put(decision.id(), line.number());
            NotApplied left =
                new NotApplied(
                    file.path(),
                    line.number(),
                    decision.id(),
                    decision.recordId(),
                    field,
                    why,
                    missing);
            notApplied.add(left);
            if (!decision.isUndo() && decision.recordId() != null) {
              pending.put(decision.id(), left);
            }
            return;
          }
          try {
            add(applied, all, byId);
          } catch (IllegalArgumentException e) {
            throw file.malformed(line, e.getMessage());
          }
          String record = all.get(all.size() - 1).recordId();
          if (record != null) {
            lastApplied.put(record, line.number());
          }
        },
        // a last line a writer was cut off in: never acknowledged, so never made
        (line, problem) ->
            notApplied.add(
                new NotApplied(
                    file.path(), line.number(), "of an unfinished line", null, null, UNFINISHED)));
    Set<String> unsettled = new HashSet<>();
    for (NotApplied left : pending.values()) {
      if (left.line() > lastApplied.getOrDefault(left.recordId(), -1L)) {
        unsettled.add(left.recordId());
      }
    }
    Decisions decisions = all.isEmpty() ? NONE : new Decisions(List.copyOf(all), Map.copyOf(byId));
    return new Checked(
        decisions, notApplied, unsettled, held(decisions, new Decisions(gone, goneById), index));
  }

  private static Map<String, Held> held(Decisions applied, Decisions gone, KeyIndex index) {
    Map<String, Held> held = new LinkedHashMap<>();
    gone.effective()
        .forEach(
            (recordId, earlier) -> {
              int colon = recordId.indexOf(':');
              if (colon < 0 || earlier.recordKeys().isEmpty()) {
                return;
              }
              index
                  .sharing(recordId.substring(0, colon), earlier.recordKeys())
                  .forEach(
                      (successor, shared) -> {
                        if (applied.forRecord(successor).isPresent()) {
                          return; // decided again under its new id
                        }
                        Held before = held.get(successor);
                        // of two earlier records merged into one, the rejection is the one told
                        if (before == null || earlier.kind() == Decision.Kind.REJECT) {
                          held.put(successor, new Held(successor, earlier, shared[0], shared[1]));
                        }
                      });
            });
    return held;
  }

  /**
   * These decisions and {@code more} after them.
   *
   * @throws IllegalArgumentException when one of {@code more} breaks the rule's premises
   */
  public Decisions plus(List<Decision> more) {
    if (more.isEmpty()) {
      return this;
    }
    List<Decision> list = new ArrayList<>(all);
    Map<String, Decision> ids = new HashMap<>(byId);
    for (Decision decision : more) {
      add(decision, list, ids);
    }
    return new Decisions(List.copyOf(list), Map.copyOf(ids));
  }

  private static void add(Decision decision, List<Decision> all, Map<String, Decision> byId) {
    if (byId.containsKey(decision.id())) {
      throw new IllegalArgumentException("decision id " + decision.id() + " appears twice");
    }
    Decision checked = decision;
    if (decision.isUndo()) {
      Decision target = byId.get(decision.undoes());
      if (target == null) {
        throw new IllegalArgumentException(
            "undo "
                + decision.id()
                + " names unknown decision "
                + decision.undoes()
                + " (no earlier line has that id)");
      }
      if (decision.recordId() == null) {
        checked = decision.forRecord(target.recordId());
      } else if (!decision.recordId().equals(target.recordId())) {
        throw new IllegalArgumentException(
            "undo "
                + decision.id()
                + " is for record "
                + decision.recordId()
                + " but the decision it undoes, "
                + target.id()
                + ", is for record "
                + target.recordId());
      }
    }
    all.add(checked);
    byId.put(checked.id(), checked);
  }

  /** The approve, reject or edit in force for a record, if it has one. */
  public Optional<Decision> forRecord(String recordId) {
    return Optional.ofNullable(effective.get(recordId));
  }

  /** Record id to the approve, reject or edit in force for it. */
  public Map<String, Decision> effective() {
    return effective;
  }

  /** Whether {@code id} names a decision (of any kind) that no undo in force cancels. */
  public boolean inForce(String id) {
    return byId.containsKey(id) && !undone.contains(id);
  }

  /** The decision named {@code id}, or null. */
  public Decision find(String id) {
    return byId.get(id);
  }

  /** Every decision, undos included, in the order they were made. */
  public List<Decision> all() {
    return all;
  }

  /** How many records have a decision in force. */
  public int size() {
    return effective.size();
  }
}
