package dev.salvage.connectors.stripe;

import static java.util.Objects.requireNonNull;

import dev.salvage.connectors.InvalidSourceException;
import dev.salvage.connectors.OptionSet;
import dev.salvage.connectors.PartitionFailure;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.RecordSink;
import dev.salvage.connectors.SourceFactory;
import dev.salvage.connectors.UnreadPartitionException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Stripe account read over the API (source type {@code stripe-api}): the objects of each
 * configured list created in a time window, split into created-time slices that are read in
 * parallel, one partition per (list, slice). Objects become the same {@code stripe.<object>}
 * records the {@code stripe-json} file reader makes, and every page is kept in the snapshot
 * directory in that reader's format.
 *
 * <p>Only the key's location travels with the source; the key is read again inside {@link #read}.
 * See {@code docs/stripe.md} for the options and the restricted key to create.
 */
public final class StripeApiSource implements PartitionedSource {
  private static final long serialVersionUID = 1L;

  private final String sourceName;
  private final StripeApiOptions options;

  /**
   * The customers passed on, found inside the window or being asked for by the slices of one run
   * read in this JVM, by {@link #runId}, so that a customer many slices name is fetched by id once.
   * Static because the pipeline hands every partition a copy of the source made from its serialized
   * form: a set held by the object was one per partition, and a customer that charges, payment
   * intents and invoices of four slices named was asked for up to twelve times and read as that
   * many records. An entry is small (ids) and one is made per source opened.
   */
  private static final Map<String, Set<String>> CUSTOMERS_KNOWN = new ConcurrentHashMap<>();

  /** This opening of the source, kept by its copies: the key of {@link #CUSTOMERS_KNOWN}. */
  private final String runId = UUID.randomUUID().toString();

  /**
   * The lists whose permission check got no answer (a 5xx, no connection, a 429 after the retries)
   * or a 403 (the key lacks that list's permission), with why: filled by {@link #partitions} and
   * carried to the workers' copies, whose {@link #read} reports their slices as not read without
   * asking again.
   */
  private final Map<StripeObjectType, String> unchecked = new EnumMap<>(StripeObjectType.class);

  /** Per list Stripe refused the key, what a rerun with the same key meets. */
  private final Map<StripeObjectType, String> refusedReruns = new EnumMap<>(StripeObjectType.class);

  private StripeApiSource(String sourceName, StripeApiOptions options) {
    this.sourceName = requireNonNull(sourceName, "sourceName");
    this.options = requireNonNull(options, "options");
  }

  /** The factory registered for {@code stripe-api}; it checks the key's kind before anything. */
  public static SourceFactory factory() {
    return StripeApiSource::create;
  }

  /** The options of type {@code stripe-api}. */
  public static OptionSet optionSet() {
    return StripeApiOptions.OPTIONS;
  }

  static StripeApiSource create(String sourceName, Path path, Map<String, String> options)
      throws InvalidSourceException {
    StripeApiOptions parsed = StripeApiOptions.parse(sourceName, path, options, Instant.now());
    StripeKeys.resolve(sourceName, parsed, System.err);
    return new StripeApiSource(sourceName, parsed);
  }

  @Override
  public String sourceName() {
    return sourceName;
  }

  /** For messages: {@code charges created 2026-03-01T00:00:00Z..2026-04-01T00:00:00Z}. */
  @Override
  public String describe(String partition) {
    return Slice.parse(partition).describe();
  }

  /**
   * The slice's first page: once it is stored, a stripe-json read follows the slice's pages by
   * their has_more and reports a slice whose last stored page says more follow.
   */
  @Override
  public String snapshotMark(String partition) {
    Slice slice = Slice.parse(partition);
    return slice.type().optionName() + "/" + SnapshotPages.name(slice, 1);
  }

  /**
   * The (list, slice) partitions. Asks Stripe for one object of each list first, so that a key
   * Stripe refuses fails the run before anything is read. A list the key lacks the permission for
   * (403: a restricted key is often made without one) or whose check gets no answer after its
   * retries (a 5xx, no connection, a 429) costs that list only: its slices are listed all the same
   * and reported as not read, with the refusal or the check's last error, and the other lists are
   * read. With a snapshot directory, removes the stored pages of the lists that belong to no slice
   * of this split (an earlier window's), so that the folder never holds an object twice.
   *
   * @throws InvalidSourceException when Stripe refuses the key (401), refuses every list (403), or
   *     rejects the check's request itself (404 from an api_base that is not the API's root),
   *     naming the list and Stripe's explanation (never the key): a configuration to mend, which a
   *     rerun would meet again, so the command stops before reading anything
   * @throws StripeReadException when no list's check passed and some got no answer: nothing of the
   *     source can be read
   */
  @Override
  public List<String> partitions() throws IOException, InvalidSourceException {
    SliceReader reader = reader();
    List<Slice> slices = new ArrayList<>();
    unchecked.clear();
    refusedReruns.clear();
    List<StripeObjectType> forbidden = new ArrayList<>();
    StripeAccessDeniedException lastForbidden = null;
    StripeReadException lastUnanswered = null;
    for (StripeObjectType type : options.objects()) {
      try {
        reader.probe(type);
      } catch (StripeAccessDeniedException refused) {
        if (refused.status() != 403) {
          // the key itself: every list would meet the same answer
          throw new InvalidSourceException(
              "Source " + sourceName + ": " + refused.getMessage() + " Nothing was read.", refused);
        }
        forbidden.add(type);
        lastForbidden = refused;
        unchecked.put(type, refused.getMessage());
        String rerun = SliceReader.rerunAfter(refused);
        if (rerun != null) {
          refusedReruns.put(type, rerun);
        }
      } catch (StripeReadException unanswered) {
        lastUnanswered = unanswered;
        unchecked.put(type, unanswered.getMessage());
      }
      slices.addAll(
          Slice.split(type, options.createdFrom(), options.createdTo(), options.slices()));
    }
    if (forbidden.size() == options.objects().size()) {
      throw new InvalidSourceException(
          "Source "
              + sourceName
              + ": "
              + (forbidden.size() == 1
                  ? ""
                  : "the key may list none of the source's lists ("
                      + names(forbidden)
                      + "); the last: ")
              + lastForbidden.getMessage()
              + " Nothing was read.",
          lastForbidden);
    }
    if (unchecked.size() == options.objects().size()) {
      List<StripeObjectType> unanswered =
          options.objects().stream().filter(type -> !forbidden.contains(type)).toList();
      throw new StripeReadException(
          (unchecked.size() == 1
                  ? ""
                  : "Stripe answered the permission check of none of the source's lists ("
                      + names(unanswered)
                      + (forbidden.isEmpty() ? "" : "; refused: " + names(forbidden))
                      + "); the last: ")
              + lastUnanswered.getMessage()
              + ". Nothing was read.");
    }
    unchecked.forEach(
        (type, why) ->
            System.err.println(
                "Stripe source "
                    + sourceName
                    + ": "
                    + (why.endsWith(".") ? why.substring(0, why.length() - 1) : why)
                    + "; its slices are reported as not read, the other lists are read"));
    if (options.snapshotDir() != null) {
      new SnapshotPages(Path.of(options.snapshotDir())).keepOnly(slices);
      // the probe's reader took the customers stored as known from every named page, an earlier
      // window's too: a slice skipped those as passed on by the slice whose page held them, which
      // keepOnly has just set aside, so a rerun with a moved window (created_to defaults to now)
      // lost every customer fetched by id, unsaid; known again from what is kept
      CUSTOMERS_KNOWN.remove(runId);
    }
    return slices.stream().map(Slice::partition).toList();
  }

  private static String names(List<StripeObjectType> types) {
    return String.join(", ", types.stream().map(StripeObjectType::optionName).toList());
  }

  @Override
  public void read(String partition, RecordSink sink) throws IOException {
    Slice slice = Slice.parse(partition);
    String unanswered = unchecked.get(slice.type());
    if (unanswered != null) {
      // asked again slice by slice, a list that keeps failing cost every slice its retries, and a
      // refused one would be refused again
      throw new UnreadPartitionException(
          new PartitionFailure(
              sourceName,
              partition,
              slice.describe() + ", every object",
              0,
              unanswered,
              false,
              refusedReruns.get(slice.type())),
          null);
    }
    reader().read(slice, sink);
  }

  private SliceReader reader() throws IOException {
    String key;
    try {
      // warned once when the source was created; workers stay quiet about the key's kind
      key =
          StripeKeys.resolve(sourceName, options, new PrintStream(OutputStream.nullOutputStream()));
    } catch (InvalidSourceException e) {
      throw new IOException(e.getMessage(), e);
    }
    Set<String> customersKnown;
    try {
      customersKnown = CUSTOMERS_KNOWN.computeIfAbsent(runId, id -> storedNamedCustomers());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return new SliceReader(sourceName, options, key, System.err, customersKnown);
  }

  /**
   * The customers a fetch into the snapshot stored already, fetched by id or listed: a fetch
   * resuming after one that was stopped asks for none of them again, whichever slice it reads first
   * (it stored each a second time, under another slice, when a slice naming it came before the one
   * that holds it; and a charge naming a customer by id alone, without its created time, had it
   * asked for though the customers list's stored pages hold it, which only then tells it is the
   * list's).
   */
  private Set<String> storedNamedCustomers() {
    Set<String> known = ConcurrentHashMap.newKeySet();
    if (options.snapshotDir() != null) {
      try {
        SnapshotPages snapshot = new SnapshotPages(Path.of(options.snapshotDir()));
        known.addAll(snapshot.namedIds());
        if (options.objects().contains(StripeObjectType.CUSTOMERS)) {
          known.addAll(snapshot.listedCustomerIds());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return known;
  }

  @Override
  public String toString() {
    return "StripeApiSource[" + sourceName + ", " + options.apiBase() + "]";
  }
}
