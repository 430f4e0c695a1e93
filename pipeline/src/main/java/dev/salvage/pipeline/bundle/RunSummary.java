package dev.salvage.pipeline.bundle;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.connectors.DecodingNote;
import dev.salvage.connectors.PartitionFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * {@code summary.json}: what a run read, used, ignored and quarantined per source, what it made per
 * entity type and action, its linking counters, and how it was run. Built from the pipeline's
 * summed counters ({@code .work/counts.tsv}) when the run ends; read by the report, the review and
 * the import.
 *
 * @param entities entity type to action ({@link #ACTIONS}) to count
 * @param sources source name to its counts, the backup last
 * @param linking the linking counters, or null in a summary without them
 * @param recordsRead the records read over all sources
 * @param lookupTables per lookup in a backup table ({@code table.match -> take}), the rows read
 * @param run how and when the run was made, or null
 * @param notRead per source, the partitions not read to their end (a folder, a Stripe slice, a
 *     calendar, a file): the run is incomplete when there is any
 * @param incompleteAccepted true when the run was incomplete and the operator accepted it with
 *     {@code --allow-incomplete}; null otherwise
 * @param stoppedAfter the stage a run stopped after ({@code --stop-after}), or null for a whole run
 * @param stages per stage (read ... report, then {@code flink} and {@code jvm} for CPU outside the
 *     stages), its timing and record counts; empty when not measured
 * @param decodingNotes the files read as text in an encoding assumed (not UTF-8, none declared) or
 *     with bytes not valid in their encoding, each with the note the run ended with
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "stopped_after",
  "entities",
  "sources",
  "linking",
  "records_read",
  "lookup_tables",
  "not_read",
  "incomplete_accepted",
  "run",
  "decoding_notes",
  "stages"
})
public record RunSummary(
    Map<String, Map<String, Long>> entities,
    Map<String, SourceCounts> sources,
    Linking linking,
    @JsonProperty("records_read") long recordsRead,
    @JsonProperty("lookup_tables") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<String, Long> lookupTables,
    RunInfo run,
    @JsonProperty("not_read") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<String, List<NotRead>> notRead,
    @JsonProperty("incomplete_accepted") Boolean incompleteAccepted,
    @JsonProperty("stopped_after") String stoppedAfter,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, StageTiming> stages,
    @JsonProperty("decoding_notes") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<DecodingNote> decodingNotes) {

  /** Backup entities with no later evidence: nothing to do, counted only (not in records.jsonl). */
  public static final String CARRIED_OVER = "CARRIED_OVER";

  /**
   * The prefix of the counters, per source and rule ({@code rule_quarantined.backup.booking_row}),
   * of the records a rule matched and could not map.
   */
  public static final String RULE_QUARANTINED = "rule_quarantined.";

  /**
   * The prefix of the counters, per source and {@code rule/earlier rule}, of the records a rule's
   * conditions held for but an earlier rule took.
   */
  public static final String RULES_SHADOWED = "shadowed.";

  /**
   * The prefix of the counters, per source and the source whose copy was kept ({@code
   * copy_of.mail2.mail}), of the mails read that were copies of a mail kept from elsewhere.
   */
  public static final String COPY_OF = "copy_of.";

  /**
   * The prefix of the counters of what a source's readers told apart among the records they passed
   * on ({@code tally.<source>.<what>}: customers a Stripe listing named but did not list, fetched
   * by id; records replayed from a snapshot's pages): said by fetch beside its record count, and by
   * a run among the source's notes.
   */
  public static final String TALLY = "tally.";

  private static final String READ_IN_PARTITION = "read_in_partition.";

  /**
   * The counter of the records read from one partition of a source that counts them ({@code
   * PartitionedSource.countsReadPerPartition}: IMAP folders, Google calendars).
   */
  public static String readInPartitionCounter(String source, String partition) {
    return READ_IN_PARTITION + source + "." + partition;
  }

  /** Evidence that linked to no identifiable entity: in unlinked.jsonl. */
  public static final String UNLINKED = "UNLINKED";

  /** The columns of the per-entity counts, in order: every record action, then those two. */
  public static final List<String> ACTIONS =
      Stream.concat(
              Arrays.stream(ReconstructedRecord.Action.values()).map(Enum::name),
              Stream.of(CARRIED_OVER, UNLINKED))
          .toList();

  public RunSummary {
    entities = ordered(entities, RunSummary::orderedCounts);
    sources = ordered(sources, UnaryOperator.identity());
    lookupTables = ordered(lookupTables, UnaryOperator.identity());
    stages = ordered(stages, UnaryOperator.identity());
    notRead = ordered(notRead, List::copyOf);
    decodingNotes = decodingNotes == null ? List.of() : List.copyOf(decodingNotes);
  }

  /**
   * A partition of a source that was not read to its end after its retries; the records read before
   * the failure are in the run.
   *
   * @param partition the partition (an IMAP folder, a Stripe {@code list/from/to} slice, a calendar
   *     id, a file)
   * @param notRead what was not read (a UID range, a time range after a cursor, a page)
   * @param recordsRead the records of the partition read before it stopped
   * @param lastError the last error, naming the request and the answer
   * @param resumable whether a rerun continues where this one stopped
   * @param rerun what a rerun meets, as the partition's reader said it ({@link
   *     PartitionFailure#rerun}: the same refusal for a Stripe 403, no copy of messages gone from
   *     an IMAP folder), or null when {@code resumable} says it; absent from the JSON when null
   */
  @JsonPropertyOrder({"partition", "not_read", "records_read", "last_error", "resumable", "rerun"})
  public record NotRead(
      String partition,
      @JsonProperty("not_read") String notRead,
      @JsonProperty("records_read") long recordsRead,
      @JsonProperty("last_error") String lastError,
      boolean resumable,
      @JsonInclude(JsonInclude.Include.NON_NULL) String rerun) {
    @JsonCreator
    public NotRead {
      requireNonNull(partition, "partition");
      requireNonNull(notRead, "notRead");
      requireNonNull(lastError, "lastError");
    }

    /** An entry whose rerun does what {@code resumable} says. */
    public NotRead(
        String partition, String notRead, long recordsRead, String lastError, boolean resumable) {
      this(partition, notRead, recordsRead, lastError, resumable, null);
    }

    /** The entry of a source whose partitions could not even be listed: none of it was read. */
    public static NotRead wholeSource(Exception failure) {
      String error = failure.getMessage() == null ? failure.toString() : failure.getMessage();
      if (failure instanceof java.nio.file.AccessDeniedException) {
        // its message is the path alone
        error = "Cannot list " + error + ": permission denied";
      }
      return new NotRead(
          "(every partition)",
          "the whole source: its partitions could not be listed",
          0,
          error,
          false);
    }

    /** The entry of a connector's failure. */
    public static NotRead of(PartitionFailure failure) {
      return new NotRead(
          failure.partition(),
          failure.notRead(),
          failure.read(),
          failure.lastError(),
          failure.resumable(),
          // the run's closing advice was the generic rerun line after a Stripe 403, which the
          // same key meets again: the reader's own advice has to reach it
          failure.rerun());
    }
  }

  /**
   * One line of the pipeline's work file of unread partitions ({@link #readNotRead} reads them):
   * the source, a tab, the {@link NotRead} as JSON.
   */
  public static String notReadLine(PartitionFailure failure) {
    if (failure.isNote()) {
      return NOTE_LINE + failure.source() + "\t" + Json.line(failure.note());
    }
    return failure.source() + "\t" + Json.line(NotRead.of(failure));
  }

  /** The start of a line of the unread partitions' work file that is a partition's note. */
  private static final String NOTE_LINE = "#note\t";

  /**
   * The notes of partitions read to their end that the pipeline wrote beside the unread ones
   * (missing file: none), per source in name order, each source's in order.
   */
  public static Map<String, List<String>> readSourceNotes(Path file) throws IOException {
    Map<String, List<String>> bySource = new TreeMap<>();
    if (!Files.exists(file)) {
      return bySource;
    }
    long number = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      number++;
      int tab = line.indexOf('\t', NOTE_LINE.length());
      if (!line.startsWith(NOTE_LINE) || tab < 0) {
        continue;
      }
      try {
        bySource
            .computeIfAbsent(line.substring(NOTE_LINE.length(), tab), s -> new ArrayList<>())
            .add(Json.MAPPER.readValue(line.substring(tab + 1), String.class));
      } catch (JsonProcessingException e) {
        throw new BundleFormatException(file, number, JsonlFile.problem(e), e);
      }
    }
    bySource.values().forEach(Collections::sort);
    return bySource;
  }

  /**
   * This summary with each source's notes of its partitions read to their end (a backup table some
   * of whose JSON objects lack keys its others have): said on the console by the reader alone, they
   * were in no file.
   */
  public RunSummary withSourceNotes(Map<String, List<String>> notes) {
    if (notes.isEmpty()) {
      return this;
    }
    Map<String, SourceCounts> noted = new LinkedHashMap<>();
    sources.forEach(
        (name, counts) ->
            noted.put(
                name,
                notes.containsKey(name)
                    ? counts.toBuilder()
                        .notes(
                            Stream.concat(counts.notes().stream(), notes.get(name).stream())
                                .toList())
                        .build()
                    : counts));
    return withSources(noted);
  }

  /**
   * This summary with, under {@code linking.<type>.no_shared_key}, the note of each entity type
   * whose sources no key joins (the type having no {@code linking:} section).
   */
  public RunSummary withNoSharedKey(Map<String, String> notes) {
    if (notes.isEmpty()) {
      return this;
    }
    Linking noted =
        (linking == null ? new Linking(Map.of(), Map.of(), Map.of()) : linking)
            .withNoSharedKey(notes);
    return new RunSummary(
        entities,
        sources,
        noted,
        recordsRead,
        lookupTables,
        run,
        notRead,
        incompleteAccepted,
        stoppedAfter,
        stages,
        decodingNotes);
  }

  /** This summary with {@code sources} in place of its per-source counts. */
  private RunSummary withSources(Map<String, SourceCounts> sources) {
    return new RunSummary(
        entities,
        sources,
        linking,
        recordsRead,
        lookupTables,
        run,
        notRead,
        incompleteAccepted,
        stoppedAfter,
        stages,
        decodingNotes);
  }

  /**
   * The unread partitions the pipeline wrote (missing file: none), per source in name order, each
   * source's in partition order, so that equal runs give equal summaries.
   */
  public static Map<String, List<NotRead>> readNotRead(Path file) throws IOException {
    Map<String, List<NotRead>> bySource = new TreeMap<>();
    if (!Files.exists(file)) {
      return bySource;
    }
    long number = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      number++;
      int tab = line.indexOf('\t');
      if (tab <= 0 || line.startsWith(NOTE_LINE)) {
        continue;
      }
      try {
        bySource
            .computeIfAbsent(line.substring(0, tab), s -> new ArrayList<>())
            .add(Json.MAPPER.readValue(line.substring(tab + 1), NotRead.class));
      } catch (JsonProcessingException e) {
        throw new BundleFormatException(file, number, JsonlFile.problem(e), e);
      }
    }
    bySource.values().forEach(list -> list.sort(Comparator.comparing(NotRead::partition)));
    return bySource;
  }

  /** This summary with the partitions not read. */
  public RunSummary withNotRead(Map<String, List<NotRead>> unread) {
    return withNotRead(unread, false);
  }

  /**
   * This summary with the partitions not read, which the operator let the run finish as a success
   * anyway ({@code --allow-incomplete}): recorded as {@code incomplete_accepted} when there are
   * any.
   */
  public RunSummary withNotReadAccepted(Map<String, List<NotRead>> unread) {
    return withNotRead(unread, true);
  }

  private RunSummary withNotRead(Map<String, List<NotRead>> unread, boolean accepted) {
    return new RunSummary(
        entities,
        sources,
        linking,
        recordsRead,
        lookupTables,
        run,
        unread,
        accepted && !unread.isEmpty() ? Boolean.TRUE : null,
        stoppedAfter,
        stages,
        decodingNotes);
  }

  /**
   * These counts with, per source, each rule field no record the rule matched gave a value ({@code
   * rule/entity/field} to the records the rule matched), which the console says too.
   */
  public RunSummary withFieldsNeverFilled(Map<String, Map<String, Long>> bySource) {
    Map<String, SourceCounts> filled = new LinkedHashMap<>();
    sources.forEach(
        (name, counts) ->
            filled.put(
                name,
                counts.toBuilder()
                    .fieldsNeverFilled(bySource.getOrDefault(name, Map.of()))
                    .build()));
    return withSources(filled);
  }

  /**
   * This summary with every rule each source's mapping declares among the source's rules, at 0 when
   * it matched no record: a rule missing from the list was easily taken for one that ran.
   *
   * @param declared per source, its mapping's rule names in the mapping's order
   */
  public RunSummary withDeclaredRules(Map<String, List<String>> declared) {
    Map<String, SourceCounts> filled = new LinkedHashMap<>();
    sources.forEach(
        (name, counts) -> {
          Map<String, Long> rules = new LinkedHashMap<>(counts.rules());
          declared.getOrDefault(name, List.of()).forEach(rule -> rules.putIfAbsent(rule, 0L));
          filled.put(name, counts.toBuilder().rules(rules).build());
        });
    return withSources(filled);
  }

  /** Whether a partition of some source was not read to its end. */
  public boolean incomplete() {
    return !notRead.isEmpty();
  }

  /** A summary of a whole run without stage timings. */
  public RunSummary(
      Map<String, Map<String, Long>> entities,
      Map<String, SourceCounts> sources,
      Linking linking,
      long recordsRead,
      Map<String, Long> lookupTables,
      RunInfo run) {
    this(
        entities,
        sources,
        linking,
        recordsRead,
        lookupTables,
        run,
        Map.of(),
        null,
        null,
        Map.of(),
        List.of());
  }

  /** This summary with its stage timings (see {@link StageTiming}). */
  public RunSummary withStages(Map<String, StageTiming> timings) {
    return new RunSummary(
        entities,
        sources,
        linking,
        recordsRead,
        lookupTables,
        run,
        notRead,
        incompleteAccepted,
        stoppedAfter,
        timings,
        decodingNotes);
  }

  /**
   * This summary of a run whose command finished its work at {@code finished}: the bundle's files
   * joined and the report written, which come after the pipeline's end.
   */
  public RunSummary withFinish(java.time.Instant finished) {
    RunInfo done =
        run == null
            ? null
            : new RunInfo(
                run.config(),
                run.runner(),
                run.parallelism(),
                run.backupTakenAt(),
                run.timezone(),
                run.asOf(),
                run.startedAt(),
                finished.toString(),
                java.time.Duration.between(java.time.Instant.parse(run.startedAt()), finished)
                        .toMillis()
                    / 1000.0);
    return new RunSummary(
        entities,
        sources,
        linking,
        recordsRead,
        lookupTables,
        done,
        notRead,
        incompleteAccepted,
        stoppedAfter,
        stages,
        decodingNotes);
  }

  /** This summary of a run that stopped after {@code stage} ({@code --stop-after}). */
  public RunSummary withStoppedAfter(String stage) {
    return new RunSummary(
        entities,
        sources,
        linking,
        recordsRead,
        lookupTables,
        run,
        notRead,
        incompleteAccepted,
        stage,
        stages,
        decodingNotes);
  }

  /** This summary with the notes on how files were read as text (see {@link DecodingNote}). */
  public RunSummary withDecodingNotes(List<DecodingNote> notes) {
    return new RunSummary(
        entities,
        sources,
        linking,
        recordsRead,
        lookupTables,
        run,
        notRead,
        incompleteAccepted,
        stoppedAfter,
        stages,
        notes);
  }

  /**
   * How long a stage took and how many elements went through it. Fields that do not apply are
   * absent: the {@code flink} and {@code jvm} entries have only CPU.
   *
   * @param wallSeconds from the first element entering the stage to the last leaving it (stages
   *     overlap: Flink streams records from one to the next); for write and report, plus the time
   *     the command spent on them after the pipeline
   * @param cpuSeconds CPU time of the process attributed to the stage by sampling threads, or null
   *     when the workers ran elsewhere (a Flink cluster)
   * @param recordsIn elements that entered the stage
   * @param recordsOut elements it emitted
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"wall_seconds", "cpu_seconds", "records_in", "records_out"})
  public record StageTiming(
      @JsonProperty("wall_seconds") Double wallSeconds,
      @JsonProperty("cpu_seconds") Double cpuSeconds,
      @JsonProperty("records_in") Long recordsIn,
      @JsonProperty("records_out") Long recordsOut) {}

  /**
   * One source's accounting: every record read is used, ignored or quarantined.
   *
   * @param rules mapping rule name to the records it matched
   * @param lookupMisses per rule, the lookups in backup tables that found no single row
   * @param zoneAssumed per place ({@code rule booking_row, field starts_at}), the records that read
   *     a date-time written without an offset in the business timezone, no zone being given
   *     (counted for the backup only)
   * @param filesLeftOut files of its folder its {@code include}/{@code exclude} left out, or null
   * @param notMapped records read but not mapped because the run stopped after reading ({@code
   *     --stop-after read}); 0 otherwise
   * @param ignoredNoted of the ignored records, those that carry their reader's notes (listed in
   *     {@code review/ignored.jsonl}), but for the note of an mbox separator line that does not
   *     date a mail its Date header dates
   * @param rulesQuarantined mapping rule name to the records it matched and could not map (a value
   *     not in its map, a required value missing), which are quarantined: not in {@code rules}
   * @param usedMisdecoded of the used records, those with a text part whose bytes were not valid in
   *     the charset it declares and were read in another (their reader's notes say which): values
   *     taken from such text may be garbled
   * @param usedPossiblyCut of the used records, mails their reader notes may be cut or have a part
   *     garbled (a multipart or HTML that never closes, damaged base64, a half-written escape):
   *     values taken from them may be cut short
   * @param usedZoneGuessed of the used records, calendar events with times read in a zone the file
   *     does not name (their notes say which and why): their times may be hours off
   * @param usedSplitDoubted of the used records, mails of an mbox whose separator line may be a
   *     body line of the mail before, pasted there unquoted (their notes say so): their values may
   *     be an older mail's, quoted
   * @param usedRedated of the used records, mails dated by a server's Received header (else their
   *     mbox separator line), not by their Date header, their sender's clock being plainly wrong
   *     (their notes say so)
   * @param valuesLeftOut mapping rule name to the values it found and could not read, left out
   *     ({@code unreadable: leave_out}) rather than quarantine their record
   * @param quarantinedByReader of the quarantined records, those its reader quarantined before any
   *     rule read them (a row whose date or amount it could not convert, a mail past the size
   *     limit): no rule saw them
   * @param superseded records its reader read fine and left out for another copy of the same record
   *     it passed on (a calendar event's older version in a merged export, or its exact copy): no
   *     rule saw them, and they are no unreadable records; the reader's note names where they are.
   *     read = used + ignored + quarantined + these (+ copies of)
   * @param emitsDropped per {@code rule/emit}, the records whose emit was dropped for a required
   *     value missing while the record's other emits stood: what the emit would have said is in no
   *     record
   * @param rulesShadowed per {@code rule/earlier rule}, for a rule that matched no record, the
   *     records its conditions held for but that the earlier rule took (first match wins)
   * @param ignoredKinds per kind no rule of the source's mapping names (a Stripe object type the
   *     mappings do not read), the records ignored for it: counted among the ignored, they are
   *     evidence no rule looked at
   * @param zoneRead per {@code table in zone} ({@code customers in Asia/Tokyo}), the backup rows of
   *     the table whose date-times written without an offset a rule read as wall times in the zone
   *     (given by the extractor, the mapping file or the business timezone; counted for the backup
   *     only): what the import compares with how it writes that table's columns that have a zone
   * @param softDeleted per {@code table.column} (deleted_at, deleted, is_deleted), the backup rows
   *     a rule used that the column marks deleted: read as live, each a record's backup row
   * @param usedDiscarded of the used records, per reason ({@code deleted}, {@code trash}, {@code
   *     spam}), mails their owner discarded: deleted in Thunderbird but not yet compacted away, in
   *     a Trash or Spam folder, labelled so by Gmail (a staff test, a phishing mail)
   * @param usedAutoReplied of the used records, mails a machine wrote in reply to another (an
   *     out-of-office reply), which quote the mail they answer
   * @param usedUnauthenticated of the used records, mails whose From a receiving server did not
   *     authenticate (DMARC fail, or an aligned SPF fail without a passing DKIM signature, as its
   *     Authentication-Results or Received-SPF header says): anyone may have written them
   * @param invitationsUnread mails (used, ignored or quarantined) with a calendar part (an
   *     invitation, text/calendar or application/ics) of which an event, or the whole part, could
   *     not be read (their notes say which part and why): that evidence is in no record
   * @param copiesOf per source whose copy was kept, the mails read here that were copies of it
   *     (differing at most in delivery headers), left out as one piece of evidence with it: read =
   *     used + ignored + quarantined + these
   * @param messageIdShared mails that share their Message-ID with other mail of other content, kept
   *     apart, each noted
   * @param bouncedByMessageId mails (the sender's Sent copy) whose recipients a bounce of their
   *     Message-ID read elsewhere in the run says delivery failed to, left out of their to and cc
   * @param ignoredWhy of the ignored records, per {@link IgnoredWhy} key, how many were ignored for
   *     it (a bounce, an automatic reply, a forward's outer mail, no rule matched); each is listed
   *     in {@code review/ignored.jsonl}
   * @param notes what the source's readers said of partitions they read to their end (a backup
   *     table some of whose JSON objects lack keys its others have)
   */
  @JsonPropertyOrder({
    "read",
    "used",
    "ignored",
    "ignored_noted",
    "quarantined",
    "quarantined_by_reader",
    "superseded",
    "not_mapped",
    "rules",
    "lookup_misses",
    "zone_assumed",
    "zone_read",
    "files_left_out",
    "rules_quarantined",
    "used_misdecoded",
    "used_possibly_cut",
    "used_zone_guessed",
    "used_split_doubted",
    "used_redated",
    "values_left_out",
    "emits_dropped",
    "rules_shadowed",
    "ignored_kinds",
    "soft_deleted",
    "used_discarded",
    "used_auto_replied",
    "used_unauthenticated",
    "invitations_unread",
    "copies_of",
    "message_id_shared",
    "bounced_by_message_id",
    "ignored_why",
    "read_by_partition",
    "notes"
  })
  public record SourceCounts(
      long read,
      long used,
      long ignored,
      long quarantined,
      Map<String, Long> rules,
      @JsonProperty("lookup_misses") @JsonInclude(JsonInclude.Include.NON_EMPTY)
          Map<String, Long> lookupMisses,
      @JsonProperty("files_left_out") @JsonInclude(JsonInclude.Include.NON_NULL)
          Integer filesLeftOut,
      @JsonProperty("not_mapped") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long notMapped,
      @JsonProperty("zone_assumed") @JsonInclude(JsonInclude.Include.NON_EMPTY)
          Map<String, Long> zoneAssumed,
      @JsonProperty("ignored_noted") @JsonInclude(JsonInclude.Include.NON_DEFAULT)
          long ignoredNoted,
      @JsonProperty("rules_quarantined") @JsonInclude(JsonInclude.Include.NON_EMPTY)
          Map<String, Long> rulesQuarantined,
      @JsonProperty("used_misdecoded") @JsonInclude(JsonInclude.Include.NON_DEFAULT)
          long usedMisdecoded,
      @JsonProperty("used_possibly_cut") @JsonInclude(JsonInclude.Include.NON_DEFAULT)
          long usedPossiblyCut,
      @JsonProperty("used_zone_guessed") @JsonInclude(JsonInclude.Include.NON_DEFAULT)
          long usedZoneGuessed,
      @JsonProperty("used_split_doubted") @JsonInclude(JsonInclude.Include.NON_DEFAULT)
          long usedSplitDoubted,
      @JsonProperty("used_redated") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long usedRedated,
      @JsonProperty("values_left_out") @JsonInclude(JsonInclude.Include.NON_EMPTY)
          Map<String, Long> valuesLeftOut,
      @JsonProperty("quarantined_by_reader") @JsonInclude(JsonInclude.Include.NON_DEFAULT)
          long quarantinedByReader,
      @JsonInclude(JsonInclude.Include.NON_DEFAULT) long superseded,
      @JsonProperty("emits_dropped") @JsonInclude(JsonInclude.Include.NON_EMPTY)
          Map<String, Long> emitsDropped,
      @JsonProperty("rules_shadowed") @JsonInclude(JsonInclude.Include.NON_EMPTY)
          Map<String, Long> rulesShadowed,
      @JsonProperty("ignored_kinds") @JsonInclude(JsonInclude.Include.NON_EMPTY)
          Map<String, Long> ignoredKinds,
      @JsonProperty("soft_deleted") @JsonInclude(JsonInclude.Include.NON_EMPTY)
          Map<String, Long> softDeleted,
      @JsonProperty("used_discarded") @JsonInclude(JsonInclude.Include.NON_EMPTY)
          Map<String, Long> usedDiscarded,
      @JsonProperty("used_auto_replied") @JsonInclude(JsonInclude.Include.NON_DEFAULT)
          long usedAutoReplied,
      @JsonProperty("used_unauthenticated") @JsonInclude(JsonInclude.Include.NON_DEFAULT)
          long usedUnauthenticated,
      @JsonProperty("invitations_unread") @JsonInclude(JsonInclude.Include.NON_DEFAULT)
          long invitationsUnread,
      @JsonProperty("copies_of") @JsonInclude(JsonInclude.Include.NON_EMPTY)
          Map<String, Long> copiesOf,
      @JsonProperty("message_id_shared") @JsonInclude(JsonInclude.Include.NON_DEFAULT)
          long messageIdShared,
      @JsonProperty("bounced_by_message_id") @JsonInclude(JsonInclude.Include.NON_DEFAULT)
          long bouncedByMessageId,
      @JsonProperty("ignored_why") @JsonInclude(JsonInclude.Include.NON_EMPTY)
          Map<String, Long> ignoredWhy,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> notes,
      @JsonProperty("zone_read") @JsonInclude(JsonInclude.Include.NON_EMPTY)
          Map<String, Long> zoneRead,
      @JsonProperty("read_by_partition") @JsonInclude(JsonInclude.Include.NON_EMPTY)
          Map<String, Long> readByPartition,
      @JsonProperty("fields_never_filled") @JsonInclude(JsonInclude.Include.NON_EMPTY)
          Map<String, Long> fieldsNeverFilled) {
    public SourceCounts {
      fieldsNeverFilled =
          fieldsNeverFilled == null
              ? Map.of()
              : ordered(fieldsNeverFilled, UnaryOperator.identity());
      readByPartition =
          readByPartition == null ? Map.of() : ordered(readByPartition, UnaryOperator.identity());
      zoneRead = zoneRead == null ? Map.of() : ordered(zoneRead, UnaryOperator.identity());
      notes = notes == null ? List.of() : List.copyOf(notes);
      ignoredWhy = ignoredWhy == null ? Map.of() : ordered(ignoredWhy, UnaryOperator.identity());
      softDeleted = softDeleted == null ? Map.of() : ordered(softDeleted, UnaryOperator.identity());
      ignoredKinds =
          ignoredKinds == null ? Map.of() : ordered(ignoredKinds, UnaryOperator.identity());
      usedDiscarded =
          usedDiscarded == null ? Map.of() : ordered(usedDiscarded, UnaryOperator.identity());
      copiesOf = copiesOf == null ? Map.of() : ordered(copiesOf, UnaryOperator.identity());
      rulesShadowed =
          rulesShadowed == null ? Map.of() : ordered(rulesShadowed, UnaryOperator.identity());
      emitsDropped =
          emitsDropped == null ? Map.of() : ordered(emitsDropped, UnaryOperator.identity());
      rules = ordered(rules, UnaryOperator.identity());
      rulesQuarantined = ordered(rulesQuarantined, UnaryOperator.identity());
      valuesLeftOut =
          valuesLeftOut == null ? Map.of() : ordered(valuesLeftOut, UnaryOperator.identity());
      lookupMisses = ordered(lookupMisses, UnaryOperator.identity());
      zoneAssumed = ordered(zoneAssumed, UnaryOperator.identity());
    }

    /** Counts without lookups or file selection. */
    public SourceCounts(
        long read, long used, long ignored, long quarantined, Map<String, Long> rules) {
      this(
          read,
          used,
          ignored,
          quarantined,
          rules,
          Map.of(),
          null,
          0,
          Map.of(),
          0,
          Map.of(),
          0,
          0,
          0,
          0,
          0,
          Map.of(),
          0,
          0,
          Map.of(),
          Map.of(),
          Map.of(),
          Map.of(),
          Map.of(),
          0,
          0,
          0,
          Map.of(),
          0,
          0,
          Map.of(),
          List.of(),
          Map.of(),
          Map.of(),
          Map.of());
    }

    /** Counts to build from the four every source has, every other count at none. */
    public static Builder builder(long read, long used, long ignored, long quarantined) {
      return new Builder(read, used, ignored, quarantined);
    }

    /** A builder holding these counts, to change some of them. */
    public Builder toBuilder() {
      Builder builder = new Builder(read, used, ignored, quarantined);
      builder.rules = rules;
      builder.lookupMisses = lookupMisses;
      builder.filesLeftOut = filesLeftOut;
      builder.notMapped = notMapped;
      builder.zoneAssumed = zoneAssumed;
      builder.ignoredNoted = ignoredNoted;
      builder.rulesQuarantined = rulesQuarantined;
      builder.usedMisdecoded = usedMisdecoded;
      builder.usedPossiblyCut = usedPossiblyCut;
      builder.usedZoneGuessed = usedZoneGuessed;
      builder.usedSplitDoubted = usedSplitDoubted;
      builder.usedRedated = usedRedated;
      builder.valuesLeftOut = valuesLeftOut;
      builder.quarantinedByReader = quarantinedByReader;
      builder.superseded = superseded;
      builder.emitsDropped = emitsDropped;
      builder.rulesShadowed = rulesShadowed;
      builder.ignoredKinds = ignoredKinds;
      builder.softDeleted = softDeleted;
      builder.usedDiscarded = usedDiscarded;
      builder.usedAutoReplied = usedAutoReplied;
      builder.usedUnauthenticated = usedUnauthenticated;
      builder.invitationsUnread = invitationsUnread;
      builder.copiesOf = copiesOf;
      builder.messageIdShared = messageIdShared;
      builder.bouncedByMessageId = bouncedByMessageId;
      builder.ignoredWhy = ignoredWhy;
      builder.notes = notes;
      builder.zoneRead = zoneRead;
      builder.readByPartition = readByPartition;
      builder.fieldsNeverFilled = fieldsNeverFilled;
      return builder;
    }

    /**
     * used + ignored + quarantined + superseded + copies of mail kept from elsewhere (+ not mapped,
     * in a run stopped after reading): equal to read when nothing was lost.
     */
    public long accounted() {
      return used
          + ignored
          + quarantined
          + superseded
          + notMapped
          + copiesOf.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Builds counts by name: the record has a component per thing a source's reading can say, and
     * positional calls of its constructor were easy to get wrong.
     */
    public static final class Builder {
      private long read;
      private long used;
      private long ignored;
      private long quarantined;
      private Map<String, Long> rules = Map.of();
      private Map<String, Long> lookupMisses = Map.of();
      private Integer filesLeftOut;
      private long notMapped;
      private Map<String, Long> zoneAssumed = Map.of();
      private long ignoredNoted;
      private Map<String, Long> rulesQuarantined = Map.of();
      private long usedMisdecoded;
      private long usedPossiblyCut;
      private long usedZoneGuessed;
      private long usedSplitDoubted;
      private long usedRedated;
      private Map<String, Long> valuesLeftOut = Map.of();
      private long quarantinedByReader;
      private long superseded;
      private Map<String, Long> emitsDropped = Map.of();
      private Map<String, Long> rulesShadowed = Map.of();
      private Map<String, Long> ignoredKinds = Map.of();
      private Map<String, Long> softDeleted = Map.of();
      private Map<String, Long> zoneRead = Map.of();
      private Map<String, Long> usedDiscarded = Map.of();
      private long usedAutoReplied;
      private long usedUnauthenticated;
      private long invitationsUnread;
      private Map<String, Long> copiesOf = Map.of();
      private long messageIdShared;
      private long bouncedByMessageId;
      private Map<String, Long> ignoredWhy = Map.of();
      private List<String> notes = List.of();
      private Map<String, Long> readByPartition = Map.of();
      private Map<String, Long> fieldsNeverFilled = Map.of();

      private Builder(long read, long used, long ignored, long quarantined) {
        this.read = read;
        this.used = used;
        this.ignored = ignored;
        this.quarantined = quarantined;
      }

      public Builder rules(Map<String, Long> rules) {
        this.rules = rules;
        return this;
      }

      public Builder lookupMisses(Map<String, Long> lookupMisses) {
        this.lookupMisses = lookupMisses;
        return this;
      }

      public Builder filesLeftOut(Integer filesLeftOut) {
        this.filesLeftOut = filesLeftOut;
        return this;
      }

      public Builder notMapped(long notMapped) {
        this.notMapped = notMapped;
        return this;
      }

      public Builder zoneAssumed(Map<String, Long> zoneAssumed) {
        this.zoneAssumed = zoneAssumed;
        return this;
      }

      public Builder ignoredNoted(long ignoredNoted) {
        this.ignoredNoted = ignoredNoted;
        return this;
      }

      public Builder rulesQuarantined(Map<String, Long> rulesQuarantined) {
        this.rulesQuarantined = rulesQuarantined;
        return this;
      }

      public Builder usedMisdecoded(long usedMisdecoded) {
        this.usedMisdecoded = usedMisdecoded;
        return this;
      }

      public Builder usedPossiblyCut(long usedPossiblyCut) {
        this.usedPossiblyCut = usedPossiblyCut;
        return this;
      }

      public Builder usedZoneGuessed(long usedZoneGuessed) {
        this.usedZoneGuessed = usedZoneGuessed;
        return this;
      }

      public Builder usedSplitDoubted(long usedSplitDoubted) {
        this.usedSplitDoubted = usedSplitDoubted;
        return this;
      }

      public Builder usedRedated(long usedRedated) {
        this.usedRedated = usedRedated;
        return this;
      }

      public Builder valuesLeftOut(Map<String, Long> valuesLeftOut) {
        this.valuesLeftOut = valuesLeftOut;
        return this;
      }

      public Builder quarantinedByReader(long quarantinedByReader) {
        this.quarantinedByReader = quarantinedByReader;
        return this;
      }

      public Builder superseded(long superseded) {
        this.superseded = superseded;
        return this;
      }

      public Builder emitsDropped(Map<String, Long> emitsDropped) {
        this.emitsDropped = emitsDropped;
        return this;
      }

      public Builder rulesShadowed(Map<String, Long> rulesShadowed) {
        this.rulesShadowed = rulesShadowed;
        return this;
      }

      public Builder ignoredKinds(Map<String, Long> ignoredKinds) {
        this.ignoredKinds = ignoredKinds;
        return this;
      }

      public Builder zoneRead(Map<String, Long> zoneRead) {
        this.zoneRead = zoneRead;
        return this;
      }

      public Builder softDeleted(Map<String, Long> softDeleted) {
        this.softDeleted = softDeleted;
        return this;
      }

      public Builder usedDiscarded(Map<String, Long> usedDiscarded) {
        this.usedDiscarded = usedDiscarded;
        return this;
      }

      public Builder usedAutoReplied(long usedAutoReplied) {
        this.usedAutoReplied = usedAutoReplied;
        return this;
      }

      public Builder usedUnauthenticated(long usedUnauthenticated) {
        this.usedUnauthenticated = usedUnauthenticated;
        return this;
      }

      public Builder invitationsUnread(long invitationsUnread) {
        this.invitationsUnread = invitationsUnread;
        return this;
      }

      public Builder copiesOf(Map<String, Long> copiesOf) {
        this.copiesOf = copiesOf;
        return this;
      }

      public Builder messageIdShared(long messageIdShared) {
        this.messageIdShared = messageIdShared;
        return this;
      }

      public Builder bouncedByMessageId(long bouncedByMessageId) {
        this.bouncedByMessageId = bouncedByMessageId;
        return this;
      }

      public Builder ignoredWhy(Map<String, Long> ignoredWhy) {
        this.ignoredWhy = ignoredWhy;
        return this;
      }

      public Builder notes(List<String> notes) {
        this.notes = notes;
        return this;
      }

      public Builder readByPartition(Map<String, Long> readByPartition) {
        this.readByPartition = readByPartition;
        return this;
      }

      public Builder fieldsNeverFilled(Map<String, Long> fieldsNeverFilled) {
        this.fieldsNeverFilled = fieldsNeverFilled;
        return this;
      }

      public SourceCounts build() {
        return new SourceCounts(
            read,
            used,
            ignored,
            quarantined,
            rules,
            lookupMisses,
            filesLeftOut,
            notMapped,
            zoneAssumed,
            ignoredNoted,
            rulesQuarantined,
            usedMisdecoded,
            usedPossiblyCut,
            usedZoneGuessed,
            usedSplitDoubted,
            usedRedated,
            valuesLeftOut,
            quarantinedByReader,
            superseded,
            emitsDropped,
            rulesShadowed,
            ignoredKinds,
            softDeleted,
            usedDiscarded,
            usedAutoReplied,
            usedUnauthenticated,
            invitationsUnread,
            copiesOf,
            messageIdShared,
            bouncedByMessageId,
            ignoredWhy,
            notes,
            zoneRead,
            readByPartition,
            fieldsNeverFilled);
      }
    }
  }

  /**
   * The linking counters. On disk one object: {@code oversized_keys}, then one object per entity
   * type with counters (candidate pairs per blocking rule, decisions) and, for a type a model was
   * fitted for, {@code best_possible_weight}, {@code best_possible_parts} and, when that weight is
   * below the type's thresholds, {@code note} ({@link BestPossibleWeight}).
   *
   * @param oversizedKeys key values shared by too many observations to link by, per key
   * @param byEntity entity type to counter name to count
   * @param bestPossible entity type to the most a pair of it could weigh (types with a fitted
   *     model)
   */
  public record Linking(
      Map<String, Long> oversizedKeys,
      Map<String, Map<String, Long>> byEntity,
      Map<String, BestPossibleWeight> bestPossible,
      Map<String, String> noSharedKey) {
    /**
     * What summaries written while linking was label propagation held: rounds that had not settled.
     * Linking is exact now, so it is read past (old bundles stay readable) and never written.
     */
    private static final String UNCONVERGED = "unconverged";

    private static final String OVERSIZED = "oversized_keys";

    private static final String BEST_WEIGHT = "best_possible_weight";
    private static final String BEST_PARTS = "best_possible_parts";
    private static final String NOTE = "note";

    /**
     * Per entity type, what {@code RunConfig.noSharedKeyNotes} says: sources of its evidence that
     * no key joins, the type having no {@code linking:} section.
     */
    private static final String NO_SHARED_KEY = "no_shared_key";

    public Linking {
      oversizedKeys = ordered(oversizedKeys, UnaryOperator.identity());
      byEntity = ordered(byEntity, RunSummary::orderedCounts);
      bestPossible = ordered(bestPossible, UnaryOperator.identity());
      noSharedKey = noSharedKey == null ? Map.of() : ordered(noSharedKey, UnaryOperator.identity());
    }

    public Linking(
        Map<String, Long> oversizedKeys,
        Map<String, Map<String, Long>> byEntity,
        Map<String, BestPossibleWeight> bestPossible) {
      this(oversizedKeys, byEntity, bestPossible, Map.of());
    }

    /** This linking summary with the notes of the types whose sources no key joins. */
    public Linking withNoSharedKey(Map<String, String> notes) {
      return new Linking(oversizedKeys, byEntity, bestPossible, notes);
    }

    /** Counters only, no best possible weights (a summary from before they were counted). */
    public Linking(Map<String, Long> oversizedKeys, Map<String, Map<String, Long>> byEntity) {
      this(oversizedKeys, byEntity, Map.of());
    }

    /**
     * The notes of the entity types whose best possible weight is below their review or link
     * threshold, in the types' order.
     */
    public List<String> notes() {
      List<String> notes = new ArrayList<>();
      bestPossible.values().stream()
          .map(BestPossibleWeight::note)
          .filter(Objects::nonNull)
          .forEach(notes::add);
      return notes;
    }

    @JsonValue
    Map<String, Object> json() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put(OVERSIZED, oversizedKeys);
      Map<String, Map<String, Object>> entities = new LinkedHashMap<>();
      byEntity.forEach((type, counts) -> entities.put(type, new LinkedHashMap<>(counts)));
      bestPossible.forEach(
          (type, best) -> {
            Map<String, Object> ofType = entities.computeIfAbsent(type, t -> new LinkedHashMap<>());
            ofType.put(BEST_WEIGHT, best.weight());
            ofType.put(BEST_PARTS, best.parts());
            if (best.note() != null) {
              ofType.put(NOTE, best.note());
            }
          });
      noSharedKey.forEach(
          (type, note) ->
              entities.computeIfAbsent(type, t -> new LinkedHashMap<>()).put(NO_SHARED_KEY, note));
      json.putAll(entities);
      return json;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Linking fromJson(Map<String, JsonNode> json) {
      Map<String, Long> oversized = Map.of();
      Map<String, Map<String, Long>> byEntity = new LinkedHashMap<>();
      Map<String, BestPossibleWeight> bestPossible = new LinkedHashMap<>();
      Map<String, String> noSharedKey = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> entry : json.entrySet()) {
        switch (entry.getKey()) {
          case UNCONVERGED -> {}
          case OVERSIZED -> oversized = counts(entry.getKey(), entry.getValue(), Map.of());
          default -> {
            Map<String, JsonNode> apart = new LinkedHashMap<>();
            byEntity.put(
                entry.getKey(),
                counts(
                    entry.getKey(),
                    entry.getValue(),
                    Map.of(
                        BEST_WEIGHT, apart, BEST_PARTS, apart, NOTE, apart, NO_SHARED_KEY, apart)));
            if (apart.containsKey(NO_SHARED_KEY)) {
              noSharedKey.put(entry.getKey(), apart.get(NO_SHARED_KEY).asText());
            }
            if (apart.containsKey(BEST_WEIGHT)) {
              Map<String, Double> parts = new LinkedHashMap<>();
              JsonNode partsNode = apart.get(BEST_PARTS);
              if (partsNode != null) {
                partsNode
                    .fields()
                    .forEachRemaining(p -> parts.put(p.getKey(), p.getValue().asDouble()));
              }
              JsonNode note = apart.get(NOTE);
              bestPossible.put(
                  entry.getKey(),
                  new BestPossibleWeight(
                      apart.get(BEST_WEIGHT).asDouble(),
                      parts,
                      note == null || note.isNull() ? null : note.asText()));
            }
          }
        }
      }
      return new Linking(oversized, byEntity, bestPossible, noSharedKey);
    }

    /** The counts of an object, the members named in {@code apart} put there instead. */
    private static Map<String, Long> counts(
        String name, JsonNode node, Map<String, Map<String, JsonNode>> apart) {
      if (!node.isObject()) {
        throw new IllegalArgumentException("linking." + name + " is not an object of counts");
      }
      Map<String, Long> counts = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> count = it.next();
        Map<String, JsonNode> elsewhere = apart.get(count.getKey());
        if (elsewhere != null) {
          elsewhere.put(count.getKey(), count.getValue());
        } else {
          counts.put(count.getKey(), count.getValue().asLong());
        }
      }
      return counts;
    }
  }

  /**
   * How and when the run was made; every part may be missing in a hand-made summary.
   *
   * @param config the run config's absolute path: review and import find the entity model and the
   *     target mapping beside it
   * @param timezone the business's timezone, in which date-times written without an offset were
   *     read where nothing else was said (import compares it with the zone it writes in)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({
    "config",
    "runner",
    "parallelism",
    "backup_taken_at",
    "timezone",
    "as_of",
    "started_at",
    "finished_at",
    "wall_seconds"
  })
  public record RunInfo(
      String config,
      String runner,
      Integer parallelism,
      @JsonProperty("backup_taken_at") String backupTakenAt,
      String timezone,
      @JsonProperty("as_of") String asOf,
      @JsonProperty("started_at") String startedAt,
      @JsonProperty("finished_at") String finishedAt,
      @JsonProperty("wall_seconds") Double wallSeconds) {}

  /** A summary with nothing in it, for a run directory that has none. */
  private static RunSummary empty() {
    return new RunSummary(
        Map.of(), Map.of(), null, 0, Map.of(), null, Map.of(), null, null, Map.of(), List.of());
  }

  /** The run config named in {@code run}, or null. */
  public String config() {
    return run == null ? null : run.config();
  }

  /** The business timezone the run read date-times without an offset in, or null. */
  public String timezone() {
    return run == null ? null : run.timezone();
  }

  /** When the backup was taken (ISO-8601), or null. */
  public String backupTakenAt() {
    return run == null ? null : run.backupTakenAt();
  }

  /**
   * The summary of a finished run from its summed counters.
   *
   * @param countsTsv the pipeline's counters, one {@code name<TAB>count} a line (missing: none)
   * @param sources the configured sources, the backup last
   * @param entityTypes the entity types, in the order to list them
   * @param filesLeftOut per source, the files its file selection left out (sources without one:
   *     absent)
   * @param lookupCounters per lookup in a backup table, the counter of the rows it read
   */
  public static RunSummary fromCounts(
      Path countsTsv,
      List<String> sources,
      List<String> entityTypes,
      Map<String, Integer> filesLeftOut,
      Map<String, String> lookupCounters,
      RunInfo run)
      throws IOException {
    Map<String, Long> counts = readCounts(countsTsv);
    Map<String, Map<String, Long>> entities = new LinkedHashMap<>();
    for (String type : entityTypes) {
      Map<String, Long> byAction = new LinkedHashMap<>();
      for (String action : ACTIONS) {
        byAction.put(action, count(counts, "entity." + type + "." + action));
      }
      entities.put(type, byAction);
    }
    Map<String, SourceCounts> bySource = new LinkedHashMap<>();
    long totalRead = 0;
    for (String source : sources) {
      String prefix = "source." + source + ".";
      SourceCounts of =
          SourceCounts.builder(
                  count(counts, prefix + "read"),
                  count(counts, prefix + "used"),
                  count(counts, prefix + "ignored"),
                  count(counts, prefix + "quarantined"))
              .rules(withPrefix(counts, "rule." + source + "."))
              .lookupMisses(withPrefix(counts, "lookup_miss." + source + "."))
              .filesLeftOut(filesLeftOut.get(source))
              .notMapped(count(counts, prefix + "not_mapped"))
              .zoneAssumed(withPrefix(counts, "zone_assumed." + source + "."))
              .ignoredNoted(count(counts, prefix + "ignored_noted"))
              .rulesQuarantined(withPrefix(counts, RULE_QUARANTINED + source + "."))
              .usedMisdecoded(count(counts, prefix + "used_misdecoded"))
              .usedPossiblyCut(count(counts, prefix + "used_possibly_cut"))
              .usedZoneGuessed(count(counts, prefix + "used_zone_guessed"))
              .usedSplitDoubted(count(counts, prefix + "used_split_doubted"))
              .usedRedated(count(counts, prefix + "used_redated"))
              .valuesLeftOut(withPrefix(counts, "left_out." + source + "."))
              .quarantinedByReader(count(counts, prefix + "quarantined_by_reader"))
              .superseded(count(counts, prefix + "superseded"))
              .emitsDropped(withPrefix(counts, "dropped_emit." + source + "."))
              .rulesShadowed(shadowedOfUnmatched(counts, source))
              .ignoredKinds(withPrefix(counts, "ignored_kind." + source + "."))
              .softDeleted(withPrefix(counts, "soft_deleted." + source + "."))
              .zoneRead(withPrefix(counts, "zone_read." + source + "."))
              .usedDiscarded(withPrefix(counts, "used_discarded." + source + "."))
              .usedAutoReplied(count(counts, prefix + "used_auto_replied"))
              .usedUnauthenticated(count(counts, prefix + "used_unauthenticated"))
              .invitationsUnread(count(counts, prefix + "invitations_unread"))
              .copiesOf(withPrefix(counts, COPY_OF + source + "."))
              .messageIdShared(count(counts, prefix + "message_id_shared"))
              .bouncedByMessageId(count(counts, prefix + "bounced_by_message_id"))
              .ignoredWhy(ignoredWhy(withPrefix(counts, "ignored_why." + source + ".")))
              .notes(tallied(withPrefix(counts, TALLY + source + ".")))
              .readByPartition(withPrefix(counts, READ_IN_PARTITION + source + "."))
              .build();
      bySource.put(source, of);
      totalRead += of.read();
    }
    Map<String, Map<String, Long>> linkingByEntity = new LinkedHashMap<>();
    for (String type : entityTypes) {
      Map<String, Long> ofType = withPrefix(counts, "linking." + type + ".");
      if (!ofType.isEmpty()) {
        linkingByEntity.put(type, ofType);
      }
    }
    Map<String, BestPossibleWeight> bestPossible = new LinkedHashMap<>();
    for (String type : entityTypes) {
      BestPossibleWeight best = BestPossibleWeight.fromCounts(type, counts);
      if (best != null) {
        bestPossible.put(type, best);
      }
    }
    Linking linking =
        new Linking(withPrefix(counts, "linking.oversized_key."), linkingByEntity, bestPossible);
    Map<String, Long> lookupTables = new LinkedHashMap<>();
    lookupCounters.forEach((lookup, counter) -> lookupTables.put(lookup, count(counts, counter)));
    return new RunSummary(
        entities,
        bySource,
        linking,
        totalRead,
        lookupTables,
        run,
        Map.of(),
        null,
        null,
        Map.of(),
        List.of());
  }

  /** The summed counters of a run ({@code .work/counts.tsv}), by name; empty when none. */
  public static Map<String, Long> counters(Path countsTsv) throws IOException {
    return readCounts(countsTsv);
  }

  private static Map<String, Long> readCounts(Path file) throws IOException {
    Map<String, Long> counts = new TreeMap<>();
    if (!Files.exists(file)) {
      return counts;
    }
    long number = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      number++;
      int tab = line.lastIndexOf('\t');
      if (tab > 0) {
        try {
          counts.merge(line.substring(0, tab), Long.parseLong(line.substring(tab + 1)), Long::sum);
        } catch (NumberFormatException e) {
          throw new BundleFormatException(file, number, "the count is not a number", e);
        }
      }
    }
    return counts;
  }

  private static long count(Map<String, Long> counts, String name) {
    return counts.getOrDefault(name, 0L);
  }

  /**
   * The shadowed counts of {@code source}'s rules that matched no record: a rule that matched some
   * was asked only until it did, and its count says nothing whole.
   */
  private static Map<String, Long> shadowedOfUnmatched(Map<String, Long> counts, String source) {
    Map<String, Long> matched = withPrefix(counts, "rule." + source + ".");
    Map<String, Long> shadowed = withPrefix(counts, RULES_SHADOWED + source + ".");
    shadowed
        .keySet()
        .removeIf(
            pair -> {
              String rule = pair.substring(0, pair.lastIndexOf('/'));
              return matched.getOrDefault(rule, 0L) > 0
                  || count(counts, RULE_QUARANTINED + source + "." + rule) > 0;
            });
    return shadowed;
  }

  /** The counters under {@code prefix}, by the rest of their name, in the counters' order. */
  /**
   * A source's ignored records by why, in {@link IgnoredWhy}'s order: as the run's end says them.
   */
  private static Map<String, Long> ignoredWhy(Map<String, Long> counted) {
    Map<String, Long> ordered = new LinkedHashMap<>();
    for (IgnoredWhy why : IgnoredWhy.values()) {
      Long count = counted.get(why.key());
      if (count != null && count > 0) {
        ordered.put(why.key(), count);
      }
    }
    return ordered;
  }

  /** A source's tallies ({@link #TALLY}) as notes: {@code "65 customer(s) fetched by id, ..."}. */
  private static List<String> tallied(Map<String, Long> tallies) {
    List<String> notes = new ArrayList<>();
    tallies.forEach((what, count) -> notes.add(count + " " + what));
    return notes;
  }

  private static Map<String, Long> withPrefix(Map<String, Long> counts, String prefix) {
    Map<String, Long> found = new LinkedHashMap<>();
    counts.forEach(
        (name, n) -> {
          if (name.startsWith(prefix)) {
            found.put(name.substring(prefix.length()), n);
          }
        });
    return found;
  }

  /** Reads {@code summary.json}. */
  public static RunSummary read(Path file) throws IOException {
    try {
      return Json.MAPPER.readValue(file.toFile(), RunSummary.class);
    } catch (JsonProcessingException e) {
      throw new BundleFormatException(file, 0, JsonlFile.problem(e), e);
    }
  }

  /** Reads {@code summary.json}, or an empty summary when the run has none. */
  public static RunSummary readOrEmpty(Path file) throws IOException {
    return Files.exists(file) ? read(file) : empty();
  }

  /** Writes it as indented JSON. */
  public void write(Path file) throws IOException {
    Files.writeString(file, Json.pretty(this), StandardCharsets.UTF_8);
  }

  /** Sources whose read count differs from used + ignored + quarantined (should be none). */
  public List<String> unaccountedSources() {
    List<String> bad = new ArrayList<>();
    sources.forEach(
        (source, counts) -> {
          if (counts.read() != counts.accounted()) {
            bad.add(source + " (read " + counts.read() + ", accounted " + counts.accounted() + ")");
          }
        });
    return bad;
  }

  /** A short table for the terminal. */
  public String report() {
    StringBuilder out = new StringBuilder();
    // mail copies kept once reach no rule: without their column a row read as records lost
    boolean copies = sources.values().stream().anyMatch(counts -> !counts.copiesOf().isEmpty());
    // so do copies of a record left out for a newer copy of it (older calendar event versions)
    boolean superseded = sources.values().stream().anyMatch(counts -> counts.superseded() > 0);
    out.append(
        String.format(
            "%-14s %10s %10s %10s %12s%s%s%n",
            "source",
            "read",
            "used",
            "ignored",
            "quarantined",
            superseded ? String.format(" %10s", "superseded") : "",
            copies ? String.format(" %10s", "copies") : ""));
    sources.forEach(
        (source, counts) ->
            out.append(
                String.format(
                    "%-14s %10d %10d %10d %12d%s%s%n",
                    source,
                    counts.read(),
                    counts.used(),
                    counts.ignored(),
                    counts.quarantined(),
                    superseded ? String.format(" %10d", counts.superseded()) : "",
                    copies
                        ? String.format(
                            " %10d",
                            counts.copiesOf().values().stream().mapToLong(Long::longValue).sum())
                        : "")));
    out.append(String.format("%n%-14s", "entity"));
    for (String action : ACTIONS) {
      out.append(String.format(" %12s", action));
    }
    out.append(System.lineSeparator());
    entities.forEach(
        (type, byAction) -> {
          out.append(String.format("%-14s", type));
          for (String action : ACTIONS) {
            out.append(String.format(" %12d", byAction.getOrDefault(action, 0L)));
          }
          out.append(System.lineSeparator());
        });
    return out.toString();
  }

  private static <V> Map<String, V> ordered(Map<String, V> map, UnaryOperator<V> copy) {
    if (map == null) {
      return Map.of();
    }
    Map<String, V> ordered = new LinkedHashMap<>();
    map.forEach((key, value) -> ordered.put(key, copy.apply(value)));
    return Collections.unmodifiableMap(ordered);
  }

  private static Map<String, Long> orderedCounts(Map<String, Long> map) {
    return ordered(map, UnaryOperator.identity());
  }
}
