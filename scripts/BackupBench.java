import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.RecordSink;
import dev.salvage.connectors.backup.PgDumpReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a plain pg_dump with PgDumpReader into a sink that only counts, and prints rows, bytes,
 * time, rows/s, MB/s, the heap limit, the peak heap used and the process's peak RSS. Run by
 * scripts/bench-backup; not a test.
 */
public class BackupBench {
  public static void main(String[] args) throws Exception {
    Path dump = Path.of(args[0]);
    long[] counts = new long[3];
    RecordSink sink =
        new RecordSink() {
          @Override
          public void accept(RawRecord record) {
            counts[0]++;
            counts[2] += record.json().length();
          }

          @Override
          public void quarantine(Quarantined bad) {
            counts[1]++;
          }
        };
    long start = System.nanoTime();
    new PgDumpReader().read(dump, "backup", sink);
    double seconds = (System.nanoTime() - start) / 1e9;
    // CPU time of the reading thread: a fair figure on a shared, loaded machine
    double cpuSeconds = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e9;
    long bytes = Files.size(dump);
    long peakHeap = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peakHeap += pool.getPeakUsage().getUsed();
      }
    }
    String hwm =
        Files.readAllLines(Path.of("/proc/self/status")).stream()
            .filter(line -> line.startsWith("VmHWM:"))
            .findFirst()
            .orElse("VmHWM: ? kB");
    long rssKb = Long.parseLong(hwm.replaceAll("[^0-9]", ""));
    System.out.printf(
        "dump_mb=%.0f rows=%d quarantined=%d wall_s=%.1f rows_per_s=%.0f mb_per_s=%.1f"
            + " cpu_s=%.1f rows_per_cpu_s=%.0f"
            + " max_heap_mb=%d peak_heap_sum_of_pools_mb=%d peak_rss_mb=%d%n",
        bytes / 1048576.0,
        counts[0],
        counts[1],
        seconds,
        counts[0] / seconds,
        bytes / 1048576.0 / seconds,
        cpuSeconds,
        counts[0] / cpuSeconds,
        Runtime.getRuntime().maxMemory() / 1048576,
        peakHeap / 1048576,
        rssKb / 1024);
  }
}
