package dev.salvage.pipeline.evaluate;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salvage.pipeline.bundle.BundleFormatException;
import dev.salvage.pipeline.bundle.Json;
import dev.salvage.pipeline.bundle.JsonlFile;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import dev.salvage.pipeline.bundle.RunLayout;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Measures a run against a generated scenario's ground truth: per truth table, how many lost
 * entities the run recovered (recall), how many of its NEW/UPDATED records are right (precision),
 * and how many of their fields agree with the truth (field accuracy).
 *
 * <p>A record matches a truth entity when they share a value of one of the manifest's match keys
 * (its current value in the truth; any key value the record carries). A match key may be composite,
 * fields joined by {@code +} (two fields that together name one entity): all its fields must agree.
 * When several truth entities get as many votes, the one whose compared fields agree most wins.
 * Each truth entity is matched at most once, so a duplicate record counts against precision.
 *
 * <p>Merges are measured separately: a record whose strong keys belong to two or more distinct
 * truth entities (the manifest's {@code identity}: record key name to the truth fields holding its
 * current and past values) merged them.
 */
public final class Evaluation {
  private static final Set<Action> EMITTED = EnumSet.of(Action.NEW, Action.UPDATED);
  // owners of a key value in merged(): none, or two or more truth entities
  private static final int NONE = -1;
  private static final int SHARED = -2;
  private static final int[] NO_ROWS = {};

  private Evaluation() {}

  /** Figures for one truth table. */
  public record Metrics(
      long truthLost,
      long recoverable,
      long emitted,
      double precision,
      double recall,
      double recallRecoverable,
      double f1,
      double fieldAccuracy,
      double completeness,
      double valuePrecision,
      double evidenced,
      double rightWhenEvidenced,
      Map<String, Double> fieldAccuracyByField,
      double fieldAccuracyUpdated,
      long mergedTruthEntities,
      long unchangedButChanged,
      Reliability reliability,
      Held held) {

    /**
     * Field accuracy counts a value the record lacks as wrong, which mixes two things an operator
     * treats differently: a field no surviving evidence carried (left empty, to be asked for) and a
     * value that is false (believed and imported). {@code completeness} is the share of the true
     * values the records give at all, {@code valuePrecision} the share of the values they give that
     * are right. A value given for a field the truth holds null counts as wrong in field accuracy
     * and value precision (it would be imported where the application has nothing); it is no true
     * value, so completeness and {@code evidenced} leave it out, and field accuracy is their
     * product only when there is none. {@code evidenced} is the share of the true values that the
     * record's own evidence claimed (chosen or not) or that it gives right (a derived value): what
     * value resolution could choose at all; {@code rightWhenEvidenced} the share of those it chose.
     * A miss outside {@code evidenced} is the evidence's (or the mapping's), not the resolution's.
     * {@code fieldAccuracyUpdated} is over UPDATED records only, and NaN (shown as n/a) when there
     * is none. {@code unchangedButChanged} counts the lost truth entities a record called UNCHANGED
     * (not emitted, so only a recall miss otherwise) while a value of the backup it stands on is
     * not the truth's: a change since the backup the run missed, which no import would bring in.
     */
    public Metrics {
      // in the order of the manifest's fields
      fieldAccuracyByField = Collections.unmodifiableMap(new LinkedHashMap<>(fieldAccuracyByField));
      requireNonNull(reliability);
      requireNonNull(held);
    }

    /** These metrics with what is known of the run beyond its emitted records. */
    Metrics withRunFacts(long merged, long unchangedButChanged, UnlinkedCount unlinked) {
      return new Metrics(
          truthLost,
          recoverable,
          emitted,
          precision,
          recall,
          recallRecoverable,
          f1,
          fieldAccuracy,
          completeness,
          valuePrecision,
          evidenced,
          rightWhenEvidenced,
          fieldAccuracyByField,
          fieldAccuracyUpdated,
          merged,
          unchangedButChanged,
          reliability.with(unlinked),
          held);
    }
  }

  /**
   * Field accuracy over the true values some input holds: the truth's {@code not_held} column
   * (named by the manifest's table) lists, per entity, the compared fields whose true value no
   * input of it writes in a form a mapping could read (samples/SCENARIO.md, "Truth"). No tool that
   * only chooses among its inputs gives those; the rest is what linking and value resolution could
   * still get right. Over the matched lost entities, as field accuracy.
   *
   * @param known whether the truth says what its inputs hold (a manifest naming the column); when
   *     false every figure is 0 and the table and JSON say n/a
   * @param trueValues the true values compared (not null in the truth)
   * @param notHeld of them, those no input holds
   * @param notHeldRight of those, the ones the records give right all the same (derived, or the
   *     truth's list misses an input)
   * @param heldRight the held true values the records give right
   * @param invented values given where the truth holds null (wrong, as in field accuracy)
   * @param byField the same per compared field, in the manifest's order
   */
  public record Held(
      boolean known,
      long trueValues,
      long notHeld,
      long notHeldRight,
      long heldRight,
      long invented,
      Map<String, Held> byField) {
    static final Held UNKNOWN = new Held(false, 0, 0, 0, 0, 0, Map.of());

    public Held {
      byField = Collections.unmodifiableMap(new LinkedHashMap<>(byField));
    }

    /** The true values some input holds. */
    public long held() {
      return trueValues - notHeld;
    }

    /** Right values over the true values some input holds. */
    public double accuracy() {
      return ratio(heldRight, held());
    }

    /** Wrong or missing values among those some input holds: what the run could still fix. */
    public long wrong() {
      return held() - heldRight;
    }

    /** Field accuracy if every held value were chosen and none invented. */
    public double ceiling() {
      return ratio(held(), trueValues + invented);
    }
  }

  /**
   * Whether a run's confidence and flags mean what they say. A record is right when it matches a
   * lost truth entity and none of its compared values is wrong (a value it lacks is not wrong).
   *
   * @param bins records by confidence: how many and the share right
   * @param brier the mean squared difference between confidence and rightness (0 is perfect)
   * @param flagged how many emitted records are flagged for review
   * @param flaggedShare their share of the emitted records (the review load)
   * @param unflaggedPrecision the share of unflagged records that match a lost truth entity
   * @param unflaggedRight the share of unflagged records that are right
   * @param unlinked the entity type's rows of {@code unlinked.jsonl}: evidence a reviewer reads
   *     without a record to decide on
   * @param unlinkedFlagged of them, those flagged (the others are all older than the backup)
   * @param belowDefaultPolicy the unflagged records whose confidence is below 1.0, the import
   *     policy's default {@code min_confidence}: a person approves them too unless the policy is
   *     lowered, so the review load is {@code flagged} plus these
   */
  public record Reliability(
      List<Bin> bins,
      double brier,
      long flagged,
      double flaggedShare,
      double unflaggedPrecision,
      double unflaggedRight,
      long unlinked,
      long unlinkedFlagged,
      long belowDefaultPolicy) {
    public Reliability {
      bins = List.copyOf(bins);
    }

    Reliability with(UnlinkedCount count) {
      return new Reliability(
          bins,
          brier,
          flagged,
          flaggedShare,
          unflaggedPrecision,
          unflaggedRight,
          count.all(),
          count.flagged(),
          belowDefaultPolicy);
    }
  }

  /** How many unlinked pieces of one entity type a run wrote, and how many of them are flagged. */
  record UnlinkedCount(long all, long flagged) {
    static final UnlinkedCount NONE = new UnlinkedCount(0, 0);
  }

  /** Records whose confidence is in {@code [from, to)} ({@code to} 1 includes 1). */
  public record Bin(double from, double to, long count, double shareRight) {}

  /** The edges of the calibration table: fine near 1, where most records are. */
  private static final double[] EDGES = {0, 0.5, 0.8, 0.9, 0.95, 0.99, 0.999, 1.0};

  /** Thrown when the truth or the run is missing or malformed. */
  public static final class EvaluationException extends Exception {
    EvaluationException(String message) {
      super(message);
    }
  }

  /**
   * What scoring reads of a reconstructed record: its action and the values of the fields and keys
   * the manifest compares. Records are read one at a time and only this is kept of each.
   */
  record Scored(
      String id,
      Action action,
      Map<String, String> fields,
      Map<String, List<String>> keys,
      double confidence,
      boolean flagged,
      Map<String, List<String>> claimed) {
    // immutable maps are a flat array: a tenth of a HashMap's memory for a handful of entries,
    // and evaluate holds one of these per record of the run
    Scored {
      requireNonNull(id, "id");
      requireNonNull(action, "action");
      fields = Map.copyOf(fields);
      Map<String, List<String>> copied = new HashMap<>();
      keys.forEach((name, values) -> copied.put(name, List.copyOf(values)));
      keys = Map.copyOf(copied);
      Map<String, List<String>> claims = new HashMap<>();
      claimed.forEach((name, values) -> claims.put(name, List.copyOf(values)));
      claimed = Map.copyOf(claims);
    }

    Scored(
        String id,
        Action action,
        Map<String, String> fields,
        Map<String, List<String>> keys,
        double confidence,
        boolean flagged) {
      this(id, action, fields, keys, confidence, flagged, Map.of());
    }

    Scored(String id, Action action, Map<String, String> fields, Map<String, List<String>> keys) {
      this(id, action, fields, keys, 1.0, false);
    }

    static Scored of(ReconstructedRecord record, Set<String> fieldNames, Set<String> keyNames) {
      Map<String, String> fields = new HashMap<>();
      Map<String, Set<String>> others = new HashMap<>();
      for (String name : fieldNames) {
        String value = record.value(name);
        if (value != null) {
          fields.put(name, value);
          for (ReconstructedRecord.Alternative alternative :
              record.fields().get(name).alternatives()) {
            others.computeIfAbsent(name, n -> new HashSet<>()).add(alternative.value());
          }
        }
      }
      // a value only the evidence holds: a claim the merge set aside without listing it
      for (ReconstructedRecord.Evidence evidence : record.evidence()) {
        evidence
            .claims()
            .forEach(
                (name, claim) -> {
                  if (fieldNames.contains(name) && !claim.equals(fields.get(name))) {
                    others.computeIfAbsent(name, n -> new HashSet<>()).add(claim);
                  }
                });
      }
      Map<String, List<String>> claimed = new HashMap<>();
      others.forEach((name, values) -> claimed.put(name, List.copyOf(values)));
      Map<String, List<String>> keys = new HashMap<>();
      for (String name : keyNames) {
        List<String> values = record.keys().get(name);
        if (values != null && !values.isEmpty()) {
          keys.put(name, values);
        }
      }
      return new Scored(
          record.id(),
          record.action(),
          fields,
          keys,
          record.confidence(),
          record.flagged(),
          claimed);
    }

    String field(String name) {
      return fields.get(name);
    }

    /** Whether the record chose {@code value} for the field or its evidence claimed it. */
    boolean holds(String name, String value) {
      return value.equals(fields.get(name))
          || claimed.getOrDefault(name, List.of()).contains(value);
    }

    List<String> keyValues(String name) {
      return keys.getOrDefault(name, List.of());
    }
  }

  /**
   * A truth entity as scoring reads it: the text of each scored column (a list column, such as past
   * emails, as its texts) and its lost and recoverable marks. Held instead of the parsed JSON,
   * which costs several times the memory, for every row of every truth table.
   */
  record TruthRow(Map<String, Object> cells, boolean lost, boolean recoverable) {
    TruthRow {
      cells = Map.copyOf(cells);
    }

    /** The row of a truth line, keeping every column. */
    static TruthRow of(JsonNode row) {
      return of(row, null);
    }

    /** The row of a truth line keeping the {@code scored} columns (all when null). */
    static TruthRow of(JsonNode row, Set<String> scored) {
      Map<String, Object> cells = new HashMap<>();
      row.fields()
          .forEachRemaining(
              column -> {
                JsonNode value = column.getValue();
                if ((scored != null && !scored.contains(column.getKey()))
                    || value.isNull()
                    || value.isMissingNode()) {
                  return;
                }
                if (value.isArray()) {
                  List<String> texts = new ArrayList<>();
                  value.forEach(element -> texts.add(element.asText()));
                  cells.put(column.getKey(), List.copyOf(texts));
                } else {
                  cells.put(column.getKey(), value.asText());
                }
              });
      return new TruthRow(cells, flag(row, "lost"), flag(row, "recoverable"));
    }

    /** A column's text, or null; a list column has none (as JSON's text of an array). */
    String text(String column) {
      Object cell = cells.get(column);
      return cell instanceof String text ? text : cell == null ? null : "";
    }

    /** A column's texts: a list column's elements, a single value as one. */
    @SuppressWarnings("unchecked")
    List<String> texts(String column) {
      Object cell = cells.get(column);
      if (cell == null) {
        return List.of();
      }
      return cell instanceof String text ? List.of(text) : (List<String>) cell;
    }
  }

  /** {@code truth/manifest.json}: the truth tables to score, by name. */
  private record Manifest(Map<String, Table> entities) {}

  /**
   * One truth table of the manifest and what it compares.
   *
   * @param entity the entity type of the run's records it is scored against
   * @param identity record key name to the truth fields holding its current and past values; when
   *     absent, each simple match key stands for itself
   */
  private record Table(
      String entity,
      @JsonProperty("match_keys") List<String> matchKeys,
      List<String> fields,
      Map<String, List<String>> identity,
      @JsonProperty("not_held") String notHeld) {
    Table {
      matchKeys = matchKeys == null ? List.of() : List.copyOf(matchKeys);
      fields = fields == null ? List.of() : List.copyOf(fields);
      if (identity == null) {
        identity = new LinkedHashMap<>();
        for (String key : matchKeys) {
          if (!key.contains("+")) {
            identity.put(key, List.of(key));
          }
        }
      }
    }

    /** Every record field this table reads: compared fields and the parts of match keys. */
    Set<String> fieldNames() {
      Set<String> names = new HashSet<>(fields);
      matchKeys.forEach(key -> names.addAll(List.of(key.split("\\+"))));
      return names;
    }

    /**
     * Every truth field this table reads: compared fields, the parts of match keys, the fields
     * holding identities, and the lost and recoverable flags.
     */
    Set<String> truthFieldNames() {
      Set<String> names = fieldNames();
      identity.values().forEach(names::addAll);
      names.add("lost");
      names.add("recoverable");
      if (notHeld != null) {
        names.add(notHeld);
      }
      return names;
    }

    /** Every record key this table reads: simple match keys and identity keys. */
    Set<String> keyNames() {
      Set<String> names = new HashSet<>(identity.keySet());
      matchKeys.stream().filter(k -> !k.contains("+")).forEach(names::add);
      return names;
    }
  }

  public static Map<String, Metrics> evaluate(Path truthDir, Path runDir)
      throws IOException, EvaluationException {
    Path manifestFile = truthDir.resolve("manifest.json");
    Manifest manifest = readManifest(manifestFile);
    if (manifest.entities() == null || manifest.entities().isEmpty()) {
      throw new EvaluationException(manifestFile + ": no 'entities' to evaluate");
    }
    Map<String, Table> tables = manifest.entities();
    for (Map.Entry<String, Table> table : tables.entrySet()) {
      if (table.getValue().entity() == null) {
        throw new EvaluationException(
            manifestFile + ": table " + table.getKey() + " names no entity to score against");
      }
    }
    Map<String, List<Scored>> byType = readRecords(RunLayout.of(runDir).records(), tables.values());
    Map<String, UnlinkedCount> unlinked = countUnlinked(RunLayout.of(runDir).unlinked());
    Map<String, Metrics> result = new LinkedHashMap<>();
    for (Map.Entry<String, Table> named : tables.entrySet()) {
      Table table = named.getValue();
      List<TruthRow> truth =
          readTruth(truthDir.resolve(named.getKey() + ".jsonl"), table.truthFieldNames());
      List<Scored> ofType = byType.getOrDefault(table.entity(), List.of());
      List<Scored> emitted = new ArrayList<>();
      List<Scored> unchanged = new ArrayList<>();
      for (Scored record : ofType) {
        if (EMITTED.contains(record.action())) {
          emitted.add(record);
        } else if (record.action() == Action.UNCHANGED) {
          unchanged.add(record);
        }
      }
      unchanged.sort(Comparator.comparing(Scored::id));
      emitted.sort(Comparator.comparing(Scored::id));
      Metrics measured =
          measure(truth, emitted, table.matchKeys(), table.fields(), table.notHeld());
      result.put(
          named.getKey(),
          measured.withRunFacts(
              merged(truth, ofType, table.identity()),
              unchangedButChanged(truth, unchanged, table.matchKeys(), table.fields()),
              unlinked.getOrDefault(table.entity(), UnlinkedCount.NONE)));
    }
    return result;
  }

  /** The run's records of the tables' entity types, read one at a time, by entity type. */
  private static Map<String, List<Scored>> readRecords(
      JsonlFile<ReconstructedRecord> records, Collection<Table> tables)
      throws IOException, EvaluationException {
    if (!records.exists()) {
      throw new EvaluationException("Cannot evaluate: " + records.path() + " does not exist");
    }
    Map<String, Set<String>> fieldNames = new HashMap<>();
    Map<String, Set<String>> keyNames = new HashMap<>();
    for (Table table : tables) {
      fieldNames.computeIfAbsent(table.entity(), t -> new HashSet<>()).addAll(table.fieldNames());
      keyNames.computeIfAbsent(table.entity(), t -> new HashSet<>()).addAll(table.keyNames());
    }
    Map<String, List<Scored>> byType = new HashMap<>();
    try {
      records.scan(
          (line, record) -> {
            Set<String> fields = fieldNames.get(record.entity());
            if (fields != null) {
              byType
                  .computeIfAbsent(record.entity(), t -> new ArrayList<>())
                  .add(Scored.of(record, fields, keyNames.get(record.entity())));
            }
          });
    } catch (BundleFormatException e) {
      throw new EvaluationException("Cannot evaluate: " + e.getMessage());
    }
    return byType;
  }

  /** Per entity type, the run's unlinked pieces and how many are flagged (none if no file). */
  static Map<String, UnlinkedCount> countUnlinked(JsonlFile<ReconstructedRecord> unlinked)
      throws IOException, EvaluationException {
    Map<String, long[]> counts = new HashMap<>();
    if (unlinked.exists()) {
      try {
        unlinked.scan(
            (line, piece) -> {
              long[] count = counts.computeIfAbsent(piece.entity(), t -> new long[2]);
              count[0]++;
              count[1] += piece.flagged() ? 1 : 0;
            });
      } catch (BundleFormatException e) {
        throw new EvaluationException("Cannot evaluate: " + e.getMessage());
      }
    }
    Map<String, UnlinkedCount> result = new HashMap<>();
    counts.forEach((entity, count) -> result.put(entity, new UnlinkedCount(count[0], count[1])));
    return result;
  }

  /** Per match key, value to the truth rows holding it: the value strings are the rows' own. */
  private static Map<String, Map<String, int[]>> index(
      List<TruthRow> truth, List<String> matchKeys) {
    Map<String, Map<String, int[]>> index = new HashMap<>();
    for (int i = 0; i < truth.size(); i++) {
      for (String key : matchKeys) {
        String value = truthValue(truth.get(i), key);
        if (value != null) {
          index
              .computeIfAbsent(key, k -> new HashMap<>())
              .merge(value, new int[] {i}, Evaluation::concat);
        }
      }
    }
    return index;
  }

  /**
   * How many lost truth entities a record called UNCHANGED with a value that is not the truth's:
   * the run said the backup's row still holds, and it changed since.
   */
  static long unchangedButChanged(
      List<TruthRow> truth, List<Scored> unchanged, List<String> matchKeys, List<String> fields) {
    Map<String, Map<String, int[]>> index = index(truth, matchKeys);
    Set<Integer> matched = new HashSet<>();
    long wrong = 0;
    for (Scored record : unchanged) {
      Integer best = bestMatch(record, matchKeys, fields, truth, index, matched);
      if (best == null) {
        continue;
      }
      matched.add(best);
      TruthRow entity = truth.get(best);
      if (entity.lost() && !noWrongValue(record, entity, fields)) {
        wrong++;
      }
    }
    return wrong;
  }

  static Metrics measure(
      List<TruthRow> truth, List<Scored> emitted, List<String> matchKeys, List<String> fields) {
    return measure(truth, emitted, matchKeys, fields, null);
  }

  /**
   * The figures of a truth table; {@code notHeldColumn} names the truth column listing the fields
   * whose true value no input holds, or is null when the truth does not say.
   */
  static Metrics measure(
      List<TruthRow> truth,
      List<Scored> emitted,
      List<String> matchKeys,
      List<String> fields,
      String notHeldColumn) {
    Map<String, Map<String, int[]>> index = index(truth, matchKeys);
    long lost = 0;
    long recoverable = 0;
    for (TruthRow entity : truth) {
      lost += entity.lost() ? 1 : 0;
      recoverable += entity.recoverable() ? 1 : 0;
    }
    Set<Integer> matched = new HashSet<>();
    long truePositives = 0;
    long matchedLost = 0;
    long matchedRecoverable = 0;
    long fieldsTotal = 0;
    long fieldsGiven = 0;
    long fieldsRight = 0;
    long fieldsEvidenced = 0;
    long fieldsInvented = 0;
    long updatedTotal = 0;
    long updatedRight = 0;
    Map<String, long[]> byField = new LinkedHashMap<>();
    // per field: true values, not held, not held but right, held and right, invented
    Map<String, long[]> heldByField = new LinkedHashMap<>();
    for (String field : fields) {
      heldByField.put(field, new long[5]);
    }
    long[][] bins = new long[EDGES.length - 1][2];
    double squaredError = 0;
    long flagged = 0;
    long unflaggedMatched = 0;
    long unflaggedRight = 0;
    long belowDefaultPolicy = 0;
    for (Scored record : emitted) {
      Integer best = bestMatch(record, matchKeys, fields, truth, index, matched);
      TruthRow entity = best == null ? null : truth.get(best);
      boolean lostMatch = entity != null && entity.lost();
      boolean recordRight = lostMatch && noWrongValue(record, entity, fields);
      long[] bin = bins[bin(record.confidence())];
      bin[0]++;
      bin[1] += recordRight ? 1 : 0;
      double error = record.confidence() - (recordRight ? 1 : 0);
      squaredError += error * error;
      if (record.flagged()) {
        flagged++;
      } else {
        // plan's default min_confidence is 1.0: a probabilistic match at 0.9999 waits for a person
        belowDefaultPolicy += record.confidence() < 1.0 ? 1 : 0;
        unflaggedMatched += lostMatch ? 1 : 0;
        unflaggedRight += recordRight ? 1 : 0;
      }
      if (best == null) {
        continue;
      }
      matched.add(best);
      if (!lostMatch) {
        continue;
      }
      truePositives++;
      matchedLost++;
      matchedRecoverable += entity.recoverable() ? 1 : 0;
      boolean updated = record.action() == Action.UPDATED;
      List<String> notHeld = notHeldColumn == null ? List.of() : entity.texts(notHeldColumn);
      for (String field : fields) {
        String expected = entity.text(field);
        long[] held = heldByField.get(field);
        if (expected == null) {
          held[4] += record.field(field) != null ? 1 : 0;
          // a value where the application holds none would be imported all the same: wrong,
          // though not a true value the record missed (completeness and evidenced keep theirs)
          if (record.field(field) != null) {
            fieldsInvented++;
            byField.computeIfAbsent(field, f -> new long[2])[0]++;
            updatedTotal += updated ? 1 : 0;
          }
          continue;
        }
        boolean right = expected.equals(record.field(field));
        held[0]++;
        if (notHeld.contains(field)) {
          held[1]++;
          held[2] += right ? 1 : 0;
        } else {
          held[3] += right ? 1 : 0;
        }
        fieldsTotal++;
        fieldsGiven += record.field(field) == null ? 0 : 1;
        fieldsRight += right ? 1 : 0;
        fieldsEvidenced += record.holds(field, expected) ? 1 : 0;
        long[] tally = byField.computeIfAbsent(field, f -> new long[2]);
        tally[0]++;
        tally[1] += right ? 1 : 0;
        if (updated) {
          updatedTotal++;
          updatedRight += right ? 1 : 0;
        }
      }
    }
    double precision = ratio(truePositives, emitted.size());
    double recall = ratio(matchedLost, lost);
    double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    Map<String, Double> perField = new LinkedHashMap<>();
    byField.forEach((field, tally) -> perField.put(field, ratio(tally[1], tally[0])));
    return new Metrics(
        lost,
        recoverable,
        emitted.size(),
        precision,
        recall,
        ratio(matchedRecoverable, recoverable),
        f1,
        ratio(fieldsRight, fieldsTotal + fieldsInvented),
        ratio(fieldsGiven, fieldsTotal),
        ratio(fieldsRight, fieldsGiven + fieldsInvented),
        ratio(fieldsEvidenced, fieldsTotal),
        ratio(fieldsRight, fieldsEvidenced),
        perField,
        // NaN, not 0: a run with no UPDATED record has no wrong updated value either
        updatedTotal == 0 ? Double.NaN : (double) updatedRight / updatedTotal,
        0,
        0,
        reliability(
            bins,
            squaredError,
            flagged,
            unflaggedMatched,
            unflaggedRight,
            emitted.size(),
            belowDefaultPolicy),
        notHeldColumn == null ? Held.UNKNOWN : held(heldByField));
  }

  private static Held held(Map<String, long[]> byField) {
    long[] sum = new long[5];
    Map<String, Held> perField = new LinkedHashMap<>();
    byField.forEach(
        (field, t) -> {
          perField.put(field, new Held(true, t[0], t[1], t[2], t[3], t[4], Map.of()));
          for (int i = 0; i < sum.length; i++) {
            sum[i] += t[i];
          }
        });
    return new Held(true, sum[0], sum[1], sum[2], sum[3], sum[4], perField);
  }

  private static Reliability reliability(
      long[][] bins,
      double squaredError,
      long flagged,
      long unflaggedMatched,
      long unflaggedRight,
      long emitted,
      long belowDefaultPolicy) {
    List<Bin> table = new ArrayList<>();
    for (int i = 0; i < bins.length; i++) {
      table.add(new Bin(EDGES[i], EDGES[i + 1], bins[i][0], ratio(bins[i][1], bins[i][0])));
    }
    return new Reliability(
        table,
        emitted == 0 ? 0 : squaredError / emitted,
        flagged,
        ratio(flagged, emitted),
        ratio(unflaggedMatched, emitted - flagged),
        ratio(unflaggedRight, emitted - flagged),
        0,
        0,
        belowDefaultPolicy);
  }

  /** The calibration bin of a confidence; 1 falls in the last. */
  private static int bin(double confidence) {
    for (int i = 1; i < EDGES.length - 1; i++) {
      if (confidence < EDGES[i]) {
        return i - 1;
      }
    }
    return EDGES.length - 2;
  }

  private static boolean noWrongValue(Scored record, TruthRow entity, List<String> fields) {
    for (String field : fields) {
      String expected = entity.text(field);
      String actual = record.field(field);
      if (actual != null && !actual.equals(expected)) {
        return false;
      }
    }
    return true;
  }

  /**
   * How many records carry strong keys of two or more distinct truth entities, each by a value that
   * entity alone holds: each such record merged entities that are distinct in truth (two customers,
   * or two bookings). A value two truth entities hold (siblings paying with their parent's card)
   * identifies neither, so a record carrying it merged nothing by it: an outside trial's siblings,
   * kept apart, were counted as 8 merges.
   */
  static long merged(
      List<TruthRow> truth, List<Scored> records, Map<String, List<String>> identity) {
    // per record key, value to its truth entity, or SHARED when two or more hold it (then it names
    // none of them): an int, not a set, per value of 100k's of entities
    Map<String, Map<String, Integer>> owners = new HashMap<>();
    for (int i = 0; i < truth.size(); i++) {
      for (Map.Entry<String, List<String>> key : identity.entrySet()) {
        Map<String, Integer> ofKey = owners.computeIfAbsent(key.getKey(), k -> new HashMap<>());
        for (String field : key.getValue()) {
          for (String value : truth.get(i).texts(field)) {
            ofKey.merge(value, i, (was, now) -> was.equals(now) ? was : SHARED);
          }
        }
      }
    }
    long merged = 0;
    for (Scored record : records) {
      int first = NONE;
      boolean two = false;
      for (String key : identity.keySet()) {
        Map<String, Integer> ofKey = owners.getOrDefault(key, Map.of());
        for (String value : record.keyValues(key)) {
          int owner = ofKey.getOrDefault(value, NONE);
          if (owner == SHARED || owner == NONE) {
            continue;
          }
          if (first != NONE && owner != first) {
            two = true;
          } else {
            first = owner;
          }
        }
      }
      merged += two ? 1 : 0;
    }
    return merged;
  }

  private static int[] concat(int[] a, int[] b) {
    int[] both = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  /** A match key's value in a truth entity; the parts of a composite key joined, or null. */
  private static String truthValue(TruthRow entity, String key) {
    if (!key.contains("+")) {
      return entity.text(key);
    }
    List<String> parts = new ArrayList<>();
    for (String field : key.split("\\+")) {
      String value = entity.text(field);
      if (value == null) {
        return null;
      }
      parts.add(value);
    }
    return String.join("\u001f", parts);
  }

  /** A match key's values in a record: its field value and key values, or a composite's parts. */
  private static Set<String> recordValues(Scored record, String key) {
    Set<String> values = new HashSet<>();
    if (key.contains("+")) {
      List<String> parts = new ArrayList<>();
      for (String field : key.split("\\+")) {
        String value = record.field(field);
        if (value == null) {
          return values;
        }
        parts.add(value);
      }
      values.add(String.join("\u001f", parts));
      return values;
    }
    String fieldValue = record.field(key);
    if (fieldValue != null) {
      values.add(fieldValue);
    }
    values.addAll(record.keyValues(key));
    return values;
  }

  private static int agreeing(Scored record, TruthRow entity, List<String> fields) {
    int agree = 0;
    for (String field : fields) {
      String expected = entity.text(field);
      if (expected != null && expected.equals(record.field(field))) {
        agree++;
      }
    }
    return agree;
  }

  private static Integer bestMatch(
      Scored record,
      List<String> matchKeys,
      List<String> fields,
      List<TruthRow> truth,
      Map<String, Map<String, int[]>> index,
      Set<Integer> taken) {
    Map<Integer, Integer> votes = new HashMap<>();
    for (String key : matchKeys) {
      Map<String, int[]> ofKey = index.getOrDefault(key, Map.of());
      for (String value : recordValues(record, key)) {
        for (int candidate : ofKey.getOrDefault(value, NO_ROWS)) {
          if (!taken.contains(candidate)) {
            votes.merge(candidate, 1, Integer::sum);
          }
        }
      }
    }
    Integer best = null;
    int bestAgreeing = -1;
    for (Map.Entry<Integer, Integer> vote : new java.util.TreeMap<>(votes).entrySet()) {
      int agree = agreeing(record, truth.get(vote.getKey()), fields);
      if (best == null
          || vote.getValue() > votes.get(best)
          || (vote.getValue().equals(votes.get(best)) && agree > bestAgreeing)) {
        best = vote.getKey();
        bestAgreeing = agree;
      }
    }
    return best;
  }

  /** {@code metrics.json}: per truth table its headline figures, rounded to four places. */
  public static ObjectNode toJson(Map<String, Metrics> metrics) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    metrics.forEach(
        (table, m) -> {
          ObjectNode node = root.putObject(table);
          node.put("truth_lost", m.truthLost());
          node.put("recoverable", m.recoverable());
          node.put("emitted", m.emitted());
          node.put("precision", round(m.precision()));
          node.put("recall", round(m.recall()));
          node.put("recall_recoverable", round(m.recallRecoverable()));
          node.put("f1", round(m.f1()));
          node.put("field_accuracy", round(m.fieldAccuracy()));
          node.put("completeness", round(m.completeness()));
          node.put("value_precision", round(m.valuePrecision()));
          node.put("evidenced", round(m.evidenced()));
          node.put("right_when_evidenced", round(m.rightWhenEvidenced()));
          held(node, m.held());
          node.put("merged_truth_entities", m.mergedTruthEntities());
          node.put("unchanged_but_changed", m.unchangedButChanged());
          Reliability r = m.reliability();
          node.put("flagged", r.flagged());
          node.put("flagged_share", round(r.flaggedShare()));
          node.put("unflagged_precision", round(r.unflaggedPrecision()));
          node.put("unflagged_right", round(r.unflaggedRight()));
          node.put("brier", round(r.brier()));
          node.put("unlinked", r.unlinked());
          node.put("unlinked_flagged", r.unlinkedFlagged());
          node.put("unflagged_below_1", r.belowDefaultPolicy());
          var bins = node.putArray("calibration");
          for (Bin bin : r.bins()) {
            bins.addObject()
                .put("from", bin.from())
                .put("to", bin.to())
                .put("count", bin.count())
                .put("share_right", round(bin.shareRight()));
          }
        });
    return root;
  }

  /**
   * The figures over held values ({@link Held}) into a table's JSON: null where the truth does not
   * say what its inputs hold.
   */
  private static void held(ObjectNode node, Held held) {
    if (!held.known()) {
      node.putNull("field_accuracy_held");
      node.putNull("not_held");
      node.putNull("wrong_where_held");
      return;
    }
    node.put("field_accuracy_held", round(held.accuracy()));
    node.put("field_accuracy_ceiling", round(held.ceiling()));
    node.put("true_values", held.trueValues());
    node.put("not_held", held.notHeld());
    node.put("not_held_right", held.notHeldRight());
    node.put("wrong_where_held", held.wrong());
    ObjectNode byField = node.putObject("held_by_field");
    held.byField()
        .forEach(
            (field, h) ->
                byField
                    .putObject(field)
                    .put("field_accuracy_held", round(h.accuracy()))
                    .put("true_values", h.trueValues())
                    .put("not_held", h.notHeld())
                    .put("not_held_right", h.notHeldRight())
                    .put("wrong_where_held", h.wrong()));
  }

  public static String table(Map<String, Metrics> metrics) {
    StringBuilder out = new StringBuilder();
    // as wide as the longest table name, so a meeting_room_bookings row stays in its columns
    String col =
        "%-"
            + Math.max(14, metrics.keySet().stream().mapToInt(String::length).max().orElse(0))
            + "s";
    out.append(
        String.format(
            col + " %10s %11s %8s %9s %7s %10s %7s %9s %9s %7s%n",
            "",
            "truth_lost",
            "recoverable",
            "emitted",
            "precision",
            "recall",
            "recall_rec",
            "f1",
            "field_acc",
            "upd_acc",
            "merged"));
    metrics.forEach(
        (table, m) ->
            out.append(
                String.format(
                    col + " %10d %11d %8d %9.4f %7.4f %10.4f %7.4f %9.4f %9s %7d%n",
                    table,
                    m.truthLost(),
                    m.recoverable(),
                    m.emitted(),
                    m.precision(),
                    m.recall(),
                    m.recallRecoverable(),
                    m.f1(),
                    m.fieldAccuracy(),
                    Double.isNaN(m.fieldAccuracyUpdated())
                        ? "n/a"
                        : String.format("%.4f", m.fieldAccuracyUpdated()),
                    m.mergedTruthEntities())));
    metrics.forEach(
        (table, m) -> {
          StringBuilder fields = new StringBuilder();
          m.fieldAccuracyByField()
              .forEach((f, a) -> fields.append(String.format(" %s=%.4f", f, a)));
          out.append(
              String.format(
                  col
                      + " fields given %.4f (completeness), right when given %.4f (value"
                      + " precision); true value in the record's evidence %.4f, chosen when there"
                      + " %.4f (value resolution); accuracy by field:%s%n",
                  table,
                  m.completeness(),
                  m.valuePrecision(),
                  m.evidenced(),
                  m.rightWhenEvidenced(),
                  fields));
          out.append(heldLine(col, table, m.held()));
          if (m.unchangedButChanged() > 0) {
            out.append(
                String.format(
                    col
                        + " %d lost record(s) came out UNCHANGED though they changed since the"
                        + " backup (a change missed: in recall only, since UNCHANGED is not"
                        + " emitted)%n",
                    table,
                    m.unchangedButChanged()));
          }
        });
    out.append(
        String.format(
            "%n" + col + " %8s %12s %15s %14s %7s %9s %12s %17s%n",
            "review load",
            "flagged",
            "flagged_share",
            "unflagged_prec",
            "unflagged_right",
            "brier",
            "unlinked",
            "unl_flagged",
            "unflagged_below_1"));
    metrics.forEach(
        (table, m) -> {
          Reliability r = m.reliability();
          out.append(
              String.format(
                  col + " %8d %12.4f %15.4f %14.4f %7.4f %9d %12d %17d%n",
                  table,
                  r.flagged(),
                  r.flaggedShare(),
                  r.unflaggedPrecision(),
                  r.unflaggedRight(),
                  r.brier(),
                  r.unlinked(),
                  r.unlinkedFlagged(),
                  r.belowDefaultPolicy()));
        });
    out.append(String.format("%ncalibration (records by confidence: count, share right)%n"));
    metrics.forEach(
        (table, m) -> {
          StringBuilder row = new StringBuilder();
          for (Bin bin : m.reliability().bins()) {
            if (bin.count() > 0) {
              row.append(
                  String.format(
                      " [%s,%s%s %d %.3f",
                      edge(bin.from()),
                      edge(bin.to()),
                      bin.to() == 1.0 ? "]" : ")",
                      bin.count(),
                      bin.shareRight()));
            }
          }
          out.append(String.format(col + "%s%n", table, row));
        });
    return out.toString();
  }

  private static String edge(double value) {
    return value == 0 || value == 1 ? String.valueOf((int) value) : String.valueOf(value);
  }

  /** The table's line of figures over held values. */
  private static String heldLine(String col, String table, Held held) {
    if (!held.known()) {
      return String.format(
          col
              + " where an input holds the value: n/a (the truth's manifest names no not_held"
              + " column)%n",
          table);
    }
    StringBuilder fields = new StringBuilder();
    held.byField()
        .forEach(
            (field, h) -> {
              fields.append(String.format(" %s=%.4f", field, h.accuracy()));
              if (h.notHeld() > 0) {
                fields.append(String.format(" (%d not held)", h.notHeld()));
              }
            });
    return String.format(
        col
            + " where an input holds the value: field accuracy %.4f, %d wrong or missing of %d"
            + " held (what linking and value resolution could still fix); %d of %d true values"
            + " no input holds (%d of them right all the same), ceiling %.4f; by field:%s%n",
        table,
        held.accuracy(),
        held.wrong(),
        held.held(),
        held.notHeld(),
        held.trueValues(),
        held.notHeldRight(),
        held.ceiling(),
        fields);
  }

  private static double round(double value) {
    return Math.round(value * 10000.0) / 10000.0;
  }

  private static double ratio(long numerator, long denominator) {
    return denominator == 0 ? 0.0 : (double) numerator / denominator;
  }

  /** A truth entity's boolean mark ({@code lost}, {@code recoverable}); absent is false. */
  private static boolean flag(JsonNode entity, String name) {
    JsonNode value = entity.get(name);
    return value != null && value.asBoolean();
  }

  private static Manifest readManifest(Path file) throws IOException, EvaluationException {
    try {
      return Json.MAPPER.readValue(file.toFile(), Manifest.class);
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      throw new EvaluationException("Cannot evaluate: " + file + " does not exist");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new EvaluationException(
          "Cannot evaluate: " + file + " is not a valid manifest: " + e.getOriginalMessage());
    }
  }

  /**
   * A truth file: one entity a line, each kept with only the fields scoring reads (truth is what
   * every record is scored on, so it is held whole; its other columns would multiply the memory).
   */
  private static List<TruthRow> readTruth(Path file, Set<String> scored)
      throws IOException, EvaluationException {
    JsonlFile<JsonNode> truth = new JsonlFile<>(file, JsonNode.class);
    if (!truth.exists()) {
      throw new EvaluationException("Cannot evaluate: " + file + " does not exist");
    }
    List<TruthRow> rows = new ArrayList<>();
    try {
      truth.scan((line, row) -> rows.add(TruthRow.of(row, scored)));
      return rows;
    } catch (BundleFormatException e) {
      throw new EvaluationException("Cannot evaluate: " + e.getMessage());
    }
  }
}
