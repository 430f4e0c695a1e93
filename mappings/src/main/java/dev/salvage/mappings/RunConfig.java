package dev.salvage.mappings;

import static java.util.Objects.requireNonNull;

import dev.salvage.connectors.PathOptions;
import dev.salvage.mappings.Yaml.Node;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A run config ({@code salvage.yaml}) with everything it refers to loaded and validated: the
 * business, the entity model, the sources with their mappings, and the backup.
 *
 * @param file the run config file
 * @param business the business and its defaults
 * @param entities the entity model
 * @param sources the sources of secondary records, in file order
 * @param backup the backup, or null when there is none
 */
public record RunConfig(
    Path file,
    Business business,
    EntityModel entities,
    List<SourceConfig> sources,
    BackupConfig backup) {
  public RunConfig {
    requireNonNull(file, "file");
    requireNonNull(business, "business");
    requireNonNull(entities, "entities");
    sources = List.copyOf(sources);
  }

  /**
   * Loads {@code salvageYaml}, resolving relative paths against its directory, and validates it
   * with the entity model and every mapping file, so that a mistake fails before anything is read.
   *
   * @throws MappingException naming the file, the place and the line of the first mistake
   */
  public static RunConfig load(Path salvageYaml) throws MappingException {
    Path file = salvageYaml.toAbsolutePath().normalize();
    String label = file.toString();
    Section root = Section.root(label, Yaml.parse(read(file, "run config"), label));
    root.allowOnly(Set.of("business", "entities", "sources", "backup"));
    Path dir = file.getParent();
    Business business = business(root.section("business", "business"));
    Path entitiesFile = existing(root, "entities", dir.resolve(root.text("entities")));
    EntityModel entities =
        EntityModel.parse(read(entitiesFile, "entity model"), entitiesFile.toString());
    List<SourceConfig> sources = new ArrayList<>();
    Set<String> names = new HashSet<>(Set.of(BackupConfig.SOURCE_NAME));
    List<Node> sourceNodes = root.list("sources");
    if (sourceNodes.isEmpty()) {
      throw root.error(null, "missing \"sources\": the list of secondary sources to read");
    }
    for (int i = 0; i < sourceNodes.size(); i++) {
      Section spec = root.child("sources[" + i + "]", sourceNodes.get(i));
      spec.allowOnly(Set.of("name", "type", "path", "mapping", "options"));
      String name = spec.text("name");
      if (!names.add(name)) {
        throw spec.error(
            "name",
            name.equals(BackupConfig.SOURCE_NAME)
                ? "\"backup\" is reserved for the backup"
                : "a source named \"" + name + "\" already exists");
      }
      Path mappingFile = existing(spec, "mapping", dir.resolve(spec.text("mapping")));
      String mappingText = read(mappingFile, "mapping");
      SourceMapping.parse(mappingText, mappingFile.toString(), entities, business);
      sources.add(
          new SourceConfig(
              name,
              spec.text("type"),
              optionalPath(spec, dir),
              mappingFile,
              mappingText,
              options(spec, dir)));
    }
    BackupConfig backup =
        root.has("backup")
            ? backup(root.section("backup", "backup"), dir, entities, business)
            : null;
    checkMergeOrders(entitiesFile.toString(), entities, names);
    return new RunConfig(file, business, entities, sources, backup);
  }

  /** File sources name a path; API sources (IMAP, Stripe, Google) may not. */
  private static Path optionalPath(Section spec, Path dir) throws MappingException {
    String path = spec.optionalText("path");
    return path == null ? null : existing(spec, "path", dir.resolve(path));
  }

  /**
   * Connector options (host, port, key file...), validated by the connector that reads them. Values
   * are text; secrets are never written here, only the names of the environment variables or files
   * that hold them. Options naming a file or directory are resolved against the config's directory,
   * like {@code path}.
   */
  private static Map<String, String> options(Section spec, Path dir) throws MappingException {
    return spec.has("options") ? PathOptions.resolve(spec.textMap("options"), dir) : Map.of();
  }

  private static Business business(Section spec) throws MappingException {
    spec.allowOnly(Set.of("name", "timezone", "phone_region"));
    String zone = spec.text("timezone");
    ZoneId timezone;
    try {
      timezone = ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw spec.error("timezone", "\"" + zone + "\" is not a time-zone id (e.g. Europe/Lisbon)");
    }
    String region = spec.optionalText("phone_region");
    if (region != null) {
      region = region.toUpperCase(Locale.ROOT);
      if (!PhoneValue.isRegion(region)) {
        throw spec.error("phone_region", "\"" + region + "\" is not a phone region (e.g. PT)");
      }
    }
    return new Business(spec.text("name"), timezone, region);
  }

  private static BackupConfig backup(
      Section spec, Path dir, EntityModel entities, Business business) throws MappingException {
    spec.allowOnly(Set.of("type", "path", "mapping", "taken_at", "options"));
    Path mappingFile = existing(spec, "mapping", dir.resolve(spec.text("mapping")));
    String mappingText = read(mappingFile, "mapping");
    SourceMapping.parse(mappingText, mappingFile.toString(), entities, business);
    String takenAtText = spec.optionalText("taken_at");
    Instant takenAt = null;
    if (takenAtText != null) {
      try {
        takenAt = OffsetDateTime.parse(takenAtText).toInstant();
      } catch (DateTimeException e) {
        throw spec.error(
            "taken_at", "\"" + takenAtText + "\" is not an ISO-8601 instant with an offset");
      }
    }
    return new BackupConfig(
        spec.text("type"),
        optionalPath(spec, dir),
        mappingFile,
        mappingText,
        takenAt,
        options(spec, dir));
  }

  /** Merge orders name sources; a misspelt one would silently never win. */
  private static void checkMergeOrders(String label, EntityModel entities, Set<String> sources)
      throws MappingException {
    for (EntityType type : entities.types().values()) {
      for (var merge : type.merge().entrySet()) {
        for (String source : merge.getValue().order()) {
          if (!sources.contains(source)) {
            throw new MappingException(
                label
                    + ": entity "
                    + type.name()
                    + ", merge of field "
                    + merge.getKey()
                    + ": order: \""
                    + source
                    + "\" is not a configured source (sources: "
                    + String.join(", ", sources.stream().sorted().toList())
                    + ")");
          }
        }
      }
    }
  }

  private static Path existing(Section spec, String key, Path path) throws MappingException {
    Path normalized = path.normalize();
    if (!Files.exists(normalized)) {
      throw spec.error(key, normalized + " does not exist");
    }
    return normalized;
  }

  private static String read(Path file, String what) throws MappingException {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new MappingException("Cannot read " + what + " " + file + ": " + e.getMessage(), e);
    }
  }
}
