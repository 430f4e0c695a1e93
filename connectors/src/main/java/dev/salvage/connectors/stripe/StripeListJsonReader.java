package dev.salvage.connectors.stripe;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RecordSink;
import dev.salvage.connectors.SourceReader;
import dev.salvage.connectors.io.ByteLineReader;
import dev.salvage.connectors.io.InputFiles;
import dev.salvage.connectors.io.JsonInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads Stripe objects from a file (source type {@code stripe-json}) holding a Stripe list response
 * ({@code {"object":"list","data":[...]}}), a bare JSON array of objects, or JSON Lines (one object
 * a line). Each object becomes a {@code stripe.<object>} record with ref {@code stripe:<id>} and
 * the object, unchanged, as its JSON. The file is streamed one object at a time.
 *
 * <p>Broken JSON is quarantined at {@code file:line:column}; the objects before it are kept. In a
 * list or array nothing after the break can be trusted, so reading stops there and the file fails
 * as not read to its end (the run lists it, exit 3); in JSON Lines reading goes on with the next
 * line.
 *
 * <p>A page a {@code salvage fetch} wrote of the customers the objects name lists those Stripe
 * answered deleted or 404 under {@code salvage_gone}: each is quarantined with the fetch's reason.
 *
 * <p>A list page saying {@code has_more: true} needs its next page beside it ({@link NextPage}):
 * without it the list is not read to its end, and the file fails so (exit 3) after its objects.
 */
public final class StripeListJsonReader implements SourceReader {
  private static final int MAX_LINE = JsonInput.MAX_STRING_CHARS;

  @Override
  public void read(Path file, String sourceName, RecordSink sink) throws IOException {
    Emitter emitter = new Emitter(file, sourceName, sink);
    if (isJsonLinesName(file)) {
      readLines(file, emitter);
      return;
    }
    boolean jsonLines;
    try (JsonParser parser = JsonInput.open(file)) {
      jsonLines = readDocument(parser, emitter);
      // checked after the page's objects are in: they stay read, the file fails as not read to
      // its end, and the run lists it (exit 3) instead of ending the list there unsaid
      if (emitter.morePagesClaimed != null) {
        NextPage.check(file, emitter.morePagesClaimed);
      }
    } catch (JsonProcessingException e) {
      if (emitter.emitted == 0 && startsLikeJsonLines(file)) {
        // JSON Lines whose first line is damaged: read as one document it broke before any
        // object, and every later line was dropped unsaid; line by line, only that line is lost
        readLines(file, emitter);
        return;
      }
      if (emitter.emitted == 0) {
        String csv = csvHeader(file);
        if (csv != null) {
          // a Dashboard export given to the JSON type: "broken JSON at 1:4" sent an operator to
          // mend a file that is fine
          throw new IOException(
              "Cannot read Stripe file "
                  + file
                  + ": it is a CSV file (its first line: "
                  + csv
                  + "), not Stripe's JSON; a Dashboard CSV export is read by a source of type"
                  + " stripe-csv (docs/stripe.md); nothing of it was read");
        }
        String html = htmlTitle(file);
        if (html != null) {
          // not quarantined: it holds no object, and the run would count it one record read
          throw new IOException(
              "Cannot read Stripe file "
                  + file
                  + ": it is an HTML page"
                  + (html.isEmpty() ? "" : " titled \"" + html + "\"")
                  + ", not Stripe's JSON (a saved error page?); what the page should hold was not"
                  + " read. Fetch it again");
        }
      }
      emitter.brokenJson(JsonInput.location(file, e), e);
      // what follows the break cannot be read: the file is not read to its end, loudly
      throw new IOException(
          "Cannot read Stripe file "
              + file
              + " to its end: broken JSON at "
              + JsonInput.location(file, e)
              + " ("
              + JsonInput.problem(e)
              + "); the objects before it were read",
          e);
    }
    if (jsonLines) {
      readLines(file, emitter);
    }
  }

  /**
   * Streams the top-level values. Returns true without emitting anything when the file turns out to
   * be JSON Lines (its first value is a single-line object that is not a list), so that it is read
   * line by line and a broken line does not end the file.
   */
  private static boolean readDocument(JsonParser parser, Emitter emitter) throws IOException {
    if (parser.nextToken() == null) {
      // a Stripe response is never empty: a page cut before anything was written (a 0-byte page
      // in a has_more chain held a hundred objects), so the file is not read, not merely odd
      // the not-read entry alone says so: quarantined as well, the file counted one record read
      // and the run said "not read: what follows the first 1 record(s)"
      throw new IOException(
          "Cannot read Stripe file "
              + emitter.file
              + ": "
              + InputFiles.nothingIn(emitter.file)
              + ", not a page of objects (cut before anything was written?); what it should hold"
              + " was not read");
    }
    boolean first = true;
    for (JsonToken token = parser.currentToken(); token != null; token = parser.nextToken()) {
      String location = JsonInput.location(emitter.file, parser.currentTokenLocation());
      int startLine = parser.currentTokenLocation().getLineNr();
      if (token == JsonToken.START_ARRAY) {
        JsonInput.forEachElement(
            parser,
            emitter.file,
            (element, at, index) -> emitter.object(element, at, "[" + index + "]"));
      } else if (token == JsonToken.START_OBJECT) {
        ObjectNode object = readObjectStreamingData(parser, emitter);
        if (object != null && object.has("error") && !object.has("id")) {
          // Stripe's error body saved in place of a page (a 429 or 500 answered while exporting)
          throw new IOException(
              "Cannot read Stripe file "
                  + emitter.file
                  + ": it holds a Stripe error response, not a page of objects ("
                  + object.path("error").path("type").asText("error")
                  + ": "
                  + object.path("error").path("message").asText("")
                  + "); what the page should hold was not read. Fetch it again");
        }
        if (object != null) {
          if (first && parser.currentLocation().getLineNr() == startLine) {
            return true;
          }
          emitter.object(object, location, "top-level object");
        }
      } else {
        parser.skipChildren();
        emitter.quarantine(
            location,
            "Cannot read Stripe file: top-level value is not an object or array",
            parser.getText());
      }
      first = false;
    }
    return false;
  }

  /**
   * Reads a top-level object. When it is a list page its {@code data} elements are emitted as they
   * are read and null is returned; otherwise the object is returned whole.
   */
  private static ObjectNode readObjectStreamingData(JsonParser parser, Emitter emitter)
      throws IOException {
    ObjectNode fields = JsonInput.MAPPER.createObjectNode();
    boolean page = false;
    String lastId = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (name.equals("data") && value == JsonToken.START_ARRAY) {
        page = true;
        String[] last = new String[1];
        JsonInput.forEachElement(
            parser,
            emitter.file,
            (element, at, index) -> {
              last[0] = element.path("id").asText(last[0]);
              emitter.object(element, at, "data[" + index + "]");
            });
        lastId = last[0];
      } else {
        fields.set(name, parser.readValueAsTree());
      }
    }
    if (page) {
      // a fetch's named-customers page lists those Stripe answered deleted or 404: quarantined
      // with the fetch's reason, as the API run does, or a run over the snapshot lost them unsaid
      for (JsonNode gone : fields.path(SliceReader.GONE)) {
        emitter.quarantine(emitter.file.toString(), gone.path("reason").asText(), "");
      }
    }
    if (page && fields.path("has_more").asBoolean(false)) {
      emitter.morePagesClaimed = new NextPage.Claim(fields.path("url").asText(""), lastId);
    }
    return page ? null : fields;
  }

  private static void readLines(Path file, Emitter emitter) throws IOException {
    try (InputStream in = InputFiles.open(file);
        ByteLineReader lines = new ByteLineReader(in, MAX_LINE)) {
      for (ByteLineReader.Line line = lines.next(); line != null; line = lines.next()) {
        String where = "line " + line.number();
        String location = file + ":" + line.number() + ":1";
        if (line.truncated()) {
          emitter.quarantine(
              location,
              "Cannot read Stripe object at " + where + ": longer than " + MAX_LINE + " bytes",
              "");
          continue;
        }
        if (new String(line.bytes(), StandardCharsets.UTF_8).isBlank()) {
          continue;
        }
        try {
          emitter.object(
              JsonInput.MAPPER.readTree(line.bytes(), 0, line.contentLength()), location, where);
        } catch (JsonProcessingException e) {
          String at =
              file
                  + ":"
                  + line.number()
                  + ":"
                  + (e.getLocation() == null ? 1 : e.getLocation().getColumnNr());
          emitter.brokenJson(at, e);
        }
      }
    }
  }

  /**
   * Whether the first two non-blank lines each start with an object at their first column: JSON
   * Lines. A pretty-printed document's second line is indented or a name; a minified one is one
   * line.
   */
  private static boolean startsLikeJsonLines(Path file) throws IOException {
    try (InputStream in = InputFiles.open(file);
        ByteLineReader lines = new ByteLineReader(in, MAX_LINE)) {
      int objects = 0;
      for (ByteLineReader.Line line = lines.next(); line != null; line = lines.next()) {
        if (line.contentLength() == 0 || line.truncated()) {
          continue;
        }
        if (line.bytes()[0] != '{') {
          return false;
        }
        if (++objects == 2) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * The title of the HTML page the file is (empty when it has none), or null when it does not start
   * as HTML: what a browser or a proxy saves in place of a page when it answers with an error.
   */
  static String htmlTitle(Path file) throws IOException {
    String head;
    try (InputStream in = InputFiles.open(file)) {
      head = new String(in.readNBytes(8192), StandardCharsets.UTF_8);
    }
    String text = head.startsWith("\uFEFF") ? head.substring(1).strip() : head.strip();
    String lower = text.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("<!doctype html") && !lower.startsWith("<html")) {
      return null;
    }
    int title = lower.indexOf("<title");
    int start = title < 0 ? -1 : lower.indexOf('>', title);
    int end = start < 0 ? -1 : lower.indexOf("</title", start);
    return end < 0 ? "" : text.substring(start + 1, end).strip().replaceAll("\\s+", " ");
  }

  /**
   * The first line of a file that reads as a CSV header (no JSON opening, two or more commas, the
   * Dashboard's {@code id} first), or null.
   */
  static String csvHeader(Path file) throws IOException {
    String head;
    try (InputStream in = InputFiles.open(file)) {
      head = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
    }
    String text = head.startsWith("\uFEFF") ? head.substring(1) : head;
    int end = text.indexOf('\n');
    String first = (end < 0 ? text : text.substring(0, end)).strip();
    if (first.isEmpty() || "{[".indexOf(first.charAt(0)) >= 0) {
      return null;
    }
    long commas = first.chars().filter(c -> c == ',').count();
    String firstColumn = first.split(",", 2)[0].replace("\"", "").strip().toLowerCase(Locale.ROOT);
    return commas >= 2 && firstColumn.equals("id")
        ? (first.length() <= 200 ? first : first.substring(0, 200) + "…")
        : null;
  }

  private static boolean isJsonLinesName(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".jsonl.gz");
  }

  /** Validates objects and hands them to the sink. */
  private static final class Emitter {
    private final Path file;
    private final String source;
    private final RecordSink sink;
    private long emitted;
    private NextPage.Claim morePagesClaimed;

    Emitter(Path file, String source, RecordSink sink) {
      this.file = file;
      this.source = source;
      this.sink = sink;
    }

    void object(JsonNode object, String location, String where) {
      emitted++;
      StripeRecords.emit(object, source, location, where, sink);
    }

    void brokenJson(String location, JsonProcessingException e) {
      quarantine(
          location,
          "Cannot parse Stripe file " + file + ": broken JSON: " + JsonInput.problem(e),
          "");
    }

    void quarantine(String location, String reason, String excerpt) {
      emitted++;
      sink.quarantine(new Quarantined(source, location, reason, excerpt));
    }
  }
}
