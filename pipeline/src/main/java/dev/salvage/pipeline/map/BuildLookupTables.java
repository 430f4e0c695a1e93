package dev.salvage.pipeline.map;

import dev.salvage.connectors.RawRecord;
import dev.salvage.mappings.LookupSpec;
import dev.salvage.pipeline.beam.Counts;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Distinct;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Indexes the backup's own rows for the mappings' lookups ({@code lookup: {table, match, take}}):
 * every backup row of a looked-up table gives (table, match column, its value) → take column,
 * distinct entries are kept, and the index reaches {@link MapRecords} as a side input.
 *
 * <p>Why a side input and not a join: lookups name small reference tables (cars, branches,
 * products) whose size does not grow with the evidence, while the evidence does. The index holds
 * only the match and take columns of those tables, is built once from the rows the backup read
 * produces anyway, and costs every record one hash probe, so mapping stays linear in the records
 * with no extra shuffle of them; a join would shuffle every observation twice to serve a few
 * hundred rows. A lookup into a table as large as the evidence (customers) is what the entity
 * model's {@code resolve} does with a join. The rows indexed for each lookup are counted ({@code
 * lookup_table.cars.plate -> car_id}), so an empty or missing table is visible.
 */
public final class BuildLookupTables extends PTransform<PCollection<RawRecord>, PCollectionTuple> {
  /** Index key ({@link LookupSpec#key}) to a {@code take} value, one per distinct pair. */
  public static final TupleTag<KV<String, String>> INDEX = new TupleTag<>() {};

  private final List<LookupSpec> specs;
  private final String backupSource;

  /**
   * @param specs the lookups the mappings make
   * @param backupSource the source name of the backup's rows
   */
  public BuildLookupTables(Set<LookupSpec> specs, String backupSource) {
    this.specs = List.copyOf(specs);
    this.backupSource = backupSource;
  }

  /** The counter (a Beam counter, see {@link Counts}) of the rows indexed for {@code spec}. */
  public static String rowCounter(LookupSpec spec) {
    return "lookup_table." + spec.describe();
  }

  /** The index as a side input: index key to the distinct take values of its rows. */
  public static PCollectionView<Map<String, Iterable<String>>> view(PCollectionTuple built) {
    return built
        .get(INDEX)
        .apply("DistinctEntries", Distinct.create())
        .apply("LookupView", View.asMultimap());
  }

  @Override
  public PCollectionTuple expand(PCollection<RawRecord> records) {
    PCollectionTuple indexed =
        records.apply(
            "IndexBackupRows",
            ParDo.of(new IndexRowFn(specs, backupSource))
                .withOutputTags(INDEX, TupleTagList.empty()));
    indexed.get(INDEX).setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));
    return indexed;
  }

  static final class IndexRowFn extends DoFn<RawRecord, KV<String, String>> {
    private final List<LookupSpec> specs;
    private final String backupSource;

    IndexRowFn(List<LookupSpec> specs, String backupSource) {
      this.specs = specs;
      this.backupSource = backupSource;
    }

    @ProcessElement
    public void process(@Element RawRecord record, MultiOutputReceiver out) {
      if (!record.source().equals(backupSource)) {
        return;
      }
      for (var entry : LookupSpec.entries(record, specs)) {
        out.get(INDEX).output(KV.of(entry.getValue().getKey(), entry.getValue().getValue()));
        Counts.add(rowCounter(entry.getKey()), 1);
      }
    }
  }
}
