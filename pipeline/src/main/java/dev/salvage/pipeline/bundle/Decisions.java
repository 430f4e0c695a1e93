package dev.salvage.pipeline.bundle;

import java.io.IOException;
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

    public Refused(String field, String message) {
      super(message, null, false, false);
      this.field = field;
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
      Path file, long line, String decision, String recordId, String field, String why) {
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
  public record Checked(Decisions decisions, List<NotApplied> notApplied, Set<String> unsettled) {
    public Checked {
      notApplied = List.copyOf(notApplied);
      unsettled = Set.copyOf(unsettled);
    }
  }

  /**
   * Reads a decisions file, applying only the lines {@code check} lets through (in the form it
   * gives them); an undo of a line kept out is kept out too. A missing file means no decisions.
   */
  public static Checked read(JsonlFile<Decision> file, LineCheck check) throws IOException {
    List<Decision> all = new ArrayList<>();
    Map<String, Decision> byId = new HashMap<>();
    Map<String, Long> keptOut = new HashMap<>();
    List<NotApplied> notApplied = new ArrayList<>();
    // per record, its latest line applied and its latest kept out (by decision id, so an undo of
    // it takes it back)
    Map<String, Long> lastApplied = new HashMap<>();
    Map<String, NotApplied> pending = new LinkedHashMap<>();
    file.scan(
        (line, decision) -> {
          Decision applied = decision;
          String field = null;
          String why = null;
          if (decision.isUndo()) {
            Long undone = keptOut.get(decision.undoes());
            if (undone != null) {
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
            }
          }
          if (why != null) {
            if (byId.containsKey(decision.id()) || keptOut.containsKey(decision.id())) {
              throw file.malformed(line, "decision id " + decision.id() + " appears twice");
            }
            keptOut.put(decision.id(), line.number());
            NotApplied left =
                new NotApplied(
                    file.path(), line.number(), decision.id(), decision.recordId(), field, why);
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
        });
    Set<String> unsettled = new HashSet<>();
    for (NotApplied left : pending.values()) {
      if (left.line() > lastApplied.getOrDefault(left.recordId(), -1L)) {
        unsettled.add(left.recordId());
      }
    }
    return new Checked(
        all.isEmpty() ? NONE : new Decisions(List.copyOf(all), Map.copyOf(byId)),
        notApplied,
        unsettled);
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
