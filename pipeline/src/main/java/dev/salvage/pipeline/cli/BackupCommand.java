package dev.salvage.pipeline.cli;

import dev.salvage.connectors.InvalidSourceException;
import dev.salvage.connectors.backup.BackupInspection;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code salvage backup}: commands that look at an old backup before it is mapped. */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description = "Looks at an old backup.",
    subcommands = {BackupCommand.Inspect.class})
final class BackupCommand implements Runnable {
  /** The environment variable holding the password of a backup named by a JDBC URL. */
  static final String PASSWORD_ENV = "SALVAGE_BACKUP_PASSWORD";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: inspect");
  }

  /** {@code salvage backup inspect}: the backup's time, tables, columns and row counts. */
  @Command(
      name = "inspect",
      mixinStandardHelpOptions = true,
      description = {
        "Prints when the backup was taken (when it says), its tables with their columns and row"
            + " counts; with --table and --jsonl, writes that table's rows as JSON Lines"
            + " (column -> text or null). Reads the backup once, streaming, read-only.",
        "For a JDBC URL the password comes from the environment variable "
            + PASSWORD_ENV
            + " or --password-file, never from the command line."
      })
  static final class Inspect implements Callable<Integer> {
    @Option(
        names = "--backup",
        required = true,
        paramLabel = "FILE_OR_JDBC_URL",
        description =
            "A plain pg_dump or mysqldump (gzip accepted), a directory of CSV or JSON exports (one file per"
                + " table), a JSON export of all tables (Django's dumpdata, with --option), or the"
                + " JDBC URL of a database the backup was restored into.")
    String backup;

    @Option(
        names = "--type",
        paramLabel = "TYPE",
        description =
            "pgdump, mysqldump, backup-csv, backup-jsonl or jdbc (default: guessed from"
                + " --backup).")
    String type;

    @Option(names = "--user", paramLabel = "ROLE", description = "Database role (JDBC only).")
    String user;

    @Option(
        names = "--password-file",
        paramLabel = "FILE",
        description = "File holding the database password (JDBC only).")
    Path passwordFile;

    @Option(
        names = "--schema",
        paramLabel = "S1,S2",
        description = "Schemas to read (JDBC only; default: public).")
    String schema;

    @Option(
        names = "--option",
        paramLabel = "KEY=VALUE",
        description =
            "An option of the backup's type, as the run config's backup options take it"
                + " (repeatable): --option separator=';' for CSV, --option record_table=model"
                + " for Django's dumpdata (docs/backup.md).")
    Map<String, String> sourceOptions = new HashMap<>();

    @Option(names = "--table", paramLabel = "T", description = "The table to write with --jsonl.")
    String table;

    @Option(
        names = "--jsonl",
        paramLabel = "OUT",
        description = "Where to write the rows of --table as JSON Lines.")
    Path jsonl;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if ((table == null) != (jsonl == null)) {
        throw new ConfigException("--table and --jsonl go together");
      }
      String kind = type != null ? type : BackupInspection.guessType(backup);
      Map<String, String> options = new HashMap<>();
      Path path = null;
      if (kind.equals("jdbc")) {
        if (user == null) {
          throw new ConfigException("--user is required to read the backup at " + backup);
        }
        options.put("url", backup);
        options.put("user", user);
        if (passwordFile != null) {
          options.put("password_file", passwordFile.toString());
        } else if (System.getenv(PASSWORD_ENV) != null) {
          options.put("password_env", PASSWORD_ENV);
        }
        if (schema != null) {
          options.put("schema", schema);
        }
      } else {
        path = Path.of(backup);
      }
      options.putAll(sourceOptions);
      BackupInspection.Report report;
      try (Writer rows = jsonl == null ? null : BackupInspection.jsonLinesWriter(jsonl)) {
        report = BackupInspection.inspect(kind, path, options, table, rows);
      } catch (InvalidSourceException e) {
        throw new ConfigException(e.getMessage(), e);
      }
      BackupInspection.print(report, backup, out);
      if (table != null) {
        if (report.tables().stream().noneMatch(t -> t.table().equals(table))) {
          err.println(
              "The backup has no table "
                  + table
                  + "; its tables: "
                  + String.join(", ", report.tables().stream().map(t -> t.table()).toList()));
          out.flush();
          return SalvageCli.EXIT_FAILURE;
        }
        out.printf("Wrote %d row(s) of %s to %s%n", report.rowsWritten(), table, jsonl);
      }
      out.flush();
      return 0;
    }
  }
}
