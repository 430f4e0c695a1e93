package dev.salvage.pipeline.importer;

import dev.salvage.pipeline.bundle.Decisions;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.VersionChanges;
import dev.salvage.pipeline.importer.ImportPlan.Skip;
import dev.salvage.pipeline.importer.ImportPlan.Step;
import dev.salvage.pipeline.importer.RecordApprovals.Clause;
import dev.salvage.pipeline.importer.RecordApprovals.Refusal;
import dev.salvage.pipeline.importer.TargetMapping.ColumnMapping;
import dev.salvage.pipeline.importer.TargetMapping.Policy;
import dev.salvage.pipeline.importer.TargetMapping.TableMapping;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Makes an import plan: decides which records are approved, and inspects the target to turn each
 * into an INSERT or an UPDATE with its before-image, or a skip with its reason. Reads only.
 */
final class Planner {
  private final TargetMapping mapping;
  private final Policy policy;
  private final Decisions decisions;
  private final EarlierRuns earlier;
  private final Path run;
  private final Set<String> unsettled;
  // records holding the keys of a decided record the run lacks, by their id
  private final Map<String, Decisions.Held> held;
  private final String phoneRegion;
  private final Set<String> overwrite;

  private final Map<String, Long> skippedBy = new LinkedHashMap<>();
  private final List<Skip> keptOutByTarget = new ArrayList<>();
  private final List<Skip> lacking = new ArrayList<>();
  private final List<String> belowConfidence = new ArrayList<>();
  // each record kept out as evidence only of records in doubt, with them and the approve it needs
  private final List<String> inDoubt = new ArrayList<>();
  // each NEW record kept out for a value its row needs, with the column and why
  private final List<String> lackingForRow = new ArrayList<>();
  private final List<ImportPlan.KeyColumn> keyColumns = new ArrayList<>();
  private final List<ImportPlan.UnkeptIds> unkeptIds = new ArrayList<>();
  private final List<ImportPlan.ColumnDefault> columnDefaults = new ArrayList<>();
  private final List<String> tableWarnings = new ArrayList<>();
  private final List<ImportPlan.WallTime> instantColumns = new ArrayList<>();
  // changes not planned because the database rewrote the value the last apply wrote
  private final List<String> notWrittenAgain = new ArrayList<>();
  // each record kept out as decided on another version, with what changed since the decision
  private final List<String> anotherVersion = new ArrayList<>();
  // each record kept out by a rejection or edit of another run directory, and the log's notes
  private final List<String> decidedElsewhere = new ArrayList<>();
  // approvals kept in force: their records changed only in fields the mapping reads nowhere
  private long keptUnwritten;
  private final Set<String> keptUnwrittenFields = new java.util.TreeSet<>();

  Planner(TargetMapping mapping, Policy policy, Decisions decisions) {
    this(mapping, policy, decisions, null);
  }

  /**
   * @param phoneRegion the run config's {@code business.phone_region}, or null: national numbers in
   *     a phone column without {@code format} are recognised by it
   */
  Planner(TargetMapping mapping, Policy policy, Decisions decisions, String phoneRegion) {
    this(mapping, policy, new Decisions.Checked(decisions, List.of(), Set.of()), phoneRegion);
  }

  /**
   * @param checked the decisions, and the records whose latest decision line was kept out: those
   *     are kept out of the plan too, since neither an older decision nor the policy says what the
   *     operator last meant for them
   */
  Planner(TargetMapping mapping, Policy policy, Decisions.Checked checked, String phoneRegion) {
    this(mapping, policy, checked, phoneRegion, Set.of());
  }

  /**
   * @param overwrite the records whose approved changes and review edits are written over values
   *     the application changed since the backup ({@code salvage import plan --overwrite}); any
   *     other record with such a value is kept out, naming it
   */
  Planner(
      TargetMapping mapping,
      Policy policy,
      Decisions.Checked checked,
      String phoneRegion,
      Set<String> overwrite) {
    this(mapping, policy, checked, phoneRegion, overwrite, EarlierRuns.none(), null);
  }

  /**
   * @param earlier the rejections and edits of other run directories whose imports the target
   *     holds: a record this run leaves undecided is kept out when one of them says otherwise
   * @param run this run's directory, for the advice how to carry them
   */
  Planner(
      TargetMapping mapping,
      Policy policy,
      Decisions.Checked checked,
      String phoneRegion,
      Set<String> overwrite,
      EarlierRuns earlier,
      Path run) {
    this.earlier = Objects.requireNonNull(earlier, "earlier");
    this.run = run;
    this.overwrite = Set.copyOf(overwrite);
    this.mapping = mapping;
    this.policy = policy;
    this.decisions = checked.decisions();
    this.unsettled = checked.unsettled();
    this.held = checked.held();
    this.phoneRegion = phoneRegion;
  }

  ImportPlan plan(
      Connection connection, List<ReconstructedRecord> records, String runId, String target)
      throws SQLException, ImportRefusedException, TargetMappingException {
    try {
      return planChecked(connection, records, runId, target);
    } catch (PlannedRows.PrivilegeMissing e) {
      Dialect dialect = Dialect.of(target);
      if (!connection.getAutoCommit()) {
        connection.rollback(); // PostgreSQL answers nothing more in the failed transaction
      }
      String denied =
          e.deniedTable() == null ? null : dialect.deniedTable(connection, e.deniedTable());
      throw new ImportRefusedException(
          "Cannot plan: checking the planned rows of "
              + e.checked
              + " against its "
              + e.checkedAgainst
              + " reads "
              + (denied == null ? "a table" : "table " + denied)
              + ", which role "
              + dialect.grantee(connection)
              + " may not read ("
              + e.getMessage().replace('\n', ' ')
              + "). No record is kept out for it (the database's own check at apply needs no such"
              + " privilege) and no plan was written: GRANT SELECT ON "
              + (denied == null ? "<that table>" : denied)
              + " TO "
              + dialect.grantee(connection)
              + (denied != null && denied.contains(".") ? "" : " (in its schema)")
              + ", or plan as a role that may read it",
          e);
    }
  }

  private ImportPlan planChecked(
      Connection connection, List<ReconstructedRecord> records, String runId, String target)
      throws SQLException, ImportRefusedException, TargetMappingException {
    Dialect dialect = Dialect.of(target);
    if (dialect == null) {
      throw new ImportRefusedException("Cannot plan: " + target + " is not a supported target URL");
    }
    TargetSchema schema = TargetSchema.check(connection, mapping, dialect);
    TableWarnings warnings = new TableWarnings(mapping, tableWarnings);
    warnings.checkSoftDeletes(schema);
    warnings.checkNaturalKeysUnique(connection, dialect, schema);
    warnings.warnOfTriggers(connection, dialect);
    AmountUnits.check(mapping, schema);
    NewRowNeeds needs = NewRowNeeds.of(mapping, schema);
    List<ImportPlan.WallTime> wallTimes = new ArrayList<>();
    for (TableMapping table : mapping.tables()) {
      for (ColumnMapping column : table.columns()) {
        TargetSchema.Column described = schema.column(table.table(), column.column());
        if (column.type() == ColumnType.TIMESTAMPTZ
            && !described.holdsWallTime(column)
            && described.dataType().equals("timestamp with time zone")) {
          instantColumns.add(
              new ImportPlan.WallTime(
                  table.table(), column.column(), described.declared(), "UTC", null, true));
        }
        if (described.holdsWallTime(column)) {
          wallTimes.add(
              new ImportPlan.WallTime(
                  table.table(),
                  column.column(),
                  described.declared(),
                  column.zone().zone().getId(),
                  column.zone().setAt(),
                  !described.holdsWallTime()));
        }
      }
    }
    // by identity: two tables may map a column the same way, and records compare by value
    Map<ColumnMapping, PhoneFormat> phones = new java.util.IdentityHashMap<>();
    PhoneColumns phoneStyles = new PhoneColumns(connection, dialect, mapping, phoneRegion);
    List<ImportPlan.PhoneColumn> phoneColumns = phoneStyles.formats(phones);
    phoneStyles.refuseStylesUnsaid();
    List<String> unfit = new ArrayList<>();
    Map<String, List<String>> decimalsInIntegers = new LinkedHashMap<>();
    List<Skip> skipped = new ArrayList<>();
    Map<String, List<Approved>> byEntity = new HashMap<>();
    for (Clause clause : Clause.values()) {
      skippedBy.put(clause.label, 0L);
    }
    Map<String, List<ReconstructedRecord>> restored = new HashMap<>();
    for (ReconstructedRecord record : records) {
      if (record.backupRef() != null && record.backup() != null && !record.backup().isEmpty()) {
        restored.computeIfAbsent(record.entity(), e -> new ArrayList<>()).add(record);
      }
    }
    PlanRefusals.refuseUnknownOverwrites(overwrite, records);
    RecordApprovals approvals =
        new RecordApprovals(
            mapping, policy, decisions, unsettled, held, earlier, run, needs, records);
    List<ReconstructedRecord> rejected = new ArrayList<>();
    for (ReconstructedRecord record : records) {
      Refusal refusal = approvals.refusal(record);
      if (refusal != null && refusal.clause() == Clause.REJECTED) {
        rejected.add(record);
      }
      if (refusal != null
          && refusal.clause() == Clause.STALE_DECISION
          && !held.containsKey(record.id())) {
        anotherVersion.add(record.id() + ": " + refusal.reason());
      }
      if (refusal != null && refusal.clause() == Clause.EARLIER_RUN) {
        decidedElsewhere.add(record.id() + ": " + refusal.reason());
      }
      decisions
          .forRecord(record.id())
          .filter(decision -> refusal == null && !decision.madeOn(record))
          .ifPresent(
              decision -> {
                keptUnwritten++;
                keptUnwrittenFields.addAll(VersionChanges.since(decision, record).fieldNames());
              });
      if (refusal != null) {
        skipped.add(new Skip(record.id(), record.entity(), refusal.reason()));
        skippedBy.merge(refusal.clause().label, 1L, Long::sum);
        if (refusal.clause() == Clause.DOUBTED) {
          // named, not only counted: a reject for an operational reason (a closed room) holds
          // back the real guest its evidence also made, which an outside trial found in plan.sql
          List<String> with = approvals.doubtedWith(record);
          inDoubt.add(
              record.id()
                  + ": its evidence made only "
                  + String.join(", ", with.subList(0, Math.min(3, with.size())))
                  + (with.size() > 3 ? " and " + (with.size() - 3) + " more" : "")
                  + "; approve "
                  + record.id()
                  + " in salvage review to import it");
        }
        if (refusal.clause() == Clause.LACKING) {
          lackingForRow.add(record.id() + ": " + refusal.reason());
        }
        if (refusal.clause() == Clause.CONFIDENCE && !record.flagged()) {
          belowConfidence.add(ConfidenceText.belowConfidence(record));
        }
        continue;
      }
      Map<String, String> values = new TreeMap<>();
      record.fields().forEach((name, value) -> values.put(name, value.value()));
      Set<String> edited = new HashSet<>();
      // RecordApprovals.refusal() kept out a record whose decision was made on another version of
      // it
      decisions
          .forRecord(record.id())
          .ifPresent(
              decision -> {
                values.putAll(decision.edits());
                edited.addAll(decision.edits().keySet());
              });
      byEntity
          .computeIfAbsent(record.entity(), e -> new ArrayList<>())
          .add(new Approved(record, values, edited));
    }
    PlanRefusals.checkIntegerKeysFromFields(mapping, records, byEntity, rejected);
    Map<String, Map<String, String>> editedParents = approvals.editedNaturalKeys(byEntity);
    Map<String, Map<String, String>> rejectedParents = approvals.rejectedNaturalKeys(rejected);
    // filled as each table is planned, read by the tables after it (a parent comes first); in
    // the mapping's order, so that of two spellings of one parent table the note names the first
    Map<String, Map<String, String>> parentsHeldOtherwise = new LinkedHashMap<>();
    List<RestoredTable> restoredTables = new ArrayList<>();
    for (TableMapping table : mapping.tables()) {
      restoredTables.add(
          new RestoredTable(table, restored.getOrDefault(table.entity(), List.of())));
    }
    Set<String> mapped = new HashSet<>();
    List<Step> steps = new ArrayList<>();
    // natural key values each table gets from inserts planned so far, for children's lookups
    Map<String, Set<String>> plannedNaturals = new HashMap<>();
    List<String> unlikeRestored = new ArrayList<>();
    for (TableMapping table : mapping.tables()) {
      mapped.add(table.entity());
      List<Approved> approved = byEntity.getOrDefault(table.entity(), List.of());
      TablePlanner planner =
          new TablePlanner(
              connection,
              dialect,
              schema,
              table,
              phones,
              plannedNaturals,
              steps,
              skipped,
              unfit,
              decimalsInIntegers,
              keyColumns,
              unkeptIds,
              columnDefaults,
              notWrittenAgain,
              editedParents,
              rejectedParents,
              parentsHeldOtherwise,
              restoredTables,
              overwrite);
      unlikeRestored.addAll(
          planner.unlikeRestoredRows(restored.getOrDefault(table.entity(), List.of())));
      planner.plan(approved);
    }
    PlanRefusals.refuseUnlikeRestored(mapping, unlikeRestored);
    for (Map.Entry<String, List<Approved>> entry : byEntity.entrySet()) {
      if (!mapped.contains(entry.getKey())) {
        for (Approved approved : entry.getValue()) {
          skipped.add(
              new Skip(
                  approved.record().id(),
                  entry.getKey(),
                  "entity " + entry.getKey() + " has no table in the target mapping"));
        }
      }
    }
    PlanRefusals.refuseDecimalsInIntegers(mapping, decimalsInIntegers);
    PlanRefusals.refuseUnfit(unfit);
    PlanRefusals.refuseOverwritingNothing(overwrite, steps, skipped);
    long byPolicy = skippedBy.values().stream().mapToLong(Long::longValue).sum();
    // the policy's skips come first, then the target's
    skipped.stream()
        .skip(byPolicy)
        .filter(skip -> !KeptOut.alreadyThere(skip))
        .forEach(keptOutByTarget::add);
    skipped.stream()
        .filter(skip -> skip.reason().contains(KeptOut.PRESENT_LACKING))
        .forEach(lacking::add);
    skippedBy.put(Clause.TARGET.label, (long) keptOutByTarget.size());
    skippedBy.put(Clause.PRESENT.label, skipped.size() - byPolicy - keptOutByTarget.size());
    long inserts = steps.stream().filter(Step::insert).count();
    ImportPlan plan =
        new ImportPlan(
            null,
            null,
            runId,
            target,
            dialect.currentSchema(connection),
            new ImportPlan.Counts(inserts, steps.size() - inserts, skipped.size()),
            wallTimes,
            phoneColumns,
            keyColumns,
            unkeptIds,
            columnDefaults,
            steps,
            skipped);
    return plan.stamped(Instant.now().toString());
  }

  /**
   * How many records the last {@link #plan} skipped, by clause: each clause of the policy in the
   * order they are checked, then those the target refused; every clause listed, 0 included.
   */
  Map<String, Long> skippedBy() {
    return new LinkedHashMap<>(skippedBy);
  }

  /**
   * What the target's log says of imports from other run directories, then each record kept out by
   * their rejections and edits, with why.
   */
  List<String> decidedElsewhere() {
    List<String> lines = new ArrayList<>(earlier.notes());
    lines.addAll(decidedElsewhere);
    return lines;
  }

  /**
   * How many records were kept out as decided on another version: their decision was made on other
   * values, or under the id a rerun took from them.
   */
  long decidedOnAnotherVersion() {
    return skippedBy.getOrDefault(Clause.STALE_DECISION.label, 0L);
  }

  /**
   * Each record the last {@link #plan} kept out as decided on another version (same id), with its
   * decision and what changed since it: each written field with both values, the action.
   */
  List<String> anotherVersion() {
    return List.copyOf(anotherVersion);
  }

  /**
   * Once per plan: how many approvals made on another version were kept in force because their
   * records changed only in fields the target mapping writes nowhere, naming those fields; null
   * when none were.
   */
  String keptUnwritten() {
    if (keptUnwritten == 0) {
      return null;
    }
    return keptUnwritten
        + " approval(s) made on another version kept in force: their records changed only in "
        + String.join(", ", keptUnwrittenFields)
        + ", which the target mapping does not write";
  }

  /**
   * Each unflagged record the policy's min_confidence kept out, with its action and confidence: a
   * probabilistic match the operator approves or not, which no other list names.
   */
  List<String> belowConfidence() {
    return List.copyOf(belowConfidence);
  }

  List<String> inDoubt() {
    return List.copyOf(inDoubt);
  }

  /** Each NEW record kept out for lacking a value its row needs ({@link NewRowNeeds}), and why. */
  List<String> lackingForRow() {
    return List.copyOf(lackingForRow);
  }

  /**
   * Each record the target kept out other than one it holds already or holds otherwise: record,
   * then why. An edit in review or the mapping can bring these in.
   */
  List<String> keptOutByTarget() {
    return keptOutByTarget.stream()
        .filter(skip -> !KeptOut.heldOtherwise(skip))
        .map(skip -> skip.record() + ": " + skip.reason())
        .toList();
  }

  /**
   * Each record kept out because a row found by its natural key holds other values: record, then
   * why. Approving it in review changes nothing; the row must be settled in the application, or the
   * record rejected.
   */
  List<String> heldOtherwise() {
    return keptOutByTarget.stream()
        .filter(KeptOut::heldOtherwise)
        .map(skip -> skip.record() + ": " + skip.reason())
        .toList();
  }

  /**
   * Each record whose row is already present but NULL where the record holds a value: record, then
   * the columns with the record's values. Nothing is written for them.
   */
  List<String> presentLacking() {
    return lacking.stream()
        .map(
            skip ->
                skip.record()
                    + ": "
                    + skip.reason()
                        .substring(
                            skip.reason().indexOf(KeptOut.PRESENT_LACKING)
                                + KeptOut.PRESENT_LACKING.length()))
        .toList();
  }

  /**
   * Each change not planned because the database stored another value when the last apply wrote it
   * (a trigger or rule), and the row holds that value still: writing it again would change nothing
   * but the row's touch columns, on every plan.
   */
  List<String> notWrittenAgain() {
    return List.copyOf(notWrittenAgain);
  }

  /**
   * Each mapped table without {@code soft_delete} that has a column named as frameworks mark
   * deleted rows, and each natural key a unique index holds only together with other columns.
   */
  List<String> tableWarnings() {
    return List.copyOf(tableWarnings);
  }

  /**
   * The mapped columns that have a zone and are written as UTC instants (no time_zone of their
   * own), as WallTime lines in UTC: what {@link Importer#zonedAsInstants} compares with the zone
   * the run read their table's backup date-times in.
   */
  List<ImportPlan.WallTime> instantColumns() {
    return List.copyOf(instantColumns);
  }
}
