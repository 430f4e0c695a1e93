package dev.salvage.pipeline.cli;

import dev.salvage.pipeline.importer.ImportRefusedException;
import dev.salvage.pipeline.importer.Importer;
import dev.salvage.pipeline.importer.TargetCredentialsException;
import dev.salvage.pipeline.importer.TargetMappingException;
import dev.salvage.pipeline.importer.UnfinishedRunException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
            "The application database, e.g. jdbc:postgresql://host:5432/app, without a"
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

    Importer.Target target() {
      return new Importer.Target(url, user, passwordFile);
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

    @Option(
        names = "--allow-incomplete",
        description =
            "Plan from a run that did not read every partition of its sources (summary.json"
                + " not_read), which is refused otherwise unless the run itself was accepted"
                + " with --allow-incomplete.")
    boolean allowIncomplete;

    @Option(
        names = "--overwrite",
        paramLabel = "RECORD",
        description =
            "Write this record's approved changes and review edits over values the application"
                + " changed since the backup, which plan otherwise keeps out as present with other"
                + " values (repeatable; a record id as plan shows it, e.g. customer:11).")
    List<String> overwrite = new ArrayList<>();

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Importer.PlanOutcome plan;
      try {
        plan =
            Importer.plan(
                target.run,
                target.target(),
                mapping,
                minConfidence,
                allowIncomplete ? Importer.IncompleteRuns.ACCEPT : Importer.IncompleteRuns.REFUSE,
                java.util.Set.copyOf(overwrite));
      } catch (TargetMappingException | TargetCredentialsException e) {
        err.println("Invalid configuration: " + e.getMessage());
        return SalvageCli.EXIT_USAGE;
      } catch (UnfinishedRunException e) {
        // as review refuses it: nothing was read, the directory given is no run's result yet
        err.println(e.getMessage());
        return SalvageCli.EXIT_USAGE;
      } catch (ImportRefusedException e) {
        err.println(e.getMessage());
        return SalvageCli.EXIT_FAILURE;
      }
      out.printf(
          "Plan: %d inserts, %d updates, %d records skipped (%d decision line(s) for %d"
              + " record(s)).%n",
          plan.inserts(), plan.updates(), plan.skipped(), plan.decisionLines(), plan.decisions());
      if (plan.decidedOnAnotherVersion() > 0) {
        out.printf(
            "%d record(s) decided on another version (the run was made again since) are kept out:"
                + " decide them again in salvage review (state \"decided on another version\").%n",
            plan.decidedOnAnotherVersion());
      }
      if (!plan.anotherVersion().isEmpty()) {
        // what changed is why it must be decided again: a moved start time, a new action
        out.println("Decided on another version (what changed since the decision):");
        plan.anotherVersion().stream().limit(10).forEach(line -> out.println("  " + line));
        if (plan.anotherVersion().size() > 10) {
          out.printf(
              "  ... and %d more (plan.sql lists them)%n", plan.anotherVersion().size() - 10);
        }
      }
      if (plan.keptUnwritten() != null) {
        out.println(plan.keptUnwritten() + ".");
      }
      if (!plan.decisionsNotApplied().isEmpty()) {
        // a line on stderr too, since the operator meant otherwise; the list once, below, where
        // a terminal showing both streams printed it twice
        err.printf(
            "Warning: %d decision line(s) are not applied (listed under \"Decisions not"
                + " applied\", each saying why: its record is not in this run, or review's edit"
                + " check refuses it); a record whose latest line is one of them is kept out of the"
                + " plan: decide it again in salvage review, or fix the line, and plan again%n",
            plan.decisionsNotApplied().size());
        out.println("Decisions not applied:");
        plan.decisionsNotAppliedShown().forEach(line -> out.println("  " + line));
      }
      if (!plan.renamed().isEmpty()) {
        // said on stderr too: without this the policy would have imported them as undecided
        String head =
            plan.renamed().size()
                + " record(s) kept out: each holds a key value of a decided record this run lacks"
                + " (the rerun gave it a new id); decide them again in salvage review:";
        err.println("Warning: " + head + " (listed under \"Decided under another id\")");
        out.println("Decided under another id (" + head + ")");
        plan.renamed().stream().limit(10).forEach(line -> out.println("  " + line));
        if (plan.renamed().size() > 10) {
          out.printf("  ... and %d more (plan.sql lists them)%n", plan.renamed().size() - 10);
        }
      }
      if (!plan.decidedElsewhere().isEmpty()) {
        // said on stderr too: a new --out starts undecided, and without this an outside trial's
        // plan wrote back a misspelling a reviewer had corrected in the earlier directory
        err.println(
            "Warning: the target holds imports from another run directory: its rejections and"
                + " edits are checked, and a record this run leaves undecided is kept out where"
                + " they say otherwise (listed under \"Decided in another run directory\")");
        out.println("Decided in another run directory:");
        plan.decidedElsewhere().stream().limit(10).forEach(line -> out.println("  " + line));
        if (plan.decidedElsewhere().size() > 10) {
          out.printf(
              "  ... and %d more (plan.sql lists them)%n", plan.decidedElsewhere().size() - 10);
        }
      }
      out.println("Skipped, by clause:");
      plan.skippedBy().forEach((clause, count) -> out.printf("  %6d  %s%n", count, clause));
      if (!plan.inDoubt().isEmpty()) {
        int shown = Math.min(plan.inDoubt().size(), 10);
        out.println(
            "In doubt with the records their evidence made (nothing else says they exist; a reject"
                + " for another reason than spam holds them back too: approve each that is real in"
                + " salvage review):");
        plan.inDoubt().subList(0, shown).forEach(line -> out.println("  " + line));
        if (shown < plan.inDoubt().size()) {
          out.printf("  ... and %d more (plan.sql lists them)%n", plan.inDoubt().size() - shown);
        }
      }
      if (!plan.lackingForRow().isEmpty()) {
        int shown = Math.min(plan.lackingForRow().size(), 10);
        out.println(
            "New records lacking a value their row needs (a parent's lookup field, a NOT NULL"
                + " column's): enter it in salvage review and approve, or approve each as it is:");
        plan.lackingForRow().subList(0, shown).forEach(line -> out.println("  " + line));
        if (shown < plan.lackingForRow().size()) {
          out.printf(
              "  ... and %d more (plan.sql lists them)%n", plan.lackingForRow().size() - shown);
        }
      }
      if (!plan.belowConfidence().isEmpty()) {
        int shown = Math.min(plan.belowConfidence().size(), 10);
        out.println(
            "Unflagged but below policy.min_confidence (matched probabilistically; approve each in"
                + " salvage review, or plan again with a lower --min-confidence):");
        plan.belowConfidence().subList(0, shown).forEach(line -> out.println("  " + line));
        if (shown < plan.belowConfidence().size()) {
          out.printf(
              "  ... and %d more (plan.sql lists them)%n", plan.belowConfidence().size() - shown);
        }
      }
      if (!plan.keptOutByTarget().isEmpty()) {
        List<String> shown = everyKindFirst(plan.keptOutByTarget(), 10);
        out.println(
            "Kept out by the target (each stays lost unless edited in review or mapped again):");
        shown.forEach(line -> out.println("  " + line));
        if (shown.size() < plan.keptOutByTarget().size()) {
          out.printf(
              "  ... and %d more (plan.sql lists them)%n",
              plan.keptOutByTarget().size() - shown.size());
        }
      }
      if (!plan.heldOtherwise().isEmpty()) {
        // approving these changes nothing: a row the evidence cannot tell apart is in the way
        List<String> shown = everyKindFirst(plan.heldOtherwise(), 10);
        out.println(
            "Kept out by a row the target holds otherwise (each stays lost until someone checks"
                + " the row in the application; approving it in review changes nothing):");
        shown.forEach(line -> out.println("  " + line));
        if (shown.size() < plan.heldOtherwise().size()) {
          out.printf(
              "  ... and %d more (plan.sql lists them)%n",
              plan.heldOtherwise().size() - shown.size());
        }
      }
      if (!plan.presentLacking().isEmpty()) {
        List<String> shown = plan.presentLacking().stream().limit(10).toList();
        out.println(
            "Already present, with values the row lacks (NULL in the target; not written, as the"
                + " row is the application's: set them there where they are right):");
        shown.forEach(line -> out.println("  " + line));
        if (shown.size() < plan.presentLacking().size()) {
          out.printf(
              "  ... and %d more (plan.sql lists them)%n",
              plan.presentLacking().size() - shown.size());
        }
      }
      if (!plan.notWrittenAgain().isEmpty()) {
        out.println(
            "Not written again (the database stored another value when the last apply wrote it,"
                + " and the row holds it still):");
        plan.notWrittenAgain().forEach(line -> out.println("  " + line));
      }
      if (!plan.overwritten().isEmpty()) {
        out.println(
            "Written over the application's changes since the backup, as --overwrite asks:");
        plan.overwritten().forEach(line -> out.println("  " + line));
      }
      if (!plan.ownRowUpdates().isEmpty()) {
        out.println(
            "Updates of rows an earlier import inserted or values it wrote (later evidence of the"
                + " same record):");
        plan.ownRowUpdates().forEach(line -> out.println("  " + line));
      }
      if (plan.partitionsNotRead() > 0) {
        out.printf(
            "Warning: the run did not read %d partition(s) of its sources (summary.json,"
                + " not_read); these records lack what those hold.%n",
            plan.partitionsNotRead());
      }
      plan.tableWarnings().forEach(line -> out.println("Warning: " + line + "."));
      if (!plan.wallTimes().isEmpty()) {
        out.println(
            "Columns holding wall times (no time zone, or time_zone on the column), whose instants"
                + " become wall times in a zone:");
        plan.wallTimes().forEach(line -> out.println("  " + line));
      }
      if (!plan.phoneFormats().isEmpty()) {
        out.println("Columns holding phone numbers:");
        plan.phoneFormats().forEach(line -> out.println("  " + line));
      }
      if (!plan.keys().isEmpty()) {
        out.println("Keys written from record fields (key.field):");
        plan.keys().forEach(line -> out.println("  " + line));
      }
      plan.unkeptIds().forEach(line -> out.println("Warning: " + line + "."));
      if (!plan.defaults().isEmpty()) {
        out.println(
            "Column defaults and NULLs standing in for values the records lack (no evidence gave"
                + " them: edit the field in salvage review where the truth is known):");
        plan.defaults().forEach(line -> out.println("  " + line));
      }
      if (plan.derivedValues() > 0) {
        out.printf(
            "Derived: %d inserted value(s) are a part of a name the record held whole (the"
                + " column's fallback); each is said in plan.sql.%n",
            plan.derivedValues());
      }
      if (plan.zoneMismatch() != null) {
        out.println("Warning: " + plan.zoneMismatch() + ".");
      }
      out.println("Read " + plan.planSql() + ", then apply with:");
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

    // plan's options, taken only to say where they belong: apply runs what the plan decided
    @Option(names = "--mapping", hidden = true, paramLabel = "FILE")
    Path planOnlyMapping;

    @Option(names = "--min-confidence", hidden = true, paramLabel = "X")
    String planOnlyConfidence;

    @Option(names = "--allow-incomplete", hidden = true)
    boolean planOnlyFlag;

    @Option(
        names = "--batch-size",
        defaultValue = "500",
        paramLabel = "N",
        description = "Statements sent to the server at once (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(
        names = "--lock-timeout",
        paramLabel = "SECONDS",
        description =
            "Stop, writing nothing, after waiting this long for a lock another session holds"
                + " (default: wait as long as it takes, saying every so often what is waited"
                + " for).")
    Integer lockTimeout;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (lockTimeout != null && lockTimeout < 1) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--lock-timeout must be at least 1 second");
      }
      if (batchSize < 1) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--batch-size must be at least 1");
      }
      List<String> planOnly =
          spec.commandLine().getParseResult().matchedOptions().stream()
              .filter(CommandLine.Model.OptionSpec::hidden)
              .map(CommandLine.Model.OptionSpec::longestName)
              .toList();
      if (!planOnly.isEmpty()) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            String.join(" and ", planOnly)
                + (planOnly.size() == 1 ? " is an option" : " are options")
                + " of salvage import plan, not of apply: apply writes what "
                + target.run.resolve("import/plan.json")
                + " holds, which the plan decided with its own options. To change them, plan"
                + " again with them and apply the digest that plan prints.");
      }
      Path planFile = target.run.resolve("import/plan.json");
      if (!Files.exists(planFile)) {
        err.println("No plan at " + planFile + ": run salvage import plan first");
        return SalvageCli.EXIT_USAGE;
      }
      long started = System.nanoTime();
      long[] step = {0};
      Importer.ApplyOutcome outcome;
      try {
        outcome =
            Importer.apply(
                target.run,
                target.target(),
                digest,
                batchSize,
                lockTimeout,
                new Importer.Progress() {
                  @Override
                  public void written(long done, long total) {
                    // every 10,000 rows, or every 5% of larger plans
                    long every = Math.max(10_000, total / 20);
                    if (total >= every && (done - step[0] >= every || done == total)) {
                      step[0] = done;
                      out.printf("  written %d of %d rows%n", done, total);
                      out.flush();
                    }
                  }

                  @Override
                  public void waiting(String notice) {
                    err.println("Note: " + notice + ".");
                    err.flush();
                  }

                  @Override
                  public void stopped(String note) {
                    err.println(note);
                    err.flush();
                  }
                });
      } catch (TargetCredentialsException e) {
        err.println("Invalid configuration: " + e.getMessage());
        return SalvageCli.EXIT_USAGE;
      } catch (ImportRefusedException e) {
        err.println(e.getMessage());
        return SalvageCli.EXIT_FAILURE;
      }
      if (outcome.alreadyAppliedAt() != null) {
        out.println(
            "This plan was already applied at "
                + outcome.alreadyAppliedAt()
                + " (see salvage_import_log): nothing changed.");
        return 0;
      }
      if (outcome.undone() != null) {
        out.println(
            "This plan was applied before, at "
                + outcome.undone().appliedAt()
                + ", and undone at "
                + outcome.undone().undoneAt()
                + " (its undo.sql, see salvage_import_log): applying it again.");
      }
      if (outcome.inserted() + outcome.updated() == 0) {
        out.println("The plan has nothing to write: nothing changed.");
        return 0;
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      out.printf(
          "Applied: %d rows inserted, %d rows updated in %.1f s; every row written is in"
              + " salvage_import_log.%n",
          outcome.inserted(), outcome.updated(), seconds);
      for (String moved : outcome.sequencesMoved()) {
        // not a row: the log does not hold it, and undo does not move it back (nor should it:
        // the application may have taken the numbers since)
        out.println("Also " + moved + "; not in salvage_import_log, and undo leaves it.");
      }
      if (!outcome.rewritten().isEmpty()) {
        // what the log and undo.sql hold is the stored value: the operator must know it is not
        // the approved one
        out.println(
            "Stored otherwise than written (salvage_import_log holds the stored value; a later"
                + " plan does not write the same value again):");
        outcome.rewritten().forEach(line -> out.println("  " + line));
      }
      for (String warning : outcome.undoWarnings()) {
        // undo.sql's header says it too, but the header is read only when undoing, too late
        out.println(
            "Warning: "
                + warning
                + "; undo.sql names each row it could not restore exactly as it ends.");
      }
      for (String notMoved : outcome.sequencesNotMoved()) {
        // said at plan time only, it was gone by the time the application's next rows collided
        out.println("Not moved, as plan warned: " + notMoved);
      }
      Path undo = target.run.resolve("import/undo.sql");
      List<Path> earlier = new ArrayList<>();
      List<String> elsewhere = new ArrayList<>();
      int alreadyRun = 0;
      String target = appliedTo(undo);
      for (Path script : earlierUndoScripts(undo.getParent())) {
        String itsTarget = appliedTo(script);
        if (target != null && itsTarget != null && !itsTarget.equals(target)) {
          // the same run applied to another database: its script undoes nothing of this one, and
          // chained into this apply's undo advice it sent an operator to another database's rows
          elsewhere.add(script.getFileName() + " (" + itsTarget + ")");
          continue;
        }
        Long undid = appliedUndoneBy(script);
        if (undid != null && outcome.undoneApplies().contains(undid)) {
          alreadyRun++; // run again, it would fail its first check: its rows are gone
        } else {
          earlier.add(script);
        }
      }
      String run =
          alreadyRun == 0
              ? ""
              : " ("
                  + alreadyRun
                  + " earlier undo script(s) beside it were run already, as salvage_import_log"
                  + " records: not to be run again)";
      if (earlier.isEmpty()) {
        out.println("To undo, review and run by hand: " + undo + run);
      } else {
        // undo.sql now undoes this apply only: an operator who ran it alone undid part of the
        // import (outside trial 47); each script checks the rows its apply left, so newest first
        StringBuilder line =
            new StringBuilder("To undo, review and run by hand, newest first: ")
                .append(undo)
                .append(" (this apply)");
        for (Path script : earlier) {
          line.append(", then ").append(script).append(" (an earlier apply)");
        }
        out.println(line + run);
      }
      if (!elsewhere.isEmpty()) {
        out.println(
            "Beside it, "
                + String.join(", ", elsewhere)
                + " undo"
                + (elsewhere.size() == 1 ? "es" : "")
                + " applies of this run to another database, named in each file's header: not"
                + " part of undoing this one");
      }
      return 0;
    }

    /**
     * The database an undo script's apply wrote to, from its header's {@code -- applied to URL}
     * line; null for a script without one.
     */
    private static String appliedTo(Path script) throws java.io.IOException {
      try (var lines = Files.lines(script, java.nio.charset.StandardCharsets.UTF_8)) {
        return lines
            .limit(5)
            .filter(line -> line.startsWith(APPLIED_TO))
            .map(line -> line.substring(APPLIED_TO.length()).strip())
            .findFirst()
            .orElse(null);
      }
    }

    private static final String APPLIED_TO = "-- applied to ";

    /**
     * The last log row of the apply an undo script undoes, as the log row it adds names it, or null
     * for a script an earlier version wrote (it adds none).
     */
    private static Long appliedUndoneBy(Path script) throws java.io.IOException {
      java.util.regex.Matcher undo =
          UNDO_MARK.matcher(Files.readString(script, java.nio.charset.StandardCharsets.UTF_8));
      Long found = null;
      while (undo.find()) {
        found = Long.valueOf(undo.group(1));
      }
      return found;
    }

    /** The values of the log row an undo script adds: row_key, column '*', operation 'undo'. */
    private static final java.util.regex.Pattern UNDO_MARK =
        java.util.regex.Pattern.compile("'(\\d+)', '\\*', 'undo'\\)");

    /** The undo scripts earlier applies left under undo-MILLIS.sql, newest first. */
    private static List<Path> earlierUndoScripts(Path importDir) throws java.io.IOException {
      try (var files = Files.list(importDir)) {
        return files
            .filter(file -> file.getFileName().toString().matches("undo-\\d+\\.sql"))
            .sorted(
                java.util.Comparator.comparingLong(
                        (Path file) -> {
                          String name = file.getFileName().toString();
                          return Long.parseLong(name.substring(5, name.length() - 4));
                        })
                    .reversed())
            .toList();
      }
    }
  }

  /**
   * At most {@code max} of {@code lines} ({@code record: reason}): all in their order when they
   * fit, else each kind of reason (its first two words) in turn: eleven records refused for one
   * cause must not hide the one refused for another (a key another row holds) behind "... and 5
   * more".
   */
  static List<String> everyKindFirst(List<String> lines, int max) {
    if (lines.size() <= max) {
      return lines;
    }
    Map<String, ArrayDeque<String>> byKind = new LinkedHashMap<>();
    for (String line : lines) {
      int colon = line.indexOf(": ");
      String reason = colon < 0 ? line : line.substring(colon + 2);
      String[] words = reason.split(" ", 3);
      String kind = words.length < 2 ? reason : words[0] + " " + words[1];
      byKind.computeIfAbsent(kind, k -> new ArrayDeque<>()).add(line);
    }
    List<String> shown = new ArrayList<>();
    while (shown.size() < max && shown.size() < lines.size()) {
      for (ArrayDeque<String> kind : byKind.values()) {
        if (!kind.isEmpty() && shown.size() < max) {
          shown.add(kind.poll());
        }
      }
    }
    return shown;
  }
}
