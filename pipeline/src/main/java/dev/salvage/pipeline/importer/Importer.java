package dev.salvage.pipeline.importer;

import static java.util.Objects.requireNonNull;

import dev.salvage.mappings.MappingException;
import dev.salvage.mappings.RunConfig;
import dev.salvage.pipeline.bundle.BundleFormatException;
import dev.salvage.pipeline.bundle.Decisions;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.RunLayout;
import dev.salvage.pipeline.bundle.RunSummary;
import dev.salvage.pipeline.review.DecisionCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The import step behind {@code salvage import}: {@link #plan} reads the run's approved records and
 * the target's catalog and writes the plan; {@link #apply} runs exactly that plan. The command line
 * only parses options and prints what these return.
 */
public final class Importer {
  private Importer() {}

  /**
   * The database records go back into. Never holds the password: it is read from {@code
   * passwordFile} or {@code SALVAGE_TARGET_PASSWORD} when the connection opens.
   *
   * @param url the JDBC URL, without a password
   * @param user the role to connect as, or null for the URL's own
   * @param passwordFile the file holding the password, or null
   */
  public record Target(String url, String user, Path passwordFile) {
    public Target {
      requireNonNull(url, "url");
    }

    Connection open() throws ImportRefusedException, SQLException, IOException {
      return TargetConnection.open(url, user, passwordFile);
    }
  }

  /**
   * Whether a plan may be made from a run that did not read every partition of its sources: its
   * records lack what those hold (a cancellation in an unread folder), and the policy would import
   * them as they are.
   */
  public enum IncompleteRuns {
    /** Refuse, unless the run itself was accepted with {@code --allow-incomplete}. */
    REFUSE,
    /** Plan anyway ({@code import plan --allow-incomplete}). */
    ACCEPT
  }

  /**
   * What a plan holds and where it was written.
   *
   * @param skippedBy how many records each clause of the policy skipped, in the order they are
   *     checked, then how many the target holds already and how many it refused
   * @param keptOutByTarget each record the target refused (not one it holds already) and why: a
   *     lost record that stays lost unless someone acts
   * @param belowConfidence each unflagged record below the policy's min_confidence, with its action
   *     and confidence: approved by nobody until someone reads it
   * @param inDoubt each record kept out because every piece of its evidence also made a record in
   *     doubt (rejected, flagged, ...), with those records and the approve that imports it
   * @param lackingForRow each NEW record kept out for lacking a value its row needs (a lookup's
   *     field, a NOT NULL column's), naming the column and why
   * @param partitionsNotRead how many partitions the run did not read to their end (0 when it read
   *     everything, or has no summary to tell)
   * @param wallTimes for each mapped column without a time zone, the zone its wall times are taken
   *     in and how to change it, one line each
   * @param phoneFormats for each mapped column with a phone format, the style written and, for
   *     {@code like_existing}, what it was chosen from, one line each
   * @param zoneMismatch when the run read the backup's date-times without an offset in one zone and
   *     the plan writes columns without a zone in another, what that means; else null
   * @param derivedValues how many inserted values the plan derived from a part of a name (a
   *     column's {@code fallback}), each said in plan.sql
   * @param keys for each key column written from a record field, how many rows keep the record's
   *     key, how many take the default, and where its sequence moves, one line each
   * @param unkeptIds for each table whose new rows' records carry the application's id that the
   *     plan leaves to the database (no key.field), one line each
   * @param defaults for each column mapped from a field that inserts leave to its non-null default
   *     (the record lacking the field), the default, how many rows and which records, one line each
   * @param heldOtherwise each record kept out because a row found by its natural key holds other
   *     values (or an earlier import inserted it and it changed since), and why: approving it in
   *     review changes nothing
   * @param ownRowUpdates each update of a row an earlier import inserted: record, which import, the
   *     columns changed
   * @param notWrittenAgain each change not planned because the database rewrote the value the last
   *     apply wrote, and the row holds what it stored
   * @param decisionsNotApplied each line of decisions.jsonl left out because review's edit check
   *     refuses it (no such record, no such field, a value its type does not read), with file, line
   *     and why: its record is planned as if the line were not there
   * @param tableWarnings each mapped table without {@code soft_delete} that has a column frameworks
   *     mark deleted rows with, once per table, and each natural key unique only with other columns
   * @param presentLacking each record whose row is already present but NULL where the record holds
   *     a value, with those columns: nothing is written for it
   * @param decisionLines how many lines decisions.jsonl has ({@code decisions} counts the records
   *     with a decision in force)
   * @param decisionsNotAppliedShown {@code decisionsNotApplied} as a console shows them: those
   *     naming a record the run lacks counted on one line ({@link Decisions#summarize})
   * @param decidedOnAnotherVersion how many records were kept out because their decision was made
   *     on another version of them (other values, or another id), to be reviewed again
   * @param renamed each record kept out because it holds a key value of a decided record the run
   *     lacks (the rerun gave it a new id), naming both ids, the key and the decision
   * @param overwritten each column {@code --overwrite} let an update write over the application's
   *     change since the backup, with its record
   * @param anotherVersion each record kept out as decided on another version of it (same id), with
   *     the decision and what changed since it
   * @param keptUnwritten how many approvals made on another version stay in force because their
   *     records changed only in fields the target mapping writes nowhere, naming those fields; null
   *     when none do
   */
  public record PlanOutcome(
      Path planJson,
      Path planSql,
      long inserts,
      long updates,
      long skipped,
      int decisions,
      String digest,
      Map<String, Long> skippedBy,
      List<String> keptOutByTarget,
      List<String> belowConfidence,
      List<String> inDoubt,
      List<String> lackingForRow,
      int partitionsNotRead,
      List<String> wallTimes,
      List<String> phoneFormats,
      String zoneMismatch,
      long derivedValues,
      List<String> keys,
      List<String> unkeptIds,
      List<String> defaults,
      List<String> heldOtherwise,
      List<String> ownRowUpdates,
      List<String> tableWarnings,
      List<String> presentLacking,
      List<String> notWrittenAgain,
      List<String> decisionsNotApplied,
      int decisionLines,
      List<String> decisionsNotAppliedShown,
      long decidedOnAnotherVersion,
      List<String> renamed,
      List<String> overwritten,
      List<String> anotherVersion,
      String keptUnwritten,
      List<String> decidedElsewhere) {
    public PlanOutcome {
      decidedElsewhere = List.copyOf(decidedElsewhere);
      anotherVersion = List.copyOf(anotherVersion);
      overwritten = List.copyOf(overwritten);
      renamed = List.copyOf(renamed);
      decisionsNotApplied = List.copyOf(decisionsNotApplied);
      decisionsNotAppliedShown = List.copyOf(decisionsNotAppliedShown);
      skippedBy = Collections.unmodifiableMap(new LinkedHashMap<>(skippedBy));
      keptOutByTarget = List.copyOf(keptOutByTarget);
      belowConfidence = List.copyOf(belowConfidence);
      inDoubt = List.copyOf(inDoubt);
      lackingForRow = List.copyOf(lackingForRow);
      wallTimes = List.copyOf(wallTimes);
      phoneFormats = List.copyOf(phoneFormats);
      keys = List.copyOf(keys);
      unkeptIds = List.copyOf(unkeptIds);
      defaults = List.copyOf(defaults);
      heldOtherwise = List.copyOf(heldOtherwise);
      ownRowUpdates = List.copyOf(ownRowUpdates);
      tableWarnings = List.copyOf(tableWarnings);
      notWrittenAgain = List.copyOf(notWrittenAgain);
      presentLacking = List.copyOf(presentLacking);
    }
  }

  /**
   * What apply did; {@code alreadyAppliedAt} is set when the plan had been applied before and is
   * still in place, {@code undone} when it had been applied before and that apply's undo.sql was
   * run, so it was applied again.
   *
   * @param sequencesNotMoved each table whose new rows carry ids the evidence names that the
   *     application's sequence may hand out again, this role not being allowed to move it
   * @param undoneApplies the last log row of every apply whose undo.sql was run, as the log's undo
   *     rows name them: the console leaves their undo scripts out of the ones to run
   * @param undoWarnings each updated table whose triggers or ON UPDATE columns may change the rows
   *     undo.sql restores, with them, as undo.sql's header says
   */
  public record ApplyOutcome(
      long inserted,
      long updated,
      String alreadyAppliedAt,
      List<String> sequencesMoved,
      List<String> rewritten,
      Undone undone,
      List<String> sequencesNotMoved,
      java.util.Set<Long> undoneApplies,
      List<String> undoWarnings) {
    public ApplyOutcome {
      undoWarnings = List.copyOf(undoWarnings);
      sequencesMoved = List.copyOf(sequencesMoved);
      rewritten = List.copyOf(rewritten);
      sequencesNotMoved = List.copyOf(sequencesNotMoved);
      undoneApplies = java.util.Set.copyOf(undoneApplies);
    }

    /** An outcome that wrote nothing. */
    static ApplyOutcome nothingWritten(String alreadyAppliedAt, Undone undone) {
      return new ApplyOutcome(
          0,
          0,
          alreadyAppliedAt,
          List.of(),
          List.of(),
          undone,
          List.of(),
          java.util.Set.of(),
          List.of());
    }
  }

  /** An earlier apply of the same plan, and when its undo.sql was run. */
  public record Undone(String appliedAt, String undoneAt) {
    public Undone {
      requireNonNull(appliedAt, "appliedAt");
      requireNonNull(undoneAt, "undoneAt");
    }
  }

  /** Told how many rows apply has written so far. */
  public interface Progress {
    void written(long done, long total);

    /** Told while apply waits for a lock another session holds, every so often (LockWatch). */
    default void waiting(String notice) {}

    /**
     * Told, from a shutdown hook, when the process is stopped (Ctrl-C, a kill) while apply runs:
     * what state that leaves the target in and what to do.
     */
    default void stopped(String note) {}
  }

  /**
   * Plans the import of the run in {@code run} into {@code target}; reads only.
   *
   * @param mapping the target mapping, or null for {@code target.yaml} beside the run's config
   * @param minConfidence overrides the mapping policy's {@code min_confidence} when not null
   * @throws TargetMappingException when the mapping or the decisions file is unusable
   * @throws ImportRefusedException when the target does not fit the mapping
   */
  public static PlanOutcome plan(Path run, Target target, Path mapping, Double minConfidence)
      throws TargetMappingException, ImportRefusedException, IOException, SQLException {
    return plan(run, target, mapping, minConfidence, IncompleteRuns.REFUSE);
  }

  /**
   * Plans as {@link #plan(Path, Target, Path, Double)} does, from an incomplete run too when {@code
   * incompleteRuns} accepts it.
   *
   * @throws ImportRefusedException also when the run did not read everything and neither it nor
   *     {@code incompleteRuns} accepted that
   */
  public static PlanOutcome plan(
      Path run, Target target, Path mapping, Double minConfidence, IncompleteRuns incompleteRuns)
      throws TargetMappingException, ImportRefusedException, IOException, SQLException {
    return plan(run, target, mapping, minConfidence, incompleteRuns, Set.of());
  }

  /**
   * Plans as {@link #plan(Path, Target, Path, Double, IncompleteRuns)} does, writing the approved
   * changes and review edits of the records in {@code overwrite} over values the application
   * changed since the backup, where any other record with such a value is kept out.
   *
   * @throws ImportRefusedException also when {@code overwrite} names a record the run lacks
   */
  public static PlanOutcome plan(
      Path run,
      Target target,
      Path mapping,
      Double minConfidence,
      IncompleteRuns incompleteRuns,
      Set<String> overwrite)
      throws TargetMappingException, ImportRefusedException, IOException, SQLException {
    TargetConnection.checkUrl(target.url());
    RunLayout layout = RunLayout.of(run);
    int partitionsNotRead = checkComplete(layout, incompleteRuns);
    TargetMapping loaded = TargetMapping.load(mapping != null ? mapping : defaultMapping(layout));
    RunConfig.Basics config = runConfig(layout);
    if (config != null) {
      loaded = loaded.checkFields(config.entities(), config.entities().fileLabel());
      loaded = loaded.withPhoneRegion(config.business().phoneRegion(), config.file());
    } else {
      loaded = loaded.withPhoneRegion(null, null);
    }
    TargetMapping.Policy policy =
        minConfidence == null ? loaded.policy() : loaded.policy().withMinConfidence(minConfidence);
    if (!layout.records().exists()) {
      throw new ImportRefusedException(
          "Cannot plan: " + layout.records().path() + " does not exist (run salvage run first)");
    }
    List<ReconstructedRecord> records = layout.records().readAll();
    Map<String, ReconstructedRecord> byId = new HashMap<>();
    Decisions.KeyIndex keys = new Decisions.KeyIndex();
    records.forEach(
        record -> {
          byId.put(record.id(), record);
          keys.add(record.id(), record.entity(), record.keys());
        });
    Decisions.Checked checked;
    try {
      // review's edit form check, so a hand-written line means what it would in review
      checked = Decisions.read(layout.decisions(), DecisionCheck.of(layout, byId::get), keys);
    } catch (BundleFormatException e) {
      throw new TargetMappingException(e.getMessage(), e);
    }
    Decisions decisions = checked.decisions();
    ImportPlan plan;
    Planner planner;
    try (Connection connection = target.open()) {
      AuditTableSchema.find(
          connection,
          Dialect.of(target.url()),
          loaded.tables().stream().map(TargetMapping.TableMapping::table).toList());
      connection.setReadOnly(true);
      planner =
          new Planner(
              loaded,
              policy,
              checked,
              config == null ? null : config.business().phoneRegion(),
              overwrite,
              EarlierRuns.read(connection, Dialect.of(target.url()), run, runId(run)),
              run);
      plan = planner.plan(connection, records, runId(run), target.url());
    }
    Path dir = layout.importDir();
    plan.write(dir.resolve("plan.json"));
    PlanSql.write(plan, dir.resolve("plan.sql"));
    return new PlanOutcome(
        dir.resolve("plan.json"),
        dir.resolve("plan.sql"),
        plan.counts().inserts(),
        plan.counts().updates(),
        plan.counts().skipped(),
        decisions.size(),
        plan.digest(),
        planner.skippedBy(),
        planner.keptOutByTarget(),
        planner.belowConfidence(),
        planner.inDoubt(),
        planner.lackingForRow(),
        partitionsNotRead,
        plan.wallTimes().stream().map(ImportPlan.WallTime::describe).toList(),
        plan.phoneFormats().stream().map(ImportPlan.PhoneColumn::describe).toList(),
        zoneMismatch(layout, plan.wallTimes()),
        plan.steps().stream()
            .flatMap(step -> step.values().stream())
            .filter(value -> value.derived() != null)
            .count(),
        plan.keys().stream().map(ImportPlan.KeyColumn::describe).toList(),
        plan.unkeptIds().stream().map(ImportPlan.UnkeptIds::describe).toList(),
        plan.defaults().stream().map(ImportPlan.ColumnDefault::describe).toList(),
        planner.heldOtherwise(),
        plan.steps().stream()
            .filter(step -> step.salvaged() != null)
            .map(
                step ->
                    step.record()
                        + ": "
                        + step.salvaged()
                        + "; sets "
                        + step.values().stream()
                            .filter(value -> !value.generatedNow())
                            .map(
                                value ->
                                    value.column() + " " + value.before() + " -> " + value.value())
                            .collect(java.util.stream.Collectors.joining(", ")))
            .toList(),
        java.util.stream.Stream.concat(
                planner.tableWarnings().stream(),
                zonedAsInstants(layout, planner.instantColumns()).stream())
            .toList(),
        planner.presentLacking(),
        planner.notWrittenAgain(),
        checked.notApplied().stream().map(Decisions.NotApplied::describe).toList(),
        checked.lines(),
        Decisions.summarize(checked.notApplied()),
        planner.decidedOnAnotherVersion(),
        checked.held().values().stream().map(Decisions.Held::describe).toList(),
        plan.steps().stream()
            .filter(step -> step.overwritten() != null)
            .flatMap(step -> step.overwritten().stream().map(line -> step.record() + ": " + line))
            .toList(),
        planner.anotherVersion(),
        planner.keptUnwritten(),
        planner.decidedElsewhere());
  }

  /**
   * The business and entity model of the run config the run was made with, or null when the run
   * names none (records written by hand) or its file is gone (the run directory was copied
   * elsewhere).
   *
   * @throws TargetMappingException when the run config is there but no longer loads
   */
  static RunConfig.Basics runConfig(RunLayout layout) throws TargetMappingException, IOException {
    String config = RunSummary.readOrEmpty(layout.summaryJson()).config();
    if (config == null || !Files.exists(Path.of(config))) {
      return null;
    }
    try {
      return RunConfig.basics(Path.of(config));
    } catch (MappingException e) {
      throw new TargetMappingException(
          "Cannot read the run config "
              + config
              + " named in "
              + layout.summaryJson()
              + " (its business and entity model check the target mapping): "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Says when the run read the backup's date-times written without an offset in the business
   * timezone, nothing having named their zone, while the plan writes columns without a zone in
   * another: both stand for the application's one convention, so when the backup is this
   * application's database one of them is off by the zones' offset, and every imported time with
   * it. Null when they agree, or nothing tells.
   */
  static String zoneMismatch(RunLayout layout, List<ImportPlan.WallTime> wallTimes)
      throws IOException {
    if (wallTimes.isEmpty()) {
      return null;
    }
    RunSummary summary = RunSummary.readOrEmpty(layout.summaryJson());
    RunSummary.SourceCounts backup = summary.sources().get("backup");
    if (backup == null || backup.zoneAssumed().isEmpty() || summary.timezone() == null) {
      return null;
    }
    ZoneId read;
    try {
      read = ZoneId.of(summary.timezone());
    } catch (DateTimeException e) {
      return null;
    }
    List<String> differing = new ArrayList<>();
    for (ImportPlan.WallTime wallTime : wallTimes) {
      if (!sameRules(read, wallTime.zone())) {
        differing.add(wallTime.table() + "." + wallTime.column() + " in " + wallTime.zone());
      }
    }
    if (differing.isEmpty()) {
      return null;
    }
    long rows = backup.zoneAssumed().values().stream().mapToLong(Long::longValue).sum();
    return "the run read "
        + rows
        + " backup date-time value(s) written without a UTC offset as wall times in "
        + read
        + " (the business timezone: the backup mapping names no zone; summary.json"
        + " zone_assumed), but this plan writes "
        + String.join(", ", differing)
        + ". If the backup is this application's database, one of the two is off by the zones'"
        + " offset: set the backup mapping's zone and the target mapping's time_zone to the zone"
        + " the application stores (docs/import.md, Columns without a time zone)";
  }

  /**
   * Says, per table, when the run read the backup's date-times of a table without an offset as wall
   * times in a zone other than UTC (summary.json, sources.backup.zone_read) while the plan writes
   * that table's columns that have a zone (MariaDB's timestamp, PostgreSQL's timestamp with time
   * zone) as UTC instants: an application that writes wall times through a UTC session (Laravel
   * with APP_TIMEZONE and no DB_TIMEZONE) keeps that zone's wall time in them, and every imported
   * time would be off by the zone's offset against the application's own rows (an outside trial's
   * 240 of 241 new reservations 9 hours early). Empty when they agree, or nothing tells.
   */
  static List<String> zonedAsInstants(RunLayout layout, List<ImportPlan.WallTime> instants)
      throws IOException {
    if (instants.isEmpty()) {
      return List.of();
    }
    RunSummary.SourceCounts backup =
        RunSummary.readOrEmpty(layout.summaryJson()).sources().get("backup");
    if (backup == null || backup.zoneRead().isEmpty()) {
      return List.of();
    }
    // per table of the backup, the zones its date-times were read in, and how many rows
    Map<String, Map<String, Long>> read = new LinkedHashMap<>();
    backup
        .zoneRead()
        .forEach(
            (key, rows) -> {
              int at = key.lastIndexOf(" in ");
              if (at > 0) {
                read.computeIfAbsent(unqualified(key.substring(0, at)), t -> new LinkedHashMap<>())
                    .merge(key.substring(at + 4), rows, Long::sum);
              }
            });
    Map<String, List<ImportPlan.WallTime>> byTable = new LinkedHashMap<>();
    for (ImportPlan.WallTime column : instants) {
      byTable.computeIfAbsent(column.table(), t -> new ArrayList<>()).add(column);
    }
    List<String> warnings = new ArrayList<>();
    byTable.forEach(
        (table, columns) -> {
          Map<String, Long> zones = read.get(unqualified(table));
          if (zones == null || zones.keySet().stream().anyMatch(Importer::isUtc)) {
            return; // not read from the backup, or read (in part) as UTC: nothing disagrees
          }
          List<String> names = new ArrayList<>();
          for (ImportPlan.WallTime column : columns) {
            names.add(table + "." + column.column() + " (" + column.declared() + ")");
          }
          List<String> said = new ArrayList<>();
          zones.forEach((zone, rows) -> said.add(zone + " (" + rows + " row(s))"));
          String zone = zones.keySet().iterator().next();
          warnings.add(
              String.join(", ", names)
                  + (columns.size() == 1 ? " has a zone and is" : " have a zone and are")
                  + " written as UTC instants, but the run read the backup's date-times of "
                  + table
                  + " as wall times in "
                  + String.join(", ", said)
                  + " (summary.json, sources.backup.zone_read): if the application writes its"
                  + " wall times in "
                  + zone
                  + " into "
                  + (columns.size() == 1 ? "this column" : "these columns")
                  + " through a session in UTC (Laravel's APP_TIMEZONE without DB_TIMEZONE), the"
                  + " imported times are off by "
                  + zone
                  + "'s offset against its own rows: set time_zone: "
                  + zone
                  + " on "
                  + (columns.size() == 1 ? "the column" : "each of these columns")
                  + " in the target mapping (docs/import.md, Columns without a time zone); if"
                  + " they hold true instants, read them in the backup mapping with zone: UTC"
                  + " instead");
        });
    return warnings;
  }

  /** {@code customers} of {@code public.customers} or {@code shop.customers}, lower case. */
  private static String unqualified(String table) {
    return table.substring(table.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
  }

  private static boolean isUtc(String zone) {
    try {
      java.time.zone.ZoneRules rules = ZoneId.of(zone).getRules();
      return rules.isFixedOffset()
          && rules.getOffset(java.time.Instant.EPOCH).getTotalSeconds() == 0;
    } catch (DateTimeException e) {
      return false;
    }
  }

  private static boolean sameRules(ZoneId read, String zone) {
    try {
      return ZoneId.of(zone).getRules().equals(read.getRules());
    } catch (DateTimeException e) {
      return false;
    }
  }

  /**
   * The number of partitions the run did not read; refuses when there are any and nobody accepted
   * that. A run without a summary (records written by hand) cannot tell, and is planned.
   */
  static int checkComplete(RunLayout layout, IncompleteRuns incompleteRuns)
      throws ImportRefusedException, IOException {
    if (Files.exists(layout.unfinished())) {
      // accepting an incomplete run does not accept this: what the files are is unknown
      throw new UnfinishedRunException(
          "Cannot import from "
              + layout.root()
              + ": a salvage run into it has not finished ("
              + layout.unfinished()
              + " is there: the run failed or is still running), so its summary.json and"
              + " records are an earlier run's or partial; rerun salvage run into "
              + layout.root()
              + ", then plan");
    }
    Path file = layout.summaryJson();
    if (!Files.exists(file)) {
      return 0;
    }
    RunSummary summary = RunSummary.read(file);
    if (!summary.incomplete()) {
      return 0;
    }
    int partitions = summary.notRead().values().stream().mapToInt(List::size).sum();
    if (incompleteRuns == IncompleteRuns.ACCEPT
        || Boolean.TRUE.equals(summary.incompleteAccepted())) {
      return partitions;
    }
    StringBuilder unread = new StringBuilder();
    summary
        .notRead()
        .forEach(
            (source, entries) ->
                entries.forEach(
                    entry ->
                        unread
                            .append("\n  ")
                            .append(source)
                            .append(": ")
                            .append(entry.partition())
                            .append(" (not read: ")
                            .append(entry.notRead())
                            .append(")")));
    throw new ImportRefusedException(
        "Cannot plan: the run in "
            + layout.root()
            + " is incomplete: "
            + partitions
            + " partition(s) of "
            + summary.notRead().size()
            + " source(s) were not read to their end (summary.json, not_read):"
            + unread
            + "\nIts records lack what those hold (a later change or cancellation), and the"
            + " policy would import them as they are. Rerun salvage run when everything reads, or"
            + " plan from this run anyway with --allow-incomplete.");
  }

  /**
   * Applies the plan in {@code run}/import/plan.json in one transaction, if its digest is {@code
   * digest} and no planned row changed since it was made.
   *
   * @param lockTimeout the seconds apply waits for a lock another session holds before it stops,
   *     writing nothing ({@code --lock-timeout}); null to wait as long as it takes
   * @throws ImportRefusedException when anything does not match; nothing was written
   */
  public static ApplyOutcome apply(
      Path run, Target target, String digest, int batchSize, Integer lockTimeout, Progress progress)
      throws ImportRefusedException, IOException, SQLException {
    Applier applier = new Applier(batchSize, progress::written);
    // from the start: a stop while the plan is read or the target connected to is said too
    return applyToTheEnd(
        applier,
        target.url(),
        digest,
        progress,
        () -> apply(applier, run, target, digest, lockTimeout, progress));
  }

  private static ApplyOutcome apply(
      Applier applier,
      Path run,
      Target target,
      String digest,
      Integer lockTimeout,
      Progress progress)
      throws ImportRefusedException, IOException, SQLException {
    Path planFile = RunLayout.of(run).importDir().resolve("plan.json");
    if (!Files.exists(planFile)) {
      throw new ImportRefusedException(
          "No plan at " + planFile + ": run salvage import plan first");
    }
    ImportPlan plan = ImportPlan.read(planFile);
    if (!target.url().equals(plan.target())) {
      throw new ImportRefusedException(
          "Refusing to apply: the plan was made for " + plan.target() + ", not " + target.url());
    }
    try (Connection connection = target.open()) {
      AuditTableSchema.find(
          connection,
          plan.dialect(),
          plan.steps().stream().map(ImportPlan.Step::table).distinct().toList());
      Connection watcher = null;
      if (plan.dialect() == Dialect.POSTGRESQL) {
        try {
          watcher = target.open();
        } catch (SQLException e) {
          // a role limited to one connection applies all the same, without the notices
        }
      }
      try (LockWatch watch =
          LockWatch.start(
              connection,
              plan.dialect(),
              watcher,
              applier::doing,
              progress::waiting,
              lockTimeout)) {
        return applier.apply(connection, plan, digest, planFile.getParent(), lockTimeout, watch);
      }
    }
  }

  /** An apply, as {@link Applier#apply} runs it. */
  private interface ApplyCall {
    ApplyOutcome call() throws ImportRefusedException, IOException, SQLException;
  }

  /**
   * Runs {@code call} with a shutdown hook that says, if the process is stopped first, what state
   * the target is in: without it a stopped apply ended without a word.
   */
  private static ApplyOutcome applyToTheEnd(
      Applier applier, String target, String digest, Progress progress, ApplyCall call)
      throws ImportRefusedException, IOException, SQLException {
    Thread stoppedNote =
        new Thread(
            () -> {
              String note = applier.stoppedNote(target, digest);
              if (note != null) {
                progress.stopped(note);
              }
            },
            "apply-stopped-note");
    Runtime.getRuntime().addShutdownHook(stoppedNote);
    try {
      return call.call();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stoppedNote);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook says what apply reached
      }
    }
  }

  /** The target mapping beside the run config the run was made with. */
  static Path defaultMapping(RunLayout run) throws TargetMappingException {
    Path summary = run.summaryJson();
    String config;
    try {
      config = RunSummary.read(summary).config();
    } catch (IOException e) {
      throw new TargetMappingException(
          "No target mapping: cannot read run.config from " + summary + "; pass --mapping FILE", e);
    }
    if (config == null) {
      throw new TargetMappingException(
          "No target mapping: " + summary + " names no run.config; pass --mapping FILE");
    }
    Path file = Path.of(config).resolveSibling("target.yaml");
    if (!Files.exists(file)) {
      throw new TargetMappingException(
          "No target mapping: " + file + " does not exist; pass --mapping FILE");
    }
    return file;
  }

  /** The run's name in the audit log: its directory name. */
  static String runId(Path run) {
    Path name = run.toAbsolutePath().normalize().getFileName();
    return name == null ? run.toString() : name.toString();
  }
}
