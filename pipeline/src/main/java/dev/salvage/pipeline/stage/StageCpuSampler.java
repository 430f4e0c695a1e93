package dev.salvage.pipeline.stage;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.transforms.CombineFnBase;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ProcessFunction;

/**
 * Attributes the CPU time of this process to stages while a pipeline runs in it (embedded Flink or
 * the DirectRunner). Every {@value #INTERVAL_MILLIS} ms it reads each thread's CPU time and stack,
 * and charges the thread's CPU since the last look to the stage of the innermost DoFn (or function
 * given to MapElements, or combine function) of ours on its stack, by its package ({@code
 * pipeline.map} is map, and so on); Beam's file sinks are the write stage. A stack whose innermost
 * DoFn is serialising an element (a Beam coder or Flink serializer above it), or with no DoFn of
 * ours, is Flink's own work: start-up, scheduling, sorting, shuffling, (de)serialising. The process
 * CPU no Java thread accounts for is the JVM's (garbage collection, the JIT compiler).
 *
 * <p>The JVM bucket also holds this sampler's own CPU (it reads stacks only of the threads that
 * used CPU since the last look). A statistical profile at stage granularity, the same idea as a JFR
 * execution sample: good to a few percent on runs of tens of seconds; a thread that ends loses its
 * last interval. Workers of a Flink cluster run in other JVMs: there this measures nothing but the
 * client.
 */
public final class StageCpuSampler implements AutoCloseable {
  /** How often threads are looked at. */
  static final long INTERVAL_MILLIS = 100;

  /** CPU outside any stage's DoFns: Flink's scheduling, sorting, shuffling, (de)serialising. */
  public static final String FLINK = "flink";

  /** CPU of the JVM itself: garbage collection, the JIT compiler. */
  public static final String JVM = "jvm";

  private static final Map<String, Kind> KINDS = new ConcurrentHashMap<>();

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Map<Long, Long> lastCpu = new HashMap<>();
  private final Map<String, Long> nanos = new HashMap<>();
  private final Thread sampler;
  private final long processStart;
  private long javaThreads;
  private long samplerNanos;
  private volatile boolean running = true;

  private StageCpuSampler() {
    if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
      threads.setThreadCpuTimeEnabled(true);
    }
    processStart = processCpu();
    for (long id : threads.getAllThreadIds()) {
      lastCpu.put(id, Math.max(0, threads.getThreadCpuTime(id)));
    }
    sampler = new Thread(this::loop, "salvage-cpu-sampler");
    sampler.setDaemon(true);
  }

  /** Starts sampling now. */
  public static StageCpuSampler start() {
    StageCpuSampler started = new StageCpuSampler();
    started.sampler.start();
    return started;
  }

  private void loop() {
    while (running) {
      sample();
      synchronized (this) {
        // read by the sampler itself: the thread may have ended when the run asks
        samplerNanos = threads.getCurrentThreadCpuTime();
      }
      try {
        Thread.sleep(INTERVAL_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private synchronized void sample() {
    // CPU times first (cheap), stacks only of the threads that used some: most threads of an
    // embedded Flink sleep, and a stack walk of every thread each time would cost more than it
    // measures
    long self = sampler.getId();
    java.util.List<Long> busy = new java.util.ArrayList<>();
    java.util.List<Long> deltas = new java.util.ArrayList<>();
    for (long id : threads.getAllThreadIds()) {
      long cpu = id == self ? -1 : threads.getThreadCpuTime(id);
      if (cpu < 0) {
        continue;
      }
      long delta = cpu - lastCpu.getOrDefault(id, 0L);
      lastCpu.put(id, cpu);
      if (delta > 0) {
        busy.add(id);
        deltas.add(delta);
      }
    }
    if (busy.isEmpty()) {
      return;
    }
    ThreadInfo[] infos =
        threads.getThreadInfo(
            busy.stream().mapToLong(Long::longValue).toArray(), Integer.MAX_VALUE);
    for (int i = 0; i < infos.length; i++) {
      long delta = deltas.get(i);
      javaThreads += delta;
      // a thread that ended since has no stack: its last interval is Flink's
      nanos.merge(infos[i] == null ? FLINK : bucket(infos[i].getStackTrace()), delta, Long::sum);
    }
  }

  /**
   * Stops sampling and gives the CPU seconds per bucket: stage labels, {@link #FLINK} and {@link
   * #JVM}; buckets that used none are absent.
   */
  public synchronized Map<String, Double> stop() {
    running = false;
    sampler.interrupt();
    sample();
    Map<String, Double> seconds = new TreeMap<>();
    nanos.forEach((bucket, n) -> seconds.put(bucket, n / 1e9));
    long jvm = processCpu() - processStart - javaThreads;
    if (jvm > 0) {
      seconds.put(JVM, jvm / 1e9);
    }
    return seconds;
  }

  /** The CPU seconds the sampling itself took (part of {@link #JVM}), once stopped. */
  public synchronized double samplingSeconds() {
    return samplerNanos / 1e9;
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }

  /** The bucket of a stack, innermost frame first. */
  static String bucket(StackTraceElement[] stack) {
    boolean serialising = false;
    for (StackTraceElement frame : stack) {
      Kind kind = KINDS.computeIfAbsent(frame.getClassName(), StageCpuSampler::kind);
      if (kind == Kind.SERIALISATION) {
        serialising = true;
      } else if (kind.stage != null) {
        return serialising ? FLINK : kind.stage.label();
      }
    }
    return FLINK;
  }

  private static Kind kind(String className) {
    Class<?> type;
    try {
      type = Class.forName(className, false, StageCpuSampler.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return Kind.OTHER;
    }
    if (Coder.class.isAssignableFrom(type)
        || className.startsWith("org.apache.flink.api.common.typeutils.")
        || className.startsWith("org.apache.beam.runners.flink.translation.types.")) {
      return Kind.SERIALISATION;
    }
    if (className.startsWith("org.apache.beam.sdk.io.")) {
      // Beam's file sinks: TextIO writing the bundle's parts and the counts
      return Kind.of(Stage.WRITE);
    }
    if (!DoFn.class.isAssignableFrom(type)
        && !ProcessFunction.class.isAssignableFrom(type)
        && !CombineFnBase.GlobalCombineFn.class.isAssignableFrom(type)) {
      return Kind.OTHER;
    }
    Stage stage = stageOf(className);
    return stage == null ? Kind.OTHER : Kind.of(stage);
  }

  /** The stage of one of our DoFns, by its package; null for Beam's and for the meters. */
  static Stage stageOf(String doFnClass) {
    String prefix = "dev.salvage.pipeline.";
    if (!doFnClass.startsWith(prefix)) {
      return null;
    }
    String rest = doFnClass.substring(prefix.length());
    if (rest.startsWith("reconcile.ResolveReferences")) {
      return Stage.RESOLVE;
    }
    Map<String, Stage> byPackage = new TreeMap<>();
    byPackage.put("read.", Stage.READ);
    byPackage.put("map.", Stage.MAP);
    byPackage.put("link.", Stage.LINK);
    byPackage.put("reconcile.", Stage.RECONCILE);
    byPackage.put("match.", Stage.MATCH);
    byPackage.put("write.", Stage.WRITE);
    // the per-record counting at the end of the graph is part of writing the bundle's counts
    byPackage.put("SalvagePipeline", Stage.WRITE);
    for (Map.Entry<String, Stage> entry : byPackage.entrySet()) {
      if (rest.startsWith(entry.getKey())) {
        return entry.getValue();
      }
    }
    return null;
  }

  private long processCpu() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return Math.max(0, os.getProcessCpuTime());
    }
    return 0;
  }

  /** What a frame's class says about the work on the stack. */
  private record Kind(Stage stage, boolean serialisation) {
    static final Kind OTHER = new Kind(null, false);
    static final Kind SERIALISATION = new Kind(null, true);

    static Kind of(Stage stage) {
      return new Kind(stage, false);
    }
  }
}
