package dev.salvage.pipeline.read;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.email.MailNotes;
import dev.salvage.pipeline.beam.Coders;
import dev.salvage.pipeline.beam.Counts;
import dev.salvage.pipeline.beam.SmallOutputs;
import dev.salvage.pipeline.bundle.RunSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.coders.BigEndianLongCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.transforms.join.RawUnionValue;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Keeps one copy of each mail read more than once: copies that differ at most in the delivery
 * headers each server and mailbox wrote into its own ({@link RawRecord#copyKey}), across folders
 * and sources, are one piece of evidence, so no count, confidence or value resolution sees one mail
 * as two. Which copy is kept does not depend on the order of reading: one read on its own before
 * one attached to another mail (a forward, a bounce), then the copy of the source named first in
 * the run config, then the first by folder and location. The copies left out are counted per source
 * and the source of the copy kept ({@link #copiesCounter}). Mails sharing a Message-ID with other
 * content stay apart, each noted. A recipient a bounce says delivery failed to (by its attached
 * original, or the Message-ID it names) is left out of the {@code to} and {@code cc} of every mail
 * of that Message-ID, the sender's Sent copy included, as the reader leaves it out of the returned
 * copy: else the Sent copy still gave the mistyped address as the customer's, unflagged.
 *
 * <p>Any other record read twice by one source (one event in two overlapping calendar exports, one
 * Stripe object in two exports of overlapping date ranges, one backup row in two dumps) is one
 * piece of evidence too when its copies share the copy key and the content: one kept, by location,
 * the others counted as copies of their own source. The content is the JSON for a record whose copy
 * key is its ref, and the key itself where the reader made one that speaks for the content (an .ics
 * event's, which leaves out the file's name). Copies of other content are each kept, as before, and
 * the merge flags their record ({@code EntityMerger.readTwiceDifferently}).
 */
public final class MailCopies extends PTransform<PCollection<RawRecord>, PCollection<RawRecord>> {

  /** The note of a mail that shares its Message-ID with other mail of other content. */
  public static final String SHARED_MESSAGE_ID = "shares its Message-ID with ";

  private static final String MAIL = "mail";
  private static final String SHA256_ID = "email:sha256:";
  // no Message-ID holds a NUL: the keys of other records never meet a mail's
  private static final String RECORD = "\u0000record\u0000";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final TupleTag<RawRecord> ALONE = new TupleTag<>() {};
  private static final TupleTag<KV<String, RawRecord>> MAILS = new TupleTag<>() {};
  private static final TupleTag<KV<String, String>> BOUNCES = new TupleTag<>() {};

  /**
   * {@link #MAILS} and {@link #BOUNCES}, few, as one output beside the many alone ({@link
   * SmallOutputs}).
   */
  private static final TupleTag<RawUnionValue> SHARED = new TupleTag<>() {};

  private static final TupleTag<RawRecord> GROUPED = new TupleTag<>() {};
  private static final TupleTag<String> BOUNCED = new TupleTag<>() {};

  private final List<String> sourceOrder;

  /**
   * @param sourceOrder the source names in the order the run config lists them, which decides whose
   *     copy is kept
   */
  public MailCopies(List<String> sourceOrder) {
    this.sourceOrder = List.copyOf(sourceOrder);
  }

  /** The counter of copies read from {@code source} and left out for a copy of {@code kept}. */
  public static String copiesCounter(String source, String kept) {
    return RunSummary.COPY_OF + source + "." + kept;
  }

  /** The counter of the mails of {@code source} that share their Message-ID with other content. */
  public static String sharedIdCounter(String source) {
    return "source." + source + ".message_id_shared";
  }

  /**
   * Only the records that share their key with another record or with a bounce cross the shuffle
   * that groups by key: the keys are counted first, as hashes (a few bytes a record), and the
   * records under a key met once pass on as they are, which is what grouping did with them.
   * Grouping every record sent each one's whole content through a sort (2.9 GB at 100k
   * reservations), to find the one mail in fifty that has a copy.
   */
  @Override
  public PCollection<RawRecord> expand(PCollection<RawRecord> records) {
    PCollectionView<SharedKeys> shared =
        records
            .apply("HashKeys", ParDo.of(new HashKeysFn()))
            .setCoder(BigEndianLongCoder.of())
            .apply("CountKeys", Count.perElement())
            .apply("KeepSharedKeys", ParDo.of(new SharedKeyFn()))
            .setCoder(BigEndianLongCoder.of())
            .apply("SharedKeys", Combine.globally(new SharedKeysFn()).asSingletonView());
    PCollectionTuple split =
        records.apply(
            "KeyMailByMessageId",
            ParDo.of(new KeyFn(shared))
                .withSideInputs(shared)
                .withOutputTags(ALONE, TupleTagList.of(SHARED)));
    PCollection<RawRecord> alone = split.get(ALONE).setCoder(Coders.rawRecord());
    KvCoder<String, RawRecord> mailCoder = KvCoder.of(StringUtf8Coder.of(), Coders.rawRecord());
    KvCoder<String, String> bounceCoder = KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());
    PCollectionTuple sharing =
        SmallOutputs.split(
            split.get(SHARED).setCoder(SmallOutputs.coder(mailCoder, bounceCoder)),
            "SplitShared",
            MAILS,
            mailCoder,
            BOUNCES,
            bounceCoder);
    PCollection<KV<String, RawRecord>> mails = sharing.get(MAILS);
    PCollection<KV<String, String>> bounces = sharing.get(BOUNCES);
    PCollection<RawRecord> kept =
        KeyedPCollectionTuple.of(GROUPED, mails)
            .and(BOUNCED, bounces)
            .apply("GroupByMessageId", CoGroupByKey.create())
            .apply("KeepOneCopy", ParDo.of(new KeepOneFn(sourceOrder)))
            .setCoder(Coders.rawRecord());
    return PCollectionList.of(alone)
        .and(kept)
        .apply("AloneAndKept", Flatten.pCollections())
        .setCoder(Coders.rawRecord());
  }

  /** The key a record meets its copies under: a mail's Message-ID, another record's copy key. */
  private static String key(RawRecord record) {
    return record.kind().equals(MAIL)
        ? messageIdKey(record)
        : RECORD + record.source() + "\u0000" + record.copyKey();
  }

  /**
   * The Message-ID in a mail's evidence id ({@code email:<Message-ID>#<hash>}); for a mail without
   * one, its copy key, so that only its copies meet it.
   */
  static String messageIdKey(RawRecord mail) {
    String ref = mail.ref();
    int hash = ref.lastIndexOf('#');
    if (ref.startsWith(SHA256_ID) || hash < 0) {
      return mail.copyKey();
    }
    return ref.substring("email:".length(), hash);
  }

  /** Each record's key hash; a bounce's twice under the Message-ID it returns, which it meets. */
  private static final class HashKeysFn extends DoFn<RawRecord, Long> {
    @ProcessElement
    public void process(@Element RawRecord record, OutputReceiver<Long> out) {
      out.output(SharedKeys.hash(key(record)));
      if (record.kind().equals(MAIL)) {
        Bounce bounce = Bounce.of(record);
        if (bounce != null) {
          long returned = SharedKeys.hash(bounce.messageId());
          out.output(returned);
          out.output(returned);
        }
      }
    }
  }

  private static final class SharedKeyFn extends DoFn<KV<Long, Long>, Long> {
    @ProcessElement
    public void process(@Element KV<Long, Long> count, OutputReceiver<Long> out) {
      if (requireNonNull(count.getValue()) > 1) {
        out.output(count.getKey());
      }
    }
  }

  static final class SharedKeysFn extends CombineFn<Long, SharedKeys, SharedKeys> {
    @Override
    public SharedKeys createAccumulator() {
      return new SharedKeys();
    }

    @Override
    public SharedKeys addInput(SharedKeys keys, Long hash) {
      keys.add(hash);
      return keys;
    }

    @Override
    public SharedKeys mergeAccumulators(Iterable<SharedKeys> parts) {
      SharedKeys merged = new SharedKeys();
      parts.forEach(merged::addAll);
      return merged;
    }

    @Override
    public SharedKeys extractOutput(SharedKeys keys) {
      return keys.sorted();
    }

    @Override
    public Coder<SharedKeys> getAccumulatorCoder(CoderRegistry registry, Coder<Long> inputCoder) {
      return new SharedKeys.SharedKeysCoder();
    }

    @Override
    public Coder<SharedKeys> getDefaultOutputCoder(CoderRegistry registry, Coder<Long> inputCoder) {
      return new SharedKeys.SharedKeysCoder();
    }
  }

  private static final class KeyFn extends DoFn<RawRecord, RawRecord> {
    private final PCollectionView<SharedKeys> shared;

    KeyFn(PCollectionView<SharedKeys> shared) {
      this.shared = shared;
    }

    @ProcessElement
    public void process(
        @Element RawRecord record, ProcessContext context, MultiOutputReceiver out) {
      String key = key(record);
      if (context.sideInput(shared).contains(key)) {
        out.get(SHARED).output(SmallOutputs.first(KV.of(key, record)));
      } else {
        out.get(ALONE).output(record);
      }
      if (record.kind().equals(MAIL)) {
        Bounce bounce = Bounce.of(record);
        if (bounce != null) {
          out.get(SHARED).output(SmallOutputs.second(KV.of(bounce.messageId(), bounce.encoded())));
        }
      }
    }
  }

  /**
   * What a bounce says of the mail it returns: delivery of the mail with {@code messageId} to
   * {@code failedTo} failed.
   *
   * @param ref the evidence id of the bounce, or of the returned copy that says so
   */
  record Bounce(String messageId, String ref, List<String> failedTo) {
    Bounce {
      failedTo = List.copyOf(failedTo);
    }

    /** What the bounce {@code mail} says, or null when it is no bounce naming what it returns. */
    static Bounce of(RawRecord mail) {
      if (!mail.json().contains("\"returned_message_id\"")) {
        return null;
      }
      JsonNode json = read(mail);
      String id = json.path("returned_message_id").asText(null);
      List<String> failed = texts(json.path("delivery_failed_to"));
      return id == null || failed.isEmpty() ? null : new Bounce(id, mail.ref(), failed);
    }

    /**
     * What a copy a bounce returned says of its own Message-ID (the reader left the failed
     * addresses out of its to and cc), or null for other mail.
     */
    static Bounce returned(RawRecord mail, String messageId) {
      if (!mail.json().contains(MailNotes.RETURNED_UNDELIVERED)) {
        return null;
      }
      JsonNode json = read(mail);
      boolean returned =
          texts(json.path("notes")).stream()
              .anyMatch(n -> n.startsWith(MailNotes.RETURNED_UNDELIVERED));
      List<String> failed = texts(json.path("delivery_failed_to"));
      return returned && !failed.isEmpty() ? new Bounce(messageId, mail.ref(), failed) : null;
    }

    String encoded() {
      return ref + "\n" + String.join("\n", failedTo);
    }

    static Bounce decoded(String messageId, String encoded) {
      List<String> lines = List.of(encoded.split("\n"));
      return new Bounce(messageId, lines.get(0), lines.subList(1, lines.size()));
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  private static JsonNode read(RawRecord mail) {
    try {
      return JSON.readTree(mail.json());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "Cannot read mail " + mail.ref() + " at " + mail.location() + ": " + e.getMessage(), e);
    }
  }

  private static final class KeepOneFn extends DoFn<KV<String, CoGbkResult>, RawRecord> {
    private final List<String> sourceOrder;

    KeepOneFn(List<String> sourceOrder) {
      this.sourceOrder = sourceOrder;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> group, OutputReceiver<RawRecord> out) {
      CoGbkResult result = requireNonNull(group.getValue());
      List<RawRecord> mails = new ArrayList<>();
      result.getAll(GROUPED).forEach(mails::add);
      List<Bounce> bounces = new ArrayList<>();
      result.getAll(BOUNCED).forEach(b -> bounces.add(Bounce.decoded(group.getKey(), b)));
      if (mails.size() == 1 && bounces.isEmpty()) {
        out.output(mails.get(0));
        return;
      }
      if (group.getKey().startsWith(RECORD)) {
        keepRecordCopies(mails, COUNTS).forEach(out::output);
        return;
      }
      for (RawRecord kept : keep(group.getKey(), mails, bounces, sourceOrder, COUNTS)) {
        out.output(kept);
      }
    }
  }

  /** Where counts go in a pipeline: to its counters. */
  private static final Counter COUNTS = Counts::add;

  /** Counts copies and shared Message-IDs. */
  @FunctionalInterface
  interface Counter {
    void add(String name, long n);
  }

  /**
   * Of the mails sharing one Message-ID, one per copy key, the copies left out counted, and each
   * noted when others of other content share its Message-ID; the recipients a bounce says delivery
   * of that Message-ID failed to (a bounce naming it, or a copy one returned) are left out of every
   * one's {@code to} and {@code cc}, as the reader leaves them out of the copy a bounce returns.
   *
   * @param bounces what bounces read elsewhere in the run say of this Message-ID
   */
  static List<RawRecord> keep(
      String messageId,
      List<RawRecord> mails,
      List<Bounce> bounces,
      List<String> sourceOrder,
      Counter counts) {
    List<Bounce> failures = new ArrayList<>(bounces);
    for (RawRecord mail : mails) {
      Bounce returned = Bounce.returned(mail, messageId);
      if (returned != null) {
        failures.add(returned);
      }
    }
    List<RawRecord> kept = new ArrayList<>();
    for (RawRecord mail : keepCopies(mails, sourceOrder, counts)) {
      kept.add(failures.isEmpty() ? mail : bounced(mail, failures, counts));
    }
    return kept;
  }

  private static List<RawRecord> keepCopies(
      List<RawRecord> mails, List<String> sourceOrder, Counter counts) {
    List<RawRecord> ordered = new ArrayList<>(mails);
    // a copy its owner kept before one deleted, in Trash or in Spam: the live Sent copy beside a
    // Gmail Trash one of the source named first came out resting on discarded mail, and a rule
    // leaving discarded mail out lost the booking
    ordered.sort(
        Comparator.comparing(MailCopies::discarded)
            .thenComparing(MailCopies::attached)
            .thenComparingInt(
                (RawRecord m) -> {
                  int rank = sourceOrder.indexOf(m.source());
                  return rank < 0 ? Integer.MAX_VALUE : rank;
                })
            .thenComparing(RawRecord::source)
            .thenComparing(m -> folder(m.json()))
            .thenComparing(RawRecord::location)
            .thenComparing(RawRecord::ref)
            .thenComparing(RawRecord::json));
    Map<String, RawRecord> byCopy = new LinkedHashMap<>();
    Map<String, List<String>> labels = new LinkedHashMap<>();
    for (RawRecord mail : ordered) {
      RawRecord kept = byCopy.putIfAbsent(mail.copyKey(), mail);
      List<String> union = labels.computeIfAbsent(mail.copyKey(), k -> new ArrayList<>());
      labels(mail).stream().filter(label -> !union.contains(label)).forEach(union::add);
      if (kept != null) {
        // read, and accounted for as a copy rather than by the rules that never see it
        counts.add("source." + mail.source() + ".read", 1);
        counts.add(copiesCounter(mail.source(), kept.source()), 1);
      }
    }
    List<RawRecord> kept = new ArrayList<>();
    // a Takeout mail under two labels: a rule testing a label must not depend on the copy kept
    byCopy.forEach((key, mail) -> kept.add(withLabels(mail, labels.get(key))));
    if (kept.size() == 1) {
      return kept;
    }
    List<RawRecord> noted = new ArrayList<>();
    for (RawRecord mail : kept) {
      List<String> others = new ArrayList<>();
      for (RawRecord other : kept) {
        if (other != mail) {
          others.add(other.ref() + " (" + other.source() + " at " + other.location() + ")");
        }
      }
      counts.add(sharedIdCounter(mail.source()), 1);
      noted.add(
          withNote(
              mail,
              SHARED_MESSAGE_ID
                  + String.join(", ", others)
                  + ", whose content differs beyond delivery headers: each is a piece of"
                  + " evidence of its own"));
    }
    return noted;
  }

  /**
   * Of records of one source sharing a copy key, one per content, the first by location; the others
   * counted as copies of the same source, as a reader counts a row repeated in its file.
   */
  static List<RawRecord> keepRecordCopies(List<RawRecord> records, Counter counts) {
    List<RawRecord> ordered = new ArrayList<>(records);
    ordered.sort(
        Comparator.comparing(RawRecord::location)
            .thenComparing(RawRecord::ref)
            .thenComparing(RawRecord::json));
    Map<String, RawRecord> byContent = new LinkedHashMap<>();
    for (RawRecord record : ordered) {
      // a reader's own copy key already says what of the content counts (not a file's name)
      String content = record.copyKey().equals(record.ref()) ? record.json() : "";
      if (byContent.putIfAbsent(content, record) != null) {
        counts.add("source." + record.source() + ".read", 1);
        counts.add(copiesCounter(record.source(), record.source()), 1);
      }
    }
    return new ArrayList<>(byContent.values());
  }

  /** The Gmail labels of a mail, without reading the JSON of one that has none. */
  private static List<String> labels(RawRecord mail) {
    // the reader writes an empty array for mail without labels, and a key's quotes unescaped
    if (!mail.json().contains("\"labels\":[\"")) {
      return List.of();
    }
    return texts(read(mail).path("labels"));
  }

  /** The mail with {@code labels}, the labels of every copy of it; as it is when it has them. */
  private static RawRecord withLabels(RawRecord mail, List<String> labels) {
    if (labels.equals(labels(mail))) {
      return mail;
    }
    ObjectNode json = (ObjectNode) read(mail);
    ArrayNode array = json.putArray("labels");
    labels.forEach(array::add);
    return new RawRecord(
        mail.source(), mail.kind(), mail.ref(), mail.location(), json.toString(), mail.copyKey());
  }

  private static boolean discarded(RawRecord mail) {
    // a key of the reader's JSON: in a string value its quotes would be escaped; a copy whose
    // sender a server did not authenticate (the same mail in the Sent folder has no verdict) too
    return mail.json().contains("\"discarded\":\"")
        || mail.json().contains("\"sender_authentication\":\"fail\"");
  }

  private static boolean attached(RawRecord mail) {
    return mail.json().contains("\"" + MailNotes.ATTACHED_TO);
  }

  private static String folder(String json) {
    try {
      JsonNode folder = JSON.readTree(json).path("folder");
      return folder.isTextual() ? folder.asText() : "";
    } catch (JsonProcessingException e) {
      return "";
    }
  }

  /** The counter of the mails of {@code source} a bounce of another copy said failed to reach. */
  public static String bouncedCounter(String source) {
    return "source." + source + ".bounced_by_message_id";
  }

  /**
   * The mail without the addresses {@code failures} name in its {@code to} and {@code cc}, those in
   * its {@code delivery_failed_to}, and a note saying which bounce said so; as it is when it names
   * none of them or already leaves them out.
   */
  private static RawRecord bounced(RawRecord mail, List<Bounce> failures, Counter counts) {
    ObjectNode json = (ObjectNode) read(mail);
    List<String> already = texts(json.path("delivery_failed_to"));
    List<String> leftOut = new ArrayList<>();
    List<String> saidBy = new ArrayList<>();
    for (Bounce bounce : failures) {
      for (String address : bounce.failedTo()) {
        String failed = address.toLowerCase(Locale.ROOT);
        if (already.contains(failed) || leftOut.contains(failed)) {
          continue;
        }
        boolean named = removeAddress(json.path("to"), failed);
        named |= removeAddress(json.path("cc"), failed);
        if (named) {
          leftOut.add(failed);
          if (!saidBy.contains(bounce.ref())) {
            saidBy.add(bounce.ref());
          }
        }
      }
    }
    if (leftOut.isEmpty()) {
      return mail;
    }
    ArrayNode failedTo =
        json.path("delivery_failed_to") instanceof ArrayNode array
            ? array
            : json.putArray("delivery_failed_to");
    leftOut.forEach(failedTo::add);
    JsonNode notes = json.path("notes");
    (notes instanceof ArrayNode array ? array : json.putArray("notes"))
        .add(
            MailNotes.RETURNED_UNDELIVERED
                + "a bounce of this Message-ID read in this run ("
                + String.join(", ", saidBy)
                + ") says delivery to "
                + String.join(", ", leftOut)
                + " failed: left out of to and cc (headers keeps them), in delivery_failed_to");
    counts.add(bouncedCounter(mail.source()), 1);
    return new RawRecord(
        mail.source(), mail.kind(), mail.ref(), mail.location(), json.toString(), mail.copyKey());
  }

  /** Whether {@code addresses} held {@code failed} (in any case), which it no longer does. */
  private static boolean removeAddress(JsonNode addresses, String failed) {
    boolean removed = false;
    if (addresses instanceof ArrayNode array) {
      for (int i = array.size() - 1; i >= 0; i--) {
        if (array.get(i).asText().toLowerCase(Locale.ROOT).equals(failed)) {
          array.remove(i);
          removed = true;
        }
      }
    }
    return removed;
  }

  /** The mail with one more note at the end of its {@code notes}. */
  static RawRecord withNote(RawRecord mail, String note) {
    try {
      ObjectNode json = (ObjectNode) JSON.readTree(mail.json());
      JsonNode notes = json.path("notes");
      (notes instanceof ArrayNode array ? array : json.putArray("notes")).add(note);
      return new RawRecord(
          mail.source(), mail.kind(), mail.ref(), mail.location(), json.toString(), mail.copyKey());
    } catch (JsonProcessingException | ClassCastException e) {
      throw new IllegalStateException(
          "Cannot note on mail " + mail.ref() + " at " + mail.location() + ": " + e.getMessage(),
          e);
    }
  }
}
