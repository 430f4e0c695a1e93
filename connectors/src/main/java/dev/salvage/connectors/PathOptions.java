package dev.salvage.connectors;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Connector options that name a file or a directory (a key file, a credentials file, a snapshot
 * directory, a resume state). Their keys, and only theirs, end in {@code _file} or {@code _dir}, so
 * that the run config can resolve its relative paths before it knows the source's type and they
 * mean the same thing whatever directory the run is started from. {@link Option#file} and {@link
 * Option#directory} enforce the rule when an option is declared.
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
