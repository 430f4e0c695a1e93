package dev.salvage.pipeline.reconcile;

import static java.util.Objects.requireNonNull;

import dev.salvage.pipeline.beam.Counts;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.values.LookAlikes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Distinct;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Flags the records whose key value is another record's key value written in Greek or Cyrillic
 * letters ({@code ΑΣ-1043} beside {@code AS-1043}; see {@link LookAlikes}), both of them. Keys
 * compare exactly, and should: a real key may be Greek. But an outside trial's Greek mails wrote
 * the booking reference in Greek capitals where Stripe and the calendar wrote Latin ones, and 55
 * duplicate bookings came out unflagged with no word anywhere. The values are not folded into one:
 * the person reviewing decides, and the mapping is where a key is made to read one way.
 *
 * <p>A collision is one line {@code entity TAB field TAB reading TAB value TAB value...}; the run
 * writes them to {@code .work/lookalike-keys.tsv} for its end's note, and counts per type and field
 * ({@code linking.<type>.lookalike_keys.<field>}) the values written in another script that read as
 * another value.
 */
public final class LookAlikeKeys {
  /** The prefix, after {@code linking.<type>.}, of the counters of colliding values per field. */
  public static final String COUNTER = "lookalike_keys.";

  private static final String TAB = "\t";

  /** Per {@code entity TAB field TAB value}, the other values it collides with. */
  private final Map<String, Set<String>> partners = new HashMap<>();

  /** {@code collisions}: lines as {@link LookAlikeKeys} describes them, in any order. */
  LookAlikeKeys(List<String> collisions) {
    requireNonNull(collisions, "collisions");
    for (String line : collisions) {
      String[] parts = line.split(TAB, -1);
      List<String> values = Arrays.asList(parts).subList(3, parts.length);
      for (String value : values) {
        Set<String> others =
            partners.computeIfAbsent(parts[0] + TAB + parts[1] + TAB + value, k -> new TreeSet<>());
        values.stream().filter(other -> !other.equals(value)).forEach(others::add);
      }
    }
  }

  /** {@code record}, flagged with a reason per key value that collides; itself if none does. */
  ReconstructedRecord noted(ReconstructedRecord record) {
    if (partners.isEmpty()) {
      return record;
    }
    ReconstructedRecord.Builder noted = null;
    for (Map.Entry<String, List<String>> key : record.keys().entrySet()) {
      for (String value : key.getValue()) {
        Set<String> others = partners.get(record.entity() + TAB + key.getKey() + TAB + value);
        if (others == null) {
          continue;
        }
        if (noted == null) {
          // a flagged record's confidence, as the merger gives it
          noted = record.toBuilder().flag().confidence(Math.min(record.confidence(), 0.5));
        }
        noted.addReason(reason(record.entity(), key.getKey(), value, others));
      }
    }
    return noted == null ? record : noted.build();
  }

  private static String reason(String entity, String field, String value, Set<String> others) {
    List<String> written = new ArrayList<>();
    for (String other : others) {
      String letters = LookAlikes.describe(other);
      written.add(letters.isEmpty() ? other : other + " (" + letters + ")");
    }
    String letters = LookAlikes.describe(value);
    return field
        + " "
        + value
        + (letters.isEmpty() ? "" : " (" + letters + ")")
        + " reads as "
        + String.join(" or ", written)
        + ", the "
        + field
        + " of another "
        + entity
        + " (here or in the backup) when Greek or Cyrillic letters are read as Latin ones: likely"
        + " one "
        + field
        + " written in two scripts, and two records of one "
        + entity
        + "; if so, make the mapping write it one way (mappings/README.md, \"Keys written in two"
        + " scripts\") and run again";
  }

  /**
   * {@code records} flagged by {@link #noted}; {@code others} are the records that are not written
   * but hold keys a written one may collide with (the backup's carried-over entities). Writes the
   * collisions to {@code collisionsTsv} and counts them ({@link #COUNTER}).
   */
  public static PCollection<ReconstructedRecord> apply(
      PCollection<ReconstructedRecord> records,
      PCollection<ReconstructedRecord> others,
      String collisionsTsv) {
    PCollection<ReconstructedRecord> all =
        PCollectionList.of(records)
            .and(others)
            .apply("LookAlikeAllRecords", Flatten.pCollections())
            .setCoder(records.getCoder());
    KvCoder<String, String> kv = KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());
    // the few values written in another script, by their Latin readings
    PCollection<KV<String, String>> written =
        all.apply("LookAlikeReadings", ParDo.of(new ReadingsFn())).setCoder(kv);
    PCollectionView<List<KV<String, String>>> readings =
        written.apply("LookAlikeReadingsView", View.asList());
    // the Latin values those readings name
    PCollection<KV<String, String>> named =
        all.apply("LookAlikeNamed", ParDo.of(new NamedFn(readings)).withSideInputs(readings))
            .setCoder(kv);
    PCollection<String> collisions =
        PCollectionList.of(written)
            .and(named)
            .apply("LookAlikeCandidates", Flatten.pCollections())
            .setCoder(kv)
            .apply("LookAlikeDistinct", Distinct.create())
            .apply("LookAlikeGroup", GroupByKey.create())
            .apply("LookAlikeCollisions", ParDo.of(new CollisionFn()))
            .setCoder(StringUtf8Coder.of());
    collisions.apply(
        "WriteLookAlikeKeys",
        org.apache.beam.sdk.io.TextIO.write().to(collisionsTsv).withoutSharding());
    collisions
        .apply("LookAlikeValues", ParDo.of(new OtherScriptValuesFn()))
        .setCoder(kv)
        .apply("LookAlikeDistinctValues", Distinct.create())
        .apply("CountLookAlikeKeys", ParDo.of(new CountFn()));
    PCollectionView<List<String>> view = collisions.apply("LookAlikeView", View.asList());
    return records
        .apply("NoteLookAlikeKeys", ParDo.of(new Fn(view)).withSideInputs(view))
        .setCoder(records.getCoder());
  }

  /** Per key value holding Greek or Cyrillic letters, {@code entity TAB field TAB reading}. */
  static final class ReadingsFn extends DoFn<ReconstructedRecord, KV<String, String>> {
    @ProcessElement
    public void process(
        @Element ReconstructedRecord record, OutputReceiver<KV<String, String>> out) {
      record
          .keys()
          .forEach(
              (field, values) -> {
                for (String value : values) {
                  for (String reading : LookAlikes.readings(value)) {
                    out.output(KV.of(record.entity() + TAB + field + TAB + reading, value));
                  }
                }
              });
    }
  }

  /** Per key value that another value reads as, {@code entity TAB field TAB value}. */
  static final class NamedFn extends DoFn<ReconstructedRecord, KV<String, String>> {
    private final PCollectionView<List<KV<String, String>>> readingsView;
    private transient List<KV<String, String>> indexed;
    private transient Set<String> readings;

    NamedFn(PCollectionView<List<KV<String, String>>> readingsView) {
      this.readingsView = readingsView;
    }

    @ProcessElement
    public void process(ProcessContext context) {
      List<KV<String, String>> list = context.sideInput(readingsView);
      if (list != indexed) {
        indexed = list;
        readings = new HashSet<>();
        list.forEach(reading -> readings.add(reading.getKey()));
      }
      if (readings.isEmpty()) {
        return;
      }
      ReconstructedRecord record = context.element();
      record
          .keys()
          .forEach(
              (field, values) -> {
                for (String value : values) {
                  String key = record.entity() + TAB + field + TAB + value;
                  if (readings.contains(key)) {
                    context.output(KV.of(key, value));
                  }
                }
              });
    }
  }

  /** A reading two values or more share, as a line. */
  static final class CollisionFn extends DoFn<KV<String, Iterable<String>>, String> {
    @ProcessElement
    public void process(@Element KV<String, Iterable<String>> reading, OutputReceiver<String> out) {
      Set<String> values = new TreeSet<>();
      reading.getValue().forEach(values::add);
      if (values.size() > 1) {
        out.output(reading.getKey() + TAB + String.join(TAB, values));
      }
    }
  }

  /** Per collision, {@code entity TAB field} and each of its values written in another script. */
  static final class OtherScriptValuesFn extends DoFn<String, KV<String, String>> {
    @ProcessElement
    public void process(@Element String line, OutputReceiver<KV<String, String>> out) {
      String[] parts = line.split(TAB, -1);
      for (int i = 3; i < parts.length; i++) {
        if (!LookAlikes.readings(parts[i]).isEmpty()) {
          out.output(KV.of(parts[0] + TAB + parts[1], parts[i]));
        }
      }
    }
  }

  /** Counts each colliding value once, per type and field. */
  static final class CountFn extends DoFn<KV<String, String>, Void> {
    @ProcessElement
    public void process(@Element KV<String, String> value) {
      String[] typeAndField = value.getKey().split(TAB, 2);
      Counts.add("linking." + typeAndField[0] + "." + COUNTER + typeAndField[1], 1);
    }
  }

  /** Applies {@link #noted} with the side input's collisions, indexed once per worker. */
  static final class Fn extends DoFn<ReconstructedRecord, ReconstructedRecord> {
    private final PCollectionView<List<String>> collisionsView;
    private transient List<String> indexed;
    private transient LookAlikeKeys index;

    Fn(PCollectionView<List<String>> collisionsView) {
      this.collisionsView = collisionsView;
    }

    @ProcessElement
    public void process(ProcessContext context) {
      List<String> collisions = context.sideInput(collisionsView);
      // the side input is one list per window: index it when it is a new one
      if (collisions != indexed) {
        indexed = collisions;
        index = new LookAlikeKeys(collisions);
      }
      context.output(index.noted(context.element()));
    }
  }
}
