package dev.salvage.mappings;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * The old backup to reconcile with.
 *
 * @param type the backup format (e.g. {@code pgdump})
 * @param path the backup file, resolved against the run config's directory; null for a backup read
 *     from a database (see {@code options})
 * @param mappingFile the mapping of backup rows, resolved likewise
 * @param mappingText the mapping file's content, already validated
 * @param takenAt when the backup was taken, or null to read it from the dump
 * @param options the backup reader's options as text (e.g. a JDBC URL), validated by the reader;
 *     those naming a file (e.g. {@code password_file}) resolved likewise
 */
public record BackupConfig(
    String type,
    Path path,
    Path mappingFile,
    String mappingText,
    Instant takenAt,
    Map<String, String> options) {
  /** The source name of backup records and observations, reserved for the backup. */
  public static final String SOURCE_NAME = "backup";

  public BackupConfig {
    requireNonNull(type, "type");
    requireNonNull(mappingFile, "mappingFile");
    requireNonNull(mappingText, "mappingText");
    options = Map.copyOf(options);
  }
}
