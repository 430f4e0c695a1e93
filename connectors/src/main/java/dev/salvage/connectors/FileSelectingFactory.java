package dev.salvage.connectors;

import java.nio.file.Path;
import java.util.Map;

/**
 * Creates a configured source of a file type that takes options (the mail files): like {@link
 * SourceFactory}, with the files its {@code include} and {@code exclude} globs choose.
 */
@FunctionalInterface
public interface FileSelectingFactory {
  /**
   * @param sourceName the configured source name
   * @param path the configured path, or null when the source has none
   * @param options the connector options from the run config, as text
   * @param selection the files of the path to read ({@link SourceReaders#choose})
   * @throws InvalidSourceException naming the source and the option when the configuration is bad
   */
  PartitionedSource create(
      String sourceName, Path path, Map<String, String> options, FileSelection selection)
      throws InvalidSourceException;
}
