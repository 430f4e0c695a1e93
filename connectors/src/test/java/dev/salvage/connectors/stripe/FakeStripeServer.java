package dev.salvage.connectors.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A local server answering like the Stripe API's list endpoints: {@code limit}, {@code
 * starting_after}, {@code created[gte]}/{@code created[lt]}, newest first, and a customer by id
 * ({@code /v1/customers/{id}}, deleted ones as Stripe answers them), bearer-key authentication, and
 * Stripe's error JSON. Faults can be queued (429 with Retry-After, 500, slow answers, 401, 403) and
 * every request's method and path is recorded.
 */
public final class FakeStripeServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  /** A request as received. */
  public record Request(String method, String path, Map<String, String> query, long atNanos) {}

  /** What to do instead of (or before) answering a request. */
  record Fault(
      int status,
      String retryAfter,
      long delayMillis,
      String message,
      String rawBody,
      Kind kind,
      long byteMillis) {
    /** Answers that are not an error status. */
    enum Kind {
      PLAIN,
      /** the list's first page, whatever the cursor: a server going back to the start */
      FROM_START,
      /** the right page, one byte every {@code byteMillis} */
      TRICKLE,
      /** the cursor object is deleted, and Stripe answers as it does to an unknown cursor */
      DELETE_CURSOR,
      /** the right page without its {@code has_more}: a gateway's rewrite, not Stripe's list */
      WITHOUT_HAS_MORE
    }

    Fault(int status, String retryAfter, long delayMillis, String message, String rawBody) {
      this(status, retryAfter, delayMillis, message, rawBody, Kind.PLAIN, 0);
    }

    Fault(int status, String retryAfter, long delayMillis, String message) {
      this(status, retryAfter, delayMillis, message, null);
    }

    static Fault fromStart() {
      return new Fault(0, null, 0, null, null, Kind.FROM_START, 0);
    }

    static Fault trickle(long byteMillis) {
      return new Fault(0, null, 0, null, null, Kind.TRICKLE, byteMillis);
    }

    static Fault withoutHasMore() {
      return new Fault(0, null, 0, null, null, Kind.WITHOUT_HAS_MORE, 0);
    }

    static Fault deleteCursor() {
      return new Fault(0, null, 0, null, null, Kind.DELETE_CURSOR, 0);
    }

    static Fault rateLimited(String retryAfter) {
      return new Fault(429, retryAfter, 0, "Too many requests hit the API too quickly.");
    }

    static Fault serverError() {
      return new Fault(500, null, 0, "An unknown error occurred");
    }

    static Fault slow(long millis) {
      return new Fault(0, null, millis, null);
    }

    /** What a proxy or load balancer in front of the API answers itself: not Stripe's JSON. */
    static Fault fromProxy(int status, String body) {
      return new Fault(status, null, 0, null, body);
    }
  }

  private final HttpServer server;
  private final String key;
  private final Map<String, List<ObjectNode>> lists = new ConcurrentHashMap<>();
  private final Map<String, String> forbidden = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
  private final Map<String, ConcurrentLinkedQueue<Fault>> faultsAfterCursor =
      new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile long latencyMillis;
  private volatile String cursorErrorLeavesOut;
  private final Map<String, Integer> failingLists = new ConcurrentHashMap<>();
  private final Map<String, ConcurrentLinkedQueue<Fault>> faultsAtPath = new ConcurrentHashMap<>();
  private final java.util.Set<String> deletedCustomers = ConcurrentHashMap.newKeySet();

  public FakeStripeServer(String key) throws IOException {
    this.key = key;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(16));
    server.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The list endpoint of each object type ({@code charge} -> {@code /v1/charges}). */
  public static final Map<String, String> LIST_PATHS =
      Map.of(
          "customer", "/v1/customers",
          "payment_intent", "/v1/payment_intents",
          "charge", "/v1/charges",
          "refund", "/v1/refunds",
          "checkout.session", "/v1/checkout/sessions",
          "invoice", "/v1/invoices");

  /** Serves {@code objects} at {@code path} (e.g. {@code /v1/charges}). */
  public FakeStripeServer serve(String path, List<? extends JsonNode> objects) {
    List<ObjectNode> sorted = new ArrayList<>();
    objects.forEach(o -> sorted.add((ObjectNode) o));
    sorted.sort(
        Comparator.comparingLong((ObjectNode o) -> o.path("created").asLong())
            .thenComparing(o -> o.path("id").asText())
            .reversed());
    lists.put(path, sorted);
    return this;
  }

  /** Answers 403 at {@code path} naming {@code permission}, as Stripe does for restricted keys. */
  public FakeStripeServer forbid(String path, String permission) {
    forbidden.put(path, permission);
    return this;
  }

  /** The next requests, whatever they are, meet these faults in order. */
  FakeStripeServer failNext(Fault... queued) {
    faults.addAll(List.of(queued));
    return this;
  }

  /** The next requests for {@code path} (a customer's, {@code /v1/customers/cus_1}) meet these. */
  FakeStripeServer failAt(String path, Fault... queued) {
    faultsAtPath.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>()).addAll(List.of(queued));
    return this;
  }

  /** The next requests continuing after {@code cursor} meet these faults in order. */
  FakeStripeServer failAfterCursor(String cursor, Fault... queued) {
    faultsAfterCursor
        .computeIfAbsent(cursor, c -> new ConcurrentLinkedQueue<>())
        .addAll(List.of(queued));
    return this;
  }

  /**
   * Deletes customer {@code id} as Stripe does: gone from the list, and {@code GET
   * /v1/customers/{id}} answers {@code deleted: true}.
   */
  FakeStripeServer deleteCustomer(String id) {
    deletedCustomers.add(id);
    return delete("/v1/customers", id);
  }

  /** Deletes object {@code id} of the list at {@code path}, as Stripe does a deleted customer. */
  FakeStripeServer delete(String path, String id) {
    lists.computeIfPresent(
        path,
        (p, objects) -> objects.stream().filter(o -> !o.path("id").asText().equals(id)).toList());
    return this;
  }

  /**
   * Answers {@code status} to every list request at {@code path} that carries a created-time window
   * (the permission probes carry none and pass), as a Stripe whose list keeps failing; {@code 0}
   * repairs it.
   */
  public FakeStripeServer failList(String path, int status) {
    if (status == 0) {
      failingLists.remove(path);
    } else {
      failingLists.put(path, status);
    }
    return this;
  }

  /** Delay added to every answer, as a network would. */
  public FakeStripeServer latency(long millis) {
    latencyMillis = millis;
    return this;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      String path = exchange.getRequestURI().getPath();
      requests.add(new Request(exchange.getRequestMethod(), path, query, System.nanoTime()));
      exchange.getRequestBody().readAllBytes();
      pause(latencyMillis);
      Fault fault = faults.poll();
      if (fault == null && faultsAtPath.containsKey(path)) {
        fault = faultsAtPath.get(path).poll();
      }
      if (fault == null && query.containsKey("starting_after")) {
        ConcurrentLinkedQueue<Fault> queued = faultsAfterCursor.get(query.get("starting_after"));
        fault = queued == null ? null : queued.poll();
      }
      if (fault == null && failingLists.containsKey(path) && query.containsKey("created[gte]")) {
        fault = new Fault(failingLists.get(path), null, 0, "An unknown error occurred");
      }
      if (fault != null && fault.kind() == Fault.Kind.DELETE_CURSOR) {
        String cursor = query.get("starting_after");
        lists.computeIfPresent(
            path,
            (p, objects) ->
                objects.stream().filter(o -> !o.path("id").asText().equals(cursor)).toList());
        fault = null;
      }
      if (fault != null) {
        pause(fault.delayMillis());
        if (fault.status() != 0 && fault.rawBody() != null) {
          byte[] bytes = fault.rawBody().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/html");
          exchange.sendResponseHeaders(fault.status(), bytes.length == 0 ? -1 : bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
          return;
        }
        if (fault.status() != 0) {
          if (fault.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", fault.retryAfter());
          }
          error(exchange, fault.status(), "api_error", fault.message());
          return;
        }
      }
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      if (auth == null || !auth.equals("Bearer " + key)) {
        error(
            exchange,
            401,
            "invalid_request_error",
            "Invalid API Key provided: " + (auth == null ? "none" : "rk_test_********"));
        return;
      }
      if (!exchange.getRequestMethod().equals("GET")) {
        error(exchange, 405, "invalid_request_error", "Unrecognized request URL");
        return;
      }
      if (forbidden.containsKey(path)) {
        error(
            exchange,
            403,
            "invalid_request_error",
            "The provided key 'rk_test_51H******' does not have the required permissions for this"
                + " endpoint on account 'acct_1Test'. Having the '"
                + forbidden.get(path)
                + "' permission would allow this request to continue.");
        return;
      }
      if (path.startsWith("/v1/customers/")) {
        retrieveCustomer(exchange, path.substring("/v1/customers/".length()));
        return;
      }
      List<ObjectNode> objects = lists.get(path);
      if (objects == null) {
        error(
            exchange, 404, "invalid_request_error", "Unrecognized request URL (GET: " + path + ")");
        return;
      }
      if (fault != null && fault.kind() == Fault.Kind.FROM_START) {
        Map<String, String> first = new LinkedHashMap<>(query);
        first.remove("starting_after");
        answer(exchange, 200, page(path, objects, first));
        return;
      }
      String after = query.get("starting_after");
      if (after != null && objects.stream().noneMatch(o -> o.path("id").asText().equals(after))) {
        ObjectNode body = resourceMissing("No such object: '" + after + "'", "starting_after");
        if (cursorErrorLeavesOut != null) {
          ((ObjectNode) body.get("error")).remove(cursorErrorLeavesOut);
        }
        answer(exchange, 400, body);
        return;
      }
      if (fault != null && fault.kind() == Fault.Kind.WITHOUT_HAS_MORE) {
        ObjectNode page = page(path, objects, query);
        page.remove("has_more");
        answer(exchange, 200, page);
        return;
      }
      if (fault != null && fault.kind() == Fault.Kind.TRICKLE) {
        trickle(exchange, page(path, objects, query), fault.byteMillis());
        return;
      }
      answer(exchange, 200, page(path, objects, query));
    }
  }

  /** {@code GET /v1/customers/{id}}: the customer whenever created, deleted, or 404. */
  private void retrieveCustomer(HttpExchange exchange, String id) throws IOException {
    if (deletedCustomers.contains(id)) {
      ObjectNode deleted = JSON.createObjectNode();
      deleted.put("id", id);
      deleted.put("object", "customer");
      deleted.put("deleted", true);
      answer(exchange, 200, deleted);
      return;
    }
    for (ObjectNode customer : lists.getOrDefault("/v1/customers", List.of())) {
      if (customer.path("id").asText().equals(id)) {
        answer(exchange, 200, customer);
        return;
      }
    }
    resourceMissing(exchange, 404, "No such customer: '" + id + "'", "id");
  }

  /**
   * From now on the 400 answered to a cursor Stripe no longer has leaves out this member of its
   * error ({@code code} or {@code param}), as Stripe's answers have been seen to (an older API
   * version's without a code; a retrieve's with an empty param).
   */
  FakeStripeServer cursorErrorLeavesOut(String member) {
    this.cursorErrorLeavesOut = member;
    return this;
  }

  /** Stripe's answer naming an object it does not have, by {@code param}. */
  private static void resourceMissing(
      HttpExchange exchange, int status, String message, String param) throws IOException {
    answer(exchange, status, resourceMissing(message, param));
  }

  private static ObjectNode resourceMissing(String message, String param) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode error = body.putObject("error");
    error.put("code", "resource_missing");
    error.put("doc_url", "https://stripe.com/docs/error-codes/resource-missing");
    error.put("message", message);
    error.put("param", param);
    error.put("type", "invalid_request_error");
    return body;
  }

  private static void trickle(HttpExchange exchange, JsonNode body, long byteMillis)
      throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      for (byte b : bytes) {
        out.write(b);
        out.flush();
        pause(byteMillis);
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
      }
    } catch (IOException closedByTheClient) {
      // the client gave the answer up, as it should
    }
  }

  private static ObjectNode page(String path, List<ObjectNode> objects, Map<String, String> query) {
    int limit = Integer.parseInt(query.getOrDefault("limit", "10"));
    long gte = Long.parseLong(query.getOrDefault("created[gte]", Long.toString(Long.MIN_VALUE)));
    long lt = Long.parseLong(query.getOrDefault("created[lt]", Long.toString(Long.MAX_VALUE)));
    List<ObjectNode> matching = new ArrayList<>();
    for (ObjectNode o : objects) {
      long created = o.path("created").asLong();
      if (created >= gte && created < lt) {
        matching.add(o);
      }
    }
    int start = 0;
    String after = query.get("starting_after");
    if (after != null) {
      for (int i = 0; i < matching.size(); i++) {
        if (matching.get(i).path("id").asText().equals(after)) {
          start = i + 1;
        }
      }
    }
    int end = Math.min(matching.size(), start + limit);
    ObjectNode list = JSON.createObjectNode();
    list.put("object", "list");
    ArrayNode data = list.putArray("data");
    matching.subList(start, end).forEach(data::add);
    list.put("has_more", end < matching.size());
    list.put("url", path);
    return list;
  }

  private static void error(HttpExchange exchange, int status, String type, String message)
      throws IOException {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode error = body.putObject("error");
    error.put("message", message);
    error.put("type", type);
    error.put("request_log_url", "https://dashboard.stripe.com/test/logs/req_fake");
    answer(exchange, status, body);
  }

  private static void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.getResponseHeaders().add("Request-Id", "req_fake");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new LinkedHashMap<>();
    if (raw == null) {
      return query;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      query.merge(name, value, (a, b) -> a + "," + b);
    }
    return query;
  }

  private static void pause(long millis) {
    if (millis > 0) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
