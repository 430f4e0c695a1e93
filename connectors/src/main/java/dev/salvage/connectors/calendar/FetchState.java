package dev.salvage.connectors.calendar;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salvage.connectors.PartitionFailure;
import dev.salvage.connectors.io.JsonInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The mark a calendar's snapshot folder carries while a fetch writes it, {@code fetch-state.json}:
 * {@code "fetching"} before the first request, replaced by {@code "complete"} with the number of
 * pages after the last page is saved. A folder whose mark still says fetching was left by a fetch
 * that failed or was stopped, and holds only part of the calendar; without the mark, its pages
 * looked like a smaller calendar. A folder without the mark was written by hand (or by a salvage
 * older than the mark) and is read as it is.
 */
final class FetchState {
  static final String FILE = "fetch-state.json";

  private static final String KIND = "salvage#calendarFetch";

  private FetchState() {}

  /**
   * The events.list window a fetch asked for ({@code timeMin}, {@code timeMax}; null: unbounded),
   * kept in the mark so that a later read reuses a complete folder only for the same window.
   */
  record Window(Instant timeMin, Instant timeMax) implements java.io.Serializable {
    @Override
    public String toString() {
      return (timeMin == null ? "the first" : timeMin.toString())
          + " .. "
          + (timeMax == null ? "the last" : timeMax.toString());
    }
  }

  /** A folder a fetch of the same window completed: its pages, and when it was written. */
  record Complete(int pages, String written) {}

  /** Marks {@code folder} as being fetched, before anything of it is requested or removed. */
  static void started(Path folder, String calendarId, Window window) throws IOException {
    write(folder, calendarId, "fetching", null, window);
  }

  /** Marks {@code folder} as holding the whole calendar in {@code pages} pages; written last. */
  static void complete(Path folder, String calendarId, int pages, Window window)
      throws IOException {
    write(folder, calendarId, "complete", pages, window);
  }

  /**
   * The folder's fetch when it completed for exactly {@code window} and every page it counted is
   * still there; null otherwise (no mark, a fetch that did not finish, another window, a mark
   * written before the window was kept in it, a page gone, a mark that is not JSON): then the
   * calendar is to be fetched again.
   */
  static Complete completed(Path folder, String calendarId, Window window) {
    Path mark = folder.resolve(FILE);
    if (!Files.isRegularFile(mark)) {
      return null;
    }
    try {
      check(mark, calendarId);
      JsonNode state = JsonInput.MAPPER.readTree(mark.toFile());
      int pages = state.path("pages").asInt(0);
      if (pages < 1
          || !state.has("timeMin")
          || !state.has("timeMax")
          || !text(window.timeMin()).equals(state.get("timeMin").asText(""))
          || !text(window.timeMax()).equals(state.get("timeMax").asText(""))) {
        return null;
      }
      return new Complete(pages, state.path("written").asText("?"));
    } catch (IOException | RuntimeException incomplete) {
      return null;
    }
  }

  private static String text(Instant instant) {
    return instant == null ? "" : instant.toString();
  }

  static boolean isMark(Path file) {
    return file.getFileName() != null && file.getFileName().toString().equals(FILE);
  }

  /** Whether {@code page} lies in a folder a fetch marked, which then speaks for the folder. */
  static boolean marks(Path page) {
    return Files.exists(page.resolveSibling(FILE));
  }

  /**
   * Checks that the fetch that wrote {@code mark}'s folder finished and that every page it saved is
   * still there.
   *
   * @throws IOException naming the folder and telling to fetch the calendar again when it did not
   */
  static void check(Path mark, String calendarId) throws IOException {
    Path folder = mark.toAbsolutePath().getParent();
    JsonNode state;
    try {
      state = JsonInput.MAPPER.readTree(mark.toFile());
    } catch (JsonProcessingException e) {
      throw new IOException(
          "Cannot tell whether calendar "
              + calendarId
              + " was fetched to its end: "
              + mark
              + " is not JSON ("
              + JsonInput.problem(e)
              + "); fetch the calendar again into "
              + folder,
          e);
    }
    String written = state.path("written").asText("?");
    if (!state.path("state").asText("").equals("complete")) {
      int saved = 0;
      long events = 0;
      for (Path page = savedPage(folder, 1); page != null; page = savedPage(folder, saved + 1)) {
        saved++;
        events += items(page);
      }
      String window =
          state.path("timeMin").asText("").isEmpty() && state.path("timeMax").asText("").isEmpty()
              ? ""
              : " between "
                  + state.path("timeMin").asText("").replaceFirst("^$", "the first")
                  + " and "
                  + state.path("timeMax").asText("").replaceFirst("^$", "the last");
      throw new Unfinished(
          "Cannot read calendar "
              + calendarId
              + " to its end: "
              + folder
              + " was left by a fetch that did not finish ("
              + FILE
              + " says '"
              + state.path("state").asText("")
              + "' since "
              + written
              + "); "
              + (saved == 0
                  ? "it saved no page"
                  : "the "
                      + saved
                      + " page(s) it saved were read ("
                      + events
                      + " event(s)), the events after them are missing")
              + ". Run salvage fetch again to complete it",
          "the events of calendar "
              + calendarId
              + window
              + (saved == 0
                  ? ", all of them"
                  : " after page " + saved + " (pages 1-" + saved + " saved and read)"),
          events);
    }
    int pages = state.path("pages").asInt(0);
    List<String> missing = new ArrayList<>();
    for (int page = 1; page <= pages; page++) {
      String name = pageName(page);
      if (!Files.exists(folder.resolve(name)) && !Files.exists(folder.resolve(name + ".gz"))) {
        missing.add(name);
      }
    }
    if (!missing.isEmpty()) {
      throw new IOException(
          "Cannot read calendar "
              + calendarId
              + " to its end: the fetch of "
              + written
              + " saved "
              + pages
              + " page(s) in "
              + folder
              + " but "
              + String.join(", ", missing)
              + " "
              + (missing.size() == 1 ? "is" : "are")
              + " missing; fetch the calendar again");
    }
  }

  /**
   * A fetch that did not finish, with what its saved pages hold: the mark's partition stands for
   * the calendar, whose saved pages are read as partitions of their own.
   */
  static final class Unfinished extends IOException {
    private final String notRead;
    private final long events;

    Unfinished(String message, String notRead, long events) {
      super(message);
      this.notRead = notRead;
      this.events = events;
    }

    /**
     * The calendar's not-read entry: what the saved pages hold was read, the rest was not. The
     * partition is named by the calendar, as a run over the API names it, then by the mark, which
     * keeps two folders of one calendar apart and says where to look; the mark's path alone named a
     * file where the operator looks for a calendar.
     */
    PartitionFailure failure(String sourceName, String calendarId, Path mark) {
      return new PartitionFailure(
          sourceName, calendarId + " (" + mark + ")", notRead, events, getMessage(), false);
    }
  }

  /** Page {@code number} of {@code folder}, plain or gzipped, or null when it is not there. */
  private static Path savedPage(Path folder, int number) {
    Path page = folder.resolve(pageName(number));
    if (Files.exists(page)) {
      return page;
    }
    Path gzipped = folder.resolve(pageName(number) + ".gz");
    return Files.exists(gzipped) ? gzipped : null;
  }

  /** How many events a saved page lists; 0 for one that cannot be read (its own read says why). */
  private static long items(Path page) {
    try (JsonParser parser = JsonInput.open(page)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return 0;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        if (parser.nextToken() == JsonToken.START_ARRAY && name.equals("items")) {
          long count = 0;
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            parser.skipChildren();
            count++;
          }
          return count;
        }
        parser.skipChildren();
      }
      return 0;
    } catch (IOException | RuntimeException unreadable) {
      return 0;
    }
  }

  static String pageName(int number) {
    return String.format("events-%04d.json", number);
  }

  private static void write(
      Path folder, String calendarId, String state, Integer pages, Window window)
      throws IOException {
    ObjectNode json = JsonInput.MAPPER.createObjectNode();
    json.put("kind", KIND);
    json.put("calendarId", calendarId);
    json.put("state", state);
    if (pages != null) {
      json.put("pages", pages);
    }
    // "" for an unbounded end: a mark without the field was written before windows were kept
    json.put("timeMin", text(window.timeMin()));
    json.put("timeMax", text(window.timeMax()));
    json.put("written", Instant.now().toString());
    Path partial = folder.resolve("." + FILE + ".partial");
    Files.writeString(partial, json.toPrettyString() + "\n", StandardCharsets.UTF_8);
    Files.move(partial, folder.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
  }
}
