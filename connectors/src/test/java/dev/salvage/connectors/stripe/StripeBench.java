package dev.salvage.connectors.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.RecordSink;
import dev.salvage.connectors.SourceReaders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput of the {@code stripe-api} source against the local fake server: objects/s when the
 * created-time slices of one list are read by N parallel tasks, as Beam would fan them out. Not a
 * test; run by {@code scripts/bench-stripe}.
 *
 * <p>Arguments: objects, latency in ms added to every answer, slice counts.
 */
public final class StripeBench {
  private StripeBench() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    long latency = args.length > 1 ? Long.parseLong(args[1]) : 0;
    List<Integer> sliceCounts = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      sliceCounts.add(Integer.parseInt(args[i]));
    }
    if (sliceCounts.isEmpty()) {
      sliceCounts = List.of(1, 2, 4, 8);
    }
    String key = "rk_test_bench";
    long start = 1_767_225_600L;
    List<ObjectNode> charges = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      charges.add(StripeFixtures.charge(n, start + n * 60L));
    }
    Path keyFile = Files.createTempFile("stripe-bench", ".key");
    Files.writeString(keyFile, key);
    try (FakeStripeServer server = new FakeStripeServer(key)) {
      server.serve("/v1/charges", charges).latency(latency);
      System.out.printf(
          "%-8s %10s %10s %10s %12s%n", "slices", "objects", "requests", "wall_s", "objects_per_s");
      for (int slices : sliceCounts) {
        Map<String, String> options = new HashMap<>();
        options.put("api_base", server.baseUrl());
        options.put("api_key_file", keyFile.toString());
        options.put("objects", "charges");
        options.put("created_from", Long.toString(start));
        options.put("created_to", Long.toString(start + count * 60L));
        options.put("slices", Integer.toString(slices));
        PartitionedSource source = SourceReaders.open("stripe", "stripe-api", null, options);
        int before = server.requests().size();
        AtomicLong read = new AtomicLong();
        RecordSink sink =
            new RecordSink() {
              @Override
              public void accept(RawRecord record) {
                read.incrementAndGet();
              }

              @Override
              public void quarantine(Quarantined bad) {
                throw new IllegalStateException(bad.reason());
              }
            };
        long t0 = System.nanoTime();
        List<String> partitions = source.partitions();
        ExecutorService pool = Executors.newFixedThreadPool(slices);
        List<Future<?>> reads = new ArrayList<>();
        for (String partition : partitions) {
          reads.add(
              pool.submit(
                  () -> {
                    source.read(partition, sink);
                    return null;
                  }));
        }
        for (Future<?> f : reads) {
          f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
            "%-8d %10d %10d %10.2f %12.0f%n",
            slices, read.get(), server.requests().size() - before, seconds, read.get() / seconds);
      }
    } finally {
      Files.deleteIfExists(keyFile);
    }
  }
}
