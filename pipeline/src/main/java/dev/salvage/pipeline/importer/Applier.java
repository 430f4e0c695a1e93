package dev.salvage.pipeline.importer;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salvage.pipeline.bundle.Json;
import dev.salvage.pipeline.importer.ImportPlan.Step;
import dev.salvage.pipeline.importer.ImportPlan.Value;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs a plan in one transaction: checks every planned row still holds its before-image (and every
 * planned insert is still absent) under row locks, then INSERTs and UPDATEs, records each change in
 * {@code salvage_import_log}, and writes undo.sql. Sends no DELETE, no TRUNCATE, and no DDL but the
 * creation of its audit table.
 */
final class Applier {
  static final String AUDIT_TABLE = "salvage_import_log";
  static final String AUDIT_DDL =
      "CREATE TABLE IF NOT EXISTS "
          + AUDIT_TABLE
          + " (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, run_id text NOT NULL,"
          + " plan_digest text NOT NULL, table_name text NOT NULL, row_key text NOT NULL,"
          + " column_name text NOT NULL, operation text NOT NULL, before_value text,"
          + " after_value text, evidence text, applied_at timestamptz NOT NULL DEFAULT now())";

  /**
   * The same table in MariaDB/MySQL. DDL commits there, so a table created by an apply that then
   * fails stays (empty); PostgreSQL rolls its creation back with the rest.
   */
  static final String AUDIT_DDL_MARIADB =
      "CREATE TABLE IF NOT EXISTS "
          + AUDIT_TABLE
          + " (id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY, run_id text NOT NULL,"
          + " plan_digest varchar(64) NOT NULL, table_name text NOT NULL, row_key text NOT NULL,"
          + " column_name text NOT NULL, operation text NOT NULL, before_value longtext,"
          + " after_value longtext, evidence longtext,"
          + " applied_at timestamp(6) NOT NULL DEFAULT current_timestamp(6)) ENGINE=InnoDB";

  /** Told after each batch, for progress lines (and by tests, to break the connection). */
  interface Progress {
    void written(long done, long total) throws SQLException;
  }

  private final int batchSize;
  private final Progress progress;

  /**
   * The statement apply is sending and its table ("INSERT into camping.client"), for the message
   * when the database refuses it: the driver's own names neither, and prints a batch's SQL with
   * every bound value (an outside trial's console showed customers' emails).
   */
  private volatile String doing = "starting";

  /** How far apply got, for what {@link #stoppedNote} says of a process stopped before its end. */
  private enum Reached {
    NOT_COMMITTED,
    COMMITTING,
    COMMITTED,
    DONE
  }

  private volatile Reached reached = Reached.NOT_COMMITTED;

  /** The undo script written before the commit, and the one it becomes once committed. */
  private volatile Path undoDraft;

  private volatile Path undoFile;

  Applier(int batchSize, Progress progress) {
    this.batchSize = batchSize;
    this.progress = progress;
  }

  /** What apply is sending now, for {@link LockWatch}'s notices. */
  String doing() {
    return doing;
  }

  /** Applies waiting for locks as long as it takes. */
  Importer.ApplyOutcome apply(
      Connection connection, ImportPlan plan, String givenDigest, Path importDir)
      throws SQLException, IOException, ImportRefusedException {
    return apply(connection, plan, givenDigest, importDir, null, null);
  }

  /**
   * @param lockTimeout seconds to wait for a lock another session holds, or null for as long as it
   *     takes
   * @param watch what the apply waited for last, for the message when it stops waiting; or null
   */
  Importer.ApplyOutcome apply(
      Connection connection,
      ImportPlan plan,
      String givenDigest,
      Path importDir,
      Integer lockTimeout,
      LockWatch watch)
      throws SQLException, IOException, ImportRefusedException {
    String digest = plan.computeDigest();
    if (!digest.equals(plan.digest())) {
      throw new ImportRefusedException(
          "Refusing to apply: plan.json was changed after it was made (its content has digest "
              + digest
              + ", the file says "
              + plan.digest()
              + "); run salvage import plan again");
    }
    if (!digest.equals(givenDigest)) {
      throw new ImportRefusedException(
          "Refusing to apply: --plan-digest "
              + givenDigest
              + " is not the digest of the current plan ("
              + digest
              + "); read "
              + importDir.resolve("plan.sql")
              + " and pass its digest");
    }
    checkSchema(connection, plan);
    String schema =
        plan.schema() != null ? plan.schema() : plan.dialect().currentSchema(connection);
    connection.setAutoCommit(false);
    try {
      if (lockTimeout != null) {
        try (Statement statement = connection.createStatement()) {
          statement.execute(
              plan.dialect() == Dialect.POSTGRESQL
                  ? "SET LOCAL lock_timeout = '" + lockTimeout + "s'"
                  : "SET SESSION innodb_lock_wait_timeout = " + lockTimeout);
        }
      }
      return apply(connection, plan, digest, schema, importDir);
    } catch (SQLException e) {
      if (lockTimeout != null && lockWaitEnded(e)) {
        throw lockTimedOut(connection, lockTimeout, watch, e);
      }
      throw refused(connection, plan, schema, e);
    }
  }

  private Importer.ApplyOutcome apply(
      Connection connection, ImportPlan plan, String digest, String schema, Path importDir)
      throws SQLException, IOException, ImportRefusedException {
    boolean committed = false;
    // A draft of its own: a second apply of the plan waiting on the lock, finding it applied,
    // removed a shared draft before the first moved it to undo.sql.
    Path undoDraft = importDir.resolve("undo.sql." + UUID.randomUUID() + ".partial");
    boolean locked = false;
    try {
      doing = "taking apply's lock";
      locked = lock(connection, plan.dialect());
      if (plan.steps().isEmpty()) {
        // Writes nothing and logged nothing, so it needs no audit table; its plan names no
        // mapped table either, whose schema is where the log is found (app.salvage_import_log):
        // an outside trial's empty plan after an apply failed "permission denied for schema
        // public" looking for it there.
        connection.rollback();
        return Importer.ApplyOutcome.nothingWritten(null, null);
      }
      doing = "SELECT from " + AUDIT_TABLE;
      Applied earlier = ensureAuditTable(connection, digest, plan.dialect());
      if (earlier != null && earlier.undoneAt() == null) {
        checkInsertsPresent(connection, plan, digest, earlier);
        connection.rollback();
        return Importer.ApplyOutcome.nothingWritten(earlier.appliedAt(), null);
      }
      Importer.Undone undone =
          earlier == null ? null : new Importer.Undone(earlier.appliedAt(), earlier.undoneAt());
      checkBeforeImages(connection, plan);
      Map<String, BigInteger> sequencesBefore = sequencePositions(connection, plan, plan.schema());
      List<String> moved = moveSequences(connection, plan);
      Map<String, List<String>> rewritten = new LinkedHashMap<>();
      List<Step> asStored = new ArrayList<>();
      List<String> keys;
      try {
        keys = write(connection, plan, digest, rewritten, asStored, importDir);
      } catch (ImportRefusedException e) {
        String sequences = sequencesMoved(connection, plan, plan.schema(), sequencesBefore);
        if (sequences.isEmpty()) {
          throw e;
        }
        String said = e.getMessage().stripTrailing();
        throw new ImportRefusedException(
            said + (said.endsWith(".") ? " " : ". ") + sequences, e.getCause());
      }
      doing = "SELECT from " + AUDIT_TABLE + " (the last row this apply logged)";
      long lastLogged = lastLogged(connection, digest);
      java.util.Set<Long> undoneApplies = undoneApplies(connection);
      String log = auditTable(connection, plan.dialect());
      doing = "SELECT from the catalog (the triggers of the tables updated)";
      List<String> undoWarnings = undoWarnings(connection, plan);
      doing = "SELECT (reading back the rows written)";
      writeUndo(
          plan,
          asStored,
          undoSchema(plan.dialect(), schema),
          keys,
          inserted(connection, plan, keys),
          references(connection, plan, schema),
          undoDraft,
          connection.getMetaData().getURL(),
          plan.dialect().textSettings(connection),
          new UndoMark(log, lastLogged),
          undoWarnings);
      doing = "COMMIT";
      this.undoDraft = undoDraft;
      reached = Reached.COMMITTING;
      try {
        connection.commit();
      } catch (SQLException e) {
        reached = Reached.NOT_COMMITTED;
        throw atCommit(plan.steps(), e);
      }
      committed = true;
      reached = Reached.COMMITTED;
      placeUndo();
      long inserted = plan.steps().stream().filter(Step::insert).count();
      return new Importer.ApplyOutcome(
          inserted,
          plan.steps().size() - inserted,
          null,
          moved,
          rewrites(rewritten),
          undone,
          plan.unkeptIds().stream()
              .filter(unkept -> unkept.sequenceGrant() != null)
              .map(ImportPlan.UnkeptIds::describe)
              .toList(),
          undoneApplies,
          undoWarnings);
    } finally {
      if (!committed) {
        try {
          connection.rollback();
        } catch (SQLException e) {
          // the connection is gone; the server rolls the transaction back itself
        }
        Files.deleteIfExists(undoDraft);
      }
      if (locked) {
        unlock(connection);
      }
    }
  }

  /**
   * Moves the committed apply's undo script into place as undo.sql, once, whichever comes first:
   * apply itself, or a stop after its commit ({@link #stoppedNote}), which would otherwise leave
   * the only undo script of a committed apply under its draft's name.
   */
  private synchronized void placeUndo() throws IOException {
    if (reached != Reached.COMMITTED) {
      return;
    }
    Path undo = undoDraft.resolveSibling("undo.sql");
    if (Files.exists(undo)) {
      // an earlier apply's undo script is kept, never overwritten
      Files.move(undo, undo.resolveSibling("undo-" + Instant.now().toEpochMilli() + ".sql"));
    }
    Files.move(undoDraft, undo, StandardCopyOption.ATOMIC_MOVE);
    undoFile = undo;
    reached = Reached.DONE;
  }

  /**
   * What the target holds when this process is stopped (Ctrl-C, a kill) before apply returned, for
   * the operator, who cannot tell otherwise whether part of the plan is in the database; null when
   * apply had finished. Stopped after the commit, it first puts the undo script in place.
   */
  String stoppedNote(String target, String digest) {
    String again = "apply again with the same --plan-digest " + digest;
    return switch (reached) {
      case NOT_COMMITTED ->
          "salvage import apply was stopped before it committed: nothing of this plan is in "
              + target
              + " (its one transaction is rolled back when the connection closes; a server that"
              + " has not noticed the connection gone yet holds apply's locks until it does)."
              + " To write the plan, "
              + again
              + ": it writes every row once.";
      case COMMITTING ->
          "salvage import apply was stopped while "
              + target
              + " committed its transaction: the target holds either every row of this plan or"
              + " none of them. "
              + Character.toUpperCase(again.charAt(0))
              + again.substring(1)
              + ": it says the plan was already applied, or writes it. The undo script of this"
              + " apply is complete in "
              + undoDraft
              + ": if the plan was applied, rename it undo.sql (an undo.sql there already is an"
              + " earlier apply's: rename that undo-<millis>.sql first); if not, delete it.";
      case COMMITTED -> committedNote(target);
      case DONE -> null;
    };
  }

  private String committedNote(String target) {
    String placed;
    try {
      placeUndo();
      placed = "its undo script is " + undoFile;
    } catch (IOException | RuntimeException e) {
      placed =
          "its undo script is in "
              + undoDraft
              + " (moving it to undo.sql failed: "
              + e.getMessage()
              + "; rename it undo.sql by hand)";
    }
    return "salvage import apply was stopped after "
        + target
        + " committed: the plan is applied, every row it wrote is in "
        + AUDIT_TABLE
        + ", and "
        + placed
        + ".";
  }

  /** The advisory lock's key on PostgreSQL: "salvage1" in ASCII; any fixed number serves. */
  static final long LOCK_KEY = 0x73616c7661676531L;

  /**
   * Waits until no other apply runs on this database, so two applies of one plan at once do not
   * both write: the second finds the first's log rows and says the plan was applied, where an
   * outside trial's second apply said "the target changed since the plan" listing the first's
   * writes. PostgreSQL holds a transaction advisory lock, released at commit or rollback; MariaDB a
   * named lock of the session (per database), released by {@link #unlock}. Returns whether a lock
   * needs releasing.
   */
  private static boolean lock(Connection connection, Dialect dialect)
      throws SQLException, ImportRefusedException {
    if (dialect == Dialect.POSTGRESQL) {
      try (PreparedStatement statement =
          connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
        statement.setLong(1, LOCK_KEY);
        statement.executeQuery().close();
      }
      return false;
    }
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT GET_LOCK(CONCAT('" + AUDIT_TABLE + ".', DATABASE()), " + LOCK_WAIT + ")")) {
      if (!rows.next() || rows.getInt(1) != 1) {
        throw new ImportRefusedException(
            "Refusing to apply: another salvage import apply on this database held its lock for "
                + LOCK_WAIT
                + " s; nothing was written. Apply again once it has finished");
      }
    }
    return true;
  }

  /** Seconds a MariaDB apply waits for another one to finish. */
  private static final int LOCK_WAIT = 3600;

  private static void unlock(Connection connection) {
    try (Statement statement = connection.createStatement()) {
      statement.execute("DO RELEASE_LOCK(CONCAT('" + AUDIT_TABLE + ".', DATABASE()))");
    } catch (SQLException e) {
      // the connection is gone, and its session's lock with it
    }
  }

  /**
   * Refuses a session whose unqualified table names resolve to another schema than plan's: apply
   * writes the tables plan.sql names, in the plan's schema, and must check and lock those same
   * rows, not another schema's tables of the same names.
   */
  private static void checkSchema(Connection connection, ImportPlan plan)
      throws SQLException, ImportRefusedException {
    if (plan.schema() == null) {
      return;
    }
    boolean unqualified =
        plan.steps().stream()
            .anyMatch(
                step ->
                    step.table().indexOf('.') < 0
                        || step.values().stream()
                            .anyMatch(
                                value ->
                                    value.lookup() != null
                                        && value.lookup().table().indexOf('.') < 0));
    String current = plan.dialect().currentSchema(connection);
    if (unqualified && !plan.schema().equals(current)) {
      throw new ImportRefusedException(
          "Refusing to apply: the plan's tables without a schema are in "
              + plan.schema()
              + ", where plan found them, but this session's search_path puts them in "
              + (current == null ? "no schema" : current)
              + "; nothing was written. Apply as the role and with the search_path the plan was"
              + " made with, or plan again");
    }
  }

  /**
   * The operation of the log row undo.sql adds as it runs: {@code row_key} holds the id of the last
   * log row of the apply it undid, {@code applied_at} when it ran. A row of its own rather than a
   * column set by undo.sql: it needs no ALTER of a log an earlier version (or an administrator)
   * created, and no privilege beyond the SELECT and INSERT apply already has.
   */
  static final String UNDO = "undo";

  /**
   * The latest apply of a plan the log holds: its rows are those after {@code afterId} up to {@code
   * lastId}; {@code undoneAt} is when its undo.sql ran, or null while it is in force.
   */
  record Applied(long afterId, long lastId, String appliedAt, String undoneAt) {
    Applied {
      requireNonNull(appliedAt, "appliedAt");
    }
  }

  /**
   * Creates the audit table when missing; returns the latest apply of this plan, or null when it
   * was never applied. An apply is identified by the id of its last log row, which its undo.sql
   * names: the digest alone said "already applied" of a plan whose undo.sql had been run, and an
   * outside trial's apply after undo, plan again, wrote nothing.
   */
  private static Applied ensureAuditTable(Connection connection, String digest, Dialect dialect)
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      boolean exists;
      try (ResultSet rows =
          statement.executeQuery(
              dialect == Dialect.POSTGRESQL
                  ? "SELECT to_regclass('" + AUDIT_TABLE + "') IS NOT NULL"
                  : "SELECT COUNT(*) > 0 FROM information_schema.tables"
                      + " WHERE table_schema = DATABASE() AND table_name = '"
                      + AUDIT_TABLE
                      + "'")) {
        rows.next();
        exists = rows.getBoolean(1);
      }
      if (!exists) {
        // only when missing, so a role without CREATE can use a table an administrator made
        statement.execute(dialect == Dialect.POSTGRESQL ? AUDIT_DDL : AUDIT_DDL_MARIADB);
        return null;
      }
    }
    Map<Long, Instant> undos = new HashMap<>();
    long lastId = 0;
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT operation, id, row_key, applied_at FROM "
                + AUDIT_TABLE
                + " WHERE plan_digest = ? AND (operation = ? OR id = (SELECT max(id) FROM "
                + AUDIT_TABLE
                + " WHERE plan_digest = ? AND operation <> ?))")) {
      statement.setString(1, digest);
      statement.setString(2, UNDO);
      statement.setString(3, digest);
      statement.setString(4, UNDO);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          if (!rows.getString(1).equals(UNDO)) {
            lastId = rows.getLong(2);
            continue;
          }
          try {
            undos.merge(
                Long.parseLong(rows.getString(3)),
                dialect.readInstant(rows, 4),
                (a, b) -> a.isBefore(b) ? a : b);
          } catch (NumberFormatException e) {
            // not a row undo.sql wrote: it undoes nothing
          }
        }
      }
    }
    if (lastId == 0) {
      return null;
    }
    // the apply before this one ended at the last row an undo names below it
    long afterId = 0;
    for (long undone : undos.keySet()) {
      if (undone < lastId && undone > afterId) {
        afterId = undone;
      }
    }
    Instant appliedAt;
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT min(applied_at) FROM "
                + AUDIT_TABLE
                + " WHERE plan_digest = ? AND operation <> ? AND id > ? AND id <= ?")) {
      statement.setString(1, digest);
      statement.setString(2, UNDO);
      statement.setLong(3, afterId);
      statement.setLong(4, lastId);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        appliedAt = dialect.readInstant(rows, 1);
      }
    }
    Instant undoneAt = undos.get(lastId);
    return new Applied(
        afterId, lastId, String.valueOf(appliedAt), undoneAt == null ? null : undoneAt.toString());
  }

  /**
   * Refuses to call a plan applied when rows its apply inserted are no longer there, by key: they
   * were deleted otherwise than by its undo.sql (by hand, or by an undo.sql written before undo
   * recorded itself in the log), and "already applied ...: nothing changed" would hide that the
   * target lacks them. Updates are not checked: a row the application changed since is not lost.
   */
  private void checkInsertsPresent(
      Connection connection, ImportPlan plan, String digest, Applied applied)
      throws SQLException, ImportRefusedException {
    Map<String, Step> byTable = new LinkedHashMap<>();
    for (Step step : plan.steps()) {
      if (step.insert()) {
        byTable.putIfAbsent(step.table(), step);
      }
    }
    Map<String, List<String>> logged = new LinkedHashMap<>();
    doing = "SELECT from " + AUDIT_TABLE + " (the rows the earlier apply inserted)";
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT table_name, row_key FROM "
                + AUDIT_TABLE
                + " WHERE plan_digest = ? AND operation = 'insert' AND id > ? AND id <= ?"
                + " ORDER BY id")) {
      statement.setString(1, digest);
      statement.setLong(2, applied.afterId());
      statement.setLong(3, applied.lastId());
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          logged.computeIfAbsent(rows.getString(1), t -> new ArrayList<>()).add(rows.getString(2));
        }
      }
    }
    List<String> missing = new ArrayList<>();
    int inserted = 0;
    for (Map.Entry<String, List<String>> table : logged.entrySet()) {
      Step first = byTable.get(table.getKey());
      inserted += table.getValue().size();
      if (first == null) {
        continue; // the same digest is the same plan: it inserts into every table it logged
      }
      doing = "SELECT from " + first.table() + " (the rows the earlier apply inserted)";
      Map<String, List<String>> present =
          Rows.read(
              connection,
              plan.dialect(),
              first.table(),
              first.keyColumn(),
              first.keyType(),
              List.of(),
              table.getValue(),
              false);
      for (String key : table.getValue()) {
        if (!present.containsKey(key)) {
          missing.add(first.table() + " " + first.keyColumn() + " = " + key);
        }
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    int shown = Math.min(missing.size(), 20);
    throw new ImportRefusedException(
        "Refusing to call this plan applied: it was applied at "
            + applied.appliedAt()
            + " (see "
            + AUDIT_TABLE
            + "), but "
            + missing.size()
            + " of the "
            + inserted
            + " row(s) it inserted are no longer in the target, and no undo.sql of that apply"
            + " was recorded: they were deleted otherwise. Nothing was written. Run salvage import"
            + " plan again and apply the digest it prints; if plan prints this same digest"
            + " (everything the apply wrote is gone), first record that in the log as its undo.sql"
            + " would: INSERT INTO "
            + AUDIT_TABLE
            + " (run_id, plan_digest, table_name, row_key, column_name, operation) VALUES ("
            + plan.dialect().quote(plan.runId())
            + ", '"
            + digest
            + "', '"
            + AUDIT_TABLE
            + "', '"
            + applied.lastId()
            + "', '*', '"
            + UNDO
            + "');\n  "
            + String.join("\n  ", missing.subList(0, shown))
            + (shown < missing.size() ? "\n  ... and " + (missing.size() - shown) + " more" : ""));
  }

  /** The id of the last log row this transaction wrote for {@code digest}; apply holds the lock. */
  private static long lastLogged(Connection connection, String digest) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT max(id) FROM " + AUDIT_TABLE + " WHERE plan_digest = ?")) {
      statement.setString(1, digest);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  /**
   * The audit table as undo.sql names it, quoted: on PostgreSQL with its schema, since undo.sql may
   * be run in a session whose search_path finds another table of that name, or none; on MariaDB
   * without its database, which is the one the operator's session selected (see {@link
   * #undoSchema}).
   */
  private static String auditTable(Connection connection, Dialect dialect) throws SQLException {
    if (dialect == Dialect.MARIADB) {
      return dialect.identifier(AUDIT_TABLE);
    }
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                dialect == Dialect.POSTGRESQL
                    ? "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid ="
                        + " c.relnamespace WHERE c.oid = to_regclass('"
                        + AUDIT_TABLE
                        + "')"
                    : "SELECT DATABASE()")) {
      rows.next();
      return dialect.identifier(rows.getString(1)) + "." + dialect.identifier(AUDIT_TABLE);
    }
  }

  /**
   * The schema undo.sql names tables with. On MariaDB none: the schema is the database, and an
   * operator picks the database to undo with {@code mariadb --batch DATABASE < undo.sql}; an
   * outside trial rehearsing the undo so on a copy rolled back the original, which every qualified
   * name pointed at, and left the copy as it was. undo.sql's first statement refuses a session with
   * no database, or one whose log lacks this apply. PostgreSQL's database is the connection's and
   * its schema is kept: there a name without it means whatever the search_path finds.
   */
  private static String undoSchema(Dialect dialect, String schema) {
    return dialect == Dialect.MARIADB ? null : schema;
  }

  /** The last log row of every apply an undo.sql said it undid (any plan's). */
  private static java.util.Set<Long> undoneApplies(Connection connection) throws SQLException {
    java.util.Set<Long> undone = new java.util.HashSet<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT row_key FROM " + AUDIT_TABLE + " WHERE operation = ?")) {
      statement.setString(1, UNDO);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          try {
            undone.add(Long.parseLong(rows.getString(1).trim()));
          } catch (NumberFormatException e) {
            // a row someone wrote by hand that names no apply: it undoes none
          }
        }
      }
    }
    return undone;
  }

  /**
   * The first statement of a MariaDB undo.sql: it stops the mariadb client before any change when
   * the session selected no database (every name is unqualified), or when the selected database's
   * log lacks this apply's last row: a database this apply did not write, nor a copy of one.
   */
  private static String sessionGuard(ImportPlan plan, UndoMark mark) {
    Dialect dialect = plan.dialect();
    String undo =
        "undo of plan " + plan.digest().substring(0, Math.min(12, plan.digest().length()));
    // a message built with the database's name goes through a variable: SIGNAL takes no expression
    return "BEGIN NOT ATOMIC DECLARE refused VARCHAR(500); IF DATABASE() IS NULL THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = "
        + dialect.quote(
            undo
                + ": no database is selected; name the database to undo (the one applied to, or a"
                + " copy of it): mariadb --batch DATABASE < undo.sql; nothing undone")
        + "; END IF; IF NOT EXISTS (SELECT 1 FROM information_schema.tables"
        + " WHERE table_schema = DATABASE() AND table_name = "
        + dialect.quote(AUDIT_TABLE)
        + ") THEN SET refused = CONCAT("
        + dialect.quote(undo + ": database ")
        + ", DATABASE(), "
        + dialect.quote(
            " has no "
                + AUDIT_TABLE
                + ": it is not the database this apply wrote, nor a copy of it; nothing undone")
        + "); SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = refused; END IF;"
        + " IF NOT EXISTS (SELECT 1 FROM "
        + mark.table()
        + " WHERE id = "
        + mark.lastLogged()
        + " AND plan_digest = "
        + dialect.quote(plan.digest())
        + ") THEN SET refused = CONCAT("
        + dialect.quote(undo + ": database ")
        + ", DATABASE(), "
        + dialect.quote(
            "'s "
                + AUDIT_TABLE
                + " has no row "
                + mark.lastLogged()
                + " of this plan: it is not the database this apply wrote, nor a copy of it;"
                + " nothing undone")
        + "); SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = refused; END IF; END";
  }

  /** The log row undo.sql adds as it ends: in {@code table}, naming the apply's last log row. */
  private record UndoMark(String table, long lastLogged) {
    UndoMark {
      requireNonNull(table, "table");
    }
  }

  /**
   * Moves the sequence of each key written from a record field past the largest key written, and of
   * each key whose new rows carry ids the plan does not write past the largest of those, before the
   * inserts: from then on the application's own inserts get keys after them, so none takes a key
   * this transaction is about to write, or an id the evidence names. Never backwards; not undone by
   * a rollback (numbers go unused, none is handed out twice).
   */
  private List<String> moveSequences(Connection connection, ImportPlan plan) throws SQLException {
    if (plan.dialect() != Dialect.POSTGRESQL) {
      return List.of(); // MariaDB's AUTO_INCREMENT moves past explicit keys by itself
    }
    List<String> moved = new ArrayList<>();
    for (ImportPlan.KeyColumn key : plan.keys()) {
      moveSequence(
              connection, key.sequence(), key.sequenceFrom(), key.sequenceTo(), "the keys written")
          .ifPresent(moved::add);
    }
    for (ImportPlan.UnkeptIds unkept : plan.unkeptIds()) {
      moveSequence(
              connection,
              unkept.sequence(),
              unkept.sequenceFrom(),
              unkept.sequenceTo(),
              "the ids the evidence names (" + unkept.field() + ")")
          .ifPresent(moved::add);
    }
    return moved;
  }

  private Optional<String> moveSequence(
      Connection connection, String sequence, String from, String to, String past)
      throws SQLException {
    doing = "setval on sequence " + sequence;
    if (sequence == null || to == null || !KeySequence.moveTo(connection, sequence, to)) {
      return Optional.empty();
    }
    return Optional.of(
        "sequence "
            + sequence
            + " moved from "
            + from
            + " (as planned) to "
            + to
            + ", past "
            + past);
  }

  /**
   * Where the key sequence (PostgreSQL) or AUTO_INCREMENT counter (MariaDB) of each table the plan
   * inserts into stands, by table: a failed apply rolls its rows back but not the numbers its
   * inserts took, which its refusal then says. A table whose position cannot be read is left out.
   */
  private Map<String, BigInteger> sequencePositions(
      Connection connection, ImportPlan plan, String schema) {
    Map<String, BigInteger> positions = new LinkedHashMap<>();
    Dialect dialect = plan.dialect();
    java.util.Set<String> tried = new java.util.HashSet<>();
    for (Step step : plan.steps()) {
      if (!step.insert() || !tried.add(step.table())) {
        continue;
      }
      // read in the apply's transaction, which a refused read must not end
      Savepoint beforeRead = null;
      try {
        beforeRead = dialect == Dialect.POSTGRESQL ? connection.setSavepoint() : null;
        BigInteger position = sequencePosition(connection, dialect, schema, step);
        if (position != null) {
          positions.put(step.table(), position);
        }
        if (beforeRead != null) {
          connection.releaseSavepoint(beforeRead);
        }
      } catch (SQLException | RuntimeException e) {
        // not readable (USAGE or SELECT lacking, no sequence): the refusal says nothing of it
        if (beforeRead != null) {
          try {
            connection.rollback(beforeRead);
          } catch (SQLException gone) {
            // the write that follows meets it and says so
          }
        }
      }
    }
    return positions;
  }

  private static BigInteger sequencePosition(
      Connection connection, Dialect dialect, String schema, Step step) throws SQLException {
    if (dialect == Dialect.POSTGRESQL) {
      KeySequence sequence =
          KeySequence.of(
              connection,
              dialect,
              schema == null || step.table().indexOf('.') >= 0
                  ? step.table()
                  : schema + "." + step.table(),
              step.keyColumn());
      return sequence == null || sequence.name() == null ? null : sequence.lastValue(connection);
    }
    int dot = step.table().indexOf('.');
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT AUTO_INCREMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
                + (dot < 0 && schema == null ? "DATABASE()" : "?")
                + " AND TABLE_NAME = ?")) {
      int at = 1;
      if (dot >= 0 || schema != null) {
        statement.setString(at++, dot >= 0 ? step.table().substring(0, dot) : schema);
      }
      statement.setString(at, dot >= 0 ? step.table().substring(dot + 1) : step.table());
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() && rows.getObject(1) != null
            ? rows.getBigDecimal(1).toBigInteger()
            : null;
      }
    }
  }

  /**
   * What a refusal adds about the numbers the failed apply's inserts took: each sequence (counter)
   * past where it stood, rolled back with nothing else, and by how much; empty when none moved or
   * none could be read.
   */
  private String sequencesMoved(
      Connection connection, ImportPlan plan, String schema, Map<String, BigInteger> before) {
    if (before.isEmpty()) {
      return "";
    }
    try {
      connection.rollback(); // the numbers stay taken; read them outside the failed transaction
    } catch (SQLException e) {
      return "";
    }
    List<String> moved = new ArrayList<>();
    for (Step step : plan.steps()) {
      BigInteger was = before.get(step.table());
      if (was == null || !step.insert()) {
        continue;
      }
      before = new LinkedHashMap<>(before);
      before.remove(step.table());
      BigInteger now;
      try {
        now = sequencePosition(connection, plan.dialect(), schema, step);
      } catch (SQLException | RuntimeException e) {
        continue;
      }
      if (now != null && now.compareTo(was) > 0) {
        moved.add(
            step.table()
                + "'s "
                + (plan.dialect() == Dialect.POSTGRESQL ? "key sequence" : "AUTO_INCREMENT")
                + " from "
                + was
                + " to "
                + now
                + " ("
                + now.subtract(was)
                + " number(s) taken)");
      }
    }
    if (moved.isEmpty()) {
      return "";
    }
    return "The sequences moved all the same (a rollback does not give numbers back; ids are"
        + " not reused, and the gaps are harmless): "
        + String.join(", ", moved);
  }

  /** Locks the planned rows and refuses if any changed since the plan or already exists. */
  private void checkBeforeImages(Connection connection, ImportPlan plan)
      throws SQLException, ImportRefusedException {
    List<String> problems = new ArrayList<>();
    // one row may differ in several columns: the message counts rows, and lists every difference
    int changedRows = 0;
    Map<String, List<Step>> updates = new LinkedHashMap<>();
    Map<String, List<Step>> inserts = new LinkedHashMap<>();
    for (Step step : plan.steps()) {
      (step.insert() ? inserts : updates)
          .computeIfAbsent(step.table(), t -> new ArrayList<>())
          .add(step);
    }
    for (List<Step> steps : updates.values()) {
      Step first = steps.get(0);
      doing = "SELECT ... FOR UPDATE on " + first.table() + " (locking the rows to update)";
      List<Rows.Column> columns = new ArrayList<>();
      for (Value guard : first.guards()) {
        columns.add(new Rows.Column(guard.column(), guard.type(), guard.lookup()));
      }
      List<String> keys = steps.stream().map(Step::key).toList();
      Map<String, List<String>> current =
          Rows.read(
              connection,
              plan.dialect(),
              first.table(),
              first.keyColumn(),
              first.keyType(),
              columns,
              keys,
              true);
      for (Step step : steps) {
        List<String> now = current.get(step.key());
        if (now == null) {
          problems.add(step.row() + " is gone");
          changedRows++;
          continue;
        }
        int before = problems.size();
        for (int i = 0; i < columns.size(); i++) {
          Value guard = step.guards().get(i);
          if (!guard.column().equals(columns.get(i).name())) {
            throw new ImportRefusedException(
                "Refusing to apply: plan.json is inconsistent (guards of " + step.record() + ")");
          }
          // a foreign key reads back as its parent's match value, which lookups find ignoring
          // case: the parent's email stored in another case is the same parent
          boolean same =
              guard.lookup() == null
                  ? Objects.equals(guard.value(), now.get(i))
                  : guard.value() == null || now.get(i) == null
                      ? guard.value() == now.get(i)
                      : guard
                          .value()
                          .toLowerCase(Locale.ROOT)
                          .equals(now.get(i).toLowerCase(Locale.ROOT));
          if (!same) {
            problems.add(
                step.row()
                    + ": "
                    + guard.column()
                    + " was "
                    + guard.value()
                    + " at plan time, is now "
                    + now.get(i));
          }
        }
        changedRows += problems.size() > before ? 1 : 0;
      }
    }
    for (List<Step> steps : inserts.values()) {
      Step first = steps.get(0);
      doing = "SELECT from " + first.table() + " (looking for rows that appeared since the plan)";
      List<String> naturals = steps.stream().map(Step::naturalValue).toList();
      // as the plan looked for them: a text natural key ignoring case, another by its own type
      // (the key's, where the key is the natural key)
      ColumnType naturalType =
          first.values().stream()
              .filter(value -> value.column().equals(first.naturalKey()))
              .map(Value::type)
              .findFirst()
              .orElse(ColumnType.TEXT);
      // a key of several columns as the plan found it: each column by its own type, the value
      // lower-cased as a text key's
      List<Rows.Column> parts = new ArrayList<>();
      if (first.naturalKeys() != null) {
        for (String column : first.naturalKeys()) {
          parts.add(
              new Rows.Column(
                  column,
                  first.values().stream()
                      .filter(value -> value.column().equals(column))
                      .map(Value::type)
                      .findFirst()
                      .orElse(ColumnType.TEXT),
                  null));
        }
      }
      boolean text = naturalType == ColumnType.TEXT || !parts.isEmpty();
      List<Rows.Column> key = List.of(new Rows.Column(first.keyColumn(), first.keyType(), null));
      Map<String, List<String>> present = new java.util.HashMap<>();
      if (!parts.isEmpty()) {
        Rows.readAllByKey(connection, plan.dialect(), first.table(), parts, key, naturals)
            .forEach((value, rows) -> present.put(value, rows.get(0).subList(1, 2)));
      } else {
        present.putAll(
            text
                ? Rows.readIgnoringCase(
                    connection, plan.dialect(), first.table(), first.naturalKey(), key, naturals)
                : Rows.read(
                    connection,
                    plan.dialect(),
                    first.table(),
                    first.naturalKey(),
                    naturalType,
                    key,
                    naturals,
                    false));
      }
      // a key the plan writes (from a field, or a generated uuid) that a row took since
      List<String> plannedKeys =
          steps.stream().map(Step::plannedKey).filter(Objects::nonNull).toList();
      Map<String, List<String>> taken =
          plannedKeys.isEmpty()
              ? Map.of()
              : Rows.read(
                  connection,
                  plan.dialect(),
                  first.table(),
                  first.keyColumn(),
                  first.keyType(),
                  first.naturalColumns().stream()
                      .map(column -> new Rows.Column(column, ColumnType.TEXT, null))
                      .toList(),
                  plannedKeys,
                  false);
      for (Step step : steps) {
        List<String> holder = step.plannedKey() == null ? null : taken.get(step.plannedKey());
        if (holder != null) {
          changedRows++;
          problems.add(
              first.table()
                  + " row with "
                  + first.keyColumn()
                  + " = "
                  + step.plannedKey()
                  + ", the key planned for "
                  + step.record()
                  + ", appeared since the plan, holding "
                  + (first.naturalKeys() != null
                      ? NaturalKey.shown(first.naturalKeys(), holder)
                      : first.naturalKey() + " = " + holder.get(0)));
          continue;
        }
        String found = text ? step.naturalValue().toLowerCase(Locale.ROOT) : step.naturalValue();
        if (present.containsKey(found)) {
          changedRows++;
          problems.add(
              first.table()
                  + " row with "
                  + (first.naturalKeys() != null ? "" : first.naturalKey() + " = ")
                  + step.naturalValue()
                  + " ("
                  + step.record()
                  + ") appeared since the plan, as "
                  + first.keyColumn()
                  + " = "
                  + present.get(found).get(0));
        }
      }
    }
    if (!problems.isEmpty()) {
      int shown = Math.min(problems.size(), 20);
      throw new ImportRefusedException(
          "Refusing to apply: the target changed since the plan in "
              + changedRows
              + " planned row(s); nothing was written. Run salvage import plan again.\n  "
              + String.join("\n  ", problems.subList(0, shown))
              + (shown < problems.size()
                  ? "\n  ... and " + (problems.size() - shown) + " more"
                  : ""));
    }
  }

  /**
   * Runs the steps in batches of the same statement; returns the key of each step's row. Each value
   * the database stored otherwise than it was written (a trigger or rule rewrote it) is logged as
   * stored, with a {@code rewrite} row holding both, and added to {@code rewritten}: table.column
   * -> one line per row; {@code asStored} gets each step as its row holds it.
   */
  private List<String> write(
      Connection connection,
      ImportPlan plan,
      String digest,
      Map<String, List<String>> rewritten,
      List<Step> asStored,
      Path importDir)
      throws SQLException, ImportRefusedException, IOException {
    List<String> keys = new ArrayList<>(plan.steps().size());
    long total = plan.steps().size();
    Dialect dialect = plan.dialect();
    String schema = plan.schema();
    try (PreparedStatement audit =
        connection.prepareStatement(
            "INSERT INTO "
                + AUDIT_TABLE
                + " (run_id, plan_digest, table_name, row_key, column_name, operation, before_value,"
                + " after_value, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, COALESCE(?, "
                + (dialect == Dialect.POSTGRESQL ? "now()::text" : "CAST(now(6) AS char)")
                + "), ?)")) {
      int from = 0;
      while (from < plan.steps().size()) {
        Step first = plan.steps().get(from);
        int to = batchEnd(plan.steps(), from, dialect, schema);
        List<Step> batch = plan.steps().subList(from, to);
        doing = (first.insert() ? "INSERT into " : "UPDATE of ") + first.table();
        List<String> batchKeys;
        Map<TargetMapping.Lookup, Map<String, String>> found = Map.of();
        try {
          if (first.insert()) {
            found = lookedUp(connection, dialect, schema, batch);
          }
          batchKeys =
              runBatch(
                  connection,
                  dialect,
                  schema,
                  first,
                  bound(first, dialect, schema).sql(),
                  batch,
                  found);
        } catch (SQLException e) {
          if (denied(e) && privileges(plan, e) != null) {
            throw e; // a table the plan names: said as plan says it, with the statement
          }
          if (denied(e)) {
            Map<Step, String> refused =
                refusedRows(connection, dialect, schema, plan.steps(), from, to, false);
            throw denied(batch, refused, e, dialect.grantee(connection));
          }
          // every refused row, not the first alone: an outside trial met nine rows a trigger
          // refused one apply (and one review, one plan) at a time
          Map<Step, String> refused =
              refusedRows(connection, dialect, schema, plan.steps(), from, to, true);
          if (refused.size() > 1) {
            throw refusedAll(plan.steps(), refused, importDir, e);
          }
          // a lone row of the last batch is not run again: its own message names it
          boolean triedAll = refused.size() == 1 || to - from == 1 && to == plan.steps().size();
          throw failed(plan.steps(), batch, refused, e, triedAll);
        }
        keys.addAll(batchKeys);
        if (!first.insert()) {
          // the keys the updated lookup columns held and hold, for the log as an insert logs them
          found = lookedUpBeforeAndAfter(connection, dialect, schema, batch);
        }
        doing = "SELECT from " + first.table() + " (reading back the rows written)";
        Map<String, List<String>> stored = stored(connection, dialect, first, batchKeys);
        Map<String, String> declared = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
          Step step = batch.get(i);
          List<String> row = stored.get(batchKeys.get(i));
          if (declared.isEmpty() && row != null && !differing(step, row).isEmpty()) {
            declared.putAll(declaredTypes(connection, dialect, step.table()));
          }
          Map<String, String> differing = differing(step, row, rewritten, declared);
          addAudit(audit, plan.runId(), digest, step, batchKeys.get(i), differing, found);
          asStored.add(step.asStored(differing));
        }
        doing = "INSERT into " + AUDIT_TABLE;
        audit.executeBatch();
        from = to;
        progress.written(from, total);
      }
    }
    return keys;
  }

  /** Where the batch starting at {@code from} ends: the steps after it with the same statement. */
  private int batchEnd(List<Step> steps, int from, Dialect dialect, String schema) {
    Step first = steps.get(from);
    String sql = bound(first, dialect, schema).sql();
    int to = from + 1;
    while (to < steps.size()
        && to - from < rowsPerBatch(first)
        && bound(steps.get(to), dialect, schema).sql().equals(sql)) {
      to++;
    }
    return to;
  }

  /**
   * The rows of the failed batch {@code from} to {@code to} the database refuses, each with its
   * message, and with {@code onwards} those of every later batch too. The failed statement ended
   * the transaction (PostgreSQL), so it is rolled back and run again up to the batch, then the
   * batch's statements one by one, each under a savepoint, then each later batch under a savepoint
   * of its own (one by one again should it fail), and the whole rolled back by the caller: a
   * savepoint before every batch would cost every apply that does not fail (PostgreSQL slows down
   * past 64 subtransactions). Empty when the rows cannot be told apart (the connection is gone, or
   * only the rows together fail).
   */
  private Map<Step, String> refusedRows(
      Connection connection,
      Dialect dialect,
      String schema,
      List<Step> steps,
      int from,
      int to,
      boolean onwards) {
    Map<Step, String> refused = new LinkedHashMap<>();
    if (to - from == 1 && (!onwards || to == steps.size())) {
      return refused; // the batch's own message names it
    }
    try {
      connection.rollback();
      for (int done = 0; done < from; ) {
        int end = batchEnd(steps, done, dialect, schema);
        Step first = steps.get(done);
        runBatch(
            connection,
            dialect,
            schema,
            first,
            bound(first, dialect, schema).sql(),
            steps.subList(done, end));
        done = end;
      }
      oneByOne(connection, dialect, schema, steps.subList(from, to), refused);
      for (int done = to; onwards && done < steps.size(); ) {
        int end = batchEnd(steps, done, dialect, schema);
        Step first = steps.get(done);
        Savepoint beforeBatch = connection.setSavepoint();
        try {
          runBatch(
              connection,
              dialect,
              schema,
              first,
              bound(first, dialect, schema).sql(),
              steps.subList(done, end));
          connection.releaseSavepoint(beforeBatch);
        } catch (SQLException e) {
          connection.rollback(beforeBatch);
          oneByOne(connection, dialect, schema, steps.subList(done, end), refused);
        }
        done = end;
      }
    } catch (SQLException | ImportRefusedException | RuntimeException e) {
      return Map.of();
    }
    return refused;
  }

  /**
   * Runs {@code steps} one by one, each under a savepoint; adds those refused to {@code refused}.
   */
  private void oneByOne(
      Connection connection,
      Dialect dialect,
      String schema,
      List<Step> steps,
      Map<Step, String> refused)
      throws SQLException, ImportRefusedException {
    for (Step step : steps) {
      Savepoint beforeRow = connection.setSavepoint();
      try {
        runBatch(
            connection, dialect, schema, step, bound(step, dialect, schema).sql(), List.of(step));
        connection.releaseSavepoint(beforeRow);
      } catch (SQLException e) {
        refused.put(step, said(e));
        connection.rollback(beforeRow);
      }
    }
  }

  /**
   * Names the refused record a row's lookup would have found (a booking of a guest the database
   * refused finds no guest, and fails for that alone); empty when there is none.
   */
  private static String refusedParent(java.util.Set<Step> refused, Step step) {
    for (Value value : step.values()) {
      if (value.lookup() == null || value.value() == null) {
        continue;
      }
      for (Step parent : refused) {
        if (parent.insert()
            && parent.table().equals(value.lookup().table())
            && parent.values().stream()
                .anyMatch(
                    v ->
                        v.column().equals(value.lookup().match())
                            && value.value().equalsIgnoreCase(v.value()))) {
          return " (its " + value.column() + " looks up record " + parent.record() + ", refused)";
        }
      }
    }
    return "";
  }

  /** Refused rows the console shows; the rest are in apply-refused.txt. */
  private static final int REFUSED_SHOWN = 10;

  /** What to do about rows the database refuses that plan could not foresee. */
  static final String REFUSED_NEXT =
      ": reject or edit %s in salvage review, or change the target so it takes %s (a trigger's or"
          + " constraint's condition, such as a row it looks up), then run salvage import plan"
          + " again and apply the digest it prints";

  /**
   * Several rows the database refused, each named with its record and what the database said, on
   * the console up to {@link #REFUSED_SHOWN} and every one in {@code apply-refused.txt}: nothing is
   * committed while any is refused, so the operator needs them all before the next plan.
   */
  private static ImportRefusedException refusedAll(
      List<Step> steps, Map<Step, String> refused, Path importDir, SQLException e)
      throws IOException {
    List<String> lines = new ArrayList<>();
    Map<String, Integer> perTable = new LinkedHashMap<>();
    for (Map.Entry<Step, String> row : refused.entrySet()) {
      Step step = row.getKey();
      perTable.merge(
          (step.insert() ? "inserting into " : "updating ") + step.table(), 1, Integer::sum);
      lines.add(
          named(step)
              + ": "
              + row.getValue().replace('\n', ' ').replaceAll("\\s+", " ")
              + clash(steps, step, row.getValue())
              + refusedParent(refused.keySet(), step));
    }
    Path list = importDir.resolve("apply-refused.txt");
    Files.write(list, lines, StandardCharsets.UTF_8);
    List<String> tables = new ArrayList<>();
    perTable.forEach((table, count) -> tables.add(table + ": " + count));
    int shown = Math.min(lines.size(), REFUSED_SHOWN);
    return new ImportRefusedException(
        "Apply failed: the database refused "
            + refused.size()
            + " of the plan's "
            + steps.size()
            + " row(s) ("
            + String.join(", ", tables)
            + "); nothing was written (the transaction is rolled back). Every row was tried, each"
            + " under a savepoint, so these are all the rows it refuses"
            + String.format(REFUSED_NEXT, "these records", "them")
            + ":\n  "
            + String.join("\n  ", lines.subList(0, shown))
            + (shown < lines.size()
                ? "\n  ... and " + (lines.size() - shown) + " more, every one in " + list
                : "\n(the list is also in " + list + ")"),
        e);
  }

  private static final java.util.regex.Pattern BATCH_ENTRY =
      java.util.regex.Pattern.compile(
          "Batch entry \\d+ .*? was aborted: |\\s*Call getNextException to see other errors in the"
              + " batch\\.?|\\s*Query is: .*",
          java.util.regex.Pattern.DOTALL);

  /**
   * What the database said of {@code e}: the server's message (and detail) and its SQLState, never
   * the driver's text of a batch's statement ("Batch entry 0 INSERT INTO ... VALUES (...) was
   * aborted"), which holds every bound value of the batch: an outside trial's console showed the
   * audit rows' customer data so.
   */
  static String said(SQLException e) {
    SQLException server =
        e instanceof java.sql.BatchUpdateException && e.getNextException() != null
            ? e.getNextException()
            : e;
    String message =
        BATCH_ENTRY.matcher(String.valueOf(server.getMessage())).replaceAll("").strip();
    String state = server.getSQLState() != null ? server.getSQLState() : e.getSQLState();
    if (state == null || message.contains("SQLState " + state)) {
      return message;
    }
    int end = message.indexOf('\n');
    return end < 0
        ? message + " (SQLState " + state + ")"
        : message.substring(0, end) + " (SQLState " + state + ")" + message.substring(end);
  }

  /**
   * Whether {@code e}, or the server's error a batch's exception carries, says a privilege lacks.
   */
  private static boolean denied(SQLException e) {
    return PlannedRows.PrivilegeMissing.denied(e)
        || e.getNextException() != null
            && PlannedRows.PrivilegeMissing.denied(e.getNextException());
  }

  /** The table a permission error names, without its schema (MariaDB writes `shop`.`client`). */
  private static final java.util.regex.Pattern DENIED_NAME =
      java.util.regex.Pattern.compile(
          "(?:permission denied for (?:table|relation) |denied to user \\S+ for table )"
              + "(?:[`']?[^`'\\s.]+[`']?\\.)?[`']?([^`'\\s.]+)");

  /**
   * The privileges the plan needs on the table a permission error names (the table qualified with
   * its schema as plan names it, then the privileges), or null when it names none of the plan's
   * tables (a trigger's, a rule's).
   */
  private static Map.Entry<String, List<String>> privileges(ImportPlan plan, SQLException e) {
    java.util.regex.Matcher m = DENIED_NAME.matcher(said(e));
    if (!m.find()) {
      return null;
    }
    String name = m.group(1);
    for (Map.Entry<String, List<String>> table : privileges(plan).entrySet()) {
      String key = table.getKey();
      if (key.substring(key.indexOf('.') + 1).equals(name)) {
        return table;
      }
    }
    return null;
  }

  /**
   * The privileges the plan needs on each table it names (its schema as plan names it), the audit
   * table's last: SELECT and INSERT or UPDATE on a step's table, SELECT on a lookup's.
   */
  private static Map<String, List<String>> privileges(ImportPlan plan) {
    Map<String, java.util.Set<String>> needed = new LinkedHashMap<>();
    for (Step step : plan.steps()) {
      java.util.Set<String> privileges =
          needed.computeIfAbsent(step.table(), t -> new java.util.LinkedHashSet<>());
      privileges.add("SELECT");
      privileges.add(step.insert() ? "INSERT" : "UPDATE");
      for (Value value : step.values()) {
        if (value.lookup() != null) {
          needed
              .computeIfAbsent(value.lookup().table(), t -> new java.util.LinkedHashSet<>())
              .add("SELECT");
        }
      }
    }
    needed.put(AUDIT_TABLE, new java.util.LinkedHashSet<>(List.of("SELECT", "INSERT")));
    Map<String, List<String>> lists = new LinkedHashMap<>();
    needed.forEach((table, privileges) -> lists.put(table, List.copyOf(privileges)));
    return lists;
  }

  /** PostgreSQL's lock_not_available, MariaDB's "Lock wait timeout exceeded". */
  private static boolean lockWaitEnded(SQLException e) {
    return "55P03".equals(e.getSQLState()) || e.getErrorCode() == 1205;
  }

  /**
   * The refusal when apply stopped waiting for a lock after {@code --lock-timeout}: which lock and
   * who held it, as the watch last saw it, since the session that held it (a killed apply's, still
   * open on the server) is what the operator must end or wait for.
   */
  private ImportRefusedException lockTimedOut(
      Connection connection, int lockTimeout, LockWatch watch, SQLException e) {
    try {
      connection.rollback();
    } catch (SQLException gone) {
      // the server rolls back itself
    }
    String seen = watch == null ? null : watch.lastSeen();
    return new ImportRefusedException(
        "Refusing to apply: it waited "
            + lockTimeout
            + " s (--lock-timeout) for a lock, at "
            + doing
            + (seen == null ? ", held by another session" : ": " + seen)
            + "; nothing was written (the transaction is rolled back). A killed apply's session"
            + " may still hold it until the server ends it; apply again once it is released, or"
            + " with a longer --lock-timeout",
        e);
  }

  /**
   * A statement refused outside the rows' own failures: a privilege taken away since the plan, said
   * as plan says it (the table with its schema, the statement, the GRANT), or else what the
   * database said, never the statement's bound values. Rolls back first: PostgreSQL answers nothing
   * more in the failed transaction.
   */
  private ImportRefusedException refused(
      Connection connection, ImportPlan plan, String schema, SQLException e) {
    Dialect dialect = plan.dialect();
    boolean open = true;
    try {
      connection.rollback();
    } catch (SQLException gone) {
      open = false; // nothing more can be asked; the server rolls back itself
    }
    Map.Entry<String, List<String>> needed = denied(e) ? privileges(plan, e) : null;
    String sequence = denied(e) ? PlannedRows.PrivilegeMissing.deniedSequence(said(e)) : null;
    if (!open || needed == null && sequence == null) {
      return new ImportRefusedException(
          "Apply failed at "
              + doing
              + ": "
              + said(e)
              + "; nothing was written (the transaction is"
              + " rolled back)",
          e);
    }
    String grantee = dialect.grantee(connection);
    List<String> grants = new ArrayList<>();
    String what;
    if (needed == null) {
      what = "sequence " + sequence;
      grants.add("GRANT USAGE, UPDATE ON SEQUENCE " + sequence);
    } else {
      String table = needed.getKey();
      String qualified = qualified(connection, dialect, schema, table);
      List<String> missing = new ArrayList<>();
      for (String privilege : needed.getValue()) {
        if (dialect != Dialect.POSTGRESQL || lacks(connection, qualified, privilege)) {
          missing.add(privilege);
        }
      }
      if (missing.isEmpty()) {
        missing.addAll(needed.getValue());
      }
      what = "table " + qualified;
      grants.add("GRANT " + String.join(", ", missing) + " ON " + qualified);
      if (dialect == Dialect.POSTGRESQL) {
        // every other table the plan needs a privilege on that is gone too, one GRANT per table:
        // naming the refused table's alone had an operator grant, apply, and meet the next
        for (Map.Entry<String, List<String>> other : privileges(plan).entrySet()) {
          if (other.getKey().equals(table)) {
            continue;
          }
          String otherQualified = qualified(connection, dialect, schema, other.getKey());
          List<String> lacking =
              other.getValue().stream()
                  .filter(privilege -> lacks(connection, otherQualified, privilege))
                  .toList();
          if (!lacking.isEmpty()) {
            grants.add("GRANT " + String.join(", ", lacking) + " ON " + otherQualified);
          }
        }
      }
    }
    String grant = String.join(" TO " + grantee + "; ", grants);
    return new ImportRefusedException(
        "Apply refused at "
            + doing
            + ": role "
            + grantee
            + " may not use "
            + what
            + " ("
            + said(e).lines().findFirst().orElse("")
            + "); nothing was written (the transaction is rolled back). Plan checks "
            + (grants.size() == 1
                ? "this privilege, so it was taken away since the plan: "
                : "these privileges, so they were taken away since the plan (every table this role"
                    + " now lacks one on, a GRANT each): ")
            + grant
            + " TO "
            + grantee
            + ", and apply again",
        e);
  }

  /**
   * {@code table} as a GRANT names it: with the schema plan names it in, else the audit table's own
   * ({@link #auditSchema}) or the session's {@code schema}.
   */
  private static String qualified(
      Connection connection, Dialect dialect, String schema, String table) {
    String where = table.equals(AUDIT_TABLE) ? auditSchema(connection, dialect) : null;
    return dialect.readableTable(
        table.contains(".") || schema == null && where == null
            ? table
            : (where != null ? where : schema) + "." + table);
  }

  /**
   * The schema holding the audit table as this session finds it (its search_path, with the mapped
   * tables' schema that {@link AuditTableSchema#find} appended), or null when it finds none or on
   * MariaDB: a log kept in {@code app} beside {@code app.rentals} is not the plan's session schema,
   * and a GRANT naming {@code public.salvage_import_log} fails with "relation does not exist".
   */
  private static String auditSchema(Connection connection, Dialect dialect) {
    if (dialect != Dialect.POSTGRESQL) {
      return null;
    }
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE c.oid = to_regclass('"
                    + AUDIT_TABLE
                    + "')")) {
      return rows.next() ? rows.getString(1) : null;
    } catch (SQLException e) {
      return null;
    }
  }

  /** Whether this role lacks {@code privilege} on {@code table}; false when it cannot be told. */
  private static boolean lacks(Connection connection, String table, String privilege) {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT NOT has_table_privilege(?, ?)")) {
      statement.setString(1, table);
      statement.setString(2, privilege);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() && rows.getBoolean(1);
      }
    } catch (SQLException e) {
      return false;
    }
  }

  /**
   * A statement the database refused (a constraint plan cannot see, a lost connection), with the
   * table and the record it was writing, or the records of its batch when the row cannot be told:
   * the database's message alone names neither the record nor that the whole transaction is rolled
   * back.
   */
  private static ImportRefusedException failed(
      List<Step> steps,
      List<Step> batch,
      Map<Step, String> refused,
      SQLException e,
      boolean triedAll) {
    Step first = batch.get(0);
    String records;
    String message;
    if (batch.size() == 1) {
      records = "record " + named(first);
      message = said(e) + clash(steps, first, said(e));
    } else if (refused.isEmpty()) {
      records =
          batch.size()
              + " records, "
              + first.record()
              + " to "
              + batch.get(batch.size() - 1).record();
      message = said(e);
    } else {
      Map.Entry<Step, String> one = refused.entrySet().iterator().next();
      records =
          "record "
              + named(one.getKey())
              + (refused.size() == 1
                  ? ""
                  : " and "
                      + (refused.size() - 1)
                      + " more of the batch's "
                      + batch.size()
                      + " ("
                      + String.join(
                          ", ", refused.keySet().stream().skip(1).map(Applier::named).toList())
                      + ")");
      message =
          one.getValue()
              + clash(steps, one.getKey(), one.getValue())
              + (refused.size() == 1
                  ? ""
                  : refused.entrySet().stream()
                      .skip(1)
                      .map(other -> "\n" + other.getKey().record() + ": " + other.getValue())
                      .collect(java.util.stream.Collectors.joining()));
    }
    return new ImportRefusedException(
        "Apply failed "
            + (first.insert() ? "inserting into " : "updating ")
            + first.table()
            + " for "
            + records
            + "; nothing was written (the transaction is rolled back): "
            + message
            + (triedAll
                ? "\nEvery other row of the plan was tried, and the database takes them"
                    + String.format(REFUSED_NEXT, "the record", "it")
                : ""),
        e);
  }

  /**
   * A batch refused for want of a privilege on a table its rows do not name (a trigger writing an
   * audit table, a rule), said once: every row of the batch meets it, and an outside trial's apply
   * repeated "permission denied for table audit_log" for each of its 50 rows.
   */
  private static ImportRefusedException denied(
      List<Step> batch, Map<Step, String> refused, SQLException e, String grantee) {
    Step first = batch.get(0);
    String table = PlannedRows.PrivilegeMissing.deniedTable(said(e));
    String sequence = PlannedRows.PrivilegeMissing.deniedSequence(said(e));
    String named =
        sequence != null ? "sequence " + sequence : table == null ? "a table" : "table " + table;
    // the log table's serial key: INSERT on the table is not enough, its sequence needs USAGE
    String grant =
        sequence != null
            ? "GRANT USAGE ON SEQUENCE " + sequence + " TO " + grantee
            : "GRANT the privilege it needs (INSERT, for a trigger that logs) ON "
                + (table == null ? "<that table>" : table)
                + " TO "
                + grantee;
    int rows = refused.isEmpty() ? batch.size() : refused.size();
    return new ImportRefusedException(
        "Apply failed "
            + (first.insert() ? "inserting into " : "updating ")
            + first.table()
            + ": role "
            + grantee
            + " may not use "
            + named
            + ", which a trigger, rule or constraint of "
            + first.table()
            + " reaches as rows are written ("
            + said(e).lines().findFirst().orElse("")
            + "; said once for "
            + rows
            + " row(s), record "
            + named(refused.isEmpty() ? first : refused.keySet().iterator().next())
            + " first); nothing was written (the transaction is rolled back): "
            + grant
            + ", and apply again",
        e);
  }

  /**
   * The commit refused: a constraint checked only at commit ({@code DEFERRABLE INITIALLY DEFERRED})
   * found a row the writes left wrong, most likely because the target changed since the plan (a
   * parent deleted). Named with the constraint and key the database gives, and the records of the
   * plan that write that key.
   */
  private static ImportRefusedException atCommit(List<Step> steps, SQLException e) {
    String message = said(e).replace('\n', ' ').replaceAll("\\s+", " ");
    List<String> records = new ArrayList<>();
    java.util.regex.Matcher m = ANY_KEY.matcher(message);
    if (m.find()) {
      List<String> columns = List.of(m.group(1).split(", "));
      List<String> values = List.of(m.group(2).split(", "));
      for (Step step : steps) {
        if (columns.size() == values.size() && holds(step, columns, values)) {
          records.add(named(step));
        }
      }
    }
    return new ImportRefusedException(
        "Apply failed at commit: "
            + message
            + (records.isEmpty() ? "" : " (written for record " + String.join(", ", records) + ")")
            + "; a constraint the database checks only at commit (DEFERRABLE INITIALLY DEFERRED)"
            + " refused it, so nothing was written (the transaction is rolled back). The target"
            + " changed since the plan (a row the plan relied on, such as a parent, was deleted or"
            + " changed): run salvage import plan again",
        e);
  }

  /** Whether {@code step} writes {@code values} into {@code columns}, as the database prints. */
  private static boolean holds(Step step, List<String> columns, List<String> values) {
    for (int i = 0; i < columns.size(); i++) {
      String column = columns.get(i).replace("\"", "");
      String value = values.get(i);
      if (step.values().stream()
          .noneMatch(v -> v.column().equals(column) && value.equals(v.value()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * What a unique value's clash means: another record of this plan inserting it ({@link
   * #sameUniqueValue}), or else a row of the target holding it, which plan would have kept the
   * record out for (it checks unique indexes against the target's rows): the row appeared since the
   * plan. An outside trial's message named the record and the key, but not that the target changed
   * nor what to do. Empty for any other refusal.
   */
  private static String clash(List<Step> steps, Step failing, String message) {
    String same = sameUniqueValue(steps, failing, message);
    if (!same.isEmpty() || !failing.insert() || !UNIQUE_CLASH.matcher(message).find()) {
      return same;
    }
    return " (a row of "
        + failing.table()
        + " holds that value: the target changed since the plan, which checks unique indexes"
        + " against the target's rows, unless the value is one only apply knows, such as a"
        + " column default; run salvage import plan again, which keeps the record out and names"
        + " the row)";
  }

  private static final java.util.regex.Pattern UNIQUE_CLASH =
      java.util.regex.Pattern.compile("already exists|Duplicate entry '.*' for key");

  private static final java.util.regex.Pattern ANY_KEY =
      java.util.regex.Pattern.compile("Key \\((.+?)\\)=\\((.*?)\\)");

  private static final java.util.regex.Pattern DUPLICATE_KEY =
      java.util.regex.Pattern.compile("Key \\((.+?)\\)=\\((.*?)\\) already exists");

  private static final java.util.regex.Pattern EXISTING_KEY =
      java.util.regex.Pattern.compile(
          "conflicts with existing key \\((.+?)\\)=\\((.*?)\\)\\.?\\s*$");

  /**
   * Where PostgreSQL says a unique value "already exists", or an exclusion constraint's row
   * "conflicts with existing key", the other record of this plan that inserts it, if one does: the
   * row is not one the target held, and the message alone sent the operator looking for it there.
   * Empty when none is found (the row was the target's).
   */
  private static String sameUniqueValue(List<Step> steps, Step failing, String message) {
    String text = message == null ? "" : message.strip();
    java.util.regex.Matcher m = DUPLICATE_KEY.matcher(text);
    boolean exclusion = false;
    if (!m.find()) {
      m = EXISTING_KEY.matcher(text);
      exclusion = m.find();
      if (!exclusion) {
        return "";
      }
    }
    if (!failing.insert()) {
      return "";
    }
    List<String> columns = List.of(m.group(1).split(", "));
    List<String> values = List.of(m.group(2).split(", "));
    if (columns.size() != values.size()) {
      return ""; // a value holding ", ": cannot be told apart
    }
    for (Step other : steps) {
      if (other == failing || !other.insert() || !other.table().equals(failing.table())) {
        continue;
      }
      boolean same = true;
      for (int i = 0; i < columns.size() && same; i++) {
        String column = columns.get(i).replace("\"", "");
        String value = values.get(i);
        Value mine =
            failing.values().stream()
                .filter(v -> v.column().equals(column))
                .findFirst()
                .orElse(null);
        // a foreign key written by lookup prints as the parent's key: the same parent found by
        // the same match value is the same key
        same =
            other.values().stream()
                .anyMatch(
                    v ->
                        v.column().equals(column)
                            && (v.lookup() == null
                                ? value.equals(v.value())
                                : mine != null
                                    && v.lookup().equals(mine.lookup())
                                    && v.value() != null
                                    && mine.value() != null
                                    && v.value().equalsIgnoreCase(mine.value())));
      }
      if (same) {
        return " (that row is not the target's: this plan inserts it too, for record "
            + named(other)
            + (exclusion
                ? "; two approved records clash under this exclusion constraint, reject or"
                    + " correct one)"
                : "; two approved records claim one unique value, reject or correct one)");
      }
    }
    return "";
  }

  /** A record as a person finds it: with the natural key it inserts, or the row it updates. */
  private static String named(Step step) {
    return step.record()
        + (step.insert()
            ? " ("
                + (step.naturalKeys() != null ? "" : step.naturalKey() + " ")
                + step.naturalValue()
                + ")"
            : " (" + step.keyColumn() + " = " + step.key() + ")");
  }

  /** The type the plan maps a natural key's column as (text when the column is the key alone). */
  private static ColumnType naturalType(Step step, String column) {
    return step.values().stream()
        .filter(value -> value.column().equals(column))
        .map(Value::type)
        .findFirst()
        .orElse(column.equals(step.keyColumn()) ? step.keyType() : ColumnType.TEXT);
  }

  /** The batch size, kept under the protocol's limit of 65535 parameters per statement. */
  private int rowsPerBatch(Step step) {
    return Math.max(1, Math.min(batchSize, 30_000 / (step.values().size() + 1)));
  }

  private static SqlText.Bound bound(Step step, Dialect dialect, String schema) {
    return step.insert()
        ? SqlText.insert(step, false, dialect, schema)
        : SqlText.update(step, false, dialect, schema);
  }

  private static List<String> runBatch(
      Connection connection,
      Dialect dialect,
      String schema,
      Step first,
      String sql,
      List<Step> batch)
      throws SQLException, ImportRefusedException {
    return runBatch(
        connection,
        dialect,
        schema,
        first,
        sql,
        batch,
        first.insert() ? lookedUp(connection, dialect, schema, batch) : Map.of());
  }

  /** {@code found}: the keys the batch's lookups find, as {@link #lookedUp} gives them. */
  private static List<String> runBatch(
      Connection connection,
      Dialect dialect,
      String schema,
      Step first,
      String sql,
      List<Step> batch,
      Map<TargetMapping.Lookup, Map<String, String>> found)
      throws SQLException, ImportRefusedException {
    List<String> keys = new ArrayList<>(batch.size());
    if (first.insert()) {
      SqlText.Bound rows = SqlText.insertRows(batch, false, true, dialect, schema, found);
      Map<String, String> byNatural = new java.util.HashMap<>();
      try (PreparedStatement statement = connection.prepareStatement(rows.sql())) {
        bind(statement, rows, dialect);
        try (ResultSet inserted = statement.executeQuery()) {
          while (inserted.next()) {
            // each column read back by its type, in the canonical form the plan names the
            // record's value in: a timestamptz as getString gives it ("2026-04-07 13:00:00+02", in
            // the session's zone) is not the plan's 2026-04-07T11:00:00Z, and every insert of a
            // table keyed by a time failed with "No key came back" (an outside trial's
            // appointments, natural_key [groomer, starts_at], 2026-12-07)
            String natural =
                first.naturalKeys() != null
                    ? null
                    : naturalType(first, first.naturalKey()).read(inserted, 2, dialect);
            if (first.naturalKeys() != null) {
              // a key of several columns comes back column by column, found as the plan names it
              List<String> parts = new ArrayList<>();
              for (int i = 0; i < first.naturalKeys().size(); i++) {
                parts.add(
                    naturalType(first, first.naturalKeys().get(i)).read(inserted, i + 2, dialect));
              }
              natural = NaturalKey.shown(first.naturalKeys(), parts).toLowerCase(Locale.ROOT);
            }
            byNatural.put(natural, first.keyType().read(inserted, 1, dialect));
          }
        }
      }
      for (Step step : batch) {
        String key =
            byNatural.get(
                step.naturalKeys() != null
                    ? step.naturalValue().toLowerCase(Locale.ROOT)
                    : step.naturalValue());
        if (key == null) {
          throw new IllegalStateException(
              "No key came back for the row inserted into "
                  + step.table()
                  + " for "
                  + step.record());
        }
        keys.add(key);
      }
      return keys;
    }
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (Step step : batch) {
        bind(statement, SqlText.update(step, false, dialect, schema), dialect);
        statement.addBatch();
        keys.add(step.key());
      }
      int[] counts = statement.executeBatch();
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] != 1 && counts[i] != Statement.SUCCESS_NO_INFO) {
          Step step = batch.get(i);
          throw new ImportRefusedException(
              "Refusing to apply: "
                  + step.table()
                  + " "
                  + step.keyColumn()
                  + " = "
                  + step.key()
                  + " ("
                  + step.record()
                  + ") no longer holds its before-image; nothing was written");
        }
      }
    }
    return keys;
  }

  /**
   * Per lookup of {@code batch}, the key each of its values finds, asked in one query per lookup (a
   * join on {@code lower(match)}: one read of the parent table for the batch), the values that find
   * no row or several left out: their subquery gives NULL, or fails, as it always did. Written into
   * each row as a subquery, the lookups read the parent table once per row: 100,000 rows applied in
   * 400 s where 4,000 took 5.
   */
  private static Map<TargetMapping.Lookup, Map<String, String>> lookedUp(
      Connection connection, Dialect dialect, String schema, List<Step> batch) throws SQLException {
    Map<TargetMapping.Lookup, java.util.Set<String>> wanted = new java.util.LinkedHashMap<>();
    for (Step step : batch) {
      for (Value value : step.values()) {
        if (value.lookup() != null && value.value() != null) {
          wanted
              .computeIfAbsent(value.lookup(), l -> new java.util.LinkedHashSet<>())
              .add(value.value());
        }
      }
    }
    return lookedUp(connection, dialect, schema, wanted);
  }

  /** As {@link #lookedUp(Connection, Dialect, String, List)}, of updates' old values too. */
  private static Map<TargetMapping.Lookup, Map<String, String>> lookedUpBeforeAndAfter(
      Connection connection, Dialect dialect, String schema, List<Step> batch) throws SQLException {
    Map<TargetMapping.Lookup, java.util.Set<String>> wanted = new java.util.LinkedHashMap<>();
    for (Step step : batch) {
      for (Value value : step.values()) {
        if (value.lookup() != null) {
          java.util.Set<String> values =
              wanted.computeIfAbsent(value.lookup(), l -> new java.util.LinkedHashSet<>());
          if (value.value() != null) {
            values.add(value.value());
          }
          if (value.before() != null) {
            values.add(value.before());
          }
        }
      }
    }
    wanted.values().removeIf(java.util.Set::isEmpty);
    return lookedUp(connection, dialect, schema, wanted);
  }

  private static Map<TargetMapping.Lookup, Map<String, String>> lookedUp(
      Connection connection,
      Dialect dialect,
      String schema,
      Map<TargetMapping.Lookup, java.util.Set<String>> wanted)
      throws SQLException {
    Map<TargetMapping.Lookup, Map<String, String>> found = new java.util.HashMap<>();
    for (Map.Entry<TargetMapping.Lookup, java.util.Set<String>> lookup : wanted.entrySet()) {
      TargetMapping.Lookup of = lookup.getKey();
      List<String> values = List.copyOf(lookup.getValue());
      StringBuilder sql =
          new StringBuilder("SELECT v.x, p.")
              .append(dialect.identifier(of.take()))
              .append(" FROM ")
              .append(dialect.table(of.table(), schema))
              .append(" p JOIN (");
      for (int i = 0; i < values.size(); i++) {
        sql.append(i == 0 ? "SELECT ? AS x" : " UNION ALL SELECT ?");
      }
      sql.append(") v ON lower(p.").append(dialect.identifier(of.match())).append(") = lower(v.x)");
      if (of.softDelete() != null) {
        sql.append(" WHERE p.").append(dialect.identifier(of.softDelete())).append(" IS NULL");
      }
      Map<String, List<String>> keys = new java.util.HashMap<>();
      try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
        for (int i = 0; i < values.size(); i++) {
          statement.setString(i + 1, values.get(i));
        }
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            keys.computeIfAbsent(rows.getString(1), x -> new ArrayList<>()).add(rows.getString(2));
          }
        }
      }
      Map<String, String> single = new java.util.HashMap<>();
      keys.forEach(
          (value, takes) -> {
            if (takes.size() == 1 && takes.get(0) != null) {
              single.put(value, takes.get(0));
            }
          });
      found.put(of, single);
    }
    return found;
  }

  private static void bind(PreparedStatement statement, SqlText.Bound bound, Dialect dialect)
      throws SQLException {
    for (int i = 0; i < bound.values().size(); i++) {
      bound.types().get(i).bind(statement, i + 1, bound.values().get(i), dialect);
    }
  }

  /**
   * The columns {@code first}'s statement writes as values of its own (not a lookup's key, not the
   * apply's time), read back from the rows of {@code keys}: key -> their values in the order of
   * {@link #compared}.
   */
  private static Map<String, List<String>> stored(
      Connection connection, Dialect dialect, Step first, List<String> keys) throws SQLException {
    List<Rows.Column> columns = new ArrayList<>();
    for (Value value : compared(first)) {
      columns.add(new Rows.Column(value.column(), value.type(), null));
    }
    if (columns.isEmpty()) {
      return Map.of();
    }
    return Rows.read(
        connection,
        dialect,
        first.table(),
        first.keyColumn(),
        first.keyType(),
        columns,
        keys,
        false);
  }

  private static List<Value> compared(Step step) {
    return step.values().stream()
        .filter(value -> value.lookup() == null && !value.generatedNow())
        .toList();
  }

  /** The columns of {@code step}'s row whose stored value is not the one written. */
  private static Map<String, String> differing(Step step, List<String> stored) {
    return differing(step, stored, new HashMap<>(), Map.of());
  }

  /**
   * The columns of {@code step}'s row whose stored value is not the one written, column -> stored
   * value, each also said in {@code rewritten} with why: the column's declared type (its {@code
   * declared}, column -> type as the catalog writes it) when its precision, scale or length
   * explains the difference, else a trigger or rule.
   */
  private static Map<String, String> differing(
      Step step,
      List<String> stored,
      Map<String, List<String>> rewritten,
      Map<String, String> declared) {
    if (stored == null) {
      return Map.of();
    }
    Map<String, String> differing = new LinkedHashMap<>();
    List<Value> compared = compared(step);
    for (int i = 0; i < compared.size(); i++) {
      Value value = compared.get(i);
      if (!value.type().same(value.value(), stored.get(i))) {
        differing.put(value.column(), stored.get(i));
        String why = declaredTypeChanges(declared.get(value.column()), value.value());
        rewritten
            .computeIfAbsent(step.table() + "." + value.column(), c -> new ArrayList<>())
            .add(
                "the database stored "
                    + value.type().literal(stored.get(i), Dialect.POSTGRESQL)
                    + " for "
                    + step.table()
                    + "."
                    + value.column()
                    + " where "
                    + value.type().literal(value.value(), Dialect.POSTGRESQL)
                    + " was written ("
                    + step.record()
                    + "; "
                    + (why == null ? "a trigger or rule rewrites it" : why)
                    + ")");
      }
    }
    return differing;
  }

  private static final java.util.regex.Pattern FRACTIONAL_SECONDS =
      java.util.regex.Pattern.compile(
          "(?:timestamp|datetime|time)(?:\\((\\d+)\\))?(?: with(?:out)? time zone)?");
  private static final java.util.regex.Pattern SCALE =
      java.util.regex.Pattern.compile("(?:numeric|decimal)\\((\\d+),(\\d+)\\)(?: unsigned)?");
  private static final java.util.regex.Pattern LENGTH =
      java.util.regex.Pattern.compile("(character varying|varchar|character|char)\\((\\d+)\\)");

  /**
   * Why a column of the {@code declared} type stores {@code written} otherwise, when its type says
   * so: fewer fractional seconds than written (PostgreSQL and MariaDB round them away without a
   * word), fewer decimals, a fixed length that pads, a length MariaDB cuts to outside strict mode;
   * null when the type does not explain it. An outside trial's timestamptz(0) column was blamed on
   * a trigger that did not exist.
   */
  static String declaredTypeChanges(String declared, String written) {
    if (declared == null || written == null) {
      return null;
    }
    String type = declared.toLowerCase(Locale.ROOT).strip();
    java.util.regex.Matcher time = FRACTIONAL_SECONDS.matcher(type);
    if (time.matches()) {
      int digits =
          time.group(1) == null ? (type.contains("with") ? 6 : 0) : Integer.parseInt(time.group(1));
      java.util.regex.Matcher fraction =
          java.util.regex.Pattern.compile("[T ]\\d{2}:\\d{2}:\\d{2}\\.(\\d+)").matcher(written);
      if (fraction.find() && fraction.group(1).replaceAll("0+$", "").length() > digits) {
        return "its type "
            + declared
            + " keeps "
            + digits
            + " fractional digit(s) of a second: the database rounds the rest";
      }
      return null;
    }
    java.util.regex.Matcher scale = SCALE.matcher(type);
    if (scale.matches()) {
      int point = written.indexOf('.');
      int decimals = point < 0 ? 0 : written.substring(point + 1).replaceAll("0+$", "").length();
      int kept = Integer.parseInt(scale.group(2));
      return decimals > kept
          ? "its type " + declared + " keeps " + kept + " decimal(s): the database rounds the rest"
          : null;
    }
    java.util.regex.Matcher length = LENGTH.matcher(type);
    if (length.matches()) {
      int size = Integer.parseInt(length.group(2));
      int chars = written.codePointCount(0, written.length());
      boolean fixed = length.group(1).equals("character") || length.group(1).equals("char");
      if (fixed && chars < size) {
        return "its type " + declared + " pads the value with spaces to " + size + " characters";
      }
      if (chars > size) {
        return "its type "
            + declared
            + " holds "
            + size
            + " characters: the database cut the value (MariaDB outside strict mode)";
      }
    }
    return null;
  }

  /**
   * The declared type of each column of {@code table} this role may read, as its catalog writes it,
   * precision and all, in the table's order.
   */
  private static Map<String, String> declaredTypes(
      Connection connection, Dialect dialect, String table) throws SQLException {
    int dot = table.indexOf('.');
    String schemaName = dot < 0 ? null : table.substring(0, dot);
    String tableName = table.substring(dot + 1);
    String sql =
        dialect == Dialect.POSTGRESQL
            ? "SELECT a.attname::text, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a"
                + " JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid ="
                + " c.relnamespace WHERE a.attnum > 0 AND NOT a.attisdropped"
                + " AND has_column_privilege(c.oid, a.attnum, 'SELECT') AND n.nspname = "
                + (schemaName == null ? "current_schema()" : "?")
                + " AND c.relname = ? ORDER BY a.attnum"
            : "SELECT column_name, column_type FROM information_schema.columns WHERE table_schema"
                + " = "
                + (schemaName == null ? "DATABASE()" : "?")
                + " AND table_name = ? ORDER BY ordinal_position";
    Map<String, String> types = new LinkedHashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      int index = 1;
      if (schemaName != null) {
        statement.setString(index++, schemaName);
      }
      statement.setString(index, tableName);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          types.put(rows.getString(1), rows.getString(2));
        }
      }
    }
    return types;
  }

  /** Per column, its first rewritten value and how many more rows it was so in. */
  private static List<String> rewrites(Map<String, List<String>> rewritten) {
    List<String> lines = new ArrayList<>();
    rewritten.forEach(
        (column, rows) ->
            lines.add(
                rows.get(0)
                    + (rows.size() == 1
                        ? ""
                        : "; and in " + (rows.size() - 1) + " more row(s) of " + column)));
    return lines;
  }

  /**
   * The log rows of one written row. The after-value is what the row holds: a value the database
   * rewrote ({@code stored}: column -> its value) is logged as stored, so undo and a later plan's
   * proof that the row is Salvage's compare with the row, and a {@code rewrite} row keeps what was
   * written beside it, so a later plan does not write the same value again.
   */
  private static void addAudit(
      PreparedStatement audit,
      String runId,
      String digest,
      Step step,
      String key,
      Map<String, String> stored,
      Map<TargetMapping.Lookup, Map<String, String>> found)
      throws SQLException {
    String evidence = String.join(" ", step.evidence());
    if (step.insert()) {
      ObjectNode row = Json.MAPPER.createObjectNode();
      ObjectNode lookups = Json.MAPPER.createObjectNode();
      for (Value value : step.values()) {
        if (value.lookup() != null && value.value() != null) {
          // the key the column holds: an outside trial's auditor read an email in a uuid column;
          // the value it was found by is kept beside it, which OwnInserts compares rows by
          row.put(value.column(), found.getOrDefault(value.lookup(), Map.of()).get(value.value()));
          lookups
              .putObject(value.column())
              .put("table", value.lookup().table())
              .put("match", value.lookup().match())
              .put("value", value.value());
          continue;
        }
        row.put(
            value.column(),
            value.generatedNow()
                ? "now()"
                : stored.containsKey(value.column()) ? stored.get(value.column()) : value.value());
      }
      if (!lookups.isEmpty()) {
        row.set(LOOKUPS, lookups);
      }
      addAuditRow(
          audit, runId, digest, step.table(), key, "*", "insert", null, row.toString(), evidence);
    } else {
      for (Value value : step.values()) {
        if (value.lookup() != null) {
          // the keys the column held and holds, as an insert logs it (an outside trial's auditor
          // read an email in a uuid column); a LOOKUP row beside it keeps the values they were
          // found by, which a later plan compares the row by
          Map<String, String> keys = found.getOrDefault(value.lookup(), Map.of());
          addAuditRow(
              audit,
              runId,
              digest,
              step.table(),
              key,
              value.column(),
              "update",
              value.beforeKey() != null
                  ? value.beforeKey()
                  : value.before() == null ? null : keys.get(value.before()),
              value.value() == null ? null : keys.get(value.value()),
              evidence);
          addAuditRow(
              audit,
              runId,
              digest,
              step.table(),
              key,
              value.column(),
              LOOKUP,
              value.before(),
              value.value(),
              evidence);
          continue;
        }
        addAuditRow(
            audit,
            runId,
            digest,
            step.table(),
            key,
            value.column(),
            "update",
            value.before(),
            stored.containsKey(value.column()) ? stored.get(value.column()) : value.value(),
            evidence);
      }
    }
    for (Value value : step.values()) {
      if (stored.containsKey(value.column())) {
        addAuditRow(
            audit,
            runId,
            digest,
            step.table(),
            key,
            value.column(),
            REWRITE,
            value.value(),
            stored.get(value.column()),
            evidence);
      }
    }
  }

  /**
   * The member of an insert's logged row naming, per column written by lookup, the table, the match
   * column and the value the key was found by; an object, which no column's text value is.
   */
  static final String LOOKUPS = "lookups";

  /**
   * The operation of the log row beside an update of a lookup column (logged since 2026-12-06):
   * {@code before_value} and {@code after_value} the parent's match values the update row's keys
   * were found by. Before, the update row itself held the match values.
   */
  static final String LOOKUP = "lookup";

  /**
   * The operation of a log row saying the database stored another value than apply wrote: {@code
   * before_value} what was written, {@code after_value} what was stored.
   */
  static final String REWRITE = "rewrite";

  private static void addAuditRow(PreparedStatement audit, String... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      audit.setString(i + 1, values[i]);
    }
    audit.addBatch();
  }

  /**
   * Each inserted row as it is once every step is written (a later row's trigger may have changed
   * an earlier one), every column this role may read as text: column -> text, per step (empty for
   * an update). undo.sql deletes the row only while it still holds all of it: an outside trial's
   * staff set a column the insert left to its default, and undo, comparing only the columns the
   * insert wrote, deleted the row with the staff's values.
   */
  private static List<Map<String, String>> inserted(
      Connection connection, ImportPlan plan, List<String> keys) throws SQLException {
    Map<String, List<Integer>> byTable = new LinkedHashMap<>();
    for (int i = 0; i < plan.steps().size(); i++) {
      if (plan.steps().get(i).insert()) {
        byTable.computeIfAbsent(plan.steps().get(i).table(), t -> new ArrayList<>()).add(i);
      }
    }
    List<Map<String, String>> rows =
        new ArrayList<>(java.util.Collections.nCopies(plan.steps().size(), Map.of()));
    for (List<Integer> steps : byTable.values()) {
      Step first = plan.steps().get(steps.get(0));
      List<String> columns =
          List.copyOf(declaredTypes(connection, plan.dialect(), first.table()).keySet());
      Map<String, List<String>> read =
          Rows.readAsText(
              connection,
              plan.dialect(),
              first.table(),
              first.keyColumn(),
              first.keyType(),
              columns,
              steps.stream().map(keys::get).toList());
      for (int index : steps) {
        List<String> values = read.get(keys.get(index));
        if (values == null) {
          continue; // another step's trigger deleted it: undo's DELETE finds it gone and says so
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (int c = 0; c < columns.size(); c++) {
          row.put(columns.get(c), values.get(c));
        }
        rows.set(index, row);
      }
    }
    return rows;
  }

  /**
   * For each table this plan inserts into, the foreign keys of other tables onto it. undo.sql
   * refuses to delete an inserted row they refer to: with ON DELETE CASCADE (or SET NULL) the
   * DELETE would silently remove or change rows the application made after the import.
   */
  private static Map<String, List<SqlText.Reference>> references(
      Connection connection, ImportPlan plan, String schema) throws SQLException {
    Map<String, List<SqlText.Reference>> references = new LinkedHashMap<>();
    for (Step step : plan.steps()) {
      if (step.insert() && !references.containsKey(step.table())) {
        references.put(step.table(), references(connection, plan.dialect(), step.table(), schema));
      }
    }
    return references;
  }

  private static List<SqlText.Reference> references(
      Connection connection, Dialect dialect, String table, String schema) throws SQLException {
    int dot = table.indexOf('.');
    String sql =
        dialect == Dialect.POSTGRESQL
            // pg_constraint, not information_schema: it lists keys of tables this role cannot read.
            // The child is named with its schema, always quoted as Dialect.identifier quotes:
            // regclass's text leaves out a schema on the search_path, and undo.sql run under
            // another search_path then checked another schema's table of that name (an outside
            // trial's empty public.desk_booking passed the check, and ON DELETE CASCADE deleted
            // the application's booking)
            ? "SELECT '\"' || replace(n.nspname, '\"', '\"\"') || '\".\"'"
                + " || replace(r.relname, '\"', '\"\"') || '\"',"
                + " (SELECT array_agg('\"' || replace(a.attname, '\"', '\"\"') || '\"'"
                + " ORDER BY c.i) FROM"
                + " unnest(k.conkey) WITH ORDINALITY c(n, i) JOIN pg_attribute a"
                + " ON a.attrelid = k.conrelid AND a.attnum = c.n),"
                + " (SELECT array_agg('\"' || replace(a.attname, '\"', '\"\"') || '\"'"
                + " ORDER BY c.i) FROM"
                + " unnest(k.confkey) WITH ORDINALITY c(n, i) JOIN pg_attribute a"
                + " ON a.attrelid = k.confrelid AND a.attnum = c.n)"
                + " FROM pg_constraint k JOIN pg_class r ON r.oid = k.conrelid"
                + " JOIN pg_namespace n ON n.oid = r.relnamespace"
                + " WHERE k.contype = 'f' AND k.confrelid = ?::regclass"
                + " ORDER BY k.conname"
            // quoted as Dialect.identifier quotes: a backtick in a name doubled; a child in the
            // parent's database unqualified, as undo.sql names every table of that database
            : "SELECT concat(IF(table_schema = referenced_table_schema, '',"
                + " concat('`', replace(table_schema, '`', '``'), '`.')), '`',"
                + " replace(table_name, '`', '``'), '`'), constraint_name,"
                + " concat('`', replace(column_name, '`', '``'), '`'),"
                + " concat('`', replace(referenced_column_name, '`', '``'), '`')"
                + " FROM information_schema.key_column_usage WHERE referenced_table_schema = "
                + (dot < 0 && schema == null ? "DATABASE()" : "?")
                + " AND referenced_table_name = ?"
                + " ORDER BY table_schema, table_name, constraint_name, ordinal_position";
    List<SqlText.Reference> references = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      if (dialect == Dialect.POSTGRESQL) {
        // regclass input folds unquoted names: "User" is not user
        statement.setString(1, dialect.table(table, schema));
      } else {
        int index = 1;
        if (dot >= 0) {
          statement.setString(index++, table.substring(0, dot));
        } else if (schema != null) {
          statement.setString(index++, schema);
        }
        statement.setString(index, table.substring(dot + 1));
      }
      try (ResultSet rows = statement.executeQuery()) {
        if (dialect == Dialect.POSTGRESQL) {
          while (rows.next()) {
            references.add(
                new SqlText.Reference(
                    rows.getString(1),
                    List.of((String[]) rows.getArray(2).getArray()),
                    List.of((String[]) rows.getArray(3).getArray())));
          }
          return references;
        }
        // one row per column of each key, in order
        String current = null;
        List<String> columns = new ArrayList<>();
        List<String> referenced = new ArrayList<>();
        String child = null;
        while (rows.next()) {
          String constraint = rows.getString(1) + "." + rows.getString(2);
          if (current != null && !current.equals(constraint)) {
            references.add(new SqlText.Reference(child, columns, referenced));
            columns.clear();
            referenced.clear();
          }
          current = constraint;
          child = rows.getString(1);
          columns.add(rows.getString(3));
          referenced.add(rows.getString(4));
        }
        if (current != null) {
          references.add(new SqlText.Reference(child, columns, referenced));
        }
      }
    }
    return references;
  }

  /**
   * For each table this plan updates that changes an updated row on its own (a trigger firing on
   * UPDATE, an ON UPDATE column), what undo.sql cannot promise of it: undo's UPDATE fires the same
   * trigger, and an import role may not switch triggers off (session_replication_role needs a
   * superuser, ALTER TABLE ... DISABLE TRIGGER the table's owner, and either would also silence
   * triggers the application relies on).
   */
  private static List<String> undoWarnings(Connection connection, ImportPlan plan)
      throws SQLException {
    List<String> updated =
        plan.steps().stream().filter(step -> !step.insert()).map(Step::table).distinct().toList();
    List<String> warnings = new ArrayList<>();
    for (Triggers triggers : Triggers.of(connection, plan.dialect(), updated).values()) {
      if (triggers.changeUpdates()) {
        warnings.add(triggers.undoWarning());
      }
    }
    return warnings;
  }

  private static void writeUndo(
      ImportPlan plan,
      List<Step> steps,
      String schema,
      List<String> keys,
      List<Map<String, String>> inserted,
      Map<String, List<SqlText.Reference>> references,
      Path file,
      String url,
      String textSettings,
      UndoMark mark,
      List<String> undoWarnings)
      throws IOException {
    Files.createDirectories(file.getParent());
    Dialect dialect = plan.dialect();
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(
          "-- Undo of Salvage import plan " + plan.digest() + " (run " + plan.runId() + ")\n");
      out.write("-- applied to " + url + "\n");
      out.write("--\n");
      out.write("-- Salvage never runs this file. Review it, then run it yourself, for example:\n");
      out.write(
          dialect == Dialect.POSTGRESQL
              ? "--   psql -v ON_ERROR_STOP=1 -f undo.sql \"<database>\"\n"
              : "--   mariadb --batch <database> < undo.sql     (stops at the first error)\n");
      out.write(
          dialect == Dialect.POSTGRESQL
              ? "-- Tables are named with their schema, in the database the session connects to.\n"
              : "-- Tables are named without their database: it changes the database the session\n"
                  + "-- selected (to rehearse on a copy: mariadb --batch COPY < undo.sql), and its\n"
                  + "-- first statement refuses when none is selected or that database's\n"
                  + "-- salvage_import_log does not hold this apply.\n");
      out.write(
          "-- It restores the before-image of every row the import updated and DELETEs the rows the\n");
      out.write(
          "-- import inserted: these are the only DELETE statements Salvage ever writes. Each statement\n");
      out.write(
          "-- first checks the row still holds what the import wrote (an inserted row: every column as\n");
      out.write(
          "-- it was right after the import, defaults and trigger-set columns too); if one does not, it\n");
      out.write(
          "-- raises an error and the whole transaction is rolled back, so nothing is undone by halves.\n");
      out.write(
          "-- An inserted row that other rows refer to by foreign key is not deleted either: they\n");
      out.write(
          "-- were made after the import, and ON DELETE CASCADE would delete them with it.\n");
      out.write("-- Sequences are not rewound: keys the import took are not handed out again.\n");
      out.write(
          "-- salvage_import_log keeps its rows, as the record of what happened, and gets one\n");
      out.write(
          "-- more, operation 'undo', saying this apply was undone: apply then applies the same\n");
      out.write("-- plan again instead of calling it applied.\n");
      out.write(
          "-- It ends by naming, as warnings, each restored row whose columns do not hold their\n");
      out.write(
          "-- before-image (a trigger or an ON UPDATE default changed them as this file wrote them).\n");
      for (String warning : undoWarnings) {
        out.write("--\n-- Warning: " + warning.replace("\n", " ") + ".\n");
      }
      out.write("\n");
      if (dialect == Dialect.MARIADB) {
        // the session apply wrote in: UTC instants, backslash escapes in literals, and the
        // file's own encoding, whatever the client's default (under utf8mb3 a name with an emoji
        // failed to compare and stopped a rehearsal at the QA of trial 51)
        out.write("SET NAMES utf8mb4;\n");
        out.write("SET time_zone = '+00:00';\n");
        out.write("SET SESSION sql_mode = REPLACE(@@sql_mode, 'NO_BACKSLASH_ESCAPES', '');\n");
        out.write("START TRANSACTION;\n");
        out.write("DELIMITER //\n");
        out.write(sessionGuard(plan, mark) + " //\n");
      } else {
        out.write("BEGIN;\n");
        // the text of a value depends on them: each DELETE compares columns with apply's text
        out.write(textSettings);
      }
      for (int i = steps.size() - 1; i >= 0; i--) {
        Step step = steps.get(i);
        String key = keys.get(i);
        String where = step.table() + " " + step.keyColumn() + " = " + key;
        if (step.insert()) {
          // rows the import inserted into a child table are deleted before (undo runs backwards)
          Map<String, String> referencedBy = new LinkedHashMap<>();
          for (SqlText.Reference reference : references.getOrDefault(step.table(), List.of())) {
            referencedBy.put(
                SqlText.referenced(step, key, reference, dialect, schema),
                "undo: "
                    + where
                    + " (inserted for "
                    + step.record()
                    + ") is referenced by rows of "
                    + reference.table()
                    + " ("
                    + String.join(", ", reference.columns())
                    + ") that the import did not insert; deleting it would delete or change them"
                    + " too; nothing undone");
          }
          out.write(
              SqlText.mustTouchOneRow(
                  SqlText.removeInserted(step, key, inserted.get(i), dialect, schema),
                  "undo: "
                      + where
                      + " (inserted for "
                      + step.record()
                      + ") is gone or was changed; nothing undone",
                  referencedBy,
                  dialect));
        } else {
          out.write(
              SqlText.mustTouchOneRow(
                  SqlText.revert(step, dialect, schema),
                  "undo: "
                      + where
                      + " ("
                      + step.record()
                      + ") changed since the import; nothing undone",
                  dialect));
        }
        out.write(dialect == Dialect.MARIADB ? " //\n" : "\n");
      }
      // after every restore: a later restore's trigger may touch an earlier restored row
      for (int i = steps.size() - 1; i >= 0; i--) {
        Step step = steps.get(i);
        if (!step.insert()) {
          out.write(
              SqlText.restoredCheck(
                  step,
                  "undo: "
                      + step.table()
                      + " "
                      + step.keyColumn()
                      + " = "
                      + keys.get(i)
                      + " ("
                      + step.record()
                      + ") is restored but not to its before-image",
                  dialect,
                  schema));
          out.write(dialect == Dialect.MARIADB ? " //\n" : "\n");
        }
      }
      // the same columns apply logs with; row_key names the last log row of the apply undone
      out.write(
          "INSERT INTO "
              + mark.table()
              + " (run_id, plan_digest, table_name, row_key, column_name, operation) VALUES ("
              + dialect.quote(plan.runId())
              + ", "
              + dialect.quote(plan.digest())
              + ", "
              + dialect.quote(AUDIT_TABLE)
              + ", '"
              + mark.lastLogged()
              + "', '*', '"
              + UNDO
              + "')"
              + (dialect == Dialect.MARIADB ? " //\n" : ";\n"));
      if (dialect == Dialect.MARIADB) {
        out.write("DELIMITER ;\n");
      }
      out.write("COMMIT;\n");
    }
  }
}
