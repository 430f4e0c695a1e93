package dev.salvage.connectors.calendar;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The copies of each event of one calendar file (same UID; the same text for an event without one),
 * as iTIP logs and merged exports hold them, and which of them are read. The newest by {@link
 * EventVersion} is read; the others are left out as superseded, or as exact copies of one read,
 * each named in the notes of the copy read. Copies as new as each other by SEQUENCE, DTSTAMP and
 * LAST-MODIFIED but of different text are each read, as claims of one moment, with a note naming
 * the others: which one holds is for a person to say, and the file's order, which an exporter
 * chose, must not say it silently (the merge flags the record whose copies claim different values,
 * as it does one Stripe object read twice with different content). Only each copy's version and a
 * digest of its text are kept, not the events.
 */
final class EventCopies {
  /** The start of the note of a copy read beside another as new and different. */
  static final String AS_NEW = "another copy of this event as new as this one";

  private static final int LINES_SAID = 10;

  private record Copy(EventVersion version, String digest) {}

  private final Map<String, List<Copy>> byEvent = new HashMap<>();
  private final Map<Long, String> leftOut = new HashMap<>();
  private final Map<Long, List<String>> notes = new HashMap<>();
  private final List<Long> leftOutLines = new ArrayList<>();
  private int tied;

  /** Counts {@code block}, a VEVENT without RECURRENCE-ID, among its event's copies. */
  void add(IcsBlocks.Block block) {
    byEvent
        .computeIfAbsent(key(block), k -> new ArrayList<>(1))
        .add(new Copy(EventVersion.of(block), EventVersion.digest(block)));
  }

  private static String key(IcsBlocks.Block block) {
    String uid = block.property("UID");
    return uid == null || uid.isBlank()
        ? "text:" + EventVersion.digest(block)
        : "uid:" + uid.strip();
  }

  /** Decides, once every copy is counted, which copies are read. */
  void decide() {
    for (List<Copy> copies : byEvent.values()) {
      if (copies.size() > 1) {
        decide(copies);
      }
    }
    byEvent.clear();
    leftOutLines.sort(Comparator.naturalOrder());
  }

  private void decide(List<Copy> copies) {
    copies.sort(Comparator.comparingLong(copy -> copy.version().line()));
    EventVersion newest =
        copies.stream().map(Copy::version).max(Comparator.naturalOrder()).orElseThrow();
    // of the copies as new as the newest, the first of each text
    Map<String, EventVersion> read = new LinkedHashMap<>();
    for (Copy copy : copies) {
      if (copy.version().sameVersion(newest)) {
        read.putIfAbsent(copy.digest(), copy.version());
      }
    }
    EventVersion first = read.values().iterator().next();
    Map<Long, List<String>> leftFor = new TreeMap<>();
    for (Copy copy : copies) {
      EventVersion same = read.get(copy.digest());
      long line = copy.version().line();
      if (same != null && same.line() == line) {
        continue;
      }
      EventVersion kept = same != null ? same : first;
      leftOut.put(line, EventVersion.superseded(copy.version(), kept, same != null));
      leftOutLines.add(line);
      leftFor
          .computeIfAbsent(kept.line(), k -> new ArrayList<>())
          .add(
              "line "
                  + line
                  + (same != null ? " (the same text)" : " (" + copy.version() + ": older)"));
    }
    leftFor.forEach(
        (line, left) ->
            note(
                line,
                "other copies of this event in the file were left out for this one: "
                    + String.join(", ", left)));
    if (read.size() > 1) {
      tied++;
      for (EventVersion copy : read.values()) {
        List<String> others =
            read.values().stream()
                .filter(other -> other.line() != copy.line())
                .map(other -> String.valueOf(other.line()))
                .toList();
        note(
            copy.line(),
            AS_NEW
                + " ("
                + copy
                + ") and of other text is at line "
                + String.join(", ", others)
                + ": each is read, as claims of one moment, for a person to say which holds; the"
                + " file's order does not tell");
      }
    }
  }

  private void note(long line, String note) {
    notes.computeIfAbsent(line, k -> new ArrayList<>()).add(note);
  }

  /** Why the copy at {@code line} is left out ("is superseded by ..."), or null when it is read. */
  String leftOut(long line) {
    return leftOut.get(line);
  }

  /** {@code out}, adding to each event it is given what the copy at {@code line} must note. */
  IcsEvents.Output noted(long line, IcsEvents.Output out) {
    List<String> said = notes.get(line);
    if (said == null) {
      return out;
    }
    return new IcsEvents.Output() {
      @Override
      public void event(String id, ObjectNode json, long at) {
        ArrayNode array =
            json.has(IcsEvents.NOTES)
                ? (ArrayNode) json.get(IcsEvents.NOTES)
                : json.putArray(IcsEvents.NOTES);
        said.forEach(array::add);
        out.event(id, json, at);
      }

      @Override
      public void broken(IcsBlocks.Block block, BrokenEventException reason) {
        out.broken(block, reason);
      }

      @Override
      public void superseded(IcsBlocks.Block block, BrokenEventException reason) {
        out.superseded(block, reason);
      }

      @Override
      public void incomplete(long at, String reason) {
        out.incomplete(at, reason);
      }

      @Override
      public void notRead(long at, String reason) {
        out.notRead(at, reason);
      }
    };
  }

  /** What to tell the operator of the copies of {@code file} left out or read side by side. */
  String said(String file) {
    if (leftOutLines.isEmpty() && tied == 0) {
      return null;
    }
    StringBuilder said = new StringBuilder(file).append(": ");
    if (!leftOutLines.isEmpty()) {
      said.append(leftOutLines.size())
          .append(
              " copies of events read and left out, superseded by a newer copy of the same"
                  + " event (higher SEQUENCE, else later DTSTAMP, else later LAST-MODIFIED) or the"
                  + " same text as one read, at line ")
          .append(
              String.join(
                  ", ", leftOutLines.stream().limit(LINES_SAID).map(String::valueOf).toList()))
          .append(leftOutLines.size() > LINES_SAID ? ", ..." : "")
          .append(" (the copy read names them in its _notes)");
    }
    if (tied > 0) {
      said.append(leftOutLines.isEmpty() ? "" : "; ")
          .append(tied)
          .append(
              " event(s) with copies as new as each other by SEQUENCE, DTSTAMP and LAST-MODIFIED"
                  + " but of different text, each read (their _notes say so): a record whose"
                  + " copies claim different values is flagged");
    }
    return said.toString();
  }
}
