package dev.salvage.mappings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.io.JsonInput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * One raw record while it is being mapped: its JSON parsed once, and the HTML documents and JSON-LD
 * blocks parsed from its values, each at most once, for the length of one apply call; with what the
 * run knows (its moments, the backup's tables for lookups).
 */
final class RecordContext implements Subject {
  private static final ObjectMapper JSON = new ObjectMapper(JsonInput.factory());

  private final RawRecord record;
  private final JsonNode root;
  private final RunContext run;
  private Map<String, Document> documents;
  private Map<String, List<JsonNode>> jsonLd;
  private Set<String> businessZoneAssumed;
  private Set<String> zonesRead;

  private RecordContext(RawRecord record, JsonNode root, RunContext run) {
    this.record = record;
    this.root = root;
    this.run = run;
  }

  /** A record mapped outside a run: no moments, no backup tables. */
  static RecordContext of(RawRecord record) throws RecordRejectedException {
    return of(record, RunContext.NONE);
  }

  static RecordContext of(RawRecord record, RunContext run) throws RecordRejectedException {
    JsonNode root;
    try {
      root = JSON.readTree(record.json());
    } catch (JsonProcessingException e) {
      throw new RecordRejectedException(
          "Cannot parse " + describe(record) + ": not valid JSON: " + e.getOriginalMessage(), null);
    }
    if (root == null || !root.isObject()) {
      throw new RecordRejectedException(
          "Cannot parse " + describe(record) + ": the record is not a JSON object", null);
    }
    return new RecordContext(record, root, run);
  }

  /** {@code mail email:<id@x>}: the kind and reference every rejection starts with. */
  static String describe(RawRecord record) {
    return record.kind() + " " + record.ref();
  }

  RawRecord record() {
    return record;
  }

  @Override
  public TimeAnchors anchors() {
    return run.anchors();
  }

  LookupTables lookups() {
    return run.lookups();
  }

  JsonNode root() {
    return root;
  }

  /** Notes that {@code place} read a date-time without an offset in the business timezone. */
  void assumedBusinessZone(String place) {
    if (businessZoneAssumed == null) {
      businessZoneAssumed = new LinkedHashSet<>();
    }
    businessZoneAssumed.add(place);
  }

  /** Notes that a date-time without an offset was read as wall time in {@code zone}. */
  void readInZone(java.time.ZoneId zone) {
    if (zonesRead == null) {
      zonesRead = new LinkedHashSet<>();
    }
    zonesRead.add(zone.getId());
  }

  /** The zones date-times without an offset were read in, by id. */
  Set<String> zonesRead() {
    return zonesRead == null ? Set.of() : zonesRead;
  }

  /** The places that read a date-time without an offset in the business timezone. */
  Set<String> businessZoneAssumed() {
    return businessZoneAssumed == null ? Set.of() : businessZoneAssumed;
  }

  /** {@code html} parsed as an HTML document; parsed once however many fields read it. */
  Document html(String html) {
    if (documents == null) {
      documents = new HashMap<>();
    }
    return documents.computeIfAbsent(html, Jsoup::parse);
  }

  /**
   * The schema.org JSON-LD items of {@code html}: every object of every {@code <script
   * type="application/ld+json">}, arrays and {@code @graph} flattened. A block that is not valid
   * JSON is passed over: the rest of the HTML still says what it says.
   */
  List<JsonNode> jsonLd(String html) {
    if (jsonLd == null) {
      jsonLd = new HashMap<>();
    }
    return jsonLd.computeIfAbsent(html, this::readJsonLd);
  }

  private List<JsonNode> readJsonLd(String html) {
    List<JsonNode> items = new ArrayList<>();
    for (Element script : html(html).select("script[type=application/ld+json]")) {
      try {
        addItems(JSON.readTree(script.data()), items);
      } catch (JsonProcessingException e) {
        // an unreadable block says nothing; other blocks and the HTML itself still count
      }
    }
    return items;
  }

  private static void addItems(JsonNode node, List<JsonNode> items) {
    if (node == null) {
      return;
    }
    if (node.isArray()) {
      node.forEach(item -> addItems(item, items));
    } else if (node.isObject()) {
      items.add(node);
      addItems(node.get("@graph"), items);
    }
  }
}
