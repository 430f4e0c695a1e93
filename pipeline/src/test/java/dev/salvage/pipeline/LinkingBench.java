package dev.salvage.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Times the probabilistic linking stage ({@link MatchUnlinkedEvidence}) alone on embedded Flink, on
 * synthetic reservation records made inside the job (nothing big in the job graph): per booking an
 * identified record (95%), a payment without the reference (40%) and a calendar event without it
 * (40%), with repeat customers, 200 first and 300 last names, a fleet of one car per 20 bookings
 * and six branches. Uses the Rentwise entity model's linking section.
 *
 * <pre>
 * mvn -q -o -DskipTests package &amp;&amp; mvn -q -o -pl pipeline -am test-compile
 * java -cp pipeline/target/test-classes:pipeline/target/salvage.jar \
 *   dev.salvage.pipeline.LinkingBench RECORDS [PARALLELISM]
 * </pre>
 */
final class LinkingBench {
  private static final Instant START = Instant.parse("2026-03-02T03:00:00Z");
  private static final String[] FIRST = {
    "Maria", "João", "Ana", "José", "Sofia", "Luís", "Carmen", "Pedro", "Lucía", "Tiago", "Emma",
    "Lukas", "Chloé", "Marco", "Sanne", "Oliver", "Inês", "Pablo", "Giulia", "Daan"
  };
  private static final String[] LAST = {
    "Silva", "Santos", "Ferreira", "García", "Martínez", "López", "Rossi", "Bakker", "Müller",
    "Dubois", "Smith", "Costa", "Oliveira", "Sánchez", "Pereira", "Romano", "Jansen", "Martin",
    "Fernández", "Almeida", "Rodrigues", "Gomes", "Moreau", "Weber", "Brown"
  };
  private static final String[] BRANCHES = {"LIS", "OPO", "FAO", "MAD", "BCN", "LPA"};

  private LinkingBench() {}

  public static void main(String[] args) throws Exception {
    long records = Long.parseLong(args[0]);
    int parallelism = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    long bookings = Math.round(records / 1.75);
    String model;
    try (InputStream in =
        LinkingBench.class.getResourceAsStream("/dev/salvage/samples/rentwise/entities.yaml")) {
      model = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    MergeSettings settings =
        new MergeSettings(
            model,
            "rentwise/entities.yaml",
            List.of("mail", "stripe", "calendar"),
            "backup",
            START,
            Map.of());

    FlinkPipelineOptions options = PipelineOptionsFactory.as(FlinkPipelineOptions.class);
    options.setRunner(FlinkRunner.class);
    options.setFlinkMaster("[local]");
    options.setParallelism(parallelism);
    options.setMaxParallelism(128);
    options.setFlinkConfDir(flinkConf().toString());
    Pipeline pipeline = Pipeline.create(options);
    TupleTag<ReconstructedRecord> identifiedTag = new TupleTag<>() {};
    TupleTag<ReconstructedRecord> unlinkedTag = new TupleTag<>() {};
    PCollectionTuple made =
        pipeline
            .apply(GenerateSequence.from(0).to(bookings))
            .apply(
                ParDo.of(new BookingFn(bookings, identifiedTag, unlinkedTag))
                    .withOutputTags(identifiedTag, TupleTagList.of(unlinkedTag)));
    PCollectionTuple input =
        PCollectionTuple.of(
                MergeClusters.RECORDS,
                made.get(identifiedTag).setCoder(JsonCoder.of(ReconstructedRecord.class)))
            .and(
                MergeClusters.UNLINKED,
                made.get(unlinkedTag).setCoder(JsonCoder.of(ReconstructedRecord.class)));
    PCollectionTuple matched = input.apply(new MatchUnlinkedEvidence(settings));
    PCollection<Long> out = matched.get(MatchUnlinkedEvidence.RECORDS).apply(Count.globally());
    out.apply(ParDo.of(new PrintFn("records out")));
    matched
        .get(MatchUnlinkedEvidence.COUNTS)
        .apply(Sum.longsPerKey())
        .apply(ParDo.of(new PrintFn("")));
    long start = System.nanoTime();
    pipeline.run().waitUntilFinish();
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "input_records=%d bookings=%d parallelism=%d wall_s=%.1f load=%s%n",
        records, bookings, parallelism, seconds, Files.readString(Path.of("/proc/loadavg")).trim());
  }

  private static Path flinkConf() throws IOException {
    Path dir = Files.createTempDirectory("linking-bench-flink");
    Files.writeString(
        dir.resolve("flink-conf.yaml"), "heartbeat.timeout: 600000\nheartbeat.interval: 10000\n");
    return dir;
  }

  static final class PrintFn extends DoFn<Object, Void> {
    private final String label;

    PrintFn(String label) {
      this.label = label;
    }

    @ProcessElement
    public void process(@Element Object element) {
      System.out.println(label + " " + element);
    }
  }

  /** One booking's records, deterministic in its index. */
  static final class BookingFn extends DoFn<Long, ReconstructedRecord> {
    private final long bookings;
    private final TupleTag<ReconstructedRecord> identifiedTag;
    private final TupleTag<ReconstructedRecord> unlinkedTag;

    BookingFn(
        long bookings,
        TupleTag<ReconstructedRecord> identifiedTag,
        TupleTag<ReconstructedRecord> unlinkedTag) {
      this.bookings = bookings;
      this.identifiedTag = identifiedTag;
      this.unlinkedTag = unlinkedTag;
    }

    @ProcessElement
    public void process(@Element Long index, MultiOutputReceiver out) {
      long i = index;
      long h = mix(i);
      long customer = Math.floorMod(mix(i ^ 0x5bd1e995L), Math.max(1, bookings * 2 / 3));
      String name =
          token(FIRST, mix(customer), 10)
              + " "
              + token(LAST, mix(customer + 1), 12)
              + " "
              + token(LAST, mix(customer + 2), 12);
      String email = "c" + customer + "@mail.example";
      long vehicles = Math.max(1, bookings / 20);
      String vehicle = "V-" + Math.floorMod(h, vehicles);
      String branch = BRANCHES[(int) Math.floorMod(h >>> 8, BRANCHES.length)];
      Instant booked = START.plusSeconds(Math.floorMod(mix(i + 7), 90L * 86400));
      Instant pickup = booked.plusSeconds(3600L * (24 + Math.floorMod(h >>> 16, 24 * 30)));
      Instant returned = pickup.plusSeconds(86400L * (1 + Math.floorMod(h >>> 24, 10)));
      String total = Long.toString(5000 + Math.floorMod(h >>> 32, 50000));
      String reference = "RW-" + i;
      if (Math.floorMod(h >>> 40, 100) >= 5) {
        out.get(identifiedTag)
            .output(
                record(
                    "reservation:" + reference,
                    "email:" + i,
                    booked,
                    fields(
                        "reference",
                        reference,
                        "customer_email",
                        email,
                        "customer_name",
                        name,
                        "vehicle",
                        vehicle,
                        "pickup_location",
                        branch,
                        "pickup_at",
                        pickup.toString(),
                        "return_at",
                        returned.toString(),
                        "total_cents",
                        total),
                    Map.of("reference", reference)));
      }
      if (Math.floorMod(h >>> 48, 100) < 40) {
        out.get(unlinkedTag)
            .output(
                record(
                    "reservation:new-unidentified",
                    "stripe:pi_" + i,
                    booked.plusSeconds(300),
                    fields(
                        "customer_email",
                        email,
                        "customer_name",
                        name.toUpperCase(),
                        "pickup_location",
                        branch,
                        "total_cents",
                        total),
                    Map.of("stripe_payment_intent_id", "pi_" + i)));
      }
      if (Math.floorMod(h >>> 56, 100) < 40) {
        out.get(unlinkedTag)
            .output(
                record(
                    "reservation:new-unidentified",
                    "calendar:" + branch + "/ev" + i,
                    booked.plusSeconds(1200),
                    fields(
                        "customer_name",
                        name,
                        "vehicle",
                        vehicle,
                        "pickup_location",
                        branch,
                        "pickup_at",
                        pickup.toString(),
                        "return_at",
                        returned.toString()),
                    Map.of("calendar_uid", "ev" + i)));
      }
    }

    /** One of {@code stems.length * variants} name tokens: a stem and a suffix letter. */
    private static String token(String[] stems, long hash, int variants) {
      String stem = stems[(int) Math.floorMod(hash, stems.length)];
      return stem + (char) ('a' + Math.floorMod(hash >>> 20, variants));
    }

    private static Map<String, String> fields(String... pairs) {
      Map<String, String> map = new TreeMap<>();
      for (int k = 0; k < pairs.length; k += 2) {
        map.put(pairs[k], pairs[k + 1]);
      }
      return map;
    }

    private static ReconstructedRecord record(
        String id, String ref, Instant seen, Map<String, String> values, Map<String, String> keys) {
      return TestRecords.reservation(id, ref, seen, values, keys);
    }

    private static long mix(long x) {
      long z = x * 0x9E3779B97F4A7C15L;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return z ^ (z >>> 31);
    }
  }
}
