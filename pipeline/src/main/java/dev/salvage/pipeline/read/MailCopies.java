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
import dev.salvage.pipeline.bundle.RunSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
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
 * content stay apart, each noted.
 */
public final class MailCopies extends PTransform<PCollection<RawRecord>, PCollection<RawRecord>> {

  /** The note of a mail that shares its Message-ID with other mail of other content. */
  public static final String SHARED_MESSAGE_ID = "shares its Message-ID with ";

  private static final String MAIL = "mail";
  private static final String SHA256_ID = "email:sha256:";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final TupleTag<KV<String, RawRecord>> MAILS = new TupleTag<>() {};
  private static final TupleTag<RawRecord> OTHERS = new TupleTag<>() {};

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

  @Override
  public PCollection<RawRecord> expand(PCollection<RawRecord> records) {
    PCollectionTuple split =
        records.apply(
            "KeyMailByMessageId",
            ParDo.of(new KeyFn()).withOutputTags(MAILS, TupleTagList.of(OTHERS)));
    PCollection<RawRecord> kept =
        split
            .get(MAILS)
            .setCoder(KvCoder.of(StringUtf8Coder.of(), Coders.rawRecord()))
            .apply("GroupByMessageId", GroupByKey.create())
            .apply("KeepOneCopy", ParDo.of(new KeepOneFn(sourceOrder)))
            .setCoder(Coders.rawRecord());
    return PCollectionList.of(split.get(OTHERS).setCoder(Coders.rawRecord()))
        .and(kept)
        .apply("MailAndOthers", Flatten.pCollections());
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

  private static final class KeyFn extends DoFn<RawRecord, KV<String, RawRecord>> {
    @ProcessElement
    public void process(@Element RawRecord record, MultiOutputReceiver out) {
      if (record.kind().equals(MAIL)) {
        out.get(MAILS).output(KV.of(messageIdKey(record), record));
      } else {
        out.get(OTHERS).output(record);
      }
    }
  }

  private static final class KeepOneFn extends DoFn<KV<String, Iterable<RawRecord>>, RawRecord> {
    private final List<String> sourceOrder;

    KeepOneFn(List<String> sourceOrder) {
      this.sourceOrder = sourceOrder;
    }

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<RawRecord>> group, OutputReceiver<RawRecord> out) {
      List<RawRecord> mails = new ArrayList<>();
      requireNonNull(group.getValue()).forEach(mails::add);
      if (mails.size() == 1) {
        out.output(mails.get(0));
        return;
      }
      for (RawRecord kept : keep(mails, sourceOrder, COUNTS)) {
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
   * noted when others of other content share its Message-ID.
   */
  static List<RawRecord> keep(List<RawRecord> mails, List<String> sourceOrder, Counter counts) {
    List<RawRecord> ordered = new ArrayList<>(mails);
    ordered.sort(
        Comparator.comparing(MailCopies::attached)
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
    for (RawRecord mail : ordered) {
      RawRecord kept = byCopy.putIfAbsent(mail.copyKey(), mail);
      if (kept != null) {
        // read, and accounted for as a copy rather than by the rules that never see it
        counts.add("source." + mail.source() + ".read", 1);
        counts.add(copiesCounter(mail.source(), kept.source()), 1);
      }
    }
    List<RawRecord> kept = new ArrayList<>(byCopy.values());
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
