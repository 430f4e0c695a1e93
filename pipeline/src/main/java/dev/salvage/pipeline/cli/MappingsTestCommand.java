package dev.salvage.pipeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.connectors.InvalidSourceException;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.RecordSink;
import dev.salvage.connectors.SourceReaders;
import dev.salvage.connectors.UnreadPartitionException;
import dev.salvage.connectors.email.EmlDirectoryReader;
import dev.salvage.mappings.BackupConfig;
import dev.salvage.mappings.Business;
import dev.salvage.mappings.EntityModel;
import dev.salvage.mappings.EntityType;
import dev.salvage.mappings.LookupSpec;
import dev.salvage.mappings.LookupTables;
import dev.salvage.mappings.MappingResult;
import dev.salvage.mappings.Observation;
import dev.salvage.mappings.RecordRejectedException;
import dev.salvage.mappings.RunConfig;
import dev.salvage.mappings.RunContext;
import dev.salvage.mappings.SourceMapping;
import dev.salvage.mappings.TimeAnchors;
import dev.salvage.mappings.ValueCheck;
import dev.salvage.pipeline.bundle.Json;
import dev.salvage.pipeline.values.LookAlikes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code salvage mappings test}: shows what a mapping file makes of one mail, or of the records of
 * any input file, for writing rules quickly: the rule that matched and its observations, or why a
 * record is ignored or quarantined.
 */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    description = {
      "Applies a mapping file to one mail (.eml), or to the records of any input file a source"
          + " type reads (--input with --type: a Stripe page, a calendar, a backup dump...), and"
          + " prints per record the rule that matched and the observations it produced, or why"
          + " the record would be ignored or quarantined.",
      "Every record read is mapped and counted, whatever --limit shows; the output ends with"
          + " totals per rule (matched, emitted, quarantined with the first reason) and of the"
          + " records no rule matched.",
      "Exit code: 0 when every record read matched a rule or none (ignored), 1 when one would be"
          + " quarantined (shown or not), 2 on a bad mapping or entities file (refused as a run"
          + " refuses it)."
    })
final class MappingsTestCommand implements Callable<Integer> {
  private static final String ENTITIES_FILE = "entities.yaml";

  @Option(
      names = "--mapping",
      required = true,
      paramLabel = "FILE",
      description = "The source mapping file to try.")
  Path mapping;

  @Option(names = "--mail", paramLabel = "FILE.eml", description = "One mail.")
  Path mail;

  @Option(
      names = "--input",
      paramLabel = "FILE",
      description =
          "An input file of the source type given with --type, whose records are mapped in turn.")
  Path input;

  @Option(
      names = "--type",
      paramLabel = "TYPE",
      description =
          "The source type that reads --input, as in the run config (stripe-json, stripe-csv, ics,"
              + " calendar-json, pgdump, mysqldump, backup-csv, backup-jsonl, mbox, eml).")
  String type;

  @Option(
      names = "--ref",
      paramLabel = "REF",
      description = "Map only the record with this ref (e.g. stripe:ch_123, backup:customers#7).")
  String ref;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "20",
      description =
          "Show at most N records of --input (default: ${DEFAULT-VALUE}); every record is still"
              + " mapped and counted in the totals.")
  int limit;

  @Option(
      names = "--entities",
      paramLabel = "FILE",
      description =
          "The entity model (default: entities.yaml beside the mapping file or in its parent"
              + " directory).")
  Path entities;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "A run config (salvage.yaml) to take the business time zone, phone region, entity"
              + " model, as_of and backup from; its sources' files need not exist. Lookups are"
              + " made in the tables of its backup, which is read for them.")
  Path config;

  @Option(
      names = "--zone",
      paramLabel = "ZONE",
      description =
          "Time zone of dates written without one (default: the run config's business timezone;"
              + " without --config, UTC, which the output says).")
  String zone;

  @Option(
      names = "--as-of",
      paramLabel = "INSTANT",
      description =
          "The moment as_of stands for in rules (default: the run config's as_of, else now).")
  String asOf;

  @Option(
      names = "--phone-region",
      paramLabel = "CC",
      description = "Region of phone numbers without a country code, when no --config is given.")
  String phoneRegion;

  @Option(
      names = "--option",
      paramLabel = "KEY=VALUE",
      description =
          "An option of the --type reading --input, or of the eml reader reading --mail, as a"
              + " run config's source or backup takes it (repeatable; with --config, the backup's"
              + " options apply when --type is its type): --option record_table=model for"
              + " Django's dumpdata, --option trusted_authserv_ids=mx.google.com for a mail.")
  Map<String, String> sourceOptions = new HashMap<>();

  @Option(names = "--show-record", description = "Also print the raw record the rules see.")
  boolean showRecord;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Business business;
    EntityModel model;
    RunConfig.Basics run = null;
    String zoneSource;
    if (config != null) {
      run = RunConfig.basics(config);
      Business configured = run.business();
      business =
          zone == null
              ? configured
              : new Business(
                  configured.name(), zone(), configured.phoneRegion(), configured.currency());
      zoneSource = zone == null ? "the run config's business timezone" : "--zone";
      model = entities == null ? run.entities() : loadEntities(entities);
    } else {
      business = new Business("test", zone == null ? ZoneId.of("UTC") : zone(), phoneRegion);
      zoneSource =
          zone == null
              ? "no --zone or --config given: times written without an offset are read as UTC"
              : "--zone";
      model = loadEntities(entities != null ? entities : defaultEntities());
    }
    String mappingText = read(mapping, "mapping file");
    SourceMapping rules = RunConfig.mapping(mappingText, mapping.toString(), model, business);
    out.println("Zone: " + business.timezone() + " (" + zoneSource + ")");
    RunContext context = context(rules, run, out);

    if ((mail == null) == (input == null)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Give either --mail FILE.eml or --input FILE with --type TYPE");
    }
    if (mail != null && !Files.isRegularFile(mail)) {
      // read as it was, a directory gave "salvage failed: Is a directory" and a missing file
      // "salvage failed: <its name>", naming neither the option nor what to do
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          Files.isDirectory(mail)
              ? "--mail "
                  + mail
                  + " is a directory; --mail takes one mail file (FILE.eml). To map every mail of"
                  + " a directory (an IMAP snapshot folder, a Maildir): --input "
                  + mail
                  + " --type eml"
              : "--mail " + mail + ": no such file");
    }
    if (input != null && type == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--input needs --type (the source type that reads the file)");
    }
    List<RawRecord> records = new ArrayList<>();
    List<Quarantined> unreadable = new ArrayList<>();
    List<String> notRead = new ArrayList<>();
    RecordSink sink =
        new RecordSink() {
          @Override
          public void accept(RawRecord record) {
            if (ref == null || ref.equals(record.ref())) {
              records.add(record);
            }
          }

          @Override
          public void quarantine(Quarantined bad) {
            unreadable.add(bad);
          }
        };
    if (mail != null && sourceOptions.isEmpty()) {
      new EmlDirectoryReader(business.timezone()).read(mail, "mail", sink);
    } else {
      // --mail with --option (trusted_authserv_ids, max_text_chars) is read as an eml source
      // reads it with those options: until 2026-12-07 they were dropped without a word, and a
      // rule on sender_authentication: pass matched in the run but not here
      String type = mail != null ? "eml" : this.type;
      Path input = mail != null ? mail : this.input;
      // opened as a run opens it, so that the types read through a factory (backup-csv,
      // backup-jsonl), which no plain reader stands for, are read too, with their options
      Map<String, String> options = new HashMap<>();
      if (run != null && run.backup() != null && run.backup().type().equals(type)) {
        options.putAll(run.backup().options());
      }
      options.putAll(sourceOptions);
      try {
        PartitionedSource source =
            SourceReaders.open(
                "test",
                type,
                input,
                SourceReaders.withBusinessZone(type, options, business.timezone()));
        for (String partition : source.partitions()) {
          try {
            source.read(partition, sink);
          } catch (UnreadPartitionException e) {
            // what was read before is valid and is what the operator is checking the mapping on
            notRead.add(e.getMessage());
          } catch (IOException | RuntimeException e) {
            // a reader that gave up without saying what it left (a page cut short): a run lists
            // the partition as not read and goes on, and so does this
            notRead.add(partition + ": " + e.getMessage());
          }
        }
      } catch (InvalidSourceException e) {
        throw new ConfigException(
            (mail != null ? "--option (of the eml reader reading --mail)" : "--type " + type)
                + ": "
                + e.getMessage(),
            e);
      }
    }
    String what = mail != null ? "mail" : "record";
    unreadable.forEach(
        bad -> out.println("Quarantined by the reader at " + bad.location() + ": " + bad.reason()));
    notRead.forEach(partition -> out.println("Not read to its end (exit 3): " + partition));
    if (records.isEmpty()) {
      out.println(
          mail != null && unreadable.isEmpty()
              ? "Quarantined by the mail reader: no mail found"
              : "No " + what + (ref == null ? "" : " with ref " + ref) + " to map");
      return SalvageCli.EXIT_FAILURE;
    }
    int exit = unreadable.isEmpty() ? 0 : SalvageCli.EXIT_FAILURE;
    // a mail file gives the messages attached to it too (a bounce's original, a forwarded
    // message/rfc822), as a run reads them: each is shown, or the one a rule uses stays hidden
    List<RawRecord> shown = records;
    if (shown.size() > limit) {
      out.println(
          shown.size() + " records read; the first " + limit + " shown (--limit, or --ref REF)");
      shown = shown.subList(0, limit);
    }
    Tally tally = new Tally(rules.ruleNames());
    for (int i = 0; i < records.size(); i++) {
      RawRecord record = records.get(i);
      Mapped mapped = map(record, rules, context);
      tally.add(mapped);
      if (i < shown.size()) {
        show(record, mapped, rules, model, what, out);
      }
    }
    tally.lines(records.size(), what).forEach(out::println);
    if (tally.quarantined() > 0) {
      // counted over every record read: with --limit 3, a mapping that quarantined 143 of 240
      // mails beyond the third exited 0 in an outside trial
      exit = SalvageCli.EXIT_FAILURE;
    }
    // a record quarantined or refused says more than the input's end; else it was not all read
    return exit == 0 && !notRead.isEmpty() ? SalvageCli.EXIT_INCOMPLETE : exit;
  }

  /** What the rules made of one record: its result, or why it would be quarantined. */
  record Mapped(MappingResult result, RecordRejectedException rejected) {}

  private static Mapped map(RawRecord record, SourceMapping rules, RunContext context) {
    try {
      // every later rule is asked: one that never matches in a run may lose its records here
      return new Mapped(rules.apply(record, context, rule -> true), null);
    } catch (RecordRejectedException e) {
      return new Mapped(null, e);
    }
  }

  /**
   * The counts of every record read, per rule and of those no rule matched: a newcomer learnt that
   * 143 of 240 mails matched a rule by counting "Rule:" lines in a thousand lines of output.
   */
  static final class Tally {
    private final Map<String, int[]> byRule = new LinkedHashMap<>();
    private final Map<String, String> firstReason = new HashMap<>();
    private int ignored;
    private int unreadable;
    private String firstUnreadable;

    Tally(List<String> ruleNames) {
      ruleNames.forEach(name -> byRule.put(name, new int[3]));
    }

    void add(Mapped mapped) {
      if (mapped.rejected() != null) {
        String rule = mapped.rejected().rule();
        if (rule == null) {
          unreadable++;
          if (firstUnreadable == null) {
            firstUnreadable = mapped.rejected().getMessage();
          }
          return;
        }
        counts(rule)[0]++;
        counts(rule)[2]++;
        firstReason.putIfAbsent(rule, mapped.rejected().getMessage());
      } else if (mapped.result().isIgnored()) {
        ignored++;
      } else {
        int[] counts = counts(mapped.result().rule());
        counts[0]++;
        counts[1] += mapped.result().observations().size();
      }
    }

    private int[] counts(String rule) {
      return byRule.computeIfAbsent(rule, name -> new int[3]);
    }

    int quarantined() {
      return unreadable + byRule.values().stream().mapToInt(counts -> counts[2]).sum();
    }

    List<String> lines(int read, String what) {
      List<String> lines = new ArrayList<>();
      lines.add("Totals over the " + read + " " + what + "(s) read:");
      byRule.forEach(
          (rule, counts) -> {
            if (counts[0] == 0) {
              lines.add("  rule " + rule + ": matched none of the " + read);
              return;
            }
            String line =
                "  rule "
                    + rule
                    + ": matched "
                    + counts[0]
                    + ", emitted "
                    + counts[1]
                    + " observation(s), quarantined "
                    + counts[2];
            if (counts[2] > 0) {
              line +=
                  (counts[2] == counts[0] ? " (every record it matched)" : "")
                      + "; the first: "
                      + mappingSuspected(firstReason.get(rule), counts[2], counts[0]);
            }
            lines.add(line);
          });
      lines.add("  matched no rule (ignored): " + ignored);
      if (unreadable > 0) {
        lines.add(
            "  quarantined before any rule (unreadable): "
                + unreadable
                + "; the first: "
                + firstUnreadable);
      }
      return lines;
    }
  }

  /**
   * A rule's first quarantine reason, its advice to mend the source or leave the field out replaced
   * when the rule failed on (nearly) every record it matched, as a whole run replaces it: the
   * format or type is then what is wrong, and leave_out would drop the field from every record.
   */
  static String mappingSuspected(String reason, int quarantined, int matched) {
    int hint = reason == null ? -1 : reason.indexOf(": mend the value in the source, or declare");
    if (hint < 0
        || quarantined < MisfitFields.AT_LEAST
        || quarantined < MisfitFields.NEARLY_ALL * matched) {
      return reason;
    }
    return reason.substring(0, hint)
        + ": the rule's format or type, not the source, is likely wrong, as the rule failed on "
        + (quarantined == matched ? "every record" : "nearly every record")
        + " it matched (a whole run says MAPPING ERROR and exits 3): mend the mapping";
  }

  /** Prints what became of one record. */
  private void show(
      RawRecord record,
      Mapped mapped,
      SourceMapping rules,
      EntityModel model,
      String what,
      PrintWriter out)
      throws IOException {
    out.println((what.equals("mail") ? "Mail: " : "Record: ") + record.ref());
    if (showRecord) {
      out.println("Record:");
      out.println(Json.MAPPER.readTree(record.json()).toPrettyString());
    }
    invitations(Json.MAPPER.readTree(record.json()), out);
    if (mapped.rejected() != null) {
      out.println("Quarantined: " + mapped.rejected().getMessage());
      return;
    }
    MappingResult result = mapped.result();
    if (result.isIgnored()) {
      out.println(
          "Ignored: no rule of "
              + mapping
              + " matched "
              + record.kind()
              + " (its rules: "
              + String.join(", ", rules.ruleNames())
              + ")"
              + (record.kind().equals("stripe.event") && !rules.kinds().contains("stripe.event")
                  ? "." + FieldNotes.STRIPE_EVENT_HINT
                  : ""));
      return;
    }
    out.println("Rule: " + result.rule());
    if (!result.alsoMatched().isEmpty()) {
      out.println(
          "  also matches: " + String.join(", ", result.alsoMatched()) + " (first match wins)");
    }
    if (result.observations().isEmpty()) {
      out.println(
          "The rule matched but produced no observation (the " + what + " counts as ignored).");
    }
    for (Observation observation : result.observations()) {
      out.println("Observation: " + observation.entityType() + " at " + observation.observedAt());
      observation
          .keys()
          .forEach(
              (key, value) -> {
                out.println("  key   " + key + " = " + value);
                lookAlikeNote(key, value).ifPresent(out::println);
              });
      observation
          .fields()
          .forEach((field, value) -> out.println("  field " + field + " = " + value));
      observation
          .hints()
          .forEach(
              (field, value) ->
                  out.println("  hint  " + field + " = " + value + " (partial: not a value)"));
      observation.notes().forEach(note -> out.println("  note  " + note));
      checks(model.type(observation.entityType()), observation).forEach(out::println);
    }
    noValue(
            rules.fieldsByRule().getOrDefault(result.rule(), Map.of()),
            rules.emitsByRule().getOrDefault(result.rule(), List.of()),
            result)
        .forEach(line -> out.println(line));
  }

  /**
   * A line per check of the entity model on the observation's type ({@code checks:}), with whether
   * the observation's values keep it: a rule writer saw the fields, never the checks a run flags
   * records by, so a price read in the wrong unit went unnoticed until review.
   */
  static List<String> checks(EntityType type, Observation observation) {
    if (type == null) {
      return List.of();
    }
    Map<String, String> values = new LinkedHashMap<>(observation.fields());
    values.putAll(observation.keys());
    List<String> lines = new ArrayList<>();
    for (ValueCheck check : type.checks()) {
      String value = values.get(check.field());
      String other = check.kind().ordering() ? values.get(check.operand()) : null;
      String said = "  check " + check.field() + " " + check.describe() + ": ";
      if (value == null || (check.kind().ordering() && other == null)) {
        lines.add(
            said
                + "not judged here ("
                + (value == null ? check.field() : check.operand())
                + " not given)");
      } else if (check.keeps(type.fields().get(check.field()), value, other)) {
        lines.add(said + "kept");
      } else {
        lines.add(
            said
                + "BROKEN by "
                + check.field()
                + " = "
                + value
                + (other == null ? "" : ", " + check.operand() + " = " + other)
                + " (a run flags the record)");
      }
    }
    return lines;
  }

  /**
   * The events of a mail's calendar parts with the paths a rule reads them by: a booking whose time
   * is only in its invite.ics came out without one in an outside trial, and nothing a rule writer
   * looks at showed where the time was.
   */
  private static void invitations(JsonNode record, PrintWriter out) {
    JsonNode invitations = record.path("invitations");
    if (!invitations.isArray() || invitations.isEmpty()) {
      return;
    }
    out.println("Invitations (the mail's calendar events; a rule reads invitations[N].<path>):");
    for (int i = 0; i < invitations.size(); i++) {
      JsonNode invitation = invitations.get(i);
      List<String> values = new ArrayList<>();
      for (String path :
          List.of(
              "method",
              "status",
              "iCalUID",
              "sequence",
              "summary",
              "start.dateTime",
              "start.date",
              "end.dateTime",
              "end.date",
              "location",
              "part")) {
        JsonNode value = invitation;
        for (String step : path.split("\\.")) {
          value = value.path(step);
        }
        if (value.isValueNode() && !value.isNull()) {
          values.add(path + " = " + value.asText());
        }
      }
      out.println("  invitations[" + i + "] " + String.join(", ", values));
    }
  }

  /**
   * A line for each entity the rule emitted whose declared fields no observation of this record
   * gave a value: a path or a pattern that found nothing (an HTML-only mail whose table reads
   * "Pick-up February 24" where the pattern wants "Pick-up: ") is no error, so it is said here.
   */
  static List<String> noValue(
      Map<String, List<String>> declared,
      List<SourceMapping.EmitFields> emits,
      MappingResult result) {
    List<Observation> observations = result.observations();
    Map<String, Set<String>> given = new LinkedHashMap<>();
    Map<String, Set<String>> unreadable = new LinkedHashMap<>();
    Set<List<Object>> emitted = new HashSet<>();
    for (Observation observation : observations) {
      emitted.add(List.of(observation.entityType(), observation.ordinal()));
      Set<String> fields =
          given.computeIfAbsent(observation.entityType(), entity -> new HashSet<>());
      fields.addAll(observation.keys().keySet());
      fields.addAll(observation.fields().keySet());
      fields.addAll(observation.hints().keySet());
      for (String field : declared.getOrDefault(observation.entityType(), List.of())) {
        if (observation.leftOutUnreadable(field)) {
          unreadable
              .computeIfAbsent(observation.entityType(), entity -> new HashSet<>())
              .add(field);
        }
      }
    }
    List<String> lines = new ArrayList<>();
    given.forEach(
        (entity, fields) -> {
          Set<String> leftOut = unreadable.getOrDefault(entity, Set.of());
          List<String> missing =
              declared.getOrDefault(entity, List.of()).stream()
                  .filter(field -> !fields.contains(field))
                  .toList();
          // a field declared only by emits that gave no observation was not looked for: "found
          // nothing" sent the operator to a path that was right (an outside trial's status,
          // declared in an emit whose condition did not hold)
          Map<String, List<String>> notEmitted = new LinkedHashMap<>();
          List<String> lookedForNotFound = new ArrayList<>();
          for (String field : missing) {
            List<SourceMapping.EmitFields> declaring =
                emits.stream()
                    .filter(emit -> emit.entity().equals(entity) && emit.fields().contains(field))
                    .toList();
            boolean lookedFor =
                declaring.isEmpty()
                    || declaring.stream()
                        .anyMatch(emit -> emitted.contains(List.of(entity, emit.ordinal())));
            if (lookedFor) {
              lookedForNotFound.add(field);
            } else {
              notEmitted
                  .computeIfAbsent(
                      declaring.stream()
                          .map(emit -> whyNotEmitted(emit, result.emitsDropped()))
                          .collect(java.util.stream.Collectors.joining("; ")),
                      why -> new ArrayList<>())
                  .add(field);
            }
          }
          List<String> notFound =
              lookedForNotFound.stream().filter(f -> !leftOut.contains(f)).toList();
          List<String> unread = lookedForNotFound.stream().filter(leftOut::contains).toList();
          if (!notFound.isEmpty()) {
            lines.add(
                "No value for "
                    + entity
                    + " field(s) "
                    + String.join(", ", notFound)
                    + ": the rule declares them, but their paths or patterns found nothing in"
                    + " this record");
          }
          if (!unread.isEmpty()) {
            // a leave_out field's pattern did find text: "found nothing" sent people looking at
            // the pattern rather than at the value the note names
            lines.add(
                "No value for "
                    + entity
                    + " field(s) "
                    + String.join(", ", unread)
                    + ": their paths or patterns found text, but it was unreadable and left out"
                    + " (unreadable: leave_out): the notes above say why");
          }
          notEmitted.forEach(
              (why, unsought) ->
                  lines.add(
                      "No value for "
                          + entity
                          + " field(s) "
                          + String.join(", ", unsought)
                          + ": only "
                          + why
                          + ", so they were not looked for in this record"));
        });
    return lines;
  }

  /** Why {@code emit}, which declares a field, gave no observation of this record. */
  private static String whyNotEmitted(SourceMapping.EmitFields emit, List<String> dropped) {
    if (dropped.contains(emit.name())) {
      return "emit " + emit.name() + " declares them, and it was dropped (its note says why)";
    }
    return "emit "
        + emit.name()
        + " declares them, and "
        + (emit.conditions() > 0
            ? "its condition (when) did not hold"
            : "it found nothing of its own in this record");
  }

  /**
   * The run's moments and the backup's tables, as far as they are known: backup_time from the
   * config (its taken_at or the dump's header), as_of from --as-of or the config, else now; the
   * tables the mapping looks up, read from the config's backup.
   */
  private RunContext context(SourceMapping rules, RunConfig.Basics run, PrintWriter out)
      throws ConfigException, IOException {
    Instant backupTime = null;
    if (run != null && run.backupTakenAt() != null) {
      backupTime = run.backupTakenAt();
    } else if (run != null && run.backup() != null && rules.anchors().contains("backup_time")) {
      backupTime = RunInputs.backupTime(run.backup());
    }
    Instant moment;
    if (asOf != null) {
      try {
        moment = OffsetDateTime.parse(asOf).toInstant();
      } catch (DateTimeException e) {
        throw new ConfigException("--as-of: not an ISO-8601 instant with an offset: " + asOf);
      }
    } else {
      moment = run != null && run.asOf() != null ? run.asOf() : Instant.now();
    }
    if (!rules.anchors().isEmpty()) {
      out.println(
          "Moments: backup_time "
              + (backupTime == null ? "unknown (give --config with a backup)" : backupTime)
              + ", as_of "
              + moment);
    }
    LookupTables tables = LookupTables.NONE;
    if (!rules.lookups().isEmpty()) {
      if (run == null || run.backup() == null) {
        out.println("Lookups: not made (give --config with a backup to read its tables)");
      } else {
        tables = backupTables(rules, run.backup(), out);
      }
    }
    return new RunContext(new TimeAnchors(backupTime, moment), tables);
  }

  /** The backup's rows of the tables the mapping looks up, read now. */
  private static LookupTables backupTables(
      SourceMapping rules, BackupConfig backup, PrintWriter out)
      throws ConfigException, IOException {
    PartitionedSource source;
    List<String> partitions;
    try {
      source =
          SourceReaders.open(
              RunCommand.BACKUP_SOURCE, backup.type(), backup.path(), backup.options());
      partitions = source.partitions();
    } catch (InvalidSourceException e) {
      throw new ConfigException(e.getMessage(), e);
    }
    List<RawRecord> rows = new ArrayList<>();
    RecordSink sink =
        new RecordSink() {
          @Override
          public void accept(RawRecord record) {
            if (!LookupSpec.entries(record, rules.lookups()).isEmpty()) {
              rows.add(record);
            }
          }

          @Override
          public void quarantine(Quarantined bad) {}
        };
    for (String partition : partitions) {
      source.read(partition, sink);
    }
    out.println("Lookups: " + rows.size() + " row(s) of the looked-up tables read from the backup");
    return LookupTables.build(rules.lookups(), rows);
  }

  private ZoneId zone() throws ConfigException {
    try {
      return ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new ConfigException("--zone: not a time zone: " + zone);
    }
  }

  private Path defaultEntities() throws ConfigException {
    Path directory = mapping.toAbsolutePath().normalize().getParent();
    for (Path candidate :
        List.of(directory.resolve(ENTITIES_FILE), directory.resolveSibling(ENTITIES_FILE))) {
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new ConfigException(
        "No entity model: give --entities or --config (looked for "
            + ENTITIES_FILE
            + " in "
            + directory
            + " and its parent)");
  }

  private static EntityModel loadEntities(Path file) throws Exception {
    return EntityModel.parse(read(file, "entity model"), file.toString());
  }

  private static String read(Path file, String what) throws ConfigException {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException("Cannot read the " + what + " " + file + ": " + e, e);
    }
  }

  /**
   * The note on a key value holding Greek or Cyrillic letters: keys compare exactly, so an outside
   * trial's Greek mails, writing {@code ΑΣ-1508} where Stripe wrote {@code AS-1508}, made a
   * duplicate of every such booking, and this command showed the key without a word.
   */
  static java.util.Optional<String> lookAlikeNote(String key, String value) {
    List<String> readings = LookAlikes.readings(value);
    if (readings.isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        "  note  "
            + key
            + " "
            + value
            + " is written with "
            + LookAlikes.describe(value)
            + "; read as Latin letters it is "
            + String.join(" or ", readings)
            + ". Keys compare exactly: if other sources write it in Latin letters, the two never"
            + " link, and the run flags both records (mappings/README.md, \"Keys written in two"
            + " scripts\")");
  }
}
