package dev.salvage.connectors.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.HttpResponseException;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.CalendarList;
import com.google.api.services.calendar.model.CalendarListEntry;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.auth.oauth2.UserCredentials;
import dev.salvage.connectors.RetryTally;
import dev.salvage.connectors.io.ConnectionFailure;
import dev.salvage.connectors.io.JsonInput;
import dev.salvage.connectors.io.RequestDeadline;
import dev.salvage.connectors.io.SecretText;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A read-only Google Calendar API client for one source: lists the account's calendars and pages
 * through a calendar's events exactly as the API returns them.
 */
final class CalendarApi {
  /** The largest page events.list allows. */
  static final int MAX_RESULTS = 2500;

  private static final int CALENDAR_LIST_PAGE = 250;

  /** One calendar of the account. */
  record CalendarEntry(String id, String summary) {}

  /** Receives each events.list page as the bytes the API sent. */
  interface PageHandler {
    /**
     * @param number the page's number, from 1
     * @param url the request that returned it
     * @param content the response body
     */
    void page(int number, String url, byte[] content) throws IOException;
  }

  private final String sourceName;
  private final CalendarApiOptions settings;
  private final GoogleCredentials credentials;
  private final Calendar client;
  private final RequestDeadline deadline;

  private final RetryTally retries;

  private CalendarApi(
      String sourceName,
      CalendarApiOptions settings,
      GoogleCredentials credentials,
      Calendar client,
      RequestDeadline deadline,
      RetryTally retries) {
    this.retries = retries;
    this.sourceName = sourceName;
    this.settings = settings;
    this.credentials = credentials;
    this.client = client;
    this.deadline = deadline;
  }

  /** A client with the source's credentials; reads the credentials file but calls nothing yet. */
  static CalendarApi open(String sourceName, CalendarApiOptions settings) throws IOException {
    GoogleCredentials credentials = credentials(sourceName, settings);
    RequestDeadline deadline = new RequestDeadline(settings.requestDeadline());
    RetryingRequests requests =
        new RetryingRequests(
            sourceName, new HttpCredentialsAdapter(credentials), settings, System.err);
    Calendar client =
        new Calendar.Builder(new NetHttpTransport(), GsonFactory.getDefaultInstance(), requests)
            .setRootUrl(settings.rootUrl())
            .setApplicationName("salvage")
            .build();
    return new CalendarApi(sourceName, settings, credentials, client, deadline, requests.tally());
  }

  /**
   * A failure to reach a server among the causes of {@code e}, said with its host and port and
   * which of the source's endpoints it is, or null when {@code e} is no such failure. The token
   * endpoint when google-auth was asking it for a token (it asks on the first request of a read
   * too, so the call alone does not tell), else the API at root_url.
   */
  String unreached(Throwable e) {
    boolean token = fromTokenEndpoint(e);
    return ConnectionFailure.describe(
        e,
        token ? tokenEndpoint() : settings.rootUrl(),
        token
            ? "the OAuth token endpoint of source " + sourceName + ": token_uri, else the file's"
            : "root_url of source " + sourceName);
  }

  private static boolean fromTokenEndpoint(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      for (StackTraceElement frame : cause.getStackTrace()) {
        if (frame.getClassName().startsWith("com.google.auth.oauth2.")) {
          return true;
        }
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  private String tokenEndpoint() {
    if (settings.tokenUri() != null) {
      return settings.tokenUri();
    }
    URI uri =
        credentials instanceof ServiceAccountCredentials key
            ? key.getTokenServerUri()
            : credentials instanceof UserCredentials user
                ? user.toBuilder().getTokenServerUri()
                : null;
    return uri == null ? "https://oauth2.googleapis.com/token" : uri.toString();
  }

  /** The retries this client's requests made so far. */
  RetryTally retries() {
    return retries;
  }

  /**
   * The secret values this client holds (the access token, a user token's refresh token and client
   * secret), to mask wherever a server's answer is kept or printed: a proxy's error page may echo
   * the request's Authorization header.
   */
  List<String> secrets() {
    List<String> secrets = new ArrayList<>();
    AccessToken token = credentials.getAccessToken();
    if (token != null) {
      secrets.add(token.getTokenValue());
    }
    if (credentials instanceof UserCredentials user) {
      secrets.add(user.getRefreshToken());
      secrets.add(user.getClientSecret());
    }
    return secrets;
  }

  private String redact(String text) {
    return SecretText.redact(text, secrets());
  }

  /**
   * Asks the token endpoint for an access token, so that credentials Google refuses are found
   * before anything is read rather than as every calendar failing on a worker.
   *
   * @return null when a token was granted; otherwise how the endpoint refused (its status and its
   *     own {@code error} and {@code error_description}, never the request, which carries the
   *     signed assertion or the refresh token)
   * @throws IOException when the endpoint could not be asked (no answer, a 5xx after google-auth's
   *     own retries): nothing says the credentials are wrong
   */
  String credentialsRefusal() throws IOException {
    try {
      credentials.refresh();
      return null;
    } catch (IOException e) {
      TokenRefusal refusal = TokenRefusal.of(e);
      if (refusal == null) {
        throw e;
      }
      return refusal.answered();
    }
  }

  /**
   * The token endpoint's refusal among the causes of {@code e}, or null. An answer of the Calendar
   * API itself is a {@link CalendarApiException}, so an HTTP answer among the causes of another
   * exception is the token endpoint's.
   */
  record TokenRefusal(int status, String error, String description) {
    static TokenRefusal of(Throwable e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof HttpResponseException answer
            && answer.getStatusCode() >= 400
            && answer.getStatusCode() < 500) {
          String error = null;
          String description = null;
          try {
            JsonNode body =
                answer.getContent() == null ? null : JsonInput.MAPPER.readTree(answer.getContent());
            if (body != null && body.path("error").isTextual()) {
              error = body.get("error").asText();
              description =
                  body.path("error_description").isTextual()
                      ? body.get("error_description").asText().strip().replaceAll("\\s+", " ")
                      : null;
            }
          } catch (IOException | RuntimeException notJson) {
            // the status alone says it
          }
          return new TokenRefusal(answer.getStatusCode(), error, description);
        }
        if (cause.getCause() == cause) {
          break;
        }
      }
      return null;
    }

    /** {@code the token endpoint answered 400 invalid_grant (Invalid JWT Signature.)}. */
    String answered() {
      return "the token endpoint answered "
          + status
          + (error == null ? "" : " " + error)
          + (description == null ? "" : " (" + description + ")");
    }

    /** {@code invalid_grant: Invalid JWT Signature.}, or the status when the answer named none. */
    String oauthError() {
      return error == null
          ? "HTTP " + status
          : error + (description == null ? "" : ": " + description);
    }
  }

  /**
   * Asks for one event of {@code calendarId}, so that an access token the API refuses although the
   * token endpoint granted it is found before anything is read: the API authenticates a request
   * before it looks for the calendar, so one calendar answers for them all.
   *
   * @return null unless the API answered 401 (after one token refresh); then its answer, which
   *     names the request, never the token. Any other answer (a calendar not found or not shared, a
   *     server error) is left to the calendar's own read, which reports it
   * @throws IOException when the API could not be asked (no answer after the retries)
   */
  String eventsRefusal(String calendarId) throws IOException {
    try {
      eventsRequest(calendarId).setMaxResults(1).executeUnparsed().disconnect();
      return null;
    } catch (CalendarApiException e) {
      return e.status() == 401 ? e.getMessage() : null;
    } catch (IOException e) {
      // the 401's token refresh refused
      TokenRefusal refusal = TokenRefusal.of(e);
      if (refusal == null) {
        throw e;
      }
      return refusal.answered();
    }
  }

  /**
   * Whom Google reads the calendars as, for messages: the subject of domain-wide delegation, else
   * the service account's address, else the OAuth token's user (whose address the token file does
   * not hold).
   */
  String account() {
    if (settings.subject() != null) {
      return settings.subject();
    }
    if (credentials instanceof ServiceAccountCredentials key && key.getClientEmail() != null) {
      return "the service account " + key.getClientEmail();
    }
    return "the Google user of the OAuth token " + settings.oauthTokenFile();
  }

  /** The calendars of the account (calendarList, hidden ones included). */
  List<CalendarEntry> calendars() throws IOException {
    List<CalendarEntry> calendars = new ArrayList<>();
    String pageToken = null;
    do {
      CalendarList page;
      try {
        page =
            client
                .calendarList()
                .list()
                .setShowHidden(true)
                .setShowDeleted(false)
                .setMaxResults(CALENDAR_LIST_PAGE)
                .setPageToken(pageToken)
                .execute();
      } catch (CalendarApiException e) {
        throw e;
      } catch (IOException e) {
        TokenRefusal refusal = TokenRefusal.of(e);
        if (refusal == null) {
          throw e;
        }
        // said as the 401 it stands for, which the caller takes for refused credentials
        throw new CalendarApiException(refusal.answered(), 401, null);
      }
      if (page.getItems() != null) {
        for (CalendarListEntry entry : page.getItems()) {
          calendars.add(new CalendarEntry(entry.getId(), entry.getSummary()));
        }
      }
      pageToken = page.getNextPageToken();
    } while (pageToken != null && !pageToken.isEmpty());
    return List.copyOf(calendars);
  }

  /**
   * Pages through the events of {@code calendarId} between time_min and time_max, deleted ones
   * included and recurring ones as their instances, handing each page over as it arrives.
   *
   * @throws IOException when a page cannot be fetched after the retries; pages handed over before
   *     stay handed over
   */
  void eventPages(String calendarId, PageHandler handler) throws IOException {
    String pageToken = null;
    int number = 0;
    // a server (or a proxy) that hands out the same token again would be followed forever
    Set<String> tokens = new HashSet<>();
    // the events this listing passed on: a page giving them again (a server answering a token
    // with an earlier page) is asked again, never passed on twice
    Set<String> passed = new HashSet<>();
    int emptyInARow = 0;
    do {
      Calendar.Events.List request =
          eventsRequest(calendarId).setMaxResults(MAX_RESULTS).setPageToken(pageToken);
      String url = request.buildHttpRequestUrl().build();
      int current = number + 1;
      Answer page = wholePage(request, url, json -> repeats(json, passed, current));
      handler.page(++number, url, page.content());
      int items = 0;
      for (JsonNode item : page.json().path("items")) {
        items++;
        if (item.path("id").isTextual()) {
          passed.add(item.get("id").asText());
        }
      }
      JsonNode token = page.json().path("nextPageToken");
      pageToken = token.isTextual() && !token.asText().isEmpty() ? token.asText() : null;
      if (pageToken != null && !tokens.add(pageToken)) {
        throw new IOException(
            "page "
                + number
                + " of calendar "
                + calendarId
                + " gives a nextPageToken an earlier page gave; stopped instead of reading the"
                + " same events again");
      }
      emptyInARow = items == 0 && pageToken != null ? emptyInARow + 1 : 0;
      if (emptyInARow >= settings.maxEmptyPages()) {
        throw new IOException(
            "pages "
                + (number - emptyInARow + 1)
                + "-"
                + number
                + " of calendar "
                + calendarId
                + " hold no events, each with a new nextPageToken: "
                + emptyInARow
                + " empty pages in a row (max_empty_pages), so the listing is taken for endless"
                + " and stopped; raise max_empty_pages if the calendar has long empty stretches");
      }
    } while (pageToken != null);
  }

  /** Why a page cannot follow the pages passed on (it repeats their events), or null. */
  private static String repeats(JsonNode page, Set<String> passed, int number) {
    List<String> repeated = new ArrayList<>();
    Set<String> inPage = new HashSet<>();
    int items = 0;
    for (JsonNode item : page.path("items")) {
      items++;
      String id = item.path("id").isTextual() ? item.get("id").asText() : null;
      if (id != null && (passed.contains(id) || !inPage.add(id))) {
        repeated.add(id);
      }
    }
    if (repeated.isEmpty()) {
      return null;
    }
    return "page "
        + number
        + " repeats "
        + repeated.size()
        + " of its "
        + items
        + " event(s) already read in this listing ("
        + String.join(", ", repeated.subList(0, Math.min(3, repeated.size())))
        + (repeated.size() > 3 ? ", …" : "")
        + "): the server did not go on after the page token";
  }

  /** A request for the events of {@code calendarId} in the time window, as every read makes it. */
  private Calendar.Events.List eventsRequest(String calendarId) throws IOException {
    Calendar.Events.List request =
        client.events().list(calendarId).setShowDeleted(true).setSingleEvents(true);
    if (settings.timeMin() != null) {
      request.setTimeMin(new DateTime(settings.timeMin().toEpochMilli()));
    }
    if (settings.timeMax() != null) {
      request.setTimeMax(new DateTime(settings.timeMax().toEpochMilli()));
    }
    return request;
  }

  /** One events page as received and as parsed. */
  private record Answer(byte[] content, JsonNode json) {}

  /**
   * One events page, asked again when it broke off, took longer than request_deadline, is not the
   * API's JSON, or {@code check} finds it wrong (it returns why, or null). Statuses and unanswered
   * requests are retried by {@link RetryingRequests}; a 200 whose body is cut short (a connection
   * reset part-way, a proxy's truncated answer), empty, or a proxy's HTML page gets there as a
   * success, and was taken as the calendar's end or saved as one of its pages.
   *
   * @throws IOException when the retries run out: nothing of such an answer is handed over or
   *     saved, and what the message quotes of it has its credentials masked
   */
  private Answer wholePage(
      Calendar.Events.List request, String url, Function<JsonNode, String> check)
      throws IOException {
    for (int retry = 0; ; retry++) {
      String failure;
      HttpResponse response;
      long start = System.nanoTime();
      try {
        response = request.executeUnparsed();
      } catch (CalendarApiException refused) {
        throw refused;
      } catch (IOException unanswered) {
        TokenRefusal refusal = TokenRefusal.of(unanswered);
        if (refusal != null) {
          // the request was never sent: retrying would only ask the token endpoint again
          throw new CalendarApiException(refusedDuringRun(refusal, url), refusal.status(), null);
        }
        throw new IOException(
            "GET "
                + url
                + " got no answer after "
                + settings.maxRetries()
                + " retries: "
                + oneLine(redact(String.valueOf(unanswered.getMessage()))),
            unanswered);
      }
      try (InputStream in = response.getContent()) {
        byte[] content =
            in == null ? new byte[0] : deadline.guard(in, start, "request_deadline").readAllBytes();
        JsonNode json = eventsJson(content);
        failure =
            json == null
                ? "an answer that is not the Calendar API's JSON (" + excerpt(content) + ")"
                : check.apply(json);
        if (failure == null) {
          return new Answer(content, json);
        }
      } catch (IOException cut) {
        failure =
            cut instanceof RequestDeadline.Exceeded
                ? cut.getMessage()
                : "an answer that broke off (" + redact(cut.toString()) + ")";
      } finally {
        response.disconnect();
      }
      if (retry >= settings.maxRetries()) {
        throw new IOException(
            "Cannot read GET " + url + ": " + failure + ", after " + retry + " retries");
      }
      long delay =
          Math.min(
              settings.maxBackoff().toMillis(),
              settings.backoff().toMillis() << Math.min(retry, 20));
      System.err.println(
          "Calendar source "
              + sourceName
              + ": "
              + failure
              + " on GET "
              + url
              + "; retry "
              + (retry + 1)
              + "/"
              + settings.maxRetries()
              + " in "
              + delay
              + " ms");
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("Interrupted while waiting to retry GET " + url, e);
      }
    }
  }

  /**
   * Credentials refused when an access token was renewed part-way, worded like the start's check:
   * they were granted when the run started.
   */
  private String refusedDuringRun(TokenRefusal refusal, String url) {
    boolean key = settings.credentialsFile() != null;
    return "Google refused the credentials during the run ("
        + refusal.oauthError()
        + "): "
        + (key ? "the key was revoked or rotated" : "the token was revoked")
        + " since the run started, so no access token could be had for GET "
        + url
        + " ("
        + refusal.answered()
        + "); check "
        + settings.credentialsNamed()
        + " and rerun";
  }

  /** A message on one line: the not-read list gives each entry one. */
  private static String oneLine(String text) {
    return text.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  /** The page as the events.list JSON (an object with kind calendar#events or items), or null. */
  private static JsonNode eventsJson(byte[] content) {
    try {
      JsonNode page = JsonInput.MAPPER.readTree(content);
      if (page == null || !page.isObject()) {
        return null;
      }
      boolean events =
          "calendar#events".equals(page.path("kind").asText()) || page.path("items").isArray();
      return events ? page : null;
    } catch (IOException | RuntimeException broken) {
      return null;
    }
  }

  /** The start of an answer for a message, its credentials masked. */
  private String excerpt(byte[] content) {
    String text = new String(content, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
    if (text.isEmpty()) {
      return "an empty body";
    }
    text = redact(text);
    return text.length() <= 120 ? text : text.substring(0, 120) + "…";
  }

  private static GoogleCredentials credentials(String sourceName, CalendarApiOptions settings)
      throws IOException {
    boolean serviceAccount = settings.credentialsFile() != null;
    Path file = Path.of(serviceAccount ? settings.credentialsFile() : settings.oauthTokenFile());
    URI tokenUri = settings.tokenUri() == null ? null : URI.create(settings.tokenUri());
    try (InputStream in = Files.newInputStream(file)) {
      if (serviceAccount) {
        ServiceAccountCredentials key = ServiceAccountCredentials.fromStream(in);
        ServiceAccountCredentials.Builder builder =
            key.toBuilder().setScopes(List.of(settings.scopeUrl()));
        if (settings.subject() != null) {
          builder.setServiceAccountUser(settings.subject());
        }
        if (tokenUri != null) {
          builder.setTokenServerUri(tokenUri);
        }
        return builder.build();
      }
      UserCredentials user = UserCredentials.fromStream(in);
      return tokenUri == null ? user : user.toBuilder().setTokenServerUri(tokenUri).build();
    } catch (IOException | RuntimeException e) {
      // the library's messages name fields, never values; the file's content is not repeated
      throw new IOException(
          "Source "
              + sourceName
              + ": cannot read the "
              + (serviceAccount ? "service-account key " : "OAuth user token ")
              + file
              + ": "
              + e.getMessage(),
          e);
    }
  }
}
