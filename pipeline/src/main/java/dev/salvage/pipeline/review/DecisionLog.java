package dev.salvage.pipeline.review;

import dev.salvage.pipeline.bundle.Decision;
import dev.salvage.pipeline.bundle.Decisions;
import dev.salvage.pipeline.bundle.JsonlFile;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The append-only {@code review/decisions.jsonl} as review writes it. Appends are serialised (one
 * lock in the process, a file lock across processes) and forced to disk before they are
 * acknowledged, so two tabs deciding at once both land and a closed browser or a killed server
 * loses nothing acknowledged. Which decision is in force is {@link Decisions}' rule, the one import
 * applies.
 */
final class DecisionLog {
  private final JsonlFile<Decision> file;
  private final List<Decisions.NotApplied> notApplied;
  private final Map<String, Decisions.Held> held;
  private Decisions decisions;
  // how many appends this log has made: a page that saw the queue at one version and gets a
  // decision's answer naming the version before it knows whether anyone else decided meanwhile
  private long version;

  private DecisionLog(
      JsonlFile<Decision> file, Decisions.Checked read, List<Decisions.NotApplied> setAside) {
    this.file = file;
    this.decisions = read.decisions();
    List<Decisions.NotApplied> all = new java.util.ArrayList<>(setAside);
    all.addAll(read.notApplied());
    this.notApplied = List.copyOf(all);
    this.held = read.held();
  }

  /**
   * Opens the log of a run, reading the decisions already made; a line {@code check} refuses is not
   * applied (import does not apply it either) and {@link #notApplied()} names it.
   */
  static DecisionLog open(
      JsonlFile<Decision> file, Decisions.LineCheck check, Decisions.KeyIndex keys)
      throws IOException {
    // a line a killed review (or a full disk) left unfinished: moved aside before anything is
    // appended, else the next decision would finish it into a line neither review nor plan reads
    List<Decisions.NotApplied> setAside = new java.util.ArrayList<>();
    if (file.unfinished()) {
      JsonlFile.Line[] torn = {null};
      file.scan((line, value) -> {}, (line, problem) -> torn[0] = line);
      if (torn[0] != null) {
        java.nio.file.Path aside = file.setAside(torn[0]);
        setAside.add(
            new Decisions.NotApplied(
                file.path(),
                torn[0].number(),
                "of an unfinished line",
                null,
                null,
                "it lacks its line break and is not whole JSON: a write cut off (the review process"
                    + " killed, the disk full or the power gone while it saved), which review never"
                    + " acknowledged; it is set aside in "
                    + aside
                    + " (decide its records again; the whole lines before it stand)"));
      }
    }
    return new DecisionLog(file, Decisions.read(file, check, keys), setAside);
  }

  /**
   * The records that hold the keys of a decided record the run lacks, and are not decided under
   * their own id since.
   */
  synchronized Map<String, Decisions.Held> held() {
    Map<String, Decisions.Held> left = new java.util.LinkedHashMap<>(held);
    left.keySet().removeAll(decisions.effective().keySet());
    return left;
  }

  /** The lines of the file that were read and are not applied, with why. */
  List<Decisions.NotApplied> notApplied() {
    return notApplied;
  }

  /** Appends decisions as one write, durable when this returns. */
  synchronized void append(List<Decision> batch) throws IOException {
    Decisions next = decisions.plus(batch);
    file.append(batch);
    decisions = next;
    if (!batch.isEmpty()) {
      version++;
    }
  }

  /**
   * How many appends of decisions this log has made since the review started: it changes with every
   * decision, bulk approval and undo of any tab, and only with them.
   */
  synchronized long version() {
    return version;
  }

  synchronized List<Decision> all() {
    return decisions.all();
  }

  /** The decision in force per record. */
  synchronized Map<String, Decision> effective() {
    return decisions.effective();
  }

  /** Whether {@code id} names an approve, reject or edit that is in force. */
  synchronized boolean undoable(String id) {
    Decision decision = decisions.find(id);
    return decision != null && !decision.isUndo() && decisions.inForce(id);
  }

  synchronized Decision find(String id) {
    return decisions.find(id);
  }
}
