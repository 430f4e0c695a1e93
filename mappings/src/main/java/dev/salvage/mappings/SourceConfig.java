package dev.salvage.mappings;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One configured source of secondary records.
 *
 * @param name the source name, copied into every record and observation (e.g. {@code mail})
 * @param type the reader to use (e.g. {@code mbox}, {@code stripe-json}); checked by the pipeline,
 *     which knows the readers
 * @param path the file or directory to read, resolved against the run config's directory; null for
 *     sources read over the network (IMAP, Stripe API, Google Calendar API)
 * @param mappingFile the mapping file, resolved likewise
 * @param mappingText the mapping file's content, already validated; parse it with {@link
 *     SourceMapping#parse} using {@code mappingFile.toString()} as the label
 * @param options the connector's options as text, validated by the connector; those naming a file
 *     or directory (see {@link dev.salvage.connectors.PathOptions}) resolved likewise
 * @param include globs choosing the files of a directory to read (empty: every file); see {@link
 *     dev.salvage.connectors.FileSelection}
 * @param exclude globs of files of the directory not to read
 */
public record SourceConfig(
    String name,
    String type,
    Path path,
    Path mappingFile,
    String mappingText,
    Map<String, String> options,
    List<String> include,
    List<String> exclude) {
  public SourceConfig {
    requireNonNull(name, "name");
    requireNonNull(type, "type");
    requireNonNull(mappingFile, "mappingFile");
    requireNonNull(mappingText, "mappingText");
    options = Map.copyOf(options);
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
  }
}
