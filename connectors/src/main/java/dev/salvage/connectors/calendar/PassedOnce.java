package dev.salvage.connectors.calendar;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.RecordSink;
import dev.salvage.connectors.io.JsonInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Passes one calendar's records on, remembering each one's ref and a digest of its event, so that
 * when the calendar's listing starts again from its first page (Google answered 410 Gone to a page
 * token) nothing already passed on is passed on again: records cannot be taken back from a
 * pipeline, and two records with one ref would be folded into one piece of evidence downstream
 * without a word.
 *
 * <p>After {@link #restart()}: an event passed on before, unchanged, is skipped (counted in {@link
 * #skipped()}); one that changed in between is quarantined with the reason, so the run still has
 * exactly one record per event and the later version stays visible; an event the first listing did
 * not reach is passed on. A quarantine entry the first listing made already is not made twice. The
 * digest leaves out {@code _calendar}, whose {@code updated} (the calendar's last change) differs
 * between the two listings for every event as soon as any one changed.
 *
 * <p>Memory: a ref and 8 bytes per event of the calendar, not the events.
 */
final class PassedOnce implements RecordSink {
  private final RecordSink sink;
  private final Map<String, Long> passed = new HashMap<>();
  private final Set<Long> quarantined = new HashSet<>();
  private boolean again;
  private long skipped;

  PassedOnce(RecordSink sink) {
    this.sink = requireNonNull(sink, "sink");
  }

  /** The listing starts again from its first page: from now on, nothing is passed on twice. */
  void restart() {
    again = true;
  }

  /** Records skipped after the restart because the first listing passed them on unchanged. */
  long skipped() {
    return skipped;
  }

  /** Records passed on so far, by either listing. */
  int passedOn() {
    return passed.size();
  }

  @Override
  public void accept(RawRecord record) {
    long digest = eventDigest(record.json());
    if (again) {
      Long earlier = passed.get(record.ref());
      if (earlier != null) {
        if (earlier == digest) {
          skipped++;
        } else {
          sink.quarantine(
              new Quarantined(
                  record.source(),
                  record.location(),
                  "Cannot pass on calendar event "
                      + record.ref()
                      + " a second time: it changed between the first listing of its calendar"
                      + " and the listing restarted after Google answered 410 (Gone); the version"
                      + " the first listing read was passed on, this later one is kept here so"
                      + " that one event is not two pieces of evidence (a rerun reads its current"
                      + " version)",
                  record.json()));
        }
        return;
      }
    }
    passed.put(record.ref(), digest);
    sink.accept(record);
  }

  @Override
  public void quarantine(Quarantined bad) {
    long digest = digest(bad.location() + "\n" + bad.reason() + "\n" + bad.excerpt());
    if (!quarantined.add(digest) && again) {
      return; // the first listing quarantined this very item already
    }
    sink.quarantine(bad);
  }

  /** A digest of a record's event, without {@code _calendar}. */
  private static long eventDigest(String json) {
    try {
      JsonNode event = JsonInput.MAPPER.readTree(json);
      if (event instanceof ObjectNode object) {
        object.remove("_calendar");
      }
      return digest(event.toString());
    } catch (IOException notJson) {
      return digest(json); // records are written from parsed JSON: kept whole if ever not
    }
  }

  private static long digest(String text) {
    try {
      byte[] sha =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      long value = 0;
      for (int i = 0; i < Long.BYTES; i++) {
        value = value << 8 | (sha[i] & 0xff);
      }
      return value;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
