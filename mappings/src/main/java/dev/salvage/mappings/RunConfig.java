package dev.salvage.mappings;

import static java.util.Objects.requireNonNull;

import dev.salvage.connectors.InvalidOptionException;
import dev.salvage.connectors.Option;
import dev.salvage.connectors.OptionSet;
import dev.salvage.connectors.PathOptions;
import dev.salvage.connectors.SourceReaders;
import dev.salvage.mappings.Yaml.Node;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A run config ({@code salvage.yaml}) with everything it refers to loaded and validated: the
 * business, the entity model, the sources with their mappings, and the backup.
 *
 * @param file the run config file
 * @param business the business and its defaults
 * @param entities the entity model
 * @param sources the sources of secondary records, in file order
 * @param backup the backup, or null when there is none
 * @param asOf the moment the rebuilt records describe ({@code as_of}), or null for the run's start
 */
public record RunConfig(
    Path file,
    Business business,
    EntityModel entities,
    List<SourceConfig> sources,
    BackupConfig backup,
    Instant asOf,
    Map<String, String> pathPlaces) {
  private static final Set<String> ROOT_KEYS =
      Set.of("business", "entities", "sources", "backup", "as_of");

  public RunConfig {
    requireNonNull(file, "file");
    requireNonNull(business, "business");
    requireNonNull(entities, "entities");
    sources = List.copyOf(sources);
    pathPlaces = Map.copyOf(pathPlaces);
  }

  /**
   * Where the run config sets the {@code path} of the source {@code name} (the backup's is {@code
   * backup}), as {@code "/dir/salvage.yaml: sources[2]: path (line 18)"}, for an error found only
   * when it is read (a folder with nothing to read); null when it sets none.
   */
  public String pathPlace(String name) {
    return pathPlaces.get(name);
  }

  /**
   * What a tool mapping one record needs from a run config, read without requiring the sources'
   * files and mappings to exist: the business, the entity model, {@code as_of} and the backup's
   * {@code taken_at} when the config sets it.
   *
   * @param file the run config file
   * @param business the business and its defaults
   * @param entities the entity model
   * @param asOf {@code as_of}, or null
   * @param backupTakenAt the backup's {@code taken_at}, or null (none, or read from the dump)
   * @param backup the backup as configured, or null when there is none or its mapping is missing
   */
  public record Basics(
      Path file,
      Business business,
      EntityModel entities,
      Instant asOf,
      Instant backupTakenAt,
      BackupConfig backup) {}

  /**
   * Reads the business, the entity model, {@code as_of} and the backup's time of {@code
   * salvageYaml}, validated; the sources are not checked.
   *
   * @throws MappingException naming the file, the place and the line of the first mistake
   */
  public static Basics basics(Path salvageYaml) throws MappingException {
    Head head = Head.read(salvageYaml);
    Section root = head.root();
    Path dir = head.dir();
    Business business = head.business();
    EntityModel entities = head.entities();
    Path file = head.file();
    Instant takenAt = null;
    BackupConfig backup = null;
    if (root.has("backup")) {
      Section spec = root.section("backup", "backup");
      takenAt = instant(spec, "taken_at");
      try {
        backup = backup(spec, dir, entities, business);
      } catch (MappingException e) {
        backup = null; // a tool can do without the backup's rows
      }
    }
    return new Basics(file, business, entities, instant(root, "as_of"), takenAt, backup);
  }

  /**
   * Loads {@code salvageYaml}, resolving relative paths against its directory, and validates it
   * with the entity model and every mapping file, so that a mistake fails before anything is read.
   *
   * @throws MappingException naming the file, the place and the line of the first mistake
   */
  public static RunConfig load(Path salvageYaml) throws MappingException {
    Head head = Head.read(salvageYaml);
    Section root = head.root();
    Path dir = head.dir();
    Path file = head.file();
    Business business = head.business();
    EntityModel entities = head.entities();
    Path entitiesFile = head.entitiesFile();
    List<SourceConfig> sources = new ArrayList<>();
    Map<String, String> pathPlaces = new HashMap<>();
    Set<String> names = new HashSet<>(Set.of(BackupConfig.SOURCE_NAME));
    List<Node> sourceNodes = root.list("sources");
    if (sourceNodes.isEmpty()) {
      throw root.error(null, "missing \"sources\": the list of secondary sources to read");
    }
    for (int i = 0; i < sourceNodes.size(); i++) {
      Section spec = root.child("sources[" + i + "]", sourceNodes.get(i));
      spec.allowOnly(Set.of("name", "type", "path", "mapping", "options", "include", "exclude"));
      String name = spec.text("name");
      if (!names.add(name)) {
        throw spec.error(
            "name",
            name.equals(BackupConfig.SOURCE_NAME)
                ? "\"backup\" is reserved for the backup"
                : "a source named \"" + name + "\" already exists");
      }
      Path mappingFile = existing(spec, "mapping", dir.resolve(spec.text("mapping")));
      String mappingText = read(spec, "mapping", mappingFile, "mapping");
      SourceMapping mapping = mapping(mappingText, mappingFile.toString(), entities, business);
      if (mapping.backupNeeded() != null && !root.has("backup")) {
        throw mapping.backupNeeded();
      }
      Path path = optionalPath(spec, dir, SourceReaders.writesItsPath(spec.text("type")));
      if (path != null) {
        pathPlaces.put(name, spec.place("path"));
      }
      List<String> include = globs(spec, "include", path);
      List<String> exclude = globs(spec, "exclude", path);
      sources.add(
          new SourceConfig(
              name,
              spec.text("type"),
              path,
              mappingFile,
              mappingText,
              options(spec, dir, "source \"" + name + "\""),
              include,
              exclude));
    }
    BackupConfig backup =
        root.has("backup")
            ? backup(root.section("backup", "backup"), dir, entities, business)
            : null;
    if (backup == null && entities.backupNeeded() != null) {
      throw entities.backupNeeded();
    }
    if (backup != null && backup.path() != null) {
      pathPlaces.put(BackupConfig.SOURCE_NAME, root.section("backup", "backup").place("path"));
    }
    checkMergeOrders(entities, names);
    return new RunConfig(
        file, business, entities, sources, backup, instant(root, "as_of"), pathPlaces);
  }

  /**
   * Parses a mapping file and checks it as a run does before anything is read: {@code salvage
   * mappings test} loads its mapping here too, so that it refuses what a run refuses (an outside
   * trial's {@code kind: stripe.charges} was refused by run and only "ignored" record by record by
   * mappings test). Whether it needs a backup is left to the caller, since a test may have none.
   *
   * @throws MappingException naming the file, the rule and the line of the first mistake
   */
  public static SourceMapping mapping(
      String text, String fileLabel, EntityModel entities, Business business)
      throws MappingException {
    SourceMapping mapping = SourceMapping.parse(text, fileLabel, entities, business);
    if (mapping.ruleOfAnUnknownKind() != null) {
      throw mapping.ruleOfAnUnknownKind();
    }
    return mapping;
  }

  /**
   * The {@code include} or {@code exclude} globs of a source: each must compile, and the source
   * must read a directory.
   */
  private static List<String> globs(Section spec, String key, Path path) throws MappingException {
    if (!spec.has(key)) {
      return List.of();
    }
    List<String> globs = spec.texts(key);
    if (globs.isEmpty()) {
      throw spec.error(key, "needs at least one glob, like \"*.json\"");
    }
    if (path == null || !Files.isDirectory(path)) {
      throw spec.error(key, "chooses files in a directory; this source's path is not one");
    }
    for (String glob : globs) {
      try {
        dev.salvage.connectors.FileSelection.check(glob);
      } catch (IllegalArgumentException e) {
        throw spec.error(key, e.getMessage());
      }
    }
    return globs;
  }

  /**
   * An optional ISO-8601 instant with an offset. A space for the {@code T} is taken too: RFC 3339
   * allows it, and YAML tools (PyYAML's dump of a timestamp) write it so.
   */
  private static Instant instant(Section spec, String key) throws MappingException {
    String text = spec.optionalText(key);
    if (text == null) {
      return null;
    }
    String iso =
        text.length() > 11 && text.charAt(10) == ' ' && Character.isDigit(text.charAt(11))
            ? text.substring(0, 10) + 'T' + text.substring(11)
            : text;
    try {
      return OffsetDateTime.parse(iso).toInstant();
    } catch (DateTimeException e) {
      throw spec.error(key, "\"" + text + "\" is not an ISO-8601 instant with an offset");
    }
  }

  /** What every reading of a run config starts with: its root, business and entity model. */
  private record Head(
      Path file, Section root, Business business, Path entitiesFile, EntityModel entities) {
    static Head read(Path salvageYaml) throws MappingException {
      Path file = salvageYaml.toAbsolutePath().normalize();
      String label = file.toString();
      Section root = Section.root(label, Yaml.parse(RunConfig.read(file, "run config"), label));
      root.allowOnly(ROOT_KEYS);
      Business business = RunConfig.business(root.section("business", "business"));
      Path entitiesFile =
          existing(root, "entities", file.getParent().resolve(root.text("entities")));
      EntityModel entities =
          EntityModel.parse(
              RunConfig.read(root, "entities", entitiesFile, "entity model"),
              entitiesFile.toString());
      return new Head(file, root, business, entitiesFile, entities);
    }

    Path dir() {
      return file.getParent();
    }
  }

  /**
   * File sources name a path; API sources (IMAP, Stripe, Google) may not, and when they do it is
   * where they keep what they fetch, made on the first fetch.
   */
  private static Path optionalPath(Section spec, Path dir, boolean madeByTheSource)
      throws MappingException {
    String path = spec.optionalText("path");
    if (path == null) {
      return null;
    }
    return madeByTheSource
        ? dir.resolve(path).normalize()
        : existing(spec, "path", dir.resolve(path));
  }

  /**
   * Connector options (host, port, key file...), validated by the connector that reads them. Values
   * are text; secrets are never written here, only the names of the environment variables or files
   * that hold them. Options naming a file or directory are resolved against the config's directory,
   * like {@code path}.
   */
  private static Map<String, String> options(Section spec, Path dir, String what)
      throws MappingException {
    String type = spec.text("type");
    OptionSet declared = declaredOptions(spec, type);
    Map<String, String> options =
        spec.has("options") ? PathOptions.resolve(spec.textMap("options"), dir) : Map.of();
    checkOptions(spec, declared, options, what);
    return options;
  }

  /**
   * The options a source of {@code type} declares. An unknown type fails here, at its line, rather
   * than when the source is opened, where the message could name the source but not the line.
   */
  private static OptionSet declaredOptions(Section spec, String type) throws MappingException {
    List<String> types = SourceReaders.types();
    if (!types.contains(type)) {
      throw spec.error(
          "type",
          "unknown source type \""
              + type
              + "\""
              + Section.didYouMean(type, types)
              + "; known types: "
              + String.join(", ", types));
    }
    return SourceReaders.options(type);
  }

  /**
   * Checks {@code options} against what the type declares, as the connector will when it opens the
   * source, so that an unknown option or a bad value fails at the line of its key: each name, then
   * each value, then the rules between them (a missing required option fails at {@code options:},
   * or at the source when it has none).
   */
  private static void checkOptions(
      Section spec, OptionSet declared, Map<String, String> options, String what)
      throws MappingException {
    String owner = declared.owner() + " " + what;
    if (!options.isEmpty()) {
      String where = spec.where().isEmpty() ? "options" : spec.where() + ": options";
      Section section = spec.section("options", where);
      List<String> known = declared.options().stream().map(Option::name).toList();
      for (String name : options.keySet()) {
        if (declared.option(name).isEmpty()) {
          throw section.error(
              name,
              "unknown option of "
                  + owner
                  + Section.didYouMean(name, known)
                  + (known.isEmpty()
                      ? "; " + declared.owner() + " takes no options"
                      : "; known options: " + String.join(", ", known)));
        }
      }
      for (Map.Entry<String, String> given : options.entrySet()) {
        Option<?> option = declared.option(given.getKey()).orElseThrow();
        String text = given.getValue();
        if (text != null && (!text.isBlank() || option.isEmptyAllowed())) {
          try {
            option.parse(text);
          } catch (InvalidOptionException e) {
            throw section.error(given.getKey(), e.problem() + " (" + owner + ")", e);
          }
          String missing = missingSecret(option, text);
          if (missing != null) {
            throw section.error(given.getKey(), missing + " (" + owner + ")");
          }
        }
      }
    }
    try {
      declared.read(options);
    } catch (InvalidOptionException e) {
      throw spec.error(spec.has("options") ? "options" : null, owner + ": " + e.getMessage(), e);
    }
  }

  /**
   * What is wrong with the secret an option names, or null when it is there: an environment
   * variable not set or empty, a file that does not exist, is a directory, cannot be read or holds
   * nothing but blanks. The source reads it only when it connects, after the run had started: such
   * a source was then listed as not read (exit 3, the other sources read) where a mistake of the
   * configuration stops the run before anything is read (exit 2). Never says the secret.
   */
  static String missingSecret(Option<?> option, String text) {
    if (option.isSecretEnv()) {
      String value = System.getenv(text);
      if (value == null) {
        return "the environment variable " + text + " is not set";
      }
      return value.isBlank() ? "the environment variable " + text + " is empty" : null;
    }
    if (!option.isSecretFile()) {
      return null;
    }
    Path file = Path.of(text);
    if (!Files.exists(file)) {
      return file + " does not exist";
    }
    if (Files.isDirectory(file)) {
      return file + " is a directory, not the file holding the secret";
    }
    try {
      if (Files.readString(file, StandardCharsets.UTF_8).isBlank()) {
        return file + " is empty: it must hold the secret (a trailing newline is left out)";
      }
    } catch (AccessDeniedException e) {
      return file + " cannot be read: permission denied";
    } catch (IOException e) {
      return file + " cannot be read: " + e.getClass().getSimpleName();
    }
    return null;
  }

  private static Business business(Section spec) throws MappingException {
    spec.allowOnly(Set.of("name", "timezone", "phone_region", "currency"));
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
    String currency = spec.optionalText("currency");
    if (currency != null) {
      currency = currency.strip().toUpperCase(Locale.ROOT);
      if (MoneyValue.currency(currency) == null) {
        throw spec.error(
            "currency", "\"" + currency + "\" is not an ISO 4217 currency code (e.g. EUR)");
      }
    }
    return new Business(spec.text("name"), timezone, region, currency);
  }

  private static BackupConfig backup(
      Section spec, Path dir, EntityModel entities, Business business) throws MappingException {
    spec.allowOnly(Set.of("type", "path", "mapping", "taken_at", "options"));
    Path mappingFile = existing(spec, "mapping", dir.resolve(spec.text("mapping")));
    String mappingText = read(spec, "mapping", mappingFile, "mapping");
    mapping(mappingText, mappingFile.toString(), entities, business);
    Instant takenAt = instant(spec, "taken_at");
    return new BackupConfig(
        spec.text("type"),
        optionalPath(spec, dir, SourceReaders.writesItsPath(spec.text("type"))),
        mappingFile,
        mappingText,
        takenAt,
        options(spec, dir, "backup"));
  }

  /**
   * Merge orders name sources; a misspelt one would silently never win, so a name near a configured
   * source is refused. A name near none is accepted: one entity model serves the configurations of
   * a recovery whose sources arrive over days (Stripe's export on day 2), and {@link
   * #mergeOrderNotes()} says what it skips.
   */
  private static void checkMergeOrders(EntityModel entities, Set<String> sources)
      throws MappingException {
    for (EntityType type : entities.types().values()) {
      for (var merge : type.merge().entrySet()) {
        List<String> order = merge.getValue().order();
        for (String source : order) {
          // a name near a configured source the order names as well is another source still to
          // come ("gmail" beside "mail"), not a misspelling of it
          List<String> unnamed = sources.stream().filter(name -> !order.contains(name)).toList();
          String near = sources.contains(source) ? "" : Section.didYouMean(source, unnamed);
          if (!near.isEmpty()) {
            throw entities.mergeError(
                type.name(),
                merge.getKey(),
                "order",
                "\""
                    + source
                    + "\" is not a configured source"
                    + near
                    + " (sources: "
                    + String.join(", ", sources.stream().sorted().toList())
                    + ")");
          }
        }
      }
    }
  }

  /**
   * One line per merge order of the entity model that names a source this configuration does not
   * read: its claims can only come in a later configuration, and the order skips it. Empty when
   * every named source is configured.
   */
  public List<String> mergeOrderNotes() {
    Set<String> configured = new TreeSet<>();
    configured.add(BackupConfig.SOURCE_NAME);
    sources.forEach(source -> configured.add(source.name()));
    List<String> notes = new ArrayList<>();
    for (EntityType type : entities.types().values()) {
      for (var merge : type.merge().entrySet()) {
        List<String> absent =
            merge.getValue().order().stream().filter(name -> !configured.contains(name)).toList();
        if (!absent.isEmpty()) {
          notes.add(
              "Entity model: entity "
                  + type.name()
                  + ", merge of field "
                  + merge.getKey()
                  + ": order names "
                  + String.join(", ", absent)
                  + ", which this configuration does not read: skipped (a source still to come;"
                  + " if it is a misspelling, correct it)");
        }
      }
    }
    return List.copyOf(notes);
  }

  /**
   * One line per field the entity model links or resolves by ({@code linking.compare}, {@code
   * linking.block}, {@code resolve.by}) that no rule of any configured mapping emits, nor a derive
   * or resolve fills: an outside trial's {@code member_phone}, first in compare and block, was
   * never extracted, and only {@code "block.member_phone.keys": 0} deep in summary.json said so.
   * Empty when every such field has a source.
   *
   * @throws MappingException never: the mappings were validated when this config was loaded
   */
  public List<String> neverExtractedNotes() throws MappingException {
    Map<String, Set<String>> filled = new java.util.HashMap<>();
    List<String> searched = new ArrayList<>();
    for (ParsedMapping mapping : parsedMappings()) {
      searched.add(mapping.file().toString());
      mapping
          .mapping()
          .emittedFields()
          .forEach(
              (entity, fields) ->
                  filled.computeIfAbsent(entity, e -> new TreeSet<>()).addAll(fields));
    }
    List<String> notes = new ArrayList<>();
    for (EntityType type : entities.types().values()) {
      Set<String> produced = new TreeSet<>(filled.getOrDefault(type.name(), Set.of()));
      type.derive().forEach(rule -> produced.add(rule.field()));
      // resolve fills a field after matching: what linking compares and blocks by must be emitted
      // or derived (an outside trial blocked charges on the backup rows' customer_email, which
      // only a resolve filled, and no charge met a backup row)
      Set<String> resolvedOnly = new TreeSet<>(type.resolve().keySet());
      resolvedOnly.removeAll(produced);
      produced.addAll(type.resolve().keySet());
      produced.add(LinkingSettings.FIRST_SEEN);
      Map<String, List<String>> usedIn = new java.util.LinkedHashMap<>();
      LinkingSettings linking = entities.linking(type.name());
      if (linking != null) {
        linking
            .compare()
            .forEach(f -> usedIn.computeIfAbsent(f, k -> new ArrayList<>()).add("linking.compare"));
        linking.block().stream()
            .flatMap(List::stream)
            .distinct()
            .forEach(f -> usedIn.computeIfAbsent(f, k -> new ArrayList<>()).add("linking.block"));
      }
      type.resolve()
          .forEach(
              (field, rule) ->
                  rule.by()
                      .keySet()
                      .forEach(
                          by ->
                              usedIn
                                  .computeIfAbsent(by, k -> new ArrayList<>())
                                  .add("resolve." + field + ".by")));
      usedIn.forEach(
          (field, places) -> {
            List<String> linkingPlaces =
                places.stream().filter(place -> place.startsWith("linking.")).distinct().toList();
            if (resolvedOnly.contains(field) && !linkingPlaces.isEmpty()) {
              notes.add(
                  "Entity model ("
                      + entities.fileLabel()
                      + "): "
                      + type.name()
                      + "."
                      + field
                      + " is named in "
                      + String.join(", ", linkingPlaces)
                      + " but no rule of any mapping emits it: only resolve."
                      + field
                      + " fills it, and resolving runs after matching, so linking gets nothing"
                      + " from it; emit it from the mappings (from the backup's own tables with a"
                      + " lookup: mappings/README.md, Lookups in the backup's tables)");
              return;
            }
            if (produced.contains(field)) {
              return;
            }
            notes.add(
                "Entity model ("
                    + entities.fileLabel()
                    + "): "
                    + type.name()
                    + "."
                    + field
                    + " is named in "
                    + String.join(", ", new java.util.LinkedHashSet<>(places))
                    + " but no rule of any mapping emits it"
                    + RecordKinds.nearest(field, produced)
                        .map(n -> " (did you mean " + n + ", which rules do emit?)")
                        .orElse("")
                    + ": linking and resolving get nothing from it (mappings searched: "
                    + String.join(", ", searched)
                    + ")");
          });
    }
    return List.copyOf(notes);
  }

  /**
   * One line per field that a rule claims negated ({@code negate: true}, a refund's amount) while
   * the entity model merges it otherwise than {@code sum}: the newest claim then wins, so a refund
   * made after the payment becomes the field's value, negative. An outside trial's entity model
   * left {@code paid_cents} at the default {@code latest}: nine partly refunded bookings came out
   * with the refund as what was paid ({@code -24600}) and 54 paid in parts with the last part
   * alone, unflagged. Empty when every negated field is summed.
   *
   * @throws MappingException never: the mappings were validated when this config was loaded
   */
  public List<String> negatedNotSummedNotes() throws MappingException {
    // entity, field -> mapping file -> rules
    Map<String, Map<String, Map<String, Set<String>>>> negated = new java.util.TreeMap<>();
    for (ParsedMapping mapping : parsedMappings()) {
      mapping
          .mapping()
          .negatedFields()
          .forEach(
              (entity, fields) ->
                  fields.forEach(
                      (field, rules) ->
                          negated
                              .computeIfAbsent(entity, e -> new java.util.TreeMap<>())
                              .computeIfAbsent(field, f -> new java.util.LinkedHashMap<>())
                              .computeIfAbsent(
                                  mapping.file().toString(), m -> new java.util.TreeSet<>())
                              .addAll(rules)));
    }
    List<String> notes = new ArrayList<>();
    negated.forEach(
        (entity, fields) -> {
          EntityType type = entities.types().get(entity);
          fields.forEach(
              (field, byFile) -> {
                List<String> rules = new ArrayList<>();
                int count = 0;
                for (var file : byFile.entrySet()) {
                  count += file.getValue().size();
                  rules.add(
                      (file.getValue().size() == 1 ? "rule " : "rules ")
                          + String.join(", ", file.getValue())
                          + " ("
                          + file.getKey()
                          + ")");
                }
                MergeRule merge = type == null ? null : type.merge().get(field);
                MergeStrategy strategy = merge == null ? MergeStrategy.LATEST : merge.strategy();
                if (strategy == MergeStrategy.SUM) {
                  return;
                }
                notes.add(
                    "Entity model ("
                        + entities.fileLabel()
                        + "): "
                        + entity
                        + "."
                        + field
                        + " is merged "
                        + strategy.name().toLowerCase(java.util.Locale.ROOT)
                        + (merge == null ? " (the default)" : "")
                        + ", while "
                        + String.join(", ", rules)
                        + " claim"
                        + (count == 1 ? "s" : "")
                        + " it negated (negate: true): one claim wins, so a refund made after the"
                        + " payment becomes the value, negative, and a payment in parts counts its"
                        + " last part alone; a field that adds payments and takes off refunds is"
                        + " merged with strategy: sum (mappings/README.md, Payments that are not"
                        + " the price)");
              });
        });
    return List.copyOf(notes);
  }

  /**
   * Per entity type without a {@code linking:} section whose evidence comes from two or more
   * sources (the backup among them) of which some share no key field with the others, the note that
   * says so: exact linking joins only pieces that share a key value, so one entity known to two
   * such sources comes out as two records, or stays unlinked where a piece holds no key. An outside
   * trial (a mobile dog groomer: widget mails naming no booking, charges made by hand, the
   * groomers' calendars) got 513 NEW appointments for 126 lost ones, every charge and every
   * calendar event a record of its own, and no line said that nothing could join them. Types in the
   * model's order; empty when every type's sources are joined by some key, or it has a section.
   *
   * @throws MappingException never: the mappings were validated when this config was loaded
   */
  public Map<String, String> noSharedKeyNotes() throws MappingException {
    // per type, per source in the config's order (the backup last), the key fields its rules emit
    Map<String, Map<String, Set<String>>> keysBySource = new java.util.LinkedHashMap<>();
    for (ParsedMapping mapping : parsedMappings()) {
      for (Map<String, List<String>> byEntity : mapping.mapping().fieldsByRule().values()) {
        byEntity.forEach(
            (entity, fields) -> {
              EntityType type = entities.types().get(entity);
              if (type == null) {
                return;
              }
              Set<String> keys = new java.util.LinkedHashSet<>();
              type.keys().stream().filter(fields::contains).forEach(keys::add);
              // a keyless piece emitted beside a piece of a type that resolves this one (a
              // calendar event's name-only customer beside its reservation) joins the entity the
              // resolve finds (docs: resolve)
              boolean joinedByResolve =
                  keys.isEmpty()
                      && byEntity.keySet().stream()
                          .map(other -> entities.types().get(other))
                          .filter(other -> other != null && !other.name().equals(entity))
                          .anyMatch(
                              other ->
                                  other.resolve().values().stream()
                                      .anyMatch(rule -> rule.entity().equals(entity)));
              if (joinedByResolve) {
                return;
              }
              keysBySource
                  .computeIfAbsent(entity, e -> new java.util.LinkedHashMap<>())
                  .computeIfAbsent(mapping.source(), s -> new java.util.LinkedHashSet<>())
                  .addAll(keys);
            });
      }
    }
    Map<String, String> notes = new java.util.LinkedHashMap<>();
    for (EntityType type : entities.types().values()) {
      Map<String, Set<String>> bySource = keysBySource.getOrDefault(type.name(), Map.of());
      if (entities.linking(type.name()) != null || bySource.size() < 2) {
        continue;
      }
      // sources joined, directly or through a third, by a key field both emit
      List<List<String>> groups = new ArrayList<>();
      List<Set<String>> groupKeys = new ArrayList<>();
      bySource.forEach(
          (source, keys) -> {
            List<String> joined = new ArrayList<>(List.of(source));
            Set<String> joinedKeys = new java.util.LinkedHashSet<>(keys);
            for (int i = groups.size() - 1; i >= 0; i--) {
              if (groupKeys.get(i).stream().anyMatch(keys::contains)) {
                joined.addAll(0, groups.remove(i));
                Set<String> merged = new java.util.LinkedHashSet<>(groupKeys.remove(i));
                merged.addAll(joinedKeys);
                joinedKeys = merged;
              }
            }
            groups.add(joined);
            groupKeys.add(joinedKeys);
          });
      if (groups.size() < 2) {
        continue;
      }
      List<String> said = new ArrayList<>();
      for (int i = 0; i < groups.size(); i++) {
        Set<String> keys = groupKeys.get(i);
        said.add(
            String.join(" + ", groups.get(i))
                + (keys.isEmpty() ? " (none of its keys)" : " (" + String.join(", ", keys) + ")"));
      }
      String name = type.name();
      notes.put(
          name,
          "Entity model ("
              + entities.fileLabel()
              + "): "
              + name
              + ": no key joins the evidence of these "
              + groups.size()
              + " groups of sources to each other: "
              + String.join("; ", said)
              + ". Exact linking joins only pieces that share a key value, so one "
              + name
              + " known to two of them comes out as two records (a piece that holds no key of "
              + name
              + " stays unlinked), and nothing says they are one; "
              + name
              + " has no linking: section, which is what weighs such pieces against each other"
              + " by the fields they do share (a name, an email, a day, an amount). Add one"
              + " (docs/linking.md, Configuration), or map into these sources a key they all"
              + " write");
    }
    return notes;
  }

  /** A source's mapping as the checks at the start of a run read it. */
  private record ParsedMapping(String source, Path file, SourceMapping mapping) {}

  /**
   * Every source's mapping in the config's order, the backup's last, each parsed anew (a source
   * that shares its file with another gets its own).
   *
   * @throws MappingException never: the mappings were validated when this config was loaded
   */
  private List<ParsedMapping> parsedMappings() throws MappingException {
    List<ParsedMapping> parsed = new ArrayList<>();
    for (SourceConfig source : sources) {
      parsed.add(
          new ParsedMapping(
              source.name(),
              source.mappingFile(),
              SourceMapping.parse(
                  source.mappingText(), source.mappingFile().toString(), entities, business)));
    }
    if (backup != null) {
      parsed.add(
          new ParsedMapping(
              BackupConfig.SOURCE_NAME,
              backup.mappingFile(),
              SourceMapping.parse(
                  backup.mappingText(), backup.mappingFile().toString(), entities, business)));
    }
    return parsed;
  }

  private static Path existing(Section spec, String key, Path path) throws MappingException {
    Path normalized = path.normalize();
    if (!Files.exists(normalized)) {
      throw spec.error(key, normalized + " does not exist");
    }
    return normalized;
  }

  /**
   * {@link #read(Path, String)} of a file a key of the run config names: a failure is said at that
   * key's line, as a file that does not exist is, where it named the file alone (a mapping that is
   * a directory, or unreadable).
   */
  private static String read(Section spec, String key, Path file, String what)
      throws MappingException {
    try {
      return read(file, what);
    } catch (MappingException e) {
      throw spec.error(key, e.getMessage(), e.getCause());
    }
  }

  private static String read(Path file, String what) throws MappingException {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      // the exceptions of a missing or forbidden file say nothing but the path
      String why =
          e instanceof NoSuchFileException
              ? "it does not exist"
              : e instanceof AccessDeniedException
                  ? "permission denied"
                  : Files.isDirectory(file)
                      ? "it is a directory, not a file"
                      : String.valueOf(e.getMessage());
      throw new MappingException("Cannot read " + what + " " + file + ": " + why, e);
    }
  }
}
