package dev.salvage.connectors.stripe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.StripeError;
import com.stripe.net.ApiResource;
import com.stripe.net.LiveStripeResponseGetter;
import dev.salvage.connectors.InvalidSourceException;
import dev.salvage.connectors.PartitionFailure;
import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RecordSink;
import dev.salvage.connectors.UnreadPartitionException;
import dev.salvage.connectors.io.ConnectionFailure;
import dev.salvage.connectors.io.JsonInput;
import dev.salvage.connectors.io.RequestDeadline;
import dev.salvage.connectors.io.RetryAfter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one slice of one Stripe list page by page ({@code limit=100}, {@code starting_after}) with
 * stripe-java, GET only. A failed page is retried from the same cursor, so an interrupted read
 * loses nothing and repeats nothing; when its retries run out the slice fails with what was not
 * read, and with a snapshot a rerun resumes after the last page stored.
 */
final class SliceReader {
  static final int PAGE_SIZE = 100;

  private final String sourceName;
  private final StripeApiOptions options;
  private final String key;
  private final PrintStream warnings;
  private final SnapshotPages snapshot;
  private final Set<String> customersKnown;

  /**
   * @param customersKnown the ids of the customers this source passed on, found inside the window
   *     or is asking for, shared by every slice of one run read in this JVM (the workers' copies of
   *     the source included), so that a customer several slices name is asked for once
   */
  SliceReader(
      String sourceName,
      StripeApiOptions options,
      String key,
      PrintStream warnings,
      Set<String> customersKnown) {
    this.sourceName = sourceName;
    this.options = options;
    this.key = key;
    this.warnings = warnings;
    this.customersKnown = customersKnown;
    this.snapshot =
        options.snapshotDir() == null ? null : new SnapshotPages(Path.of(options.snapshotDir()));
  }

  /** Fetches one object of the list, to fail early when the key may not read it. */
  void probe(StripeObjectType type) throws IOException, InvalidSourceException {
    ReadOnlyHttpClient http = http();
    String what = type.optionName() + " (permission check)";
    try {
      fetch(
          client(http),
          http,
          type,
          type.path() + "?limit=1",
          what,
          SliceReader::list,
          list -> null);
    } catch (Rejected e) {
      // the first request of all: a rerun would meet the same answer, so it is the configuration
      // (an api_base that is not the API's root, a proxy that does not forward it) to mend
      throw new InvalidSourceException(
          "Source "
              + sourceName
              + ": cannot check that the key may list "
              + type.optionName()
              + ": "
              + e.getMessage()
              + ". Check api_base (now "
              + options.apiBase()
              + "): it is the root that /v1/... paths follow. Nothing was read.",
          e);
    } catch (PageFailure e) {
      // no answer is not a refusal: the caller decides what is not read
      throw new StripeReadException(
          "Stripe did not answer the check that the key may list "
              + type.optionName()
              + " (no refusal either): "
              + e.getMessage());
    }
  }

  /**
   * Reads one slice. Pages a snapshot already holds for this very slice are read from it, and
   * Stripe is asked only for what follows the last of them: a rerun resumes where a failed one
   * stopped, and a slice stored to its end is not fetched again.
   *
   * <p>A page that repeats an object this slice's listing passed on already, or says {@code
   * has_more} without a cursor to go on from, is retried like a failed page and never passed on nor
   * stored: a server answering a cursor with an earlier page made copies (once) or an endless loop
   * (always). When Stripe no longer has the cursor object (deleted since it was read: 400 {@code
   * resource_missing} on {@code starting_after}), the page is asked after the object read before
   * it, which is where the deleted one stood.
   *
   * @throws UnreadPartitionException when a page cannot be had after its retries, or Stripe refuses
   *     it part-way: what was not read, and the objects before it passed on
   */
  void read(Slice slice, RecordSink sink) throws IOException {
    ReadOnlyHttpClient http = http();
    try {
      read(slice, sink, http);
    } finally {
      // totals of the retry lines said one by one, whether the slice was read or not
      http.retries().tallyTo(sink);
    }
  }

  private void read(Slice slice, RecordSink sink, ReadOnlyHttpClient http) throws IOException {
    StripeClient client = client(http);
    Listing listing = new Listing();
    String cursor = null;
    int page = 0;
    long read = 0;
    boolean hasMore = true;
    if (snapshot != null) {
      for (Path stored : snapshot.stored(slice)) {
        JsonNode list = storedList(stored);
        if (list == null || listing.problem(list, page + 1) != null) {
          // unreadable, or no continuation of the pages before it: fetched again below
          snapshot.setAsideFrom(slice, page + 1);
          break;
        }
        page++;
        read += emit(list, stored.toString(), sink);
        listing.add(list);
        hasMore = list.path("has_more").asBoolean(false);
        if (!hasMore) {
          break;
        }
        cursor = lastId(list);
      }
      if (read > 0) {
        sink.tally(RecordSink.REPLAYED, read);
      }
    }
    int steppedBack = 0;
    while (hasMore) {
      String url = url(slice, cursor);
      String what =
          slice.describe() + (cursor == null ? " (first page)" : " (page after " + cursor + ")");
      int number = page + 1;
      Page answer;
      try {
        answer =
            fetch(
                client,
                http,
                slice.type(),
                url,
                what,
                SliceReader::list,
                list -> listing.problem(list, number));
      } catch (CursorGone gone) {
        String earlier = listing.before(cursor);
        if (earlier != null && steppedBack < PAGE_SIZE) {
          steppedBack++;
          warnings.println(
              "Stripe source "
                  + sourceName
                  + ": Stripe no longer has "
                  + cursor
                  + " ("
                  + gone.stripeMessage
                  + "), read on "
                  + slice.describe()
                  + " and deleted since; going on after "
                  + earlier
                  + ", the object read before it");
          cursor = earlier;
          continue;
        }
        if (snapshot != null) {
          // the stored pages end at an object Stripe no longer has: a rerun resuming after them
          // would meet the same answer, so it reads the slice from its start instead
          snapshot.setAsideFrom(slice, 1);
        }
        throw unread(slice, cursor, read, gone, false);
      } catch (PageFailure | StripeAccessDeniedException e) {
        throw unread(slice, cursor, read, e, snapshot != null);
      }
      JsonNode list = answer.list();
      page++;
      if (snapshot != null) {
        // the page as Stripe sent it, unless it held secrets
        snapshot.write(
            slice, page, StripeRecords.removeSecrets(list) > 0 ? list.toString() : answer.body());
      }
      read += emit(list, options.apiBase() + url, sink);
      listing.add(list);
      hasMore = list.path("has_more").asBoolean(false);
      if (hasMore) {
        cursor = lastId(list);
      }
    }
    if (slice.type() == StripeObjectType.CUSTOMERS) {
      customersKnown.addAll(listing.order);
    } else if (options.objects().contains(StripeObjectType.CUSTOMERS)
        && !listing.customers.isEmpty()) {
      namedCustomers(slice, listing.customers, read, client, http, sink);
    }
  }

  /**
   * Fetches by id the customers the slice's objects name that the customers list does not read:
   * those created outside the window, whom a charge of a returning customer names. Their objects
   * carry the contact details the charge does not; listed by created time only, they were left out
   * unsaid. Each is asked for once per run and JVM ({@link #customersKnown}); one created inside
   * the window is left to the list. A customer Stripe answers deleted or does not know (404) is
   * quarantined with the reason, and the slice goes on. With a snapshot, the customers fetched are
   * kept as one list page ({@link SnapshotPages#named}), written once all were asked for (none is
   * when the customers this source listed already are all it names), which a rerun reads instead of
   * asking again.
   *
   * @param read the objects the slice passed on before, for a failure
   * @throws UnreadPartitionException when a customer cannot be had after its retries
   */
  private void namedCustomers(
      Slice slice,
      Map<String, Named> named,
      long read,
      StripeClient client,
      ReadOnlyHttpClient http,
      RecordSink sink)
      throws IOException {
    if (snapshot != null) {
      Path stored = snapshot.named(slice);
      JsonNode page = Files.isRegularFile(stored) ? storedList(stored) : null;
      if (page != null) {
        passNamedOn(page, id -> stored.toString(), sink);
        if (!page.path("data").isEmpty()) {
          sink.tally(RecordSink.REPLAYED, page.path("data").size());
        }
        return;
      }
    }
    ObjectNode page = JsonInput.MAPPER.createObjectNode();
    page.put("object", "list");
    ArrayNode data = page.putArray("data");
    page.put("has_more", false);
    page.put("url", StripeObjectType.CUSTOMERS.path());
    ArrayNode gone = page.putArray(GONE);
    boolean asked = false;
    // claimed before asking, so that a slice read at the same time does not ask too; given back
    // when this slice fails, for its rerun to ask
    List<String> claimed = new ArrayList<>();
    for (Named customer : named.values()) {
      if ((customer.created() != null && inWindow(customer.created()))
          || !customersKnown.add(customer.id())) {
        continue;
      }
      claimed.add(customer.id());
      asked = true;
      String path = StripeObjectType.CUSTOMERS.path() + "/" + encode(customer.id());
      String what = "customer " + customer.id() + " (named by " + customer.namedBy() + ")";
      Page answer;
      try {
        answer =
            fetch(
                client,
                http,
                StripeObjectType.CUSTOMERS,
                path,
                what,
                SliceReader::object,
                object -> null);
      } catch (Missing missing) {
        gone.addObject()
            .put("id", customer.id())
            .put(
                "reason",
                "Stripe has no customer "
                    + customer.id()
                    + ", named by "
                    + customer.namedBy()
                    + " ("
                    + missing.getMessage()
                    + "): deleted for good or of another account, so its contact details are"
                    + " not read; the objects naming it keep its id only");
        continue;
      } catch (PageFailure | StripeAccessDeniedException e) {
        customersKnown.removeAll(claimed);
        throw new UnreadPartitionException(
            new PartitionFailure(
                sourceName,
                slice.partition(),
                "the customers "
                    + slice.describe()
                    + " name that were created outside the window, fetched by id ("
                    + customer.id()
                    + " and those after it)",
                read,
                e.getMessage(),
                snapshot != null),
            e);
      }
      JsonNode object = answer.list();
      if (object.path("deleted").asBoolean(false)) {
        gone.addObject()
            .put("id", customer.id())
            .put(
                "reason",
                "Customer "
                    + customer.id()
                    + ", named by "
                    + customer.namedBy()
                    + ", is deleted in Stripe (GET "
                    + path
                    + " answers deleted: true): its contact details are gone; the objects naming"
                    + " it keep its id only");
        continue;
      }
      long created = object.path("created").asLong(Long.MIN_VALUE);
      if (created != Long.MIN_VALUE && inWindow(created)) {
        // the customers list reads it, with the same details
        continue;
      }
      data.add(object);
    }
    if (snapshot != null && asked) {
      // kept even without a customer: a rerun need not ask again which were in the window
      snapshot.writeNamed(slice, page.toString());
    }
    passNamedOn(page, id -> options.apiBase() + StripeObjectType.CUSTOMERS.path() + "/" + id, sink);
  }

  /** The member of a named-customers page listing the customers Stripe answered deleted or 404. */
  static final String GONE = "salvage_gone";

  /**
   * Passes on the customers of a named-customers page and quarantines those it says are gone.
   *
   * @param location where the customer of an id was read
   */
  private void passNamedOn(JsonNode page, Function<String, String> location, RecordSink sink) {
    JsonNode data = page.path("data");
    for (int i = 0; i < data.size(); i++) {
      JsonNode customer = data.get(i);
      String id = StripeRecords.text(customer, "id");
      StripeRecords.emit(customer, sourceName, location.apply(id), "data[" + i + "]", sink);
      if (id != null) {
        customersKnown.add(id);
      }
    }
    if (!data.isEmpty()) {
      sink.tally(
          "customer(s) fetched by id, named by the objects read but created outside the window",
          data.size());
    }
    for (JsonNode gone : page.path(GONE)) {
      String id = gone.path("id").asText();
      sink.quarantine(
          new Quarantined(sourceName, location.apply(id), gone.path("reason").asText(), ""));
      customersKnown.add(id);
    }
  }

  private boolean inWindow(long created) {
    return created >= options.createdFrom().getEpochSecond()
        && created < options.createdTo().getEpochSecond();
  }

  /**
   * A customer an object names ({@code customer}, an id or the expanded object).
   *
   * @param namedBy the first object naming it, for messages ({@code charge ch_1})
   * @param created its created time when the object expands it, else null
   */
  private record Named(String id, String namedBy, Long created) {}

  /**
   * The ids one listing of a slice passed on, in order: to tell a page that repeats them, and the
   * object before a deleted cursor.
   */
  private static final class Listing {
    private final List<String> order = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Named> customers = new LinkedHashMap<>();

    void add(JsonNode list) {
      for (JsonNode object : list.get("data")) {
        String id = StripeRecords.text(object, "id");
        if (id != null && index.putIfAbsent(id, order.size()) == null) {
          order.add(id);
        }
        JsonNode customer = object.get("customer");
        String customerId =
            customer != null && customer.isObject()
                ? StripeRecords.text(customer, "id")
                : StripeRecords.text(object, "customer");
        if (customerId != null && !customers.containsKey(customerId)) {
          JsonNode created = customer.path("created");
          customers.put(
              customerId,
              new Named(
                  customerId,
                  object.path("object").asText("object") + " " + id,
                  created.isIntegralNumber() ? created.asLong() : null));
        }
      }
    }

    /** The id passed on just before {@code id}, or null. */
    String before(String id) {
      Integer at = index.get(id);
      return at == null || at == 0 ? null : order.get(at - 1);
    }

    /** Why page {@code number} cannot follow the pages passed on, or null when it can. */
    String problem(JsonNode list, int number) {
      JsonNode data = list.get("data");
      Set<String> inPage = new HashSet<>();
      List<String> repeated = new ArrayList<>();
      for (JsonNode object : data) {
        String id = StripeRecords.text(object, "id");
        if (id != null && (index.containsKey(id) || !inPage.add(id))) {
          repeated.add(id);
        }
      }
      if (!repeated.isEmpty()) {
        return "page "
            + number
            + " repeats "
            + repeated.size()
            + " of its "
            + data.size()
            + " object(s) already read in this slice ("
            + String.join(", ", repeated.subList(0, Math.min(3, repeated.size())))
            + (repeated.size() > 3 ? ", …" : "")
            + "): the server did not go on after the cursor";
      }
      if (list.path("has_more").asBoolean(false)) {
        if (data.isEmpty()) {
          return "page " + number + " says has_more but holds no objects to go on after";
        }
        if (lastId(list) == null) {
          return "page " + number + " says has_more but its last object has no id to go on after";
        }
      }
      return null;
    }
  }

  /** One page's body as received and as parsed. */
  private record Page(String body, JsonNode list) {}

  private long emit(JsonNode list, String location, RecordSink sink) {
    JsonNode data = list.get("data");
    for (int i = 0; i < data.size(); i++) {
      StripeRecords.emit(data.get(i), sourceName, location, "data[" + i + "]", sink);
    }
    return data.size();
  }

  private static String lastId(JsonNode list) {
    JsonNode data = list.get("data");
    return data.isEmpty() ? null : StripeRecords.text(data.get(data.size() - 1), "id");
  }

  /** A stored page, or null when it is not a Stripe list. */
  private static JsonNode storedList(Path page) {
    try {
      String body = Files.readString(page, StandardCharsets.UTF_8);
      return list(body);
    } catch (IOException unreadable) {
      return null;
    }
  }

  private UnreadPartitionException unread(
      Slice slice, String cursor, long read, Exception e, boolean resumable) {
    String notRead =
        slice.describe()
            + (cursor == null ? ", from its newest object" : ", the objects older than " + cursor);
    return new UnreadPartitionException(
        new PartitionFailure(
            sourceName,
            slice.partition(),
            notRead,
            read,
            e.getMessage(),
            resumable,
            e instanceof StripeAccessDeniedException refused ? rerunAfter(refused) : null),
        e);
  }

  /**
   * What a rerun meets after {@code refused}, for the operator, or null when the message alone says
   * it: a refusal is not a failure a rerun gets past, the same key meets the same 403.
   */
  static String rerunAfter(StripeAccessDeniedException refused) {
    return refused.advice() == null
        ? null
        : "a rerun with the same key meets the same refusal: " + refused.advice();
  }

  /**
   * One page, retried on 429, 5xx, network errors, malformed pages and pages {@code check} finds
   * wrong (it returns why, or null).
   *
   * @param listType the list asked, which a 403's advice offers to leave out of {@code objects}
   */
  private Page fetch(
      StripeClient client,
      ReadOnlyHttpClient http,
      StripeObjectType listType,
      String url,
      String what,
      Function<String, JsonNode> parse,
      Function<JsonNode, String> check)
      throws IOException {
    for (int attempt = 0; ; attempt++) {
      String failure;
      try {
        String body = client.rawRequest(ApiResource.RequestMethod.GET, url, null).body();
        JsonNode list = parse.apply(body);
        failure = list == null ? "HTTP 200: " + notStripe(body) : check.apply(list);
        if (failure == null) {
          return new Page(body, list);
        }
      } catch (StripeException e) {
        // stripe-java reports network errors with no status, or 0
        int status = e.getStatusCode() == null ? 0 : e.getStatusCode();
        // a body that is not Stripe's (a proxy's HTML page) is named as such, not by the JSON
        // parser's complaint about it
        String message =
            http.lastStatus() != 0 && !isJsonObject(http.lastBody())
                ? notStripe(http.lastBody())
                : clause(StripeKeys.redact(stripeMessage(e), key));
        if (status == 401) {
          // the key itself: every request of every source would meet the same answer
          throw new StripeAccessDeniedException(
              "Stripe refused the credentials (GET "
                  + withoutQuery(url)
                  + ", HTTP 401, listing "
                  + what
                  + "): "
                  + message
                  + ". Check the key in the source's api_key_env or api_key_file.",
              status);
        }
        if (status == 403) {
          String permission = permissionNamed(message);
          String advice =
              "use a key with "
                  + (permission == null ? "read access to " + listType.optionName() : permission)
                  + ", or leave "
                  + listType.optionName()
                  + " out of the source's objects";
          throw new StripeAccessDeniedException(
              "Stripe refused to list "
                  + what
                  + " (GET "
                  + withoutQuery(url)
                  + ", HTTP 403"
                  + (permission == null ? "" : ", the key lacks the permission " + permission)
                  + "): "
                  + message
                  + ". Use a key with "
                  + (permission == null ? "read access to this resource" : permission)
                  + ", or leave "
                  + listType.optionName()
                  + " out of the source's objects (docs/stripe.md).",
              status,
              advice);
        }
        if (status == 400
            && e.getStripeError() != null
            && saysCursorGone(e.getStripeError(), url)) {
          throw new CursorGone(
              "Cannot read Stripe "
                  + what
                  + ": Stripe rejected GET "
                  + url
                  + " (HTTP 400, "
                  + (e.getStripeError().getCode() == null
                      ? "param starting_after"
                      : e.getStripeError().getCode())
                  + "): "
                  + message,
              message);
        }
        if (status == 404
            && e.getStripeError() != null
            && "resource_missing".equals(e.getStripeError().getCode())) {
          // an object asked for by id that Stripe does not have (a list's 404 names no code)
          throw new Missing("HTTP 404, resource_missing: " + message);
        }
        if (status != 0 && status != 429 && status < 500) {
          throw new Rejected(
              "Cannot read Stripe "
                  + what
                  + ": Stripe rejected GET "
                  + url
                  + " (HTTP "
                  + status
                  + "): "
                  + message);
        }
        failure = (status == 0 ? "network error" : "HTTP " + status) + ": " + message;
      } catch (RuntimeException e) {
        // stripe-java fails on an error answer whose body is not Stripe's JSON, as a gateway or a
        // proxy in front of the API sends (an empty 504 made it throw a NullPointerException):
        // judged by its status like any other answer, not taken for a failure of the read
        int status = http.lastStatus();
        if (status == 0) {
          throw e;
        }
        String notStripe = notStripe(http.lastBody());
        if (status != 429 && status < 500 && status >= 300) {
          throw new Rejected(
              "Cannot read Stripe "
                  + what
                  + ": GET "
                  + url
                  + " was answered HTTP "
                  + status
                  + " with "
                  + notStripe);
        }
        failure = "HTTP " + status + ": " + notStripe;
      }
      if (attempt >= options.maxRetries()) {
        throw new PageFailure(
            "Cannot read Stripe "
                + what
                + ": gave up after "
                + (attempt + 1)
                + " attempt(s); last error: "
                + failure);
      }
      long asked = RetryAfter.millis(http.lastRetryAfter());
      if (asked > options.retryAfterMax().toMillis()) {
        // a day's wait would hold the whole run (and its other slices' results) for a day
        throw new PageFailure(
            "Cannot read Stripe "
                + what
                + ": "
                + failure
                + "; Stripe "
                + RetryAfter.tooLong(
                    asked, http.lastRetryAfter(), "retry_after_max", options.retryAfterMax()));
      }
      Duration delay = delay(attempt, asked);
      http.retries().retried(http.lastStatus(), delay.toMillis());
      warnings.println(
          "Stripe source "
              + sourceName
              + ": "
              + failure
              + " on "
              + what
              + "; retry "
              + (attempt + 1)
              + "/"
              + options.maxRetries()
              + " in "
              + delay.toMillis()
              + " ms");
      sleep(delay);
    }
  }

  /**
   * Whether a 400 says Stripe no longer has the object a page was asked after. Stripe's answer
   * names {@code starting_after} as its {@code param} and {@code resource_missing} as its code, but
   * either may be missing (an answer of an older API version has no code; answers with an empty
   * param are seen too), so one of them is enough: the param, or the code with a message quoting
   * the cursor ({@code No such charge: 'ch_1'}).
   */
  static boolean saysCursorGone(StripeError error, String url) {
    if ("starting_after".equals(error.getParam())) {
      return true;
    }
    String cursor = cursorOf(url);
    return cursor != null
        && "resource_missing".equals(error.getCode())
        && error.getMessage() != null
        && error.getMessage().contains("'" + cursor + "'");
  }

  /** The {@code starting_after} of a page's URL, or null for a slice's first page. */
  private static String cursorOf(String url) {
    Matcher cursor = CURSOR.matcher(url);
    return cursor.find() ? URLDecoder.decode(cursor.group(1), StandardCharsets.UTF_8) : null;
  }

  private static final Pattern CURSOR = Pattern.compile("[?&]starting_after=([^&]*)");

  private static final Pattern PERMISSION = Pattern.compile("\\b(rak_[a-z0-9_]+)\\b");

  /**
   * The permission a 403's message says the key lacks ({@code rak_refund_read}), or null: Stripe
   * names it only inside its sentence, which the operator may not read to its end.
   */
  static String permissionNamed(String message) {
    Matcher found = PERMISSION.matcher(message == null ? "" : message);
    return found.find() ? found.group(1) : null;
  }

  private static String withoutQuery(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }

  /** A message's last sentence without its full stop, for text that goes on after it. */
  private static String clause(String message) {
    String text = message == null ? "" : message.strip();
    return text.endsWith(".") && !text.endsWith("..") ? text.substring(0, text.length() - 1) : text;
  }

  /** An answer that is not Stripe's JSON, for messages: its start, secrets masked. */
  private String notStripe(String body) {
    String excerpt = StripeKeys.redact(excerpt(body), key);
    if (body != null && (body.strip().startsWith("{") || body.strip().startsWith("["))) {
      return "an answer that is not Stripe's JSON (broken off or malformed: " + excerpt + ")";
    }
    return "an answer that is not Stripe's JSON (" + excerpt + ")";
  }

  /** One page could not be had: its retries ran out, or Stripe rejected the request. */
  private static class PageFailure extends IOException {
    PageFailure(String message) {
      super(message);
    }
  }

  /** The server refused the request itself (a 3xx or 4xx other than 429): no retry would pass. */
  private static class Rejected extends PageFailure {
    Rejected(String message) {
      super(message);
    }
  }

  /** Stripe has no object by the id asked for (404, resource_missing). */
  private static final class Missing extends Rejected {
    Missing(String message) {
      super(message);
    }
  }

  /** Stripe no longer has the object the page was asked after ({@code starting_after}). */
  private static final class CursorGone extends PageFailure {
    final String stripeMessage;

    CursorGone(String message, String stripeMessage) {
      super(message);
      this.stripeMessage = stripeMessage;
    }
  }

  private ReadOnlyHttpClient http() {
    return new ReadOnlyHttpClient(new RequestDeadline(options.requestDeadline()));
  }

  private StripeClient client(ReadOnlyHttpClient http) {
    return new StripeClient(
        new LiveStripeResponseGetter(
            new ClientOptions(key, options.apiBase(), (int) options.timeout().toMillis()), http));
  }

  /** The body as one Stripe object (one with an id and its kind), or null when it is not one. */
  private static JsonNode object(String body) {
    try {
      JsonNode object = JsonInput.MAPPER.readTree(body);
      return object instanceof ObjectNode
              && StripeRecords.text(object, "id") != null
              && StripeRecords.text(object, "object") != null
          ? object
          : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** The body as a Stripe list, or null when it is not one. */
  private static JsonNode list(String body) {
    try {
      JsonNode list = JsonInput.MAPPER.readTree(body);
      // without a has_more the page cannot say whether the slice ends there: until 2026-12-07 it
      // was taken for the last page, and an outside trial's slices ended after 100 of 400 objects
      if (list == null
          || !"list".equals(list.path("object").asText())
          || !list.path("data").isArray()
          || !list.path("has_more").isBoolean()) {
        return null;
      }
      return list;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static boolean isJsonObject(String body) {
    try {
      return body != null && JsonInput.MAPPER.readTree(body) instanceof ObjectNode;
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  /** The start of a body for a message: its first line, at most 80 characters. */
  static String excerpt(String body) {
    if (body == null || body.isBlank()) {
      return "an empty body";
    }
    String text = body.strip().replaceAll("\\s+", " ");
    return text.length() <= 80 ? text : text.substring(0, 80) + "…";
  }

  private String stripeMessage(StripeException e) {
    if (e.getStripeError() != null && e.getStripeError().getMessage() != null) {
      return e.getStripeError().getMessage();
    }
    String message = e.getMessage();
    // stripe-java's network error text points at the global API base and support; keep the cause
    if (e.getCause() instanceof RequestDeadline.Exceeded late) {
      return late.getMessage();
    }
    String unreached =
        ConnectionFailure.describe(
            e.getCause(), options.apiBase(), "api_base of source " + sourceName);
    if (unreached != null) {
      return unreached;
    }
    return e.getCause() != null ? e.getCause().toString() : message;
  }

  /**
   * Exponential backoff with jitter (half fixed, half random), and never shorter than the server's
   * Retry-After.
   */
  private Duration delay(int attempt, long retryAfterMillis) {
    long initial = options.backoffInitial().toMillis();
    long cap = options.backoffMax().toMillis();
    long base = Math.min(cap, initial << Math.min(attempt, 30));
    long jittered = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
    return Duration.ofMillis(Math.max(jittered, retryAfterMillis));
  }

  private static void sleep(Duration delay) throws InterruptedIOException {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted while waiting to retry Stripe");
    }
  }

  private static String url(Slice slice, String cursor) {
    StringBuilder url = new StringBuilder(slice.type().path());
    url.append("?limit=").append(PAGE_SIZE);
    url.append('&').append(encode("created[gte]")).append('=').append(slice.from());
    url.append('&').append(encode("created[lt]")).append('=').append(slice.to());
    for (String expansion : slice.type().expansions()) {
      url.append('&').append(encode("expand[]")).append('=').append(encode(expansion));
    }
    if (cursor != null) {
      url.append("&starting_after=").append(encode(cursor));
    }
    return url.toString();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
