package dev.salvage.pipeline.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code salvage import plan|apply}: puts approved records back into the application database. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Writes approved records into the application database: 'plan' shows exactly what would"
          + " change, 'apply' does it in one transaction. Never deletes. See docs/import.md."
    },
    subcommands = {ImportCommand.Plan.class, ImportCommand.Apply.class})
public final class ImportCommand implements Runnable {
  /** Exit code when bad usage or a bad mapping or decisions file stops the import. */
  static final int EXIT_USAGE = 2;

  /** Exit code when the import refused to go ahead or failed; nothing was written. */
  static final int EXIT_REFUSED = 1;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: plan or apply");
  }

  /** The options both subcommands take. */
  static final class Target {
    @Option(
        names = "--run",
        required = true,
        paramLabel = "DIR",
        description = "The output directory of salvage run (reads DIR/review, writes DIR/import).")
    Path run;

    @Option(
        names = "--target",
        required = true,
        paramLabel = "JDBC_URL",
        description =
            "The application database, e.g. jdbc:postgresql://host:5432/rentwise, without a"
                + " password (give it in SALVAGE_TARGET_PASSWORD or --password-file).")
    String url;

    @Option(
        names = "--user",
        paramLabel = "NAME",
        description = "Database role to connect as (default: the URL's user parameter).")
    String user;

    @Option(
        names = "--password-file",
        paramLabel = "FILE",
        description = "File holding the password (default: env SALVAGE_TARGET_PASSWORD).")
    Path passwordFile;

    Path importDir() {
      return run.resolve("import");
    }

    Connection open() throws Exception {
      return TargetConnection.open(url, user, passwordFile);
    }
  }

  @Command(
      name = "plan",
      mixinStandardHelpOptions = true,
      description = {
        "Decides which records are approved, inspects the target, and writes DIR/import/plan.json"
            + " and a readable DIR/import/plan.sql. Prints the plan digest apply needs. Reads only."
      })
  static final class Plan implements Callable<Integer> {
    @Mixin Target target;

    @Option(
        names = "--mapping",
        paramLabel = "FILE",
        description =
            "Target mapping (default: target.yaml beside the run config named in"
                + " DIR/summary.json).")
    Path mapping;

    @Option(
        names = "--min-confidence",
        paramLabel = "X",
        description =
            "Records without a decision are approved from this confidence up (default: the"
                + " mapping's policy.min_confidence, else 1.0).")
    Double minConfidence;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      TargetMapping loaded;
      Decisions decisions;
      try {
        TargetConnection.checkUrl(target.url);
        loaded = TargetMapping.load(mapping != null ? mapping : defaultMapping(target.run));
        decisions = Decisions.read(target.run.resolve("review/decisions.jsonl"));
      } catch (TargetMappingException | Decisions.DecisionsException | ImportRefusedException e) {
        err.println("Invalid configuration: " + e.getMessage());
        return EXIT_USAGE;
      }
      TargetMapping.Policy policy =
          minConfidence == null
              ? loaded.policy()
              : loaded.policy().withMinConfidence(minConfidence);
      var records = Planner.readRecords(target.run.resolve("review/records.jsonl"));
      ImportPlan plan;
      try (Connection connection = target.open()) {
        connection.setReadOnly(true);
        plan =
            new Planner(loaded, policy, decisions)
                .plan(connection, records, runId(target.run), target.url);
      } catch (ImportRefusedException e) {
        err.println(e.getMessage());
        return EXIT_REFUSED;
      }
      plan.write(target.importDir().resolve("plan.json"));
      PlanSql.write(plan, target.importDir().resolve("plan.sql"));
      out.printf(
          "Plan: %d inserts, %d updates, %d records skipped (%d decisions read).%n",
          plan.counts().inserts(),
          plan.counts().updates(),
          plan.counts().skipped(),
          decisions.size());
      out.println("Read " + target.importDir().resolve("plan.sql") + ", then apply with:");
      out.println("  --plan-digest " + plan.digest());
      out.println("digest " + plan.digest());
      return 0;
    }
  }

  @Command(
      name = "apply",
      mixinStandardHelpOptions = true,
      description = {
        "Runs DIR/import/plan.json in one transaction after checking the digest and that no"
            + " planned row changed since the plan; writes DIR/import/undo.sql."
      })
  static final class Apply implements Callable<Integer> {
    @Mixin Target target;

    @Option(
        names = "--plan-digest",
        required = true,
        paramLabel = "D",
        description = "The digest salvage import plan printed (top-level digest of plan.json).")
    String digest;

    @Option(
        names = "--batch-size",
        defaultValue = "500",
        paramLabel = "N",
        description = "Statements sent to the server at once (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (batchSize < 1) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--batch-size must be at least 1");
      }
      Path planFile = target.importDir().resolve("plan.json");
      if (!Files.exists(planFile)) {
        err.println("No plan at " + planFile + ": run salvage import plan first");
        return EXIT_USAGE;
      }
      ImportPlan plan = ImportPlan.read(planFile);
      if (!target.url.equals(plan.target())) {
        err.println(
            "Refusing to apply: the plan was made for " + plan.target() + ", not " + target.url);
        return EXIT_REFUSED;
      }
      long step = Math.max(10_000, plan.steps().size() / 20);
      long started = System.nanoTime();
      Applier applier =
          new Applier(
              batchSize,
              (done, total) -> {
                if (total >= step && (done % step < batchSize || done == total)) {
                  out.printf("  written %d of %d rows%n", done, total);
                  out.flush();
                }
              });
      Applier.Outcome outcome;
      try (Connection connection = target.open()) {
        outcome = applier.apply(connection, plan, digest, target.importDir());
      } catch (ImportRefusedException e) {
        err.println(e.getMessage());
        return EXIT_REFUSED;
      }
      if (outcome.alreadyAppliedAt() != null) {
        out.println(
            "This plan was already applied at "
                + outcome.alreadyAppliedAt()
                + " (see salvage_import_log): nothing changed.");
        return 0;
      }
      if (outcome.inserted() + outcome.updated() == 0) {
        out.println("The plan has nothing to write: nothing changed.");
        return 0;
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      out.printf(
          "Applied: %d rows inserted, %d rows updated in %.1f s; every change is in"
              + " salvage_import_log.%n",
          outcome.inserted(), outcome.updated(), seconds);
      out.println("To undo, review and run by hand: " + target.importDir().resolve("undo.sql"));
      return 0;
    }
  }

  static Path defaultMapping(Path run) throws TargetMappingException {
    Path summary = run.resolve("summary.json");
    try {
      JsonNode config = new ObjectMapper().readTree(summary.toFile()).path("run").path("config");
      if (config.isTextual()) {
        Path file = Path.of(config.asText()).resolveSibling("target.yaml");
        if (Files.exists(file)) {
          return file;
        }
        throw new TargetMappingException(
            "No target mapping: " + file + " does not exist; pass --mapping FILE");
      }
    } catch (IOException e) {
      throw new TargetMappingException(
          "No target mapping: cannot read run.config from " + summary + "; pass --mapping FILE", e);
    }
    throw new TargetMappingException(
        "No target mapping: " + summary + " names no run.config; pass --mapping FILE");
  }

  /** The run's name in the audit log: its directory name. */
  static String runId(Path run) {
    Path name = run.toAbsolutePath().normalize().getFileName();
    return name == null ? run.toString() : name.toString();
  }
}
