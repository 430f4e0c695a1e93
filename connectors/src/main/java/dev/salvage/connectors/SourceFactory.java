package dev.salvage.connectors;

import java.nio.file.Path;
import java.util.Map;

/** Creates a configured source of one type; validates its options before anything is read. */
@FunctionalInterface
public interface SourceFactory {
  /**
   * @param sourceName the configured source name
   * @param path the configured path, or null when the source has none
   * @param options the connector options from the run config, as text
   * @throws InvalidSourceException naming the source and the option when the configuration is bad
   */
  PartitionedSource create(String sourceName, Path path, Map<String, String> options)
      throws InvalidSourceException;
}
