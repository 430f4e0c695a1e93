package dev.salvage.connectors.calendar;

import static java.util.Objects.requireNonNull;

import dev.salvage.connectors.InvalidSourceException;
import dev.salvage.connectors.OptionSet;
import dev.salvage.connectors.PartitionFailure;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.RecordSink;
import dev.salvage.connectors.UnreadPartitionException;
import dev.salvage.connectors.io.SecretText;
import dev.salvage.connectors.io.Superseded;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads calendars over the Google Calendar API (source type {@code google-calendar}), read-only:
 * one partition per calendar, every event between {@code time_min} and {@code time_max} including
 * cancelled ones, recurring events as their instances. Events become the same {@code
 * calendar.event} records as {@link CalendarEventsJsonReader} makes from saved pages, and every
 * page read can be saved to {@code snapshot_dir} in that reader's layout. The options are those of
 * {@link CalendarApiOptions}; docs/calendar.md describes them.
 */
public final class GoogleCalendarSource implements PartitionedSource {
  private static final long serialVersionUID = 1L;

  private final String sourceName;
  private final CalendarApiOptions settings;
  private final FetchState.Window fetchWindow;

  private GoogleCalendarSource(String sourceName, CalendarApiOptions settings) {
    this.sourceName = requireNonNull(sourceName, "sourceName");
    this.settings = requireNonNull(settings, "settings");
    this.fetchWindow = new FetchState.Window(settings.timeMin(), settings.timeMax());
  }

  /**
   * A source configured by {@code options}; a {@link dev.salvage.connectors.SourceFactory}.
   *
   * @throws InvalidSourceException naming the source and the option when an option is bad
   */
  public static GoogleCalendarSource create(
      String sourceName, Path path, Map<String, String> options) throws InvalidSourceException {
    if (path != null) {
      throw InvalidSourceException.of(
          "google-calendar",
          sourceName,
          "reads over the network and takes no path; to read saved pages use type"
              + " calendar-json");
    }
    return new GoogleCalendarSource(sourceName, CalendarApiOptions.parse(sourceName, options));
  }

  /** The options of type {@code google-calendar}. */
  public static OptionSet optionSet() {
    return CalendarApiOptions.OPTIONS;
  }

  @Override
  public String sourceName() {
    return sourceName;
  }

  /** For messages: {@code calendar tech-rosa}. */
  @Override
  public String describe(String calendarId) {
    return "calendar " + calendarId;
  }

  /** The mark a fetch writes into the calendar's folder before its first request. */
  @Override
  public String snapshotMark(String calendarId) {
    return calendarId + "/" + FetchState.FILE;
  }

  /**
   * The configured calendar ids, or those of the account matching {@code calendar_pattern}. Gets an
   * access token first, and has the API accept it (the calendar list, or one event of the first
   * calendar), so that credentials Google refuses stop the command before anything is read.
   *
   * @throws InvalidSourceException when the key or token file cannot be read, or Google refuses the
   *     credentials (the token endpoint, a 401 to the calendar list, or, with {@code calendars}, a
   *     401 to a request for one event of the first calendar): a configuration to mend, which a
   *     rerun would meet again
   * @throws IOException when Google cannot be asked (no answer, server errors after the retries)
   */
  /** Records read per calendar, for the operator to compare with what the server shows. */
  @Override
  public boolean countsReadPerPartition() {
    return true;
  }

  @Override
  public List<String> partitions() throws IOException, InvalidSourceException {
    CalendarApi api;
    try {
      api = CalendarApi.open(sourceName, settings);
    } catch (IOException unreadable) {
      throw new InvalidSourceException(unreadable.getMessage() + ". Nothing was read.", unreadable);
    }
    String refused;
    try {
      refused = api.credentialsRefusal();
    } catch (IOException e) {
      throw unreached(api, e);
    }
    if (refused != null) {
      throw refused(refused, null);
    }
    if (settings.calendarPattern() == null) {
      // nothing else is asked of the API before the reads, and a 401 there failed each calendar
      // on its own (not read, exit 3) where the calendar list's 401 stops the command (exit 2)
      String probed = firstReadFromGoogle();
      String eventsRefused;
      try {
        eventsRefused = probed == null ? null : api.eventsRefusal(probed);
      } catch (IOException e) {
        throw unreached(api, e);
      }
      if (eventsRefused != null) {
        throw refused(
            eventsRefused
                + ", although the token endpoint granted a token (a token_uri or root_url that"
                + " is not Google's, a key of another project, or access revoked since)",
            null);
      }
      return settings.calendars();
    }
    Pattern pattern = Pattern.compile(settings.calendarPattern());
    List<CalendarApi.CalendarEntry> all;
    try {
      all = api.calendars();
    } catch (CalendarApiException e) {
      if (e.status() == 401) {
        throw refused(e.getMessage(), e);
      }
      throw e;
    } catch (IOException e) {
      throw unreached(api, e);
    }
    List<String> matching =
        all.stream()
            .filter(
                c ->
                    pattern.matcher(c.id()).find()
                        || c.summary() != null && pattern.matcher(c.summary()).find())
            .map(CalendarApi.CalendarEntry::id)
            .sorted()
            .toList();
    if (matching.isEmpty()) {
      throw new IOException(
          "Source "
              + sourceName
              + ": none of the account's "
              + all.size()
              + " calendar(s) matches calendar_pattern '"
              + settings.calendarPattern()
              + "'");
    }
    return matching;
  }

  /** {@code e} said with the address it could not reach, when it is such a failure. */
  private static IOException unreached(CalendarApi api, IOException e) {
    String unreached = e instanceof CalendarApiException ? null : api.unreached(e);
    return unreached == null ? e : new IOException(unreached, e);
  }

  /**
   * The first configured calendar read from Google rather than from a snapshot fetched to its end,
   * or null when there is none (the API is not asked for events then).
   */
  private String firstReadFromGoogle() {
    for (String calendarId : settings.calendars()) {
      try {
        if (settings.snapshotDir() == null
            || FetchState.completed(snapshotFolder(calendarId), calendarId, fetchWindow) == null) {
          return calendarId;
        }
      } catch (IOException unreadable) {
        // its read says what is wrong with its snapshot; the API is asked all the same
        return calendarId;
      }
    }
    return null;
  }

  /**
   * Credentials Google refused: said like a refused IMAP login, naming the file, never its content.
   */
  private InvalidSourceException refused(String how, Throwable cause) {
    return new InvalidSourceException(
        "Source "
            + sourceName
            + ": Google refused the credentials of "
            + settings.credentialsNamed()
            + (settings.subject() == null ? "" : " for subject " + settings.subject())
            + ": "
            + how
            + "; check the file (a key deleted or rotated, a token revoked)"
            + (settings.subject() == null
                ? ""
                : " and that the key may act for the subject (domain-wide delegation)")
            + ". Nothing was read.",
        cause);
  }

  /**
   * Reads every event page of one calendar. When Google answers 410 (Gone) to a page token, the
   * listing starts again from the first page, once, as Google advises; the events the first listing
   * passed on are not passed on again ({@link PassedOnce}), and with a snapshot the first listing's
   * pages are set aside so the folder holds the second listing whole.
   *
   * @throws UnreadPartitionException when the calendar cannot be read to its last page after the
   *     retries (or at all: unknown calendar, no access, a second 410): what was not read, the
   *     events of the pages before it passed on
   */
  @Override
  public void read(String calendarId, RecordSink sink) throws IOException {
    Progress progress = new Progress(sink);
    PassedOnce once = new PassedOnce(progress);
    boolean restarted = false;
    CalendarApi api = null;
    try {
      if (settings.snapshotDir() != null) {
        Path folder = snapshotFolder(calendarId);
        FetchState.Complete done = FetchState.completed(folder, calendarId, fetchWindow);
        if (done != null) {
          readSnapshot(folder, calendarId, done, progress);
          return;
        }
      }
      Path snapshot = settings.snapshotDir() == null ? null : snapshotDirectory(calendarId);
      api = CalendarApi.open(sourceName, settings);
      while (true) {
        try {
          list(api, calendarId, snapshot, once, progress);
          break;
        } catch (CalendarApiException e) {
          // 410 to a page token: the token expired (or the listing changed under it); Google's
          // advice is to list again from the start. Once: a second one fails the calendar as any
          // other refusal, rather than listing it forever
          if (e.status() != GONE || restarted || progress.pages == 0) {
            throw e;
          }
          restarted = true;
          System.err.println(
              "Calendar source "
                  + sourceName
                  + ": calendar "
                  + calendarId
                  + ": "
                  + e.getMessage()
                  + "; listing the calendar again from page 1 (once), after "
                  + progress.pages
                  + " page(s) and "
                  + progress.records
                  + " event(s) passed on, which are not passed on again");
          if (snapshot != null) {
            setAsidePages(snapshot);
          }
          progress.pages = 0;
          progress.startPage();
          once.restart();
        }
      }
      if (snapshot != null) {
        FetchState.complete(snapshot, calendarId, progress.pages, fetchWindow);
      }
      if (restarted) {
        System.err.println(
            "Calendar source "
                + sourceName
                + ": calendar "
                + calendarId
                + " listed again to its end: "
                + progress.pages
                + " page(s), "
                + progress.records
                + " event(s) passed on in all, "
                + once.skipped()
                + " passed on by the first listing and skipped");
      }
    } catch (IOException e) {
      String unreached = api == null || e instanceof CalendarApiException ? null : api.unreached(e);
      throw new UnreadPartitionException(
          new PartitionFailure(
              sourceName,
              calendarId,
              "the events of calendar "
                  + calendarId
                  + window()
                  + progress.stoppedAt()
                  + (restarted ? " of its listing restarted after HTTP 410" : ""),
              progress.records,
              (unreached != null
                      ? unreached
                      : e.getMessage() == null ? e.toString() : e.getMessage())
                  + (api != null && e instanceof CalendarApiException refused
                      ? advice(calendarId, refused, api)
                      : ""),
              false),
          e);
    } finally {
      // totals of the retry lines said one by one, whether the calendar was read or not
      if (api != null) {
        api.retries().tallyTo(sink);
      }
    }
  }

  // 403 reasons of a quota used up, which Google's error guide tells apart from rate limits
  // (retried)
  // and from permissions: sharing the calendar does not mend them, waiting for the reset does
  private static final Set<String> QUOTA_REASONS = Set.of("dailyLimitExceeded", "quotaExceeded");

  /**
   * What to do about a calendar the API will not give: the calendar's id, and how to mend what
   * stands in the way, or nothing when a rerun may do (a server error, a rate limit).
   */
  private static String advice(String calendarId, CalendarApiException e, CalendarApi api) {
    if (e.status() == 404) {
      return "; calendar "
          + calendarId
          + " is unknown to Google or not shared with "
          + api.account()
          + ": check the id in option calendars (the calendar's Settings, Integrate calendar,"
          + " Calendar ID) and share the calendar with that account (See all event details)";
    }
    if (e.status() != 403 || RetryingRequests.isRateLimit(e.reason())) {
      return "";
    }
    if (QUOTA_REASONS.contains(e.reason())) {
      return "; calendar "
          + calendarId
          + " was not read: "
          + e.reason()
          + " is a usage quota of Google used up (the project's daily requests, or the"
          + " account's Calendar usage limits), not a permission: no retry within minutes passes"
          + " it; rerun once it is reset (Google resets the daily quota at midnight Pacific"
          + " time), or raise the project's quota in the Google Cloud console (APIs & Services,"
          + " Google Calendar API, Quotas)";
    }
    if ("accessNotConfigured".equals(e.reason())) {
      return "; calendar "
          + calendarId
          + " cannot be read: the Google Calendar API is not enabled in the Google Cloud project"
          + " of the credentials; enable it there";
    }
    return "; calendar "
        + calendarId
        + " may not be read by "
        + api.account()
        + ": share it with that account (See all event details), or check option scope";
  }

  /**
   * Reads a calendar from the pages a fetch of the same window saved to its end, instead of asking
   * Google again: a rerun (of run or fetch) resumes from the snapshot, as Stripe's and IMAP's do.
   */
  private void readSnapshot(
      Path folder, String calendarId, FetchState.Complete done, Progress progress)
      throws IOException {
    System.err.println(
        "Calendar source "
            + sourceName
            + ": calendar "
            + calendarId
            + " read from its snapshot "
            + folder
            + " ("
            + done.pages()
            + " page(s), fetched to its end at "
            + done.written()
            + " for this time window), not from Google; remove the folder to read it from Google"
            + " again");
    for (int number = 1; number <= done.pages(); number++) {
      Path page = folder.resolve(FetchState.pageName(number));
      if (!Files.exists(page)) {
        page = folder.resolve(FetchState.pageName(number) + ".gz");
      }
      progress.startPage();
      CalendarEventsJsonReader.readPage(
          CalendarEventsJsonReader.Page.of(page), calendarId, sourceName, progress);
      progress.endPage(number);
    }
  }

  /** Google's answer to a page token it no longer honours. */
  private static final int GONE = 410;

  /** One listing of the calendar from its first page, each page saved first when snapshotting. */
  private void list(
      CalendarApi api, String calendarId, Path snapshot, RecordSink sink, Progress progress)
      throws IOException {
    // what a quarantine entry keeps of an answer has the credentials masked, as messages do
    RecordSink masked =
        new RecordSink() {
          @Override
          public void accept(RawRecord record) {
            sink.accept(record);
          }

          @Override
          public void quarantine(Quarantined bad) {
            List<String> secrets = api.secrets();
            sink.quarantine(
                new Quarantined(
                    bad.source(),
                    bad.location(),
                    SecretText.redact(bad.reason(), secrets),
                    SecretText.redact(bad.excerpt(), secrets)));
          }
        };
    api.eventPages(
        calendarId,
        (number, url, content) -> {
          CalendarEventsJsonReader.Page page;
          if (snapshot == null) {
            page = CalendarEventsJsonReader.Page.of(url, content);
          } else {
            Path file = snapshot.resolve(FetchState.pageName(number));
            Path partial = snapshot.resolve(".events-" + number + ".json.partial");
            Files.write(partial, content);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            page = CalendarEventsJsonReader.Page.of(file);
          }
          progress.startPage();
          CalendarEventsJsonReader.readPage(page, calendarId, sourceName, masked);
          progress.endPage(number);
        });
  }

  private String window() {
    if (settings.timeMin() == null && settings.timeMax() == null) {
      return "";
    }
    return " between "
        + (settings.timeMin() == null ? "the first" : settings.timeMin())
        + " and "
        + (settings.timeMax() == null ? "the last" : settings.timeMax());
  }

  /** Passes records on, counting them and the pages read. */
  private static final class Progress implements RecordSink {
    private final RecordSink sink;
    long records;
    int pages;
    private long recordsBeforePage;

    Progress(RecordSink sink) {
      this.sink = sink;
    }

    /** The page after {@link #pages} is being read. */
    void startPage() {
      recordsBeforePage = records;
    }

    /** Page {@code number} was read whole. */
    void endPage(int number) {
      pages = number;
      recordsBeforePage = records;
    }

    /** Where reading stopped, for what was not read: after which page, and which events of it. */
    String stoppedAt() {
      long partial = records - recordsBeforePage;
      if (pages == 0) {
        return partial > 0
            ? ", all of them but the first " + partial + " event(s) of page 1"
            : ", all of them";
      }
      return " after page "
          + pages
          + " (pages 1-"
          + pages
          + " read"
          + (partial > 0 ? ", and " + partial + " event(s) of page " + (pages + 1) : "")
          + ")";
    }

    @Override
    public void accept(RawRecord record) {
      records++;
      sink.accept(record);
    }

    @Override
    public void quarantine(Quarantined bad) {
      sink.quarantine(bad);
    }
  }

  /**
   * The calendar's snapshot directory, marked as being fetched, the pages an earlier read saved
   * there renamed to hidden {@code .superseded-*} names.
   */
  private Path snapshotDirectory(String calendarId) throws IOException {
    Path directory = snapshotFolder(calendarId);
    Files.createDirectories(directory);
    // marked first: a fetch that fails or is killed from here on leaves a folder that says so
    FetchState.started(directory, calendarId, fetchWindow);
    setAsidePages(directory);
    return directory;
  }

  /** The calendar's folder in {@code snapshot_dir}, which may not exist yet. */
  private Path snapshotFolder(String calendarId) throws IOException {
    if (calendarId.isEmpty()
        || calendarId.contains("/")
        || calendarId.contains("\\")
        || calendarId.startsWith(".")) {
      throw new IOException(
          "Source "
              + sourceName
              + ": calendar id '"
              + calendarId
              + "' cannot be a snapshot directory name");
    }
    return Path.of(settings.snapshotDir()).resolve(calendarId);
  }

  /**
   * Renames the pages an earlier read (or listing) saved in {@code directory} to hidden {@code
   * .superseded-*} names: they may hold events the calendar no longer gives, so they are set aside,
   * not deleted, and the folder holds only the pages of the listing that follows.
   */
  private static void setAsidePages(Path directory) throws IOException {
    List<Path> earlier = new ArrayList<>();
    try (DirectoryStream<Path> old = Files.newDirectoryStream(directory, "events-*.json")) {
      old.forEach(earlier::add);
    }
    Superseded.setAside(earlier);
  }
}
