package dev.salvage.pipeline.map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.calendar.IcsReader;
import dev.salvage.connectors.email.MailNotes;
import dev.salvage.mappings.BackupConfig;
import dev.salvage.mappings.LookupSpec;
import dev.salvage.mappings.LookupTables;
import dev.salvage.mappings.MappingException;
import dev.salvage.mappings.MappingResult;
import dev.salvage.mappings.Observation;
import dev.salvage.mappings.RecordRejectedException;
import dev.salvage.mappings.RunContext;
import dev.salvage.mappings.SourceMapping;
import dev.salvage.pipeline.beam.Coders;
import dev.salvage.pipeline.beam.Counts;
import dev.salvage.pipeline.beam.SmallOutputs;
import dev.salvage.pipeline.bundle.IgnoredEntry;
import dev.salvage.pipeline.bundle.IgnoredWhy;
import dev.salvage.pipeline.bundle.Json;
import dev.salvage.pipeline.bundle.RunSummary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.RawUnionValue;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Applies each source's mapping to its raw records. Every record ends up in exactly one of three
 * places: used (it produced observations), ignored (no rule matched) or quarantined (a rule matched
 * but a value could not be parsed), and each of those is counted per source and per rule.
 */
public final class MapRecords extends PTransform<PCollection<RawRecord>, PCollectionTuple> {
  public static final TupleTag<Observation> OBSERVATIONS = new TupleTag<>() {};
  public static final TupleTag<Quarantined> QUARANTINED = new TupleTag<>() {};

  /**
   * Every ignored record with why, as lines of {@code review/ignored.jsonl} ({@link IgnoredEntry}).
   */
  public static final TupleTag<String> IGNORED = new TupleTag<>() {};

  /** The raw records that produced observations: the evidence an operator opens in review. */
  public static final TupleTag<RawRecord> USED = new TupleTag<>() {};

  /**
   * The ignored lines and the quarantined records, few, as one output of the mapping step: Flink
   * sends every element of every output of a step to the consumer of each output, so each output of
   * its own would copy every used raw record once more (docs/performance.md).
   */
  private static final TupleTag<RawUnionValue> NOTES = new TupleTag<>() {};

  private static final ObjectMapper READER = new ObjectMapper();

  private final MappingPlan plan;
  private final PCollectionView<Map<String, Iterable<String>>> lookups;

  /** Maps records whose rules make no lookup in backup tables. */
  public MapRecords(MappingPlan plan) {
    this(plan, null);
  }

  /**
   * @param lookups the backup's tables indexed by {@link BuildLookupTables}, or null when no rule
   *     makes a lookup
   */
  public MapRecords(MappingPlan plan, PCollectionView<Map<String, Iterable<String>>> lookups) {
    this.plan = plan;
    this.lookups = lookups;
  }

  @Override
  public PCollectionTuple expand(PCollection<RawRecord> records) {
    ParDo.SingleOutput<RawRecord, Observation> map = ParDo.of(new MapRecordFn(plan, lookups));
    if (lookups != null) {
      map = map.withSideInputs(lookups);
    }
    PCollectionTuple mapped =
        records.apply(
            "ApplyMappingRules",
            map.withOutputTags(OBSERVATIONS, TupleTagList.of(USED).and(NOTES)));
    mapped.get(OBSERVATIONS).setCoder(Coders.observation());
    mapped.get(USED).setCoder(Coders.rawRecord());
    mapped.get(NOTES).setCoder(SmallOutputs.coder(StringUtf8Coder.of(), Coders.quarantined()));
    PCollectionTuple notes =
        SmallOutputs.split(
            mapped.get(NOTES),
            "SplitNotes",
            IGNORED,
            StringUtf8Coder.of(),
            QUARANTINED,
            Coders.quarantined());
    return PCollectionTuple.of(OBSERVATIONS, mapped.get(OBSERVATIONS))
        .and(QUARANTINED, notes.get(QUARANTINED))
        .and(USED, mapped.get(USED))
        .and(IGNORED, notes.get(IGNORED));
  }

  /** The counter of the used records of {@code source} whose text was read in another charset. */
  public static String usedMisdecodedCounter(String source) {
    return "source." + source + ".used_misdecoded";
  }

  /**
   * Whether the reader noted a text part whose bytes were not valid in the charset it declares,
   * read in another, or 8-bit bytes of a part or a header read on a guess (no charset declared, or
   * one unknown here): values taken from it may be garbled, and a used record is counted, or the
   * damage would be seen only in its evidence. Read from the parsed notes: in the JSON text a
   * quoted charset name is escaped, and a pattern over it missed such notes.
   */
  static boolean misdecoded(RawRecord record) {
    // most records carry no such note: the JSON is parsed only where one may be
    if (!record.json().contains(" declares ")
        && !record.json().contains(MailNotes.HEADER_CHARSET_GUESSED)
        && !record.json().contains(MailNotes.HEADER_BYTES_LOST)) {
      return false;
    }
    return readerNotes(record).stream().anyMatch(MailNotes::isReadInAnotherCharset);
  }

  /** The counter of the used mails of {@code source} whose mbox split is doubted. */
  public static String usedSplitDoubtedCounter(String source) {
    return "source." + source + ".used_split_doubted";
  }

  /**
   * Whether the mbox reader doubted the separator line the mail starts at: it may be a body line of
   * the mail before, pasted there unquoted with an older mail after it, whose values a rule may now
   * take for this one's.
   */
  static boolean splitDoubted(RawRecord record) {
    return record.kind().equals("mail")
        && record.json().contains(MailNotes.DOUBTFUL_SPLIT)
        && readerNotes(record).stream().anyMatch(MailNotes::isDoubtfulSplit);
  }

  /** The counter of the used mails of {@code source} dated by a server, not by their sender. */
  public static String usedRedatedCounter(String source) {
    return "source." + source + ".used_redated";
  }

  /**
   * Whether the mail reader dated the mail by its Received header, else its mbox separator line,
   * because its Date header was plainly wrong (after the mail was received or stored, or a reset
   * clock's): counted, since a date so taken decides which evidence is newest.
   */
  static boolean redated(RawRecord record) {
    return record.kind().equals("mail")
        && record.json().contains(MailNotes.WRONG_CLOCK)
        && readerNotes(record).stream().anyMatch(MailNotes::isRedated);
  }

  /**
   * The counter of the used mails of {@code source} their owner discarded for {@code why} ({@code
   * deleted}, {@code trash}, {@code spam}).
   */
  public static String usedDiscardedCounter(String source, String why) {
    return USED_DISCARDED + source + "." + why;
  }

  /** The prefix of the counters of {@link #usedDiscardedCounter}. */
  public static final String USED_DISCARDED = "used_discarded.";

  /**
   * The counter of the used mails of {@code source} that the reader notes may be cut or garbled.
   */
  public static String usedPossiblyCutCounter(String source) {
    return "source." + source + ".used_possibly_cut";
  }

  /** The counter of the used mails of {@code source} that are a machine's reply to a mail. */
  public static String usedAutoRepliedCounter(String source) {
    return "source." + source + ".used_auto_replied";
  }

  /**
   * The counter of the used mails of {@code source} whose From a receiving server did not
   * authenticate (DMARC fail, or an aligned SPF fail without a passing DKIM signature).
   */
  public static String usedUnauthenticatedCounter(String source) {
    return "source." + source + ".used_unauthenticated";
  }

  /**
   * The notes of a mail that say its owner discarded it (deleted in Thunderbird, in Trash or Spam),
   * that a machine wrote it in reply to another (out of office), that a receiving server did not
   * authenticate its sender (its From may be forged), or that a text of it was read in a charset
   * guessed, or that the mail may be cut or a part of it garbled: each observation taken from it
   * carries them, so that the record built on it says what its evidence is, and the merge can weigh
   * a value read from garbled or cut text. Empty for other records.
   */
  static List<String> standingNotes(RawRecord record) {
    String json = record.json();
    if (!record.kind().equals("mail")
        || !(json.contains(MailNotes.DISCARDED)
            || json.contains(MailNotes.AUTO_REPLIED)
            || json.contains(MailNotes.SENDER_NOT_AUTHENTICATED)
            || json.contains(" declares ")
            || json.contains(MailNotes.HEADER_CHARSET_GUESSED)
            || json.contains(MailNotes.HEADER_BYTES_LOST)
            || json.contains(MailNotes.MAY_BE_CUT)
            || json.contains(": base64 body "))) {
      return List.of();
    }
    return readerNotes(record).stream()
        .filter(
            note ->
                MailNotes.isDiscarded(note)
                    || MailNotes.isAutoReplied(note)
                    || MailNotes.isSenderNotAuthenticated(note)
                    || MailNotes.isReadInAnotherCharset(note)
                    || MailNotes.isPossiblyCut(note))
        .toList();
  }

  /** The field of a mail record holding the events of its calendar parts. */
  static final String INVITATIONS = "invitations";

  /** The counter of the mails of {@code source} with a calendar part that could not all be read. */
  public static String invitationsUnreadCounter(String source) {
    return "source." + source + ".invitations_unread";
  }

  /**
   * The notes of a mail saying what of its calendar parts (text/calendar, application/ics) could
   * not be read: an event, or the whole part. Empty for other records.
   */
  static List<String> invitationsUnread(RawRecord record) {
    if (!record.kind().equals("mail") || !record.json().contains(MailNotes.INVITATION_IN)) {
      return List.of();
    }
    return readerNotes(record).stream().filter(MailNotes::isInvitationUnread).toList();
  }

  /** The counter of the used events of {@code source} whose times were read in a zone guessed. */
  public static String usedZoneGuessedCounter(String source) {
    return "source." + source + ".used_zone_guessed";
  }

  /**
   * Whether the reader noted a time read in a zone the file does not name (an .ics TZID naming no
   * zone, a floating time where the calendar names none): the values taken from it may be hours
   * off, and a used record is counted, or that would be seen only in its evidence.
   */
  static boolean zoneGuessed(RawRecord record) {
    return record.kind().equals("calendar.event") && record.json().contains(IcsReader.ZONE_GUESSED);
  }

  /**
   * The counter of the ignored records of {@code source} that carry reader notes saying how they
   * were read (a garbled part, a cut text), which may be why no rule matched them.
   */
  public static String ignoredNotedCounter(String source) {
    return "source." + source + ".ignored_noted";
  }

  /** The prefix of the counters of ignored records, per source and {@link IgnoredWhy}. */
  public static final String IGNORED_WHY = "ignored_why.";

  /** The counter of the ignored records of {@code source} ignored for {@code why}. */
  public static String ignoredWhyCounter(String source, IgnoredWhy why) {
    return IGNORED_WHY + source + "." + why.key();
  }

  /**
   * The line of {@code review/ignored.jsonl} for an ignored record: why, a mail's subject and
   * sender to know it by, and the top-level {@code notes} of a mail, {@code _notes} of a calendar
   * event, but those that say what the record is (which {@code why} says) or where it came from.
   *
   * @param rule the rule that matched it, or null
   * @param ruleWithoutEmit whether that rule has no emit (ignoring on purpose)
   * @param kindMapped whether a rule of the source names the record's kind
   */
  static IgnoredEntry ignoredEntry(
      RawRecord record, String rule, boolean ruleWithoutEmit, boolean kindMapped) {
    List<String> notes = new ArrayList<>();
    for (String note : readerNotes(record)) {
      if (!MailNotes.isProvenance(note)) {
        notes.add(note);
      }
    }
    JsonNode mail = record.kind().equals("mail") ? parsed(record) : null;
    IgnoredWhy why;
    if (rule != null && ruleWithoutEmit) {
      why = IgnoredWhy.RULE_WITHOUT_EMIT;
    } else if (!kindMapped) {
      why = IgnoredWhy.KIND_NOT_MAPPED;
    } else if (rule != null) {
      why = IgnoredWhy.RULE_GAVE_NOTHING;
    } else if (mail != null) {
      why = mailWhy(mail);
    } else {
      why = IgnoredWhy.NO_RULE_MATCHED;
    }
    String subject = mail == null ? null : text(mail, "subject");
    if (subject != null && subject.length() > IgnoredEntry.MAX_TEXT) {
      subject = subject.substring(0, IgnoredEntry.MAX_TEXT) + "…";
    }
    return new IgnoredEntry(
        record.source(),
        record.ref(),
        record.location(),
        record.kind(),
        why.key(),
        why == IgnoredWhy.RULE_WITHOUT_EMIT ? rule : null,
        subject,
        mail == null ? null : text(mail, "from"),
        notes);
  }

  /**
   * Whether an ignored record's notes say something of how it was read: an mbox separator line that
   * does not date a mail dated by its Date header says nothing of the mail, and one such separator
   * written on every mail of a file counted every ignored mail as noted; so did the note of a mail
   * read from an mbox file found among mail files (a whole mailbox given to an eml source).
   */
  static boolean notedForCount(IgnoredEntry entry) {
    return entry.notes().stream()
        .anyMatch(
            note -> !MailNotes.isSeparatorNotDating(note) && !MailNotes.isMboxAmongMailFiles(note));
  }

  /** What the mail reader recognised an ignored mail to be, in the order a person would say it. */
  private static IgnoredWhy mailWhy(JsonNode mail) {
    if (notes(mail).anyMatch(note -> note.startsWith(MailNotes.DELIVERY_REPORT))) {
      return IgnoredWhy.DELIVERY_REPORT;
    }
    // before delivery_failed_to: the original a bounce returns has it too (the address left out
    // of its to), and until 2026-12-07 each was counted as a second bounce, never as returned
    if (notes(mail).anyMatch(note -> note.startsWith(MailNotes.RETURNED_UNDELIVERED))) {
      return IgnoredWhy.RETURNED_UNDELIVERED;
    }
    if (mail.path("delivery_failed_to").size() > 0) {
      return IgnoredWhy.DELIVERY_REPORT;
    }
    if (text(mail, "discarded") != null) {
      return IgnoredWhy.DISCARDED;
    }
    // auto-replied only: auto-generated is what an application's own confirmations may say (RFC
    // 3834), and one no rule matched was listed as an automatic reply until 2026-12-07
    if ("auto-replied".equals(text(mail, "auto_submitted"))) {
      return IgnoredWhy.AUTOMATIC_REPLY;
    }
    if ("fail".equals(text(mail, "sender_authentication"))) {
      return IgnoredWhy.SENDER_NOT_AUTHENTICATED;
    }
    for (JsonNode attachment : mail.path("attachments")) {
      if ("message/rfc822".equalsIgnoreCase(attachment.path("type").asText())) {
        return IgnoredWhy.FORWARD_OUTER_MAIL;
      }
    }
    if (MailNotes.forwardsInline(text(mail, "text"), text(mail, "subject"))) {
      return IgnoredWhy.INLINE_FORWARD;
    }
    return IgnoredWhy.NO_RULE_MATCHED;
  }

  private static java.util.stream.Stream<String> notes(JsonNode mail) {
    List<String> notes = new ArrayList<>();
    mail.path("notes").forEach(note -> notes.add(note.asText()));
    return notes.stream();
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() ? value.asText() : null;
  }

  private static JsonNode parsed(RawRecord record) {
    try {
      return READER.readTree(record.json());
    } catch (IOException e) {
      return null;
    }
  }

  /** The mail's {@code discarded} ({@code deleted}, {@code trash}, {@code spam}), or null. */
  private static String discarded(RawRecord record) {
    try {
      JsonNode value = READER.readTree(record.json()).path("discarded");
      return value.isTextual() ? value.asText() : null;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * What the reader noted in a record: the top-level {@code notes} of a mail, {@code _notes} of a
   * calendar event, as parsed from its JSON (a note's quotes are escaped there).
   */
  private static List<String> readerNotes(RawRecord record) {
    String json = record.json();
    // most records carry no note: the JSON is parsed only when one may be there
    if (!json.contains("notes\":[\"")) {
      return List.of();
    }
    JsonNode tree;
    try {
      tree = READER.readTree(json);
    } catch (IOException e) {
      return List.of();
    }
    List<String> notes = new ArrayList<>();
    for (String field : List.of("notes", "_notes")) {
      JsonNode array = tree.path(field);
      if (array.isArray()) {
        for (JsonNode note : array) {
          notes.add(note.asText());
        }
      }
    }
    return notes;
  }

  /**
   * The counter of the values rule {@code rule} of {@code source} found and could not read, left
   * out ({@code unreadable: leave_out}) rather than quarantine their record.
   */
  public static String leftOutCounter(String source, String rule) {
    return "left_out." + source + "." + rule;
  }

  /**
   * The prefix of the counters of ignored records, per source and kind, of a kind no rule of the
   * source's mapping names: a Stripe object of a type the mappings do not read (an {@code
   * issuing.authorization} among charges) was ignored as if a rule had looked at it.
   */
  public static final String IGNORED_KIND = "ignored_kind.";

  /** The counter of the ignored records of {@code source} of a kind none of its rules names. */
  public static String ignoredKindCounter(String source, String kind) {
    return IGNORED_KIND + source + "." + kind;
  }

  /** The prefix of the counters of emits dropped, per source, rule and emit. */
  public static final String DROPPED_EMIT = "dropped_emit.";

  /**
   * The counter of the records whose emit {@code emit} (its name: {@code hire}, {@code pet[1]}) of
   * rule {@code rule} of {@code source} was dropped for a required value missing, while another
   * emit of the record stood.
   */
  public static String droppedEmitCounter(String source, String rule, String emit) {
    return DROPPED_EMIT + source + "." + rule + "/" + emit;
  }

  /**
   * The counter of the records of {@code source} for which the conditions of rule {@code later}
   * held but which rule {@code earlier}, before it in the file, took (first match wins); counted
   * only while {@code later} had matched no record in that worker, so complete for a rule that
   * matched none.
   */
  public static String shadowedCounter(String source, String later, String earlier) {
    return RunSummary.RULES_SHADOWED + source + "." + later + "/" + earlier;
  }

  /** The counter of the lookups rule {@code rule} of {@code source} made that found nothing. */
  public static String missCounter(String source, String rule) {
    return "lookup_miss." + source + "." + rule;
  }

  /** The column names frameworks mark a deleted row with (Laravel, Rails' paranoia, Django). */
  static final List<String> SOFT_DELETE_COLUMNS = List.of("deleted_at", "deleted", "is_deleted");

  /**
   * The counter of the backup rows a rule used whose {@code place} ({@code table.column}) marks
   * them deleted: the application hid them, the run reads them as live.
   */
  public static String softDeletedCounter(String source, String place) {
    return "soft_deleted." + source + "." + place;
  }

  /**
   * The counter of the backup rows of {@code table} whose date-times without an offset a rule read
   * as wall times in {@code zone}: {@code zone_read.backup.customers in Asia/Tokyo}. The import
   * compares it with how the target's columns of that table are written.
   */
  public static String zoneReadCounter(String source, String table, String zone) {
    return "zone_read." + source + "." + table + " in " + zone;
  }

  /** The table of a backup row ({@code table} of its JSON), or null when it has none. */
  static String backupTable(RawRecord record) {
    try {
      JsonNode table = Json.MAPPER.readTree(record.json()).get("table");
      return table == null || !table.isTextual() ? null : table.asText();
    } catch (IOException e) {
      return null; // not a row of the backup's shape: nothing to say of it
    }
  }

  /**
   * {@code table.column} when {@code record} is a backup row that a soft-delete column marks
   * deleted (a date in deleted_at, a true flag in deleted or is_deleted), else null.
   */
  static String softDeleted(RawRecord record) {
    if (!record.json().contains("deleted")) {
      return null; // most rows: no such column, and no parsing
    }
    try {
      JsonNode row = Json.MAPPER.readTree(record.json());
      JsonNode columns = row.path("columns");
      for (String column : SOFT_DELETE_COLUMNS) {
        JsonNode value = columns.get(column);
        String text = value == null || value.isNull() ? "" : value.asText().strip();
        boolean marked =
            column.equals("deleted_at")
                ? !text.isEmpty() && !text.startsWith("0000-00-00")
                : List.of("1", "t", "true", "y", "yes")
                    .contains(text.toLowerCase(java.util.Locale.ROOT));
        if (marked) {
          return row.path("table").asText() + "." + column;
        }
      }
    } catch (IOException e) {
      return null; // not a row of the backup's shape: nothing to say of it
    }
    return null;
  }

  /**
   * The counter of the backup rows whose {@code place} (rule and field) read a date-time without an
   * offset in the business timezone, no zone being given.
   */
  public static String zoneAssumedCounter(String source, String place) {
    return "zone_assumed." + source + "." + place;
  }

  /**
   * The counter of the bundles in which rule {@code rule} of {@code source} gave field {@code
   * field} of {@code entity} a value or a partial one (a hint): 0 (absent) means the rule's path
   * never found it, as when it names a column the backup does not have.
   */
  public static String filledCounter(String source, String rule, String entity, String field) {
    return "filled." + source + "." + rule + "/" + entity + "/" + field;
  }

  /**
   * The counter of the bundles in which rule {@code rule} of {@code source} found no value for
   * field {@code field} of {@code entity} where the same extraction finds one in the quoted text
   * its path leaves out ({@code text_new}): why a field never filled is right to be empty.
   */
  public static String quotedOnlyCounter(String source, String rule, String entity, String field) {
    return "quoted_only." + source + "." + rule + "/" + entity + "/" + field;
  }

  /** The characters the values of one observation may hold together; see {@code oversized}. */
  static final int MAX_OBSERVATION_CHARS = 1_000_000;

  static final class MapRecordFn extends DoFn<RawRecord, Observation> {
    private final MappingPlan plan;
    private final PCollectionView<Map<String, Iterable<String>>> lookups;
    private transient Map<String, SourceMapping> mappings;
    // source -> its rules without emit: the records they match are ignored on purpose
    private transient Map<String, Set<String>> ignoringRules;
    // source -> its rules whose fields read a mail's invitations: a value they take from a mail
    // whose calendar part could not all be read is flagged
    private transient Map<String, Set<String>> invitationRules;
    // source -> the rules that matched a record here: a later rule is asked whether it matched too
    // only while it has matched none, which is what the run's end says of it (first match wins)
    private transient Map<String, Set<String>> matchedRules;
    // source, rule, entity -> the fields filled in this bundle: counted once per bundle, so that
    // knowing which fields a rule ever fills costs no counter per record
    private transient Map<List<String>, Set<String>> filled;
    // source, rule -> the entity/field values found only in quoted text in this bundle
    private transient Map<List<String>, Set<String>> quotedOnly;

    MapRecordFn(MappingPlan plan, PCollectionView<Map<String, Iterable<String>>> lookups) {
      this.plan = plan;
      this.lookups = lookups;
    }

    @Setup
    public void setup() throws MappingException {
      mappings = plan.compile();
      ignoringRules = new HashMap<>();
      mappings.forEach((source, mapping) -> ignoringRules.put(source, mapping.ignoringRules()));
      invitationRules = new HashMap<>();
      mappings.forEach(
          (source, mapping) -> invitationRules.put(source, mapping.rulesReadingUnder(INVITATIONS)));
      matchedRules = new HashMap<>();
    }

    @StartBundle
    public void startBundle() {
      filled = new HashMap<>();
      quotedOnly = new HashMap<>();
    }

    @FinishBundle
    public void finishBundle() {
      filled.forEach(
          (place, fields) ->
              fields.forEach(
                  field ->
                      Counts.add(
                          filledCounter(place.get(0), place.get(1), place.get(2), field), 1)));
      filled.clear();
      quotedOnly.forEach(
          (place, fields) ->
              fields.forEach(
                  field -> {
                    String[] entityField = field.split("/", 2);
                    Counts.add(
                        quotedOnlyCounter(
                            place.get(0), place.get(1), entityField[0], entityField[1]),
                        1);
                  }));
      quotedOnly.clear();
    }

    @ProcessElement
    public void process(ProcessContext context, MultiOutputReceiver out) {
      RawRecord record = context.element();
      RunContext run =
          new RunContext(
              plan.anchors(),
              lookups == null ? LookupTables.NONE : LookupTables.of(context.sideInput(lookups)));
      String source = record.source();
      Counts.add("source." + source + ".read", 1);
      List<String> invitationsUnread = invitationsUnread(record);
      if (!invitationsUnread.isEmpty()) {
        // counted whatever becomes of the mail (used, ignored, quarantined by a rule): that
        // evidence was not read, and its note alone said so
        Counts.add(invitationsUnreadCounter(source), 1);
      }
      SourceMapping mapping = mappings.get(source);
      if (mapping == null) {
        throw new IllegalStateException("No mapping loaded for source " + source);
      }
      MappingResult result;
      Set<String> matched = matchedRules.computeIfAbsent(source, name -> new HashSet<>());
      try {
        result = mapping.apply(record, run, rule -> !matched.contains(rule));
      } catch (RecordRejectedException e) {
        quarantine(out, record, e.getMessage());
        if (e.rule() != null) {
          matched.add(e.rule());
          // the rule matched: a hint that it matched nothing would send the operator to its name
          Counts.add(RunSummary.RULE_QUARANTINED + source + "." + e.rule(), 1);
        }
        return;
      } catch (RuntimeException e) {
        // A bug or an unforeseen input must not lose the record or stop the run.
        quarantine(out, record, "Cannot map " + record.ref() + ": unexpected " + e);
        return;
      } catch (StackOverflowError e) {
        // Java matches a repeated regex group recursively: a rule's pattern on a long text can
        // overflow the stack. That is this record's problem, not the run's.
        quarantine(
            out,
            record,
            "Cannot map "
                + record.ref()
                + ": a rule's pattern recursed too deeply on this record's "
                + record.json().length()
                + " characters (stack overflow); a regex with a repeated group such as (a|b)*"
                + " does this on long text");
        return;
      }
      if (result.rule() != null) {
        matched.add(result.rule());
        for (String later : result.alsoMatched()) {
          Counts.add(shadowedCounter(source, later, result.rule()), 1);
        }
      }
      if (result.rule() == null || result.observations().isEmpty()) {
        Counts.add("source." + source + ".ignored", 1);
        if (!mapping.kinds().contains(record.kind())) {
          Counts.add(ignoredKindCounter(source, record.kind()), 1);
        }
        // what the reader noted (a garbled part, a cut text) may be why no rule matched, and an
        // ignored record is in no other output: listed, or the damage would be seen nowhere; one
        // that a rule without emit matched is ignored on purpose (a channel manager's "CLOSED"
        // events, each with the feed's routine note), and its count is that rule's
        boolean onPurpose =
            result.rule() != null && ignoringRules.get(source).contains(result.rule());
        // every ignored record is listed with why, or an operator asked why a bounce or an
        // out-of-office reply did not count had only "ignored: 17" to look at
        IgnoredEntry ignored =
            ignoredEntry(record, result.rule(), onPurpose, mapping.kinds().contains(record.kind()));
        out.get(NOTES).output(SmallOutputs.first(Json.line(ignored)));
        Counts.add(ignoredWhyCounter(source, IgnoredWhy.of(ignored.why())), 1);
        if (!onPurpose && notedForCount(ignored)) {
          Counts.add(ignoredNotedCounter(source), 1);
        }
        if (result.rule() != null) {
          Counts.add("rule." + source + "." + result.rule(), 1);
        }
        return;
      }
      String oversized = oversized(result.observations());
      if (oversized != null) {
        quarantine(
            out,
            record,
            "Cannot map " + record.ref() + " with rule " + result.rule() + ": " + oversized);
        return;
      }
      Counts.add("source." + source + ".used", 1);
      if (misdecoded(record)) {
        Counts.add(usedMisdecodedCounter(source), 1);
      }
      if (zoneGuessed(record)) {
        Counts.add(usedZoneGuessedCounter(source), 1);
      }
      if (splitDoubted(record)) {
        Counts.add(usedSplitDoubtedCounter(source), 1);
      }
      if (redated(record)) {
        Counts.add(usedRedatedCounter(source), 1);
      }
      List<String> standing = standingNotes(record);
      if (!invitationsUnread.isEmpty() && invitationRules.get(source).contains(result.rule())) {
        standing = new ArrayList<>(standing);
        standing.addAll(invitationsUnread);
      }
      String discarded = standing.isEmpty() ? null : discarded(record);
      if (discarded != null) {
        Counts.add(usedDiscardedCounter(source, discarded), 1);
      }
      if (standing.stream().anyMatch(MailNotes::isAutoReplied)) {
        Counts.add(usedAutoRepliedCounter(source), 1);
      }
      if (standing.stream().anyMatch(MailNotes::isSenderNotAuthenticated)) {
        Counts.add(usedUnauthenticatedCounter(source), 1);
      }
      if (standing.stream().anyMatch(MailNotes::isPossiblyCut)) {
        Counts.add(usedPossiblyCutCounter(source), 1);
      }
      out.get(USED).output(record);
      Counts.add("rule." + source + "." + result.rule(), 1);
      long misses = 0;
      for (Observation observation : result.observations()) {
        if (standing.isEmpty()) {
          out.get(OBSERVATIONS).output(observation);
        } else {
          List<String> notes = new ArrayList<>(observation.notes());
          notes.addAll(standing);
          out.get(OBSERVATIONS).output(observation.withNotes(notes));
        }
        // each guessed field carries a note too, which is no lookup's miss
        misses += observation.notes().size() - observation.guessed().size();
        Set<String> fields =
            filled.computeIfAbsent(
                List.of(source, result.rule(), observation.entityType()), place -> new HashSet<>());
        fields.addAll(observation.fields().keySet());
        // a partial value (a name with initials) is no value, but its path found the text: the
        // warning of a path that finds nothing would send the operator to a right path
        fields.addAll(observation.hints().keySet());
      }
      if (!result.foundOnlyInQuote().isEmpty()) {
        quotedOnly
            .computeIfAbsent(List.of(source, result.rule()), place -> new HashSet<>())
            .addAll(result.foundOnlyInQuote());
      }
      // each value left out as unreadable, and each emit dropped, carries a note too
      misses -= result.valuesLeftOut() + result.emitsDropped().size();
      for (String emit : result.emitsDropped()) {
        Counts.add(droppedEmitCounter(source, result.rule(), emit), 1);
      }
      if (misses > 0) {
        Counts.add(missCounter(source, result.rule()), misses);
      }
      if (result.valuesLeftOut() > 0) {
        Counts.add(leftOutCounter(source, result.rule()), result.valuesLeftOut());
      }
      // only the backup's: a mail or a calendar writes local times for people to read, in the
      // business's zone unless the rule says otherwise, while a database column's zone is
      // whatever the application chose, which the run must not guess silently
      if (source.equals(BackupConfig.SOURCE_NAME)) {
        for (String place : result.businessZoneAssumed()) {
          Counts.add(zoneAssumedCounter(source, place), 1);
        }
        // only a backup row has a table; a mail read in a zone is not parsed again for none
        if (!result.zonesRead().isEmpty() && record.kind().equals(LookupSpec.BACKUP_ROW)) {
          String table = backupTable(record);
          if (table != null) {
            for (String zone : result.zonesRead()) {
              Counts.add(zoneReadCounter(source, table, zone), 1);
            }
          }
        }
        String deleted = softDeleted(record);
        if (deleted != null) {
          Counts.add(softDeletedCounter(source, deleted), 1);
        }
      }
    }

    /**
     * Why one of {@code observations} is too large to go on, or null: its values together hold more
     * than {@link #MAX_OBSERVATION_CHARS} characters (a file or binary data in a text column, a
     * whole mail body mapped to a field). Flink's sort buffers hold a record of a few megabytes at
     * most: one such value stopped the whole run with a stack trace naming no record.
     */
    static String oversized(List<Observation> observations) {
      for (Observation observation : observations) {
        long total = 0;
        String largest = null;
        int largestLength = -1;
        for (Map.Entry<String, String> field : observation.fields().entrySet()) {
          int length = field.getValue() == null ? 0 : field.getValue().length();
          total += length;
          if (length > largestLength) {
            largest = field.getKey();
            largestLength = length;
          }
        }
        if (total > MAX_OBSERVATION_CHARS) {
          return "its "
              + observation.entityType()
              + "'s values hold "
              + total
              + " characters, more than the "
              + MAX_OBSERVATION_CHARS
              + " one piece of evidence may hold (field "
              + largest
              + " alone "
              + largestLength
              + "): a file or binary data in a text column, or a whole text mapped to a field?"
              + " Map a part of it (a regex), or leave the field out";
        }
      }
      return null;
    }

    private static void quarantine(MultiOutputReceiver out, RawRecord record, String reason) {
      out.get(NOTES)
          .output(
              SmallOutputs.second(
                  new Quarantined(record.source(), record.location(), reason, record.json())));
      Counts.add("source." + record.source() + ".quarantined", 1);
    }
  }
}
