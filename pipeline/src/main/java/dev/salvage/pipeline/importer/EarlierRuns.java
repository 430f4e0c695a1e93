package dev.salvage.pipeline.importer;

import dev.salvage.pipeline.bundle.Decision;
import dev.salvage.pipeline.bundle.Decisions;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.RunLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The review decisions of other run directories whose imports {@code salvage_import_log} holds.
 * Decisions live in their run directory: a run made into a new directory starts undecided, and an
 * outside trial's plan then wrote a misspelling back over a reviewer's correction and inserted a
 * contract the reviewer had rejected, under the policy, without a word. A record this run leaves
 * undecided is kept out when such an earlier run rejected it, or edited a field this run's record
 * holds otherwise.
 */
final class EarlierRuns {
  /** A rejection or edit in force in an earlier run directory that imported into the target. */
  record Earlier(String runId, Path dir, Decision decision) {
    Earlier {
      Objects.requireNonNull(runId, "runId");
      Objects.requireNonNull(dir, "dir");
      Objects.requireNonNull(decision, "decision");
    }
  }

  private static final EarlierRuns NONE = new EarlierRuns(Map.of(), List.of());

  private final Map<String, Earlier> byRecord;
  private final List<String> notes;

  private EarlierRuns(Map<String, Earlier> byRecord, List<String> notes) {
    this.byRecord = Map.copyOf(byRecord);
    this.notes = List.copyOf(notes);
  }

  static EarlierRuns none() {
    return NONE;
  }

  /**
   * The decisions of the run directories the target's log names other than {@code runId}, looked
   * for beside {@code run} (the log keeps a run's directory name): of a later import, a later
   * decision wins. A directory not found is said in {@link #notes}.
   */
  static EarlierRuns read(Connection connection, Dialect dialect, Path run, String runId)
      throws SQLException, IOException {
    if (!OwnInserts.exists(connection, dialect)) {
      return NONE;
    }
    Map<String, Long> changes = new LinkedHashMap<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT run_id, COUNT(*) FROM "
                + Applier.AUDIT_TABLE
                + " WHERE operation IN ('insert', 'update') AND run_id <> ?"
                + " GROUP BY run_id ORDER BY MAX(id)")) {
      statement.setString(1, runId);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          changes.put(rows.getString(1), rows.getLong(2));
        }
      }
    } catch (SQLException e) {
      if (!OwnInserts.denied(e)) {
        throw e;
      }
      return new EarlierRuns(
          Map.of(),
          List.of(
              "this role cannot read "
                  + Applier.AUDIT_TABLE
                  + ", so plan cannot tell whether imports from other run directories hold review"
                  + " decisions this run lacks; grant it SELECT on "
                  + Applier.AUDIT_TABLE
                  + " and plan again"));
    }
    Path parent = run.toAbsolutePath().normalize().getParent();
    Map<String, Earlier> byRecord = new HashMap<>();
    List<String> notes = new ArrayList<>();
    for (Map.Entry<String, Long> earlier : changes.entrySet()) {
      Path dir = parent == null ? Path.of(earlier.getKey()) : parent.resolve(earlier.getKey());
      Path file = RunLayout.of(dir).decisions().path();
      String logged =
          Applier.AUDIT_TABLE
              + " holds "
              + earlier.getValue()
              + " change(s) imported from run "
              + earlier.getKey()
              + ", not this run directory";
      if (!Files.isDirectory(dir)) {
        notes.add(
            logged
                + "; its directory is not at "
                + dir
                + ", so its review decisions are not checked: a value a reviewer edited there, or"
                + " a record rejected there, may be written over or imported by this plan; if that"
                + " run was reviewed, carry its decisions (salvage run --decisions-from DIR"
                + " --out "
                + run
                + ") and plan again");
        continue;
      }
      int found = 0;
      for (Decision decision : Decisions.read(file).effective().values()) {
        if (decision.kind() == Decision.Kind.REJECT || decision.kind() == Decision.Kind.EDIT) {
          byRecord.put(decision.recordId(), new Earlier(earlier.getKey(), dir, decision));
          found++;
        }
      }
      if (found > 0) {
        notes.add(
            logged
                + "; its "
                + found
                + " rejection(s) and edit(s) ("
                + file
                + ") were checked against this run's undecided records");
      }
    }
    return new EarlierRuns(byRecord, notes);
  }

  /** What the target's log and the earlier runs' decisions say, for the plan's output. */
  List<String> notes() {
    return notes;
  }

  /**
   * Why a record this run has no decision for is kept out: an earlier run that imported into the
   * target rejected it, or edited a field it now holds otherwise (the plan would write the
   * evidence's value over the reviewer's); null when neither.
   */
  String keptOut(ReconstructedRecord record, Path run) {
    Earlier earlier = byRecord.get(record.id());
    if (earlier == null) {
      return null;
    }
    Decision decision = earlier.decision();
    String carry =
        "; this run directory has no decision for it: carry the earlier run's decisions (salvage"
            + " run --decisions-from "
            + earlier.dir()
            + " --out "
            + run
            + ") or decide the record again in salvage review";
    String by =
        " (decision "
            + decision.id()
            + (decision.who() == null ? "" : " by " + decision.who())
            + (decision.at() == null ? "" : " at " + decision.at())
            + (decision.reason().isEmpty() ? "" : ": " + decision.reason())
            + ")";
    if (decision.kind() == Decision.Kind.REJECT) {
      return "rejected in run " + earlier.runId() + by + ", whose imports the target holds" + carry;
    }
    List<String> reverted = new ArrayList<>();
    decision
        .edits()
        .forEach(
            (field, edited) -> {
              ReconstructedRecord.FieldValue now = record.fields().get(field);
              String value = now == null ? null : now.value();
              if (!Objects.equals(value, edited)) {
                reverted.add(field + " " + edited + " -> " + (value == null ? "(none)" : value));
              }
            });
    if (reverted.isEmpty()) {
      return null; // the evidence now says what the reviewer typed
    }
    return "edited in run "
        + earlier.runId()
        + by
        + ", whose imports the target holds; this run's record would set "
        + String.join(", ", reverted)
        + " over the reviewer's value"
        + carry;
  }
}
