package dev.salvage.connectors;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Connector options that name a file or a directory (a key file, a credentials file, a snapshot
 * directory, a resume state). By convention, and only those, their keys end in {@code _file} or
 * {@code _dir}; a connector adding a path option must follow it, so that a run config's relative
 * paths mean the same thing whatever directory the run is started from.
 */
public final class PathOptions {
  private PathOptions() {}

  /** Whether the option {@code key} names a file or a directory. */
  public static boolean isPath(String key) {
    return key.endsWith("_file") || key.endsWith("_dir");
  }

  /**
   * The options with every relative path option resolved against {@code baseDir} (the run config's
   * directory), as the source's own {@code path} is; absolute paths and other options unchanged.
   */
  public static Map<String, String> resolve(Map<String, String> options, Path baseDir) {
    requireNonNull(baseDir, "baseDir");
    Map<String, String> resolved = new LinkedHashMap<>();
    options.forEach(
        (key, value) ->
            resolved.put(
                key,
                isPath(key) && value != null && !value.isBlank()
                    ? baseDir.resolve(value.strip()).normalize().toString()
                    : value));
    return resolved;
  }
}
