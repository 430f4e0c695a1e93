package dev.salvage.pipeline.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link PostgresImport}'s twin on MariaDB: a throwaway database loaded with a schema, a run
 * directory and a target mapping beside it, and the import commands over them.
 */
final class MariaDbImport implements AutoCloseable {
  final MariaDbDatabase db;
  final Path run;
  final Path mapping;
  private final Path passwordFile;

  private MariaDbImport(MariaDbDatabase db, Path run, Path mapping, Path passwordFile) {
    this.db = db;
    this.run = run;
    this.mapping = mapping;
    this.passwordFile = passwordFile;
  }

  /**
   * A new database holding {@code statements}, the run at {@code temp/run}, the mapping written.
   */
  static MariaDbImport create(Path temp, String mapping, String... statements) throws Exception {
    MariaDbDatabase db = MariaDbDatabase.create();
    try {
      db.execute(statements);
      return new MariaDbImport(
          db,
          temp.resolve("run"),
          Files.writeString(temp.resolve("target.yaml"), mapping),
          Files.writeString(temp.resolve("password"), db.password + "\n"));
    } catch (Exception | Error e) {
      db.close();
      throw e;
    }
  }

  CliRun salvageImport(String command, String... options) {
    return salvageImportAs(db.user, passwordFile, command, options);
  }

  /** {@code salvage import COMMAND} as {@code user}, whose password is in {@code password}. */
  CliRun salvageImportAs(String user, Path password, String command, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "import",
                command,
                "--run",
                run.toString(),
                "--target",
                db.url,
                "--user",
                user,
                "--password-file",
                password.toString()));
    args.addAll(List.of(options));
    return CliRun.of(args.toArray(String[]::new));
  }

  CliRun plan() {
    return salvageImport("plan", "--mapping", mapping.toString());
  }

  /** The plan written last, from the run's import/plan.json. */
  ImportPlan currentPlan() throws Exception {
    return ImportPlan.read(run.resolve("import/plan.json"));
  }

  /** Applies the plan written last, which must succeed. */
  void apply() throws Exception {
    CliRun applied = salvageImport("apply", "--plan-digest", currentPlan().digest());
    assertThat(applied.exitCode()).as(applied.err()).isZero();
  }

  /** The first column of the first row {@code sql} gives; there must be a row. */
  String text(String sql) throws Exception {
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      assertThat(rows.next()).as("a row from " + sql).isTrue();
      return rows.getString(1);
    }
  }

  /** Every row {@code sql} gives, each as its column labels to their values as text, in order. */
  List<Map<String, String>> rows(String sql) throws Exception {
    List<Map<String, String>> rows = new ArrayList<>();
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      while (result.next()) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
          row.put(result.getMetaData().getColumnLabel(i), result.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  @Override
  public void close() throws Exception {
    db.close();
  }
}
