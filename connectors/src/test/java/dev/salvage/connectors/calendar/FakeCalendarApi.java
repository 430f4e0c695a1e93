package dev.salvage.connectors.calendar;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * A local server answering like the Google Calendar API v3 ({@code calendarList}, {@code
 * events.list} with page tokens, Google's error bodies) and like Google's OAuth token endpoint for
 * the service-account JWT grant and the refresh-token grant. The service-account key it accepts is
 * a throwaway RSA key made here.
 */
public final class FakeCalendarApi implements AutoCloseable {
  static final String GOOGLE_TOKEN_AUDIENCE = "https://oauth2.googleapis.com/token";
  static final String CLIENT_EMAIL = "salvage-reader@test-project.iam.gserviceaccount.com";

  /** One request as the server saw it. */
  public record Request(
      String method, String path, Map<String, String> query, String authorization) {}

  /** A calendar: its list fields and either events (paged by the server) or saved page files. */
  private record FakeCalendar(
      String summary, String timeZone, List<JsonNode> events, List<Path> pages) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PAGE_TOKEN = "CiAKGjBwN";

  private final HttpServer server;
  // generated once: making an RSA key takes about a second here
  private static final KeyPair KEY = throwawayKey();
  private final Map<String, FakeCalendar> calendars = new LinkedHashMap<>();
  private final Deque<int[]> faults = new ArrayDeque<>();
  private final Deque<int[]> pageFaults = new ArrayDeque<>();
  private volatile boolean endlessTokens;
  private volatile boolean revoked;
  private volatile String retryAfter;
  private final Map<String, Integer> brokenCalendars = new ConcurrentHashMap<>();
  private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
  private final List<JsonNode> assertions = new CopyOnWriteArrayList<>();
  private int pageSize = 2500;
  private int tokensIssued;

  public FakeCalendarApi() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/token", this::token);
    server.createContext("/calendar/v3/", this::api);
    // a trickled answer must not hold up the requests after it
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  private static KeyPair throwawayKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JDK has no RSA", e);
    }
  }

  public String rootUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  public String tokenUri() {
    return rootUrl() + "token";
  }

  /** Serves {@code events} for calendar {@code id}, {@link #pageSize} a page. */
  public FakeCalendarApi calendar(
      String id, String summary, String timeZone, List<JsonNode> events) {
    calendars.put(id, new FakeCalendar(summary, timeZone, List.copyOf(events), List.of()));
    return this;
  }

  /**
   * Serves every {@code <calendarId>/events-NNNN.json} under {@code directory} unchanged, chained
   * by the pages' own nextPageToken.
   */
  FakeCalendarApi calendarPages(Path directory) throws IOException {
    try (Stream<Path> dirs = Files.list(directory)) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        try (Stream<Path> files = Files.list(dir)) {
          List<Path> pages =
              files.filter(f -> f.getFileName().toString().startsWith("events-")).sorted().toList();
          JsonNode first = JSON.readTree(pages.get(0).toFile());
          calendars.put(
              dir.getFileName().toString(),
              new FakeCalendar(
                  first.path("summary").asText(),
                  first.path("timeZone").asText(),
                  List.of(),
                  pages));
        }
      }
    }
    return this;
  }

  /** The largest page the server returns, whatever maxResults asks for (Google may send fewer). */
  public FakeCalendarApi pageSize(int size) {
    this.pageSize = size;
    return this;
  }

  /**
   * The next API requests are answered with these statuses, in order, before normal answers; 401
   * also expires every access token issued so far.
   */
  synchronized FakeCalendarApi failNext(int... statuses) {
    for (int status : statuses) {
      faults.add(new int[] {status});
    }
    return this;
  }

  /**
   * Every events request of calendar {@code id} is answered with {@code status} until {@link
   * #repair} (a backend that keeps failing for one calendar while the others answer).
   */
  public FakeCalendarApi failCalendar(String id, int status) {
    brokenCalendars.put(id, status);
    return this;
  }

  /** Calendar {@code id} answers normally again. */
  public FakeCalendarApi repair(String id) {
    brokenCalendars.remove(id);
    return this;
  }

  /**
   * The {@code Retry-After} header sent with every 429, 5xx and 403 rate-limit fault from now on
   * (seconds or an HTTP date); without it a 429 says {@code 0} and the others none.
   */
  synchronized FakeCalendarApi retryAfter(String value) {
    this.retryAfter = value;
    return this;
  }

  /** Requests for a next page (with a pageToken) are answered with these statuses first. */
  public synchronized FakeCalendarApi failNextPages(int... statuses) {
    for (int status : statuses) {
      pageFaults.add(new int[] {status});
    }
    return this;
  }

  /**
   * The key or token is revoked from now on: the access tokens issued stop working and the token
   * endpoint answers 400 invalid_grant, in the pretty-printed JSON Google sends.
   */
  FakeCalendarApi revokeCredentials() {
    revoked = true;
    validTokens.clear();
    return this;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  public List<Request> requests(String pathPart) {
    return requests.stream().filter(r -> r.path().contains(pathPart)).toList();
  }

  List<Map<String, String>> tokenRequests() {
    return List.copyOf(tokenRequests);
  }

  /** The claims of every JWT assertion whose signature checked out. */
  List<JsonNode> assertions() {
    return List.copyOf(assertions);
  }

  /** Writes a service-account key file for the throwaway key, its token_uri this server's. */
  public Path writeServiceAccountKey(Path file) throws IOException {
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(KEY.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    ObjectNode json = JSON.createObjectNode();
    json.put("type", "service_account");
    json.put("project_id", "test-project");
    json.put("private_key_id", "0123456789abcdef");
    json.put("private_key", pem);
    json.put("client_email", CLIENT_EMAIL);
    json.put("client_id", "100000000000000000001");
    json.put("auth_uri", "https://accounts.google.com/o/oauth2/auth");
    json.put("token_uri", tokenUri());
    Files.writeString(file, json.toPrettyString());
    return file;
  }

  /** Writes a stored OAuth user token (Google's authorized_user JSON). */
  static Path writeUserToken(Path file) throws IOException {
    ObjectNode json = JSON.createObjectNode();
    json.put("type", "authorized_user");
    json.put("client_id", "client-123.apps.googleusercontent.com");
    json.put("client_secret", "test-client-secret");
    json.put("refresh_token", "test-refresh-token");
    Files.writeString(file, json.toPrettyString());
    return file;
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }

  // ---- OAuth token endpoint --------------------------------------------------------------------

  private void token(HttpExchange exchange) throws IOException {
    Map<String, String> form =
        parseQuery(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    tokenRequests.add(form);
    boolean granted =
        exchange.getRequestMethod().equals("POST")
            && switch (form.getOrDefault("grant_type", "")) {
              case "urn:ietf:params:oauth:grant-type:jwt-bearer" ->
                  validAssertion(form.getOrDefault("assertion", ""));
              case "refresh_token" ->
                  "test-refresh-token".equals(form.get("refresh_token"))
                      && "test-client-secret".equals(form.get("client_secret"));
              default -> false;
            };
    if (!granted) {
      send(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid grant\"}");
      return;
    }
    if (revoked) {
      send(
          exchange,
          400,
          "{\n \"error\": \"invalid_grant\",\n \"error_description\": \"Invalid JWT Signature.\"\n}");
      return;
    }
    String token;
    synchronized (this) {
      token = "ya29.test-" + ++tokensIssued;
    }
    validTokens.add(token);
    send(
        exchange,
        200,
        "{\"access_token\":\"" + token + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}");
  }

  private boolean validAssertion(String jwt) {
    String[] parts = jwt.split("\\.");
    if (parts.length != 3) {
      return false;
    }
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initVerify(KEY.getPublic());
      rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!rs256.verify(Base64.getUrlDecoder().decode(parts[2]))) {
        return false;
      }
      JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      assertions.add(claims);
      return claims.path("iss").asText().equals(CLIENT_EMAIL)
          && claims.path("aud").asText().equals(GOOGLE_TOKEN_AUDIENCE);
    } catch (Exception e) {
      return false;
    }
  }

  // ---- Calendar API ----------------------------------------------------------------------------

  private void api(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    Map<String, String> query = parseQuery(exchange.getRequestURI().getRawQuery());
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    requests.add(new Request(exchange.getRequestMethod(), path, query, authorization));
    if (!exchange.getRequestMethod().equals("GET")) {
      send(exchange, 405, error(405, "Method not allowed", "methodNotAllowed"));
      return;
    }
    String token =
        authorization != null && authorization.startsWith("Bearer ")
            ? authorization.substring(7)
            : "";
    if (!validTokens.contains(token)) {
      unauthorized(exchange);
      return;
    }
    int[] fault;
    synchronized (this) {
      fault = faults.poll();
      if (fault == null && query.containsKey("pageToken")) {
        fault = pageFaults.poll();
      }
    }
    int mode = fault == null ? 0 : fault[0];
    if (fault != null && mode != REPEAT_FIRST && mode != TRICKLE) {
      if (mode == ECHO_HTML) {
        // a proxy's error page echoing the request, its Authorization header included
        exchange.getResponseHeaders().add("Content-Type", "text/html");
        send(
            exchange,
            200,
            "<html><pre>GET " + path + "\nAuthorization: " + authorization + "</pre></html>");
        return;
      }
      fail(exchange, fault[0]);
      return;
    }
    String prefix = "/calendar/v3/";
    String rest = path.substring(prefix.length());
    if (rest.equals("users/me/calendarList")) {
      calendarList(exchange, query);
    } else if (rest.startsWith("calendars/") && rest.endsWith("/events")) {
      String id =
          URLDecoder.decode(
              rest.substring("calendars/".length(), rest.length() - "/events".length()),
              StandardCharsets.UTF_8);
      events(exchange, id, query, mode);
    } else {
      send(exchange, 404, error(404, "Not Found", "notFound"));
    }
  }

  /** A fault: a 200 whose JSON is cut short (a proxy's truncated answer). */
  static final int CUT_SHORT = -1;

  /** A fault: a 200 without a body. */
  static final int EMPTY = -2;

  /** A fault: the connection closes part-way through a 200's announced body. */
  static final int RESET = -3;

  /** A fault: the first page's events again, with the next page's token. */
  static final int REPEAT_FIRST = -6;

  /** A fault: a 200 HTML page echoing the request's Authorization header. */
  static final int ECHO_HTML = -7;

  /** A fault: the right page, one byte every 20 ms. */
  static final int TRICKLE = -8;

  /** A fault: 403 to a calendar the account may not read. */
  public static final int NO_ACCESS = -4;

  /** A fault: 403 because the Calendar API is not enabled in the credentials' project. */
  public static final int API_DISABLED = -5;

  /** A fault: 403 {@code dailyLimitExceeded}, the project's daily quota used up. */
  static final int DAILY_QUOTA = -9;

  private void fail(HttpExchange exchange, int status) throws IOException {
    switch (status) {
      case NO_ACCESS ->
          send(exchange, 403, error(403, "The caller does not have permission", "forbidden"));
      case API_DISABLED ->
          send(
              exchange,
              403,
              error(
                  403,
                  "Google Calendar API has not been used in project 123 before or it is disabled.",
                  "accessNotConfigured"));
      case DAILY_QUOTA ->
          send(
              exchange,
              403,
              error(
                  403,
                  "Daily Limit Exceeded. The quota will be reset at midnight Pacific Time (PT).",
                  "dailyLimitExceeded"));
      case CUT_SHORT ->
          send(exchange, 200, "{\"kind\": \"calendar#events\", \"items\": [{\"id\": \"a");
      case EMPTY -> {
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
      }
      case RESET -> {
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(200, 4096);
        OutputStream out = exchange.getResponseBody();
        out.write("{\"kind\": \"calendar#events\", \"items\": [".getBytes(StandardCharsets.UTF_8));
        out.flush();
        exchange.close(); // fewer bytes than announced: the client's read breaks off
      }
      case 401 -> {
        validTokens.clear();
        unauthorized(exchange);
      }
      case 429 -> {
        exchange.getResponseHeaders().add("Retry-After", retryAfter == null ? "0" : retryAfter);
        send(exchange, 429, error(429, "Rate Limit Exceeded", "rateLimitExceeded"));
      }
      case 403 -> {
        askToComeBack(exchange);
        send(exchange, 403, error(403, "Rate Limit Exceeded", "rateLimitExceeded"));
      }
      case 404 -> send(exchange, 404, error(404, "Not Found", "notFound"));
      // what Google answers when a token it handed out is no longer valid
      case 410 ->
          send(
              exchange,
              410,
              error(
                  410,
                  "Sync token is no longer valid, a full sync is required.",
                  "fullSyncRequired"));
      default -> {
        askToComeBack(exchange);
        send(exchange, status, error(status, "Backend Error", "backendError"));
      }
    }
  }

  private void askToComeBack(HttpExchange exchange) {
    if (retryAfter != null) {
      exchange.getResponseHeaders().add("Retry-After", retryAfter);
    }
  }

  private static void unauthorized(HttpExchange exchange) throws IOException {
    exchange
        .getResponseHeaders()
        .add(
            "WWW-Authenticate",
            "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"");
    send(exchange, 401, error(401, "Request had invalid authentication credentials.", "authError"));
  }

  private void calendarList(HttpExchange exchange, Map<String, String> query) throws IOException {
    ObjectNode list = JSON.createObjectNode();
    list.put("kind", "calendar#calendarList");
    list.put("etag", "\"p33g\"");
    ArrayNode items = list.putArray("items");
    calendars.forEach(
        (id, calendar) -> {
          ObjectNode entry = items.addObject();
          entry.put("kind", "calendar#calendarListEntry");
          entry.put("id", id);
          entry.put("summary", calendar.summary());
          entry.put("timeZone", calendar.timeZone());
          entry.put("accessRole", "reader");
        });
    send(exchange, 200, list.toString());
  }

  private void events(HttpExchange exchange, String id, Map<String, String> query, int mode)
      throws IOException {
    Integer broken = brokenCalendars.get(id);
    if (broken != null) {
      fail(exchange, broken);
      return;
    }
    FakeCalendar calendar = calendars.get(id);
    if (calendar == null) {
      send(exchange, 404, error(404, "Not Found", "notFound"));
      return;
    }
    if (!calendar.pages().isEmpty()) {
      servePage(exchange, calendar.pages(), query.get("pageToken"));
      return;
    }
    int size = Math.min(pageSize, Integer.parseInt(query.getOrDefault("maxResults", "250")));
    String token = query.get("pageToken");
    int offset = token == null ? 0 : Integer.parseInt(token.substring(PAGE_TOKEN.length()));
    ObjectNode page = JSON.createObjectNode();
    page.put("kind", "calendar#events");
    page.put("etag", "\"p32o\"");
    page.put("summary", calendar.summary());
    page.put("description", "");
    page.put("updated", "2026-11-01T10:00:00.000Z");
    page.put("timeZone", calendar.timeZone());
    page.put("accessRole", "reader");
    page.putArray("defaultReminders");
    int count = calendar.events().size();
    int from = Math.min(offset, count);
    int end = Math.min(offset + size, count);
    if (end < count || endlessTokens && offset < 1_000_000) {
      page.put("nextPageToken", PAGE_TOKEN + (offset + size));
    }
    ArrayNode items = page.putArray("items");
    if (mode == REPEAT_FIRST) {
      calendar.events().subList(0, Math.min(size, count)).forEach(items::add);
    } else {
      calendar.events().subList(from, end).forEach(items::add);
    }
    if (mode == TRICKLE) {
      trickle(exchange, page.toString());
      return;
    }
    send(exchange, 200, page.toString());
  }

  /** After its events, every page of every calendar is empty with a new token, forever. */
  public synchronized FakeCalendarApi endlessTokens() {
    endlessTokens = true;
    return this;
  }

  private static void trickle(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      for (byte b : bytes) {
        out.write(b);
        out.flush();
        Thread.sleep(20);
      }
    } catch (IOException | InterruptedException closedByTheClient) {
      // the client gave the answer up, as it should
    } finally {
      exchange.close();
    }
  }

  private void servePage(HttpExchange exchange, List<Path> pages, String pageToken)
      throws IOException {
    int index = 0;
    if (pageToken != null) {
      index = -1;
      for (int i = 0; i < pages.size() - 1; i++) {
        if (pageToken.equals(JSON.readTree(pages.get(i).toFile()).path("nextPageToken").asText())) {
          index = i + 1;
        }
      }
      if (index < 0) {
        send(exchange, 400, error(400, "Invalid page token value.", "invalid"));
        return;
      }
    }
    send(exchange, 200, Files.readString(pages.get(index)));
  }

  private static String error(int code, String message, String reason) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode error = body.putObject("error");
    ArrayNode errors = error.putArray("errors");
    ObjectNode item = errors.addObject();
    item.put("domain", code == 403 || code == 429 ? "usageLimits" : "global");
    item.put("reason", reason);
    item.put("message", message);
    error.put("code", code);
    error.put("message", message);
    return body.toString();
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  static Map<String, String> parseQuery(String query) {
    Map<String, String> values = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) {
      return values;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      values.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return values;
  }

  public static List<JsonNode> parseEvents(String... events) throws IOException {
    List<JsonNode> parsed = new ArrayList<>();
    for (String event : events) {
      parsed.add(JSON.readTree(event));
    }
    return parsed;
  }
}
