package dev.salvage.pipeline.importer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Watches a PostgreSQL apply's session from a second one and says what it waits for: an outside
 * trial's apply sat silent for a minute behind the open session of an apply killed before it, and
 * an operator who has just killed one apply would kill this one too. Twice a second it asks which
 * lock the session waits for and which backends hold it ({@code pg_blocking_pids}, {@code
 * pg_locks}, {@code pg_stat_activity}, as far as the role may see them); after {@link #SAY_AFTER}
 * seconds of waiting it says so, and again every {@link #SAY_EVERY} seconds while it still waits.
 */
final class LockWatch implements AutoCloseable {
  /** Seconds of waiting before the first notice. */
  static final int SAY_AFTER = 5;

  /** Seconds between notices while the wait goes on. */
  static final int SAY_EVERY = 30;

  private final int pid;
  private final Connection watcher;
  private final Supplier<String> doing;
  private final Consumer<String> notices;
  private final Integer lockTimeout;
  private final ScheduledExecutorService timer;
  private volatile String lastSeen;
  private long waitingSince;
  private long saidAt;

  private LockWatch(
      int pid,
      Connection watcher,
      Supplier<String> doing,
      Consumer<String> notices,
      Integer lockTimeout) {
    this.pid = pid;
    this.watcher = watcher;
    this.doing = doing;
    this.notices = notices;
    this.lockTimeout = lockTimeout;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "salvage-lock-watch");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Starts watching {@code applying} from {@code watcher}, a second connection to the same
   * database, which the watch closes; null (nothing to close) on a database other than PostgreSQL
   * or without a watcher.
   *
   * @param doing what apply is sending, for the notice ("UPDATE of public.member")
   * @param lockTimeout the seconds apply waits for a lock before it stops ({@code --lock-timeout}),
   *     or null when it waits as long as it takes
   */
  static LockWatch start(
      Connection applying,
      Dialect dialect,
      Connection watcher,
      Supplier<String> doing,
      Consumer<String> notices,
      Integer lockTimeout)
      throws SQLException {
    if (dialect != Dialect.POSTGRESQL || watcher == null) {
      if (watcher != null) {
        watcher.close();
      }
      return null;
    }
    int pid;
    try (Statement statement = applying.createStatement();
        ResultSet rows = statement.executeQuery("SELECT pg_backend_pid()")) {
      rows.next();
      pid = rows.getInt(1);
    }
    LockWatch watch = new LockWatch(pid, watcher, doing, notices, lockTimeout);
    // a short --lock-timeout ends the wait within seconds, and on a loaded machine a look once a
    // second could miss the whole of it; the refusal then cannot name the holder
    watch.timer.scheduleWithFixedDelay(watch::look, 200, 400, TimeUnit.MILLISECONDS);
    return watch;
  }

  /**
   * What the apply last waited for and who held it, as the end of a sentence ("a row lock on
   * public.member held by backend pid 4711 (...)"), or null when it was never seen waiting.
   */
  String lastSeen() {
    return lastSeen;
  }

  private void look() {
    String waiting;
    try {
      waiting = waitingFor();
    } catch (SQLException e) {
      return; // the watch only informs: apply goes on, and says its own errors
    }
    long now = System.nanoTime();
    if (waiting == null) {
      waitingSince = 0;
      saidAt = 0;
      return;
    }
    lastSeen = waiting;
    if (waitingSince == 0) {
      waitingSince = now;
    }
    long waited = TimeUnit.NANOSECONDS.toSeconds(now - waitingSince);
    if (waited >= SAY_AFTER
        && (saidAt == 0 || now - saidAt >= TimeUnit.SECONDS.toNanos(SAY_EVERY))) {
      saidAt = now;
      notices.accept(
          "apply is waiting for a lock ("
              + waited
              + " s so far"
              + (doing.get() == null ? "" : ", in " + doing.get())
              + "): "
              + waiting
              + "; a killed apply's session may still hold it until the server ends it"
              + " (SELECT pg_terminate_backend(pid) as a role allowed to); still waiting"
              + (lockTimeout == null
                  ? " (--lock-timeout SECONDS stops waiting)"
                  : ", at most " + lockTimeout + " s (--lock-timeout)"));
    }
  }

  /** What the apply's session waits for and who holds it; null when it waits for no lock. */
  private String waitingFor() throws SQLException {
    List<String> holders = new ArrayList<>();
    String lock = null;
    try (PreparedStatement statement =
        watcher.prepareStatement(
            "SELECT l.locktype, (SELECT n.nspname || '.' || c.relname FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = coalesce("
                + " l.relation, (SELECT t.relation FROM pg_locks t WHERE t.pid = l.pid"
                + " AND t.locktype = 'tuple' LIMIT 1))), l.mode"
                + " FROM pg_locks l WHERE l.pid = ? AND NOT l.granted LIMIT 1")) {
      statement.setInt(1, pid);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          return null;
        }
        String type = rows.getString(1);
        String relation = rows.getString(2);
        lock =
            switch (type) {
              case "relation" -> "a " + rows.getString(3) + " on table " + relation;
              case "advisory" -> "the lock another salvage import apply on this database holds";
              case "transactionid", "tuple" ->
                  "a row lock" + (relation != null ? " on table " + relation : "");
              default -> "a " + type + " lock";
            };
      }
    }
    try (PreparedStatement statement =
        watcher.prepareStatement(
            "SELECT h.pid, a.usename, a.application_name, a.state,"
                + " to_char(a.xact_start AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
                + " FROM unnest(pg_blocking_pids(?)) AS h(pid)"
                + " LEFT JOIN pg_stat_activity a ON a.pid = h.pid ORDER BY h.pid")) {
      statement.setInt(1, pid);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          List<String> about = new ArrayList<>();
          if (rows.getString(2) != null) {
            about.add("role " + rows.getString(2));
          }
          if (rows.getString(3) != null && !rows.getString(3).isEmpty()) {
            about.add("application '" + rows.getString(3) + "'");
          }
          if (rows.getString(4) != null) {
            about.add(
                rows.getString(4)
                    + (rows.getString(5) == null
                        ? ""
                        : ", its transaction since " + rows.getString(5)));
          }
          holders.add(
              "backend pid "
                  + rows.getInt(1)
                  + (about.isEmpty() ? "" : " (" + String.join(", ", about) + ")"));
        }
      }
    }
    if (holders.isEmpty()) {
      // pg_blocking_pids names every blocker whatever the role: none means the wait ended between
      // the two queries (granted, or the lock timeout fired), and what was last seen stays true
      return null;
    }
    return lock + " held by " + String.join(" and ", holders);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      watcher.close();
    } catch (SQLException e) {
      // the watch only informs
    }
  }
}
