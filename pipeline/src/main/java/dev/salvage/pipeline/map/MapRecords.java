package dev.salvage.pipeline.map;

import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RawRecord;
import dev.salvage.mappings.EntityModel;
import dev.salvage.mappings.MappingException;
import dev.salvage.mappings.MappingResult;
import dev.salvage.mappings.Observation;
import dev.salvage.mappings.RecordRejectedException;
import dev.salvage.mappings.SourceMapping;
import dev.salvage.pipeline.beam.Coders;
import dev.salvage.pipeline.beam.Counts;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Applies each source's mapping to its raw records. Every record ends up in exactly one of three
 * places: used (it produced observations), ignored (no rule matched) or quarantined (a rule matched
 * but a value could not be parsed), and each of those is counted per source and per rule.
 */
public final class MapRecords extends PTransform<PCollection<RawRecord>, PCollectionTuple> {
  public static final TupleTag<Observation> OBSERVATIONS = new TupleTag<>() {};
  public static final TupleTag<Quarantined> QUARANTINED = new TupleTag<>() {};
  public static final TupleTag<KV<String, Long>> COUNTS = new TupleTag<>() {};

  /** The raw records that produced observations: the evidence an operator opens in review. */
  public static final TupleTag<RawRecord> USED = new TupleTag<>() {};

  private final MappingPlan plan;

  public MapRecords(MappingPlan plan) {
    this.plan = plan;
  }

  @Override
  public PCollectionTuple expand(PCollection<RawRecord> records) {
    PCollectionTuple mapped =
        records.apply(
            "ApplyMappingRules",
            ParDo.of(new MapRecordFn(plan))
                .withOutputTags(OBSERVATIONS, TupleTagList.of(QUARANTINED).and(COUNTS).and(USED)));
    mapped.get(OBSERVATIONS).setCoder(Coders.observation());
    mapped.get(QUARANTINED).setCoder(Coders.quarantined());
    mapped.get(COUNTS).setCoder(Counts.coder());
    mapped.get(USED).setCoder(Coders.rawRecord());
    return mapped;
  }

  static final class MapRecordFn extends DoFn<RawRecord, Observation> {
    private final MappingPlan plan;
    private transient Map<String, SourceMapping> mappings;

    MapRecordFn(MappingPlan plan) {
      this.plan = plan;
    }

    @Setup
    public void setup() throws MappingException {
      EntityModel model = EntityModel.parse(plan.entityModelYaml(), plan.entityModelLabel());
      mappings = new HashMap<>();
      for (Map.Entry<String, MappingPlan.MappingText> source :
          plan.mappingYamlBySource().entrySet()) {
        MappingPlan.MappingText file = source.getValue();
        mappings.put(
            source.getKey(),
            SourceMapping.parse(file.yaml(), file.label(), model, plan.business()));
      }
    }

    @ProcessElement
    public void process(@Element RawRecord record, MultiOutputReceiver out) {
      String source = record.source();
      out.get(COUNTS).output(Counts.of("source." + source + ".read", 1));
      SourceMapping mapping = mappings.get(source);
      if (mapping == null) {
        throw new IllegalStateException("No mapping loaded for source " + source);
      }
      MappingResult result;
      try {
        result = mapping.apply(record);
      } catch (RecordRejectedException e) {
        out.get(QUARANTINED)
            .output(new Quarantined(source, record.location(), e.getMessage(), record.json()));
        out.get(COUNTS).output(Counts.of("source." + source + ".quarantined", 1));
        return;
      } catch (RuntimeException e) {
        // A bug or an unforeseen input must not lose the record or stop the run.
        out.get(QUARANTINED)
            .output(
                new Quarantined(
                    source,
                    record.location(),
                    "Cannot map " + record.ref() + ": unexpected " + e,
                    record.json()));
        out.get(COUNTS).output(Counts.of("source." + source + ".quarantined", 1));
        return;
      }
      if (result.rule() == null || result.observations().isEmpty()) {
        out.get(COUNTS).output(Counts.of("source." + source + ".ignored", 1));
        if (result.rule() != null) {
          out.get(COUNTS).output(Counts.of("rule." + source + "." + result.rule(), 1));
        }
        return;
      }
      out.get(COUNTS).output(Counts.of("source." + source + ".used", 1));
      out.get(USED).output(record);
      out.get(COUNTS).output(Counts.of("rule." + source + "." + result.rule(), 1));
      for (Observation observation : result.observations()) {
        out.get(OBSERVATIONS).output(observation);
      }
    }
  }
}
