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
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.auth.oauth2.UserCredentials;
import dev.salvage.connectors.io.JsonInput;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

  private CalendarApi(
      String sourceName,
      CalendarApiOptions settings,
      GoogleCredentials credentials,
      Calendar client) {
    this.sourceName = sourceName;
    this.settings = settings;
    this.credentials = credentials;
    this.client = client;
  }

  /** A client with the source's credentials; reads the credentials file but calls nothing yet. */
  static CalendarApi open(String sourceName, CalendarApiOptions settings) throws IOException {
    GoogleCredentials credentials = credentials(sourceName, settings);
    RetryingRequests requests =
        new RetryingRequests(
            sourceName,
            new HttpCredentialsAdapter(credentials),
            settings.maxRetries(),
            settings.backoff(),
            settings.maxBackoff(),
            System.err);
    Calendar client =
        new Calendar.Builder(new NetHttpTransport(), GsonFactory.getDefaultInstance(), requests)
            .setRootUrl(settings.rootUrl())
            .setApplicationName("salvage")
            .build();
    return new CalendarApi(sourceName, settings, credentials, client);
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
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof HttpResponseException answer
            && answer.getStatusCode() >= 400
            && answer.getStatusCode() < 500) {
          return "the token endpoint answered "
              + answer.getStatusCode()
              + tokenError(answer.getContent());
        }
      }
      throw e;
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

  /** The OAuth error of a token endpoint's answer: {@code error} and {@code error_description}. */
  private static String tokenError(String content) {
    try {
      JsonNode body = content == null ? null : JsonInput.MAPPER.readTree(content);
      if (body == null || !body.path("error").isTextual()) {
        return "";
      }
      return " "
          + body.get("error").asText()
          + (body.path("error_description").isTextual()
              ? " (" + body.get("error_description").asText() + ")"
              : "");
    } catch (IOException | RuntimeException notJson) {
      return "";
    }
  }

  /** The calendars of the account (calendarList, hidden ones included). */
  List<CalendarEntry> calendars() throws IOException {
    List<CalendarEntry> calendars = new ArrayList<>();
    String pageToken = null;
    do {
      CalendarList page =
          client
              .calendarList()
              .list()
              .setShowHidden(true)
              .setShowDeleted(false)
              .setMaxResults(CALENDAR_LIST_PAGE)
              .setPageToken(pageToken)
              .execute();
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
    do {
      Calendar.Events.List request =
          eventsRequest(calendarId).setMaxResults(MAX_RESULTS).setPageToken(pageToken);
      String url = request.buildHttpRequestUrl().build();
      byte[] content = wholePage(request, url);
      handler.page(++number, url, content);
      pageToken = nextPageToken(content, number, calendarId);
      if (pageToken != null && !tokens.add(pageToken)) {
        throw new IOException(
            "page "
                + number
                + " of calendar "
                + calendarId
                + " gives a nextPageToken an earlier page gave; stopped instead of reading the"
                + " same events again");
      }
    } while (pageToken != null);
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

  /**
   * The body of one events page, asked again when it broke off or is not a JSON object. Statuses
   * and unanswered requests are retried by {@link RetryingRequests}; a 200 whose body is cut short
   * (a connection reset part-way, a proxy's truncated answer) or empty gets there as a success, and
   * was taken as the calendar's end: not read to its end, though asking again would have given it.
   * When these retries run out too, the last body is handed over as it is (its reader quarantines
   * it, and the calendar is not read to its end), or the read's error is thrown.
   */
  private byte[] wholePage(Calendar.Events.List request, String url) throws IOException {
    for (int retry = 0; ; retry++) {
      byte[] content = null;
      String failure;
      HttpResponse response = request.executeUnparsed();
      try (InputStream in = response.getContent()) {
        content = in == null ? new byte[0] : in.readAllBytes();
        failure = isJsonObject(content) ? null : "an answer that is not a JSON object";
      } catch (IOException cut) {
        failure = "an answer that broke off (" + cut + ")";
        if (retry >= settings.maxRetries()) {
          throw cut;
        }
      } finally {
        response.disconnect();
      }
      if (failure == null || retry >= settings.maxRetries()) {
        return content;
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

  private static boolean isJsonObject(byte[] content) {
    try {
      JsonNode page = JsonInput.MAPPER.readTree(content);
      return page != null && page.isObject();
    } catch (IOException | RuntimeException broken) {
      return false;
    }
  }

  /**
   * The page's nextPageToken; null on the last page.
   *
   * @throws IOException when the page is not JSON: it is quarantined by its reader, and whatever
   *     follows it cannot be reached, so the calendar is not read to its end
   */
  private static String nextPageToken(byte[] content, int number, String calendarId)
      throws IOException {
    JsonNode page;
    try {
      page = JsonInput.MAPPER.readTree(content);
    } catch (IOException | RuntimeException broken) {
      page = null;
    }
    if (page == null || !page.isObject()) {
      throw new IOException(
          "page "
              + number
              + " of calendar "
              + calendarId
              + " is not a JSON object; the pages after it cannot be reached");
    }
    JsonNode token = page.path("nextPageToken");
    return token.isTextual() && !token.asText().isEmpty() ? token.asText() : null;
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
