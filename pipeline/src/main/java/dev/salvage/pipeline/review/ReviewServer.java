package dev.salvage.pipeline.review;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.salvage.pipeline.bundle.Decision;
import dev.salvage.pipeline.bundle.EvidenceEntry;
import dev.salvage.pipeline.bundle.Json;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.RunLayout;
import dev.salvage.pipeline.bundle.VersionChanges;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The local review web UI and its JSON API over the JDK's HTTP server. Every API call must carry
 * the session token (header {@code X-Salvage-Token} or query parameter {@code token}); anything
 * else is answered 403, so another local user who can reach the port cannot read or decide.
 */
public final class ReviewServer implements AutoCloseable {
  private static final String TOKEN_HEADER = "X-Salvage-Token";
  private static final Map<String, String> ASSETS =
      Map.of(
          "/", "index.html",
          "/index.html", "index.html",
          "/app.js", "app.js",
          "/app.css", "app.css");

  private final ReviewSession session;
  private final RunLayout run;
  private final String who;
  private final String token;
  private final HttpServer http;
  private final ExecutorService executor;

  private ReviewServer(
      ReviewSession session, RunLayout run, String who, String token, HttpServer http) {
    this.session = session;
    this.run = run;
    this.who = who;
    this.token = token;
    this.http = http;
    this.executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread thread = new Thread(r, "salvage-review-http");
              thread.setDaemon(true);
              return thread;
            });
    http.setExecutor(executor);
    http.createContext("/api/", this::api);
    http.createContext("/", this::asset);
  }

  /**
   * Opens the run in {@code runDir} and starts serving it.
   *
   * @param bind the address to listen on (loopback unless the operator chose otherwise)
   * @param port the port, or 0 for any free one
   * @param who the reviewer name written into every decision
   */
  public static ReviewServer start(java.nio.file.Path runDir, String bind, int port, String who)
      throws ReviewSetupException, IOException {
    RunLayout run = ReviewSession.layout(runDir);
    ReviewSession session = ReviewSession.open(run);
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(bind, port), 64);
    } catch (IOException e) {
      session.close();
      throw new ReviewSetupException(
          "Cannot listen on " + bind + ":" + port + ": " + e.getMessage(), e);
    }
    ReviewServer server = new ReviewServer(session, run, who, newToken(), http);
    http.start();
    return server;
  }

  /** The address to open in a browser, token included. */
  public URI url() {
    InetSocketAddress address = http.getAddress();
    return URI.create(
        "http://"
            + address.getAddress().getHostAddress()
            + ":"
            + address.getPort()
            + "/?token="
            + token);
  }

  public int port() {
    return http.getAddress().getPort();
  }

  public String token() {
    return token;
  }

  /** Why edited values are not checked against their field types, or null when they are. */
  public String typeCheckUnavailable() {
    return session.model().unavailable();
  }

  /** The lines of decisions.jsonl that are not applied, each with its file, line and why. */
  public List<String> decisionsNotApplied() {
    return session.decisions().notApplied().stream()
        .map(dev.salvage.pipeline.bundle.Decisions.NotApplied::describe)
        .toList();
  }

  /**
   * How many records were decided on another version (the run was made again since): their decision
   * is not in force and they wait to be reviewed again.
   */
  public int decidedOnAnotherVersion() {
    return session.progress().get(QueueFilter.State.ANOTHER_VERSION.json());
  }

  /**
   * The lines of decisions.jsonl that are not applied as a console says them: those naming a record
   * the run lacks counted on one line ({@link dev.salvage.pipeline.bundle.Decisions#summarize}).
   */
  public List<String> decisionsNotAppliedShown() throws IOException {
    return dev.salvage.pipeline.bundle.Decisions.summarize(session.decisions().notApplied());
  }

  /** How many records wait in the queue. */
  public int records() {
    return session.queue().size();
  }

  @Override
  public void close() throws IOException {
    http.stop(0);
    executor.shutdownNow();
    session.close();
  }

  private static String newToken() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private void asset(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!hostAllowed(exchange)) {
        send(exchange, 403, "text/plain", bytes(wrongHost(exchange)));
        return;
      }
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/report.html") && Files.exists(run.reportHtml())) {
        // The report holds the run's data: it needs the token like the API.
        if (!authorised(exchange)) {
          send(exchange, 403, "text/plain", bytes("Forbidden: missing or wrong token"));
          return;
        }
        send(exchange, 200, "text/html; charset=utf-8", Files.readAllBytes(run.reportHtml()));
        return;
      }
      String name = ASSETS.get(path);
      if (name == null) {
        send(exchange, 404, "text/plain", bytes("Not found: " + path));
        return;
      }
      try (InputStream in = ReviewServer.class.getResourceAsStream("ui/" + name)) {
        if (in == null) {
          throw new IOException("The review UI resource ui/" + name + " is missing");
        }
        send(exchange, 200, contentType(name), in.readAllBytes());
      }
    }
  }

  private void api(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!hostAllowed(exchange)) {
        sendJson(exchange, 403, error(wrongHost(exchange)));
        return;
      }
      if (!authorised(exchange)) {
        sendJson(exchange, 403, error("Forbidden: missing or wrong token"));
        return;
      }
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      String origin = exchange.getRequestHeaders().getFirst("Origin");
      if (!method.equals("GET") && origin != null && !sameOrigin(exchange, origin)) {
        // a page of another site that learnt the token (a link with it, pasted somewhere) must
        // not decide: a browser names the page a request comes from, and the UI's own is this
        // server (trial 83: a cross-origin POST with the token was taken)
        sendJson(exchange, 403, error("Forbidden: a request from a page of " + origin));
        return;
      }
      Map<String, String> params = query(exchange.getRequestURI());
      try {
        JsonNode answer =
            switch (method + " " + path) {
              case "GET /api/queue" -> {
                QueueFilter filter = QueueFilter.from(params);
                QueuePage page = QueuePage.from(params);
                streamJson(exchange, json -> queue(json, filter, page));
                yield null;
              }
              case "GET /api/version" ->
                  Json.MAPPER.createObjectNode().put("version", session.decisions().version());
              case "GET /api/unlinked" -> {
                params.remove("status");
                QueueFilter filter = QueueFilter.from(params);
                QueuePage page = QueuePage.from(params);
                streamJson(exchange, json -> unlinked(json, filter, page));
                yield null;
              }
              case "GET /api/record" -> record(params.get("id"));
              case "GET /api/evidence" -> evidence(params.get("ref"));
              case "GET /api/decisions" -> Json.MAPPER.valueToTree(session.decisions().all());
              case "POST /api/decisions" -> decide(body(exchange, DecideRequest.class));
              case "POST /api/bulk-approve" ->
                  bulkApprove(body(exchange, BulkApproveRequest.class));
              case "POST /api/undo" -> undo(body(exchange, UndoRequest.class));
              default -> throw new ReviewRequestException(404, "No API " + method + " " + path);
            };
        if (answer != null) {
          sendJson(exchange, 200, answer);
        }
      } catch (StreamFailed e) {
        // the status and part of the answer are sent: the client sees the answer cut short
        System.err.println("Review server failed while sending " + path + ": " + e.getCause());
      } catch (ReviewRequestException e) {
        sendJson(exchange, e.status(), error(e.getMessage()));
      } catch (IOException | RuntimeException e) {
        sendJson(exchange, 500, error("Review server failed: " + e));
      }
    }
  }

  /**
   * The queue's entries the filter matches, {@code page} of them, each with its state and decision;
   * {@code total} counts every match.
   */
  private void queue(JsonGenerator json, QueueFilter filter, QueuePage page) throws IOException {
    // read before the decisions: a decision landing while the queue is made makes the page's
    // version older than what it shows, which costs it one reload, never a decision unseen
    long version = session.decisions().version();
    Map<String, Decision> current = session.inForce();
    json.writeStartObject();
    json.writeStringField("who", who);
    json.writeNumberField("version", version);
    json.writeObjectField("progress", session.progress());
    json.writeNumberField("partitions_not_read", session.partitionsNotRead());
    json.writeArrayFieldStart("not_applied");
    for (var line : session.decisions().notApplied()) {
      json.writeString(line.describe());
    }
    json.writeEndArray();
    json.writeArrayFieldStart("entries");
    int matched = 0;
    for (QueueEntry entry : session.queue()) {
      QueueFilter.State state = session.state(entry.id(), current);
      if (filter.matches(entry, state) && page.holds(matched++)) {
        json.writeStartObject();
        writeEntryFields(json, entry);
        json.writeStringField("state", state.json());
        Decision decision = current.get(entry.id());
        if (decision != null) {
          json.writeStringField("decision", decision.kind().json());
        }
        json.writeEndObject();
      }
    }
    json.writeEndArray();
    json.writeNumberField("total", matched);
    json.writeNumberField("offset", page.offset());
    json.writeEndObject();
  }

  private static void writeEntryFields(JsonGenerator json, QueueEntry entry) throws IOException {
    json.writeStringField("id", entry.id());
    json.writeStringField("entity", entry.entity());
    json.writeStringField("action", entry.action().name());
    json.writeNumberField("confidence", entry.confidence());
    json.writeBooleanField("flagged", entry.flagged());
    json.writeStringField("title", entry.title());
  }

  /** The unlinked evidence the filters match, in the queue's shape; never decided on. */
  private void unlinked(JsonGenerator json, QueueFilter filter, QueuePage page) throws IOException {
    json.writeStartObject();
    json.writeStringField("who", who);
    json.writeObjectField("progress", session.progress());
    json.writeArrayFieldStart("entries");
    int matched = 0;
    for (QueueEntry entry : session.unlinked()) {
      if (filter.matches(entry, QueueFilter.State.UNDECIDED) && page.holds(matched++)) {
        json.writeStartObject();
        writeEntryFields(json, entry);
        json.writeEndObject();
      }
    }
    json.writeEndArray();
    json.writeNumberField("total", matched);
    json.writeNumberField("offset", page.offset());
    json.writeEndObject();
  }

  private JsonNode record(String id) throws IOException, ReviewRequestException {
    ObjectNode answer = Json.MAPPER.createObjectNode();
    ReconstructedRecord orphan = session.unlinkedRecord(id);
    if (orphan != null) {
      answer.set("record", Json.MAPPER.valueToTree(orphan));
      answer.put("unlinked", true);
      answer.putNull("decision");
      answer.putArray("history");
      return answer;
    }
    ReconstructedRecord record = session.record(id);
    answer.set("record", Json.MAPPER.valueToTree(record));
    // the edit form offers these too: a field the record lacks may be the one to fill in
    answer.set(
        "declared_fields",
        Json.MAPPER.valueToTree(session.model().declaredFields(record.entity())));
    Decision current = session.inForce().get(id);
    answer.set("decision", current == null ? null : Json.MAPPER.valueToTree(current));
    // a decision made on another version is in the history but not in force: say so on the page
    answer.put("earlier", session.earlier(id));
    VersionChanges changes = session.changesSinceDecision(id);
    answer.set("changed_since_decision", changes == null ? null : Json.MAPPER.valueToTree(changes));
    List<Decision> history = new ArrayList<>();
    for (Decision decision : session.decisions().all()) {
      if (id.equals(decision.recordId())) {
        history.add(decision);
      }
    }
    answer.set("history", Json.MAPPER.valueToTree(history));
    // what a reject would hold back, shown on the page before anyone rejects (an outside trial
    // saw it only in plan, and in the reject's answer)
    answer.set("holds_back", Json.MAPPER.valueToTree(session.holdsBack(id)));
    return answer;
  }

  private JsonNode evidence(String ref) throws IOException, ReviewRequestException {
    if (ref == null || ref.isBlank()) {
      throw new ReviewRequestException(400, "Missing evidence ref");
    }
    List<EvidenceEntry> found = session.evidence(ref);
    if (found.isEmpty()) {
      throw new ReviewRequestException(
          404,
          "No raw record for evidence "
              + ref
              + " (runs made before the evidence store have no review/evidence.jsonl)");
    }
    ObjectNode answer = Json.MAPPER.createObjectNode();
    answer.put("ref", ref);
    answer.set("items", Json.MAPPER.valueToTree(found));
    return answer;
  }

  /**
   * The body of {@code POST /api/decisions}. {@code expected} is the {@code expected_decision} key:
   * absent when the caller does not care what was decided before (a script: it wins), JSON null
   * when the caller saw the record undecided, else the id of the decision it saw.
   */
  private record DecideRequest(
      @JsonProperty("record_id") String recordId,
      String decision,
      Map<String, String> edits,
      String reason,
      @JsonProperty("expected_decision") JsonNode expected) {}

  /**
   * The body of {@code POST /api/bulk-approve}: the queue filter's parameters, and whether flagged
   * records are approved too (they are left out unless {@code include_flagged} is true).
   */
  private record BulkApproveRequest(
      Map<String, String> filter,
      String reason,
      @JsonProperty("include_flagged") Boolean includeFlagged) {}

  /** The body of {@code POST /api/undo}: the ids of the decisions to undo (at least one). */
  private record UndoRequest(List<String> decisions, String reason) {}

  private JsonNode decide(DecideRequest body) throws IOException, ReviewRequestException {
    String recordId = required(body.recordId(), "record_id");
    String kindText = required(body.decision(), "decision");
    Decision.Kind kind = Decision.Kind.parse(kindText);
    if (kind == null) {
      throw new ReviewRequestException(
          400, "Unknown decision " + kindText + " for record " + recordId);
    }
    ReviewSession.Expected expected;
    if (body.expected() == null) {
      expected = ReviewSession.Expected.ANY;
    } else if (body.expected().isNull()) {
      expected = ReviewSession.Expected.UNDECIDED;
    } else if (body.expected().isTextual() && !body.expected().asText().isEmpty()) {
      expected = new ReviewSession.Expected(body.expected().asText());
    } else {
      throw new ReviewRequestException(
          400,
          "expected_decision of the decision on record "
              + recordId
              + " is "
              + body.expected()
              + ": give the id of the decision shown, or null when the record was undecided");
    }
    ReviewSession.Decided decided =
        session.decide(
            who,
            recordId,
            kind,
            body.edits() == null ? Map.of() : body.edits(),
            body.reason() == null ? "" : body.reason(),
            expected);
    ObjectNode answer = Json.MAPPER.valueToTree(decided.decision());
    // beside the decision's own keys: what the queue needs to show it without reloading
    ReviewSession.QueueUpdate update = decided.queue();
    ObjectNode queue = answer.putObject("queue");
    queue.put("version_before", update.versionBefore());
    queue.put("version", update.version());
    queue.set("progress", Json.MAPPER.valueToTree(update.progress()));
    ObjectNode entry = queue.putObject("entry");
    entry.put("id", recordId);
    entry.put("state", update.state().json());
    if (update.state() == QueueFilter.State.DECIDED) {
      entry.put("decision", decided.decision().kind().json());
    }
    // and what was stored for a value typed in another form
    if (!decided.notes().isEmpty()) {
      answer.set("stored", Json.MAPPER.valueToTree(decided.notes()));
    }
    if (!decided.holdsBack().isEmpty()) {
      answer.set("holds_back", Json.MAPPER.valueToTree(decided.holdsBack()));
      answer.put(
          "note",
          "Rejecting "
              + recordId
              + " also holds back "
              + String.join(", ", decided.holdsBack())
              + ": every piece of their evidence made this record too, and import plan keeps"
              + " such a record out until it is approved (spam makes them). If the reject is for"
              + " another reason (not this room, a duplicate) and they are real, approve each in"
              + " review");
    }
    return answer;
  }

  private JsonNode bulkApprove(BulkApproveRequest body) throws IOException, ReviewRequestException {
    Map<String, String> params = body.filter() == null ? Map.of() : body.filter();
    ReviewSession.BulkApproval made =
        session.bulkApprove(
            who,
            QueueFilter.from(params),
            body.reason() == null ? "" : body.reason(),
            Boolean.TRUE.equals(body.includeFlagged())
                ? ReviewSession.Flagged.INCLUDE
                : ReviewSession.Flagged.LEAVE_OUT);
    ObjectNode answer = Json.MAPPER.createObjectNode();
    answer.put("count", made.made().size());
    answer.put("flagged_left_out", made.flaggedLeftOut());
    answer.put("unchanged_left_out", made.unchangedLeftOut());
    if (made.unchangedLeftOut() > 0) {
      answer.put(
          "left_out",
          made.unchangedLeftOut()
              + " unchanged record(s) matching were left out: they need no decision and import"
              + " writes nothing for them; name them with \"action\": \"UNCHANGED\" in the filter"
              + " to approve them");
    }
    answer.set("decisions", Json.MAPPER.valueToTree(made.made()));
    return answer;
  }

  private JsonNode undo(UndoRequest body) throws IOException, ReviewRequestException {
    List<String> ids = body.decisions() == null ? List.of() : body.decisions();
    List<Decision> made = session.undo(who, ids, body.reason() == null ? "" : body.reason());
    ObjectNode answer = Json.MAPPER.createObjectNode();
    answer.put("count", made.size());
    answer.set("decisions", Json.MAPPER.valueToTree(made));
    return answer;
  }

  /**
   * Whether the request names this server by a loopback address or {@code localhost}, when it
   * listens on loopback only. A page of another site whose name was made to resolve to 127.0.0.1
   * (DNS rebinding) sends its own name as Host, and as Origin too, so the Origin check alone let it
   * decide and read with a token it had learnt (trial 88). A request without Host (HTTP/1.0, not a
   * browser) passes; a server bound to another address (--bind) is reached by names this one cannot
   * know, and is not checked.
   */
  private boolean hostAllowed(HttpExchange exchange) {
    if (!http.getAddress().getAddress().isLoopbackAddress()) {
      return true;
    }
    String host = exchange.getRequestHeaders().getFirst("Host");
    if (host == null) {
      return true;
    }
    String name = host.trim().toLowerCase(java.util.Locale.ROOT);
    if (name.startsWith("[")) {
      int close = name.indexOf(']');
      name = close < 0 ? name : name.substring(1, close);
    } else if (name.indexOf(':') >= 0) {
      name = name.substring(0, name.indexOf(':'));
    }
    return name.equals("localhost")
        || name.equals("::1")
        || name.matches("127\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}");
  }

  private static String wrongHost(HttpExchange exchange) {
    return "Forbidden: a request for host "
        + exchange.getRequestHeaders().getFirst("Host")
        + ", not this server (a page of another site whose name leads here); open the URL salvage"
        + " review printed";
  }

  /** Whether a browser's {@code Origin} is the server the request was sent to (its Host). */
  private static boolean sameOrigin(HttpExchange exchange, String origin) {
    String host = exchange.getRequestHeaders().getFirst("Host");
    return host != null && origin.equalsIgnoreCase("http://" + host);
  }

  private boolean authorised(HttpExchange exchange) {
    String given = exchange.getRequestHeaders().getFirst(TOKEN_HEADER);
    if (given == null) {
      given = query(exchange.getRequestURI()).get("token");
    }
    return given != null
        && MessageDigest.isEqual(
            given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
  }

  private static <T> T body(HttpExchange exchange, Class<T> type)
      throws IOException, ReviewRequestException {
    byte[] bytes = exchange.getRequestBody().readNBytes(1 << 20);
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(bytes);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ReviewRequestException(
          400, "The request body is not JSON: " + e.getOriginalMessage());
    }
    if (body == null || !body.isObject()) {
      throw new ReviewRequestException(400, "The request body must be a JSON object");
    }
    try {
      return Json.MAPPER.treeToValue(body, type);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ReviewRequestException(
          400, "The request body does not fit the API: " + e.getOriginalMessage());
    }
  }

  private static String required(String value, String field) throws ReviewRequestException {
    if (value == null || value.isEmpty()) {
      throw new ReviewRequestException(400, "The request body has no " + field);
    }
    return value;
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> params = new HashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }

  private static ObjectNode error(String message) {
    return Json.MAPPER.createObjectNode().put("error", message);
  }

  /** Writes one JSON answer into a {@link JsonGenerator}. */
  @FunctionalInterface
  private interface JsonAnswer {
    void write(JsonGenerator json) throws IOException;
  }

  /** An answer that failed after its status was sent; only the log can say so. */
  private static final class StreamFailed extends IOException {
    private static final long serialVersionUID = 1L;

    StreamFailed(Exception cause) {
      super(cause);
    }
  }

  /**
   * Sends a 200 answer written as it is made: a queue of a big run is hundreds of thousands of
   * entries (35 MB of JSON at 100k reservations), which as a tree and then a byte array took the
   * heap several times over for each request.
   */
  private static void streamJson(HttpExchange exchange, JsonAnswer answer) throws IOException {
    setHeaders(exchange, "application/json; charset=utf-8");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = new BufferedOutputStream(exchange.getResponseBody(), 1 << 16);
        JsonGenerator json = Json.MAPPER.createGenerator(out)) {
      answer.write(json);
    } catch (IOException | RuntimeException e) {
      throw new StreamFailed(e);
    }
  }

  private static void sendJson(HttpExchange exchange, int status, JsonNode body)
      throws IOException {
    send(exchange, status, "application/json; charset=utf-8", Json.MAPPER.writeValueAsBytes(body));
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    setHeaders(exchange, type);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static void setHeaders(HttpExchange exchange, String type) {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String contentType(String name) {
    if (name.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    if (name.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    return "text/html; charset=utf-8";
  }
}
