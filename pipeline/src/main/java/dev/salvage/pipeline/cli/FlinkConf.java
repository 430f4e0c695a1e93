package dev.salvage.pipeline.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Flink configuration for the job from {@code --flink-conf KEY=VALUE}, handed to Beam's FlinkRunner
 * the only way it takes one: a directory with a {@code flink-conf.yaml}
 * (FlinkPipelineOptions.flinkConfDir), which it loads for the embedded Flink and for the client
 * that submits to a cluster alike.
 *
 * @param settings the options in the order given; a key given twice keeps its last value
 */
record FlinkConf(Map<String, String> settings) {
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  /**
   * Options of the cluster's own JVMs: a session cluster reads them when its JobManager and
   * TaskManagers start, so a submitted job cannot change them.
   */
  private static final List<String> CLUSTER_PREFIXES =
      List.of(
          "taskmanager.memory.",
          "taskmanager.network.",
          "taskmanager.numberOfTaskSlots",
          "jobmanager.memory.",
          "io.tmp.dirs",
          "heartbeat.");

  FlinkConf {
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
  }

  /** Reads the values of the repeatable --flink-conf option. */
  static FlinkConf parse(List<String> arguments) throws ConfigException {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String argument : arguments) {
      int equals = argument.indexOf('=');
      String key = equals < 0 ? "" : argument.substring(0, equals).trim();
      String value = equals < 0 ? "" : argument.substring(equals + 1).trim();
      if (!KEY.matcher(key).matches() || value.isEmpty()) {
        throw new ConfigException(
            "--flink-conf expects KEY=VALUE with a Flink option name as KEY, such as"
                + " taskmanager.memory.network.max=256m; got '"
                + argument
                + "'");
      }
      // flink-conf.yaml has one option a line and cuts a line at '#'
      if (value.contains("#") || value.contains("\n") || value.contains("\r")) {
        throw new ConfigException(
            "--flink-conf "
                + key
                + ": the value may not contain '#' or a line break (Flink's flink-conf.yaml"
                + " would cut it there); got '"
                + value
                + "'");
      }
      settings.put(key, value);
    }
    return new FlinkConf(settings);
  }

  /** These settings over {@code defaults}: a key set here replaces the default. */
  FlinkConf over(Map<String, String> defaults) {
    Map<String, String> merged = new LinkedHashMap<>(defaults);
    merged.putAll(settings);
    return new FlinkConf(merged);
  }

  /** The keys a job submitted to a running session cluster cannot change. */
  List<String> clusterOnlyKeys() {
    return settings.keySet().stream()
        .filter(key -> CLUSTER_PREFIXES.stream().anyMatch(key::startsWith))
        .toList();
  }

  /** Writes a Flink configuration directory, deleted when the JVM exits. */
  Path writeDir() throws ConfigException {
    return writeDir(null);
  }

  /**
   * Writes a Flink configuration directory in {@code parent} (the JVM's temp directory when null),
   * deleted when the JVM exits; in the embedded Flink's own temp directory, a run killed before it
   * exits leaves nothing the next run does not remove.
   */
  Path writeDir(Path parent) throws ConfigException {
    StringBuilder yaml = new StringBuilder("# written by salvage run (--flink-conf)\n");
    settings.forEach((key, value) -> yaml.append(key).append(": ").append(value).append('\n'));
    try {
      Path dir =
          parent == null
              ? Files.createTempDirectory("salvage-flink-conf")
              : Files.createTempDirectory(parent, "salvage-flink-conf");
      Path file = dir.resolve("flink-conf.yaml");
      Files.writeString(file, yaml, StandardCharsets.UTF_8);
      // deleted in the reverse order of registration: the file, then its directory
      dir.toFile().deleteOnExit();
      file.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new ConfigException("Cannot write the Flink configuration: " + e.getMessage(), e);
    }
  }
}
