package dev.salvage.connectors.calendar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.connectors.io.JsonInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The flat events.list layout: pages named {@code <name>-page-N.json} beside the account's {@code
 * calendarList.json} (a Google {@code calendarList.list} response), instead of one directory per
 * calendar. A page's calendar id is taken from the list: the entry whose id is {@code <name>}, else
 * the one whose summary (or summaryOverride) is the page's own {@code summary}, else the one whose
 * summary written as a file name ({@code Car AB-123} as {@code car-ab-123}) is {@code <name>}.
 */
final class CalendarList {
  static final String FILE_NAME = "calendarList.json";

  private static final Pattern PAGE = Pattern.compile("(.+?)(?:[-_]page[-_]?[0-9]+)?\\.json");
  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  /** One calendar of the list: its id and the names it goes by. */
  private record Entry(String id, List<String> summaries) {}

  private final Path file;
  private final List<Entry> entries;

  private CalendarList(Path file, List<Entry> entries) {
    this.file = file;
    this.entries = List.copyOf(entries);
  }

  /** Whether {@code file} is a calendar list rather than a page of events. */
  static boolean isList(Path file) {
    return file.getFileName() != null && file.getFileName().toString().equals(FILE_NAME);
  }

  /**
   * The calendar list beside {@code page}, or null when there is none (the layout with one
   * directory per calendar).
   *
   * @throws IOException when the list is there but cannot be read as a calendar list
   */
  static CalendarList besides(Path page) throws IOException {
    Path directory = page.toAbsolutePath().getParent();
    Path list = directory == null ? null : directory.resolve(FILE_NAME);
    if (list == null || !Files.isRegularFile(list)) {
      return null;
    }
    JsonNode root;
    try {
      root = JsonInput.MAPPER.readTree(list.toFile());
    } catch (JsonProcessingException e) {
      // Jackson's message names no file: every page beside a damaged list failed with "Illegal
      // character ... [Source: REDACTED ...]", and the one file to mend was named nowhere
      throw new IOException(
          "Cannot tell which calendar "
              + page
              + " belongs to: "
              + list
              + ", which names the calendars of the pages beside it, is not JSON (broken at "
              + JsonInput.location(list, e)
              + ": "
              + JsonInput.problem(e)
              + "); mend it, or fetch the calendars again",
          e);
    }
    JsonNode items = root == null ? null : root.get("items");
    if (items == null || !items.isArray()) {
      throw new IOException(list + " is not a Google calendarList response (no items)");
    }
    List<Entry> entries = new ArrayList<>();
    for (JsonNode item : items) {
      String id = item.path("id").asText("");
      if (id.isBlank()) {
        continue;
      }
      List<String> summaries = new ArrayList<>();
      for (String name : List.of("summaryOverride", "summary")) {
        if (item.path(name).isTextual() && !item.path(name).asText().isBlank()) {
          summaries.add(item.path(name).asText().strip());
        }
      }
      entries.add(new Entry(id, summaries));
    }
    return new CalendarList(list, entries);
  }

  /**
   * The id of the calendar {@code page} lists the events of.
   *
   * @param pageSummary the page's own {@code summary} (the calendar's title), or null
   * @throws IOException naming the page and the list when no calendar, or more than one, fits
   */
  String idOf(Path page, String pageSummary) throws IOException {
    String fileName = page.getFileName().toString();
    Matcher matcher = PAGE.matcher(fileName);
    String name = matcher.matches() ? matcher.group(1) : fileName;
    List<String> byId = new ArrayList<>();
    List<String> bySummary = new ArrayList<>();
    List<String> byFileName = new ArrayList<>();
    for (Entry entry : entries) {
      if (entry.id().equals(name)) {
        byId.add(entry.id());
      }
      if (pageSummary != null && entry.summaries().contains(pageSummary.strip())) {
        bySummary.add(entry.id());
      }
      if (entry.summaries().stream().anyMatch(summary -> slug(summary).equals(slug(name)))) {
        byFileName.add(entry.id());
      }
    }
    for (List<String> found : List.of(byId, bySummary, byFileName)) {
      if (found.size() == 1) {
        return found.get(0);
      }
      if (found.size() > 1) {
        throw new IOException(
            "Cannot tell which calendar "
                + page
                + " belongs to: "
                + file
                + " lists "
                + found.size()
                + " that fit ("
                + String.join(", ", found)
                + ")");
      }
    }
    throw new IOException(
        "Cannot tell which calendar "
            + page
            + " belongs to: "
            + file
            + " has no calendar with id \""
            + name
            + "\""
            + (pageSummary == null ? "" : " or summary \"" + pageSummary + "\""));
  }

  private static String slug(String text) {
    return NOT_WORD.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("-").replaceAll("^-|-$", "");
  }
}
