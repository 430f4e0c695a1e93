package dev.salvage.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salvage.samples.Catalog.Location;
import dev.salvage.samples.Reservation.Change;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes each branch's Google calendar as it stands at the loss, as Calendar API v3 events.list
 * pages ({@code calendar/<calendarId>/events-NNNN.json}, 250 events a page) and as an iCalendar
 * export ({@code ics/<calendarId>.ics}).
 */
final class CalendarWriter {
  static final int PAGE_SIZE = 250;
  static final String APP_ACCOUNT = "rentwise-app@rentwise-prod.iam.gserviceaccount.com";
  static final String FLEET_DESK = "fleet@rentwise.example";

  /** One event as both formats show it. */
  record Event(
      String id,
      String status,
      Instant created,
      Instant updated,
      String summary,
      String description,
      String location,
      String creator,
      Instant start,
      Instant end,
      ZoneId zone,
      int sequence) {

    String iCalUid() {
      return id + "@google.com";
    }
  }

  private final World world;

  CalendarWriter(World world) {
    this.world = world;
  }

  /** Writes both forms; returns, per calendar id, {events, pages}. */
  Map<String, long[]> write(Path calendarDir, Path icsDir) throws IOException {
    Map<Location, List<Event>> byLocation = events();
    Map<String, long[]> counts = new LinkedHashMap<>();
    Files.createDirectories(icsDir);
    for (Location location : Catalog.LOCATIONS) {
      List<Event> events = byLocation.get(location);
      Path dir = calendarDir.resolve(location.calendarId());
      Files.createDirectories(dir);
      int pages = writePages(dir, location, events);
      try (Writer ics =
          Files.newBufferedWriter(
              icsDir.resolve(location.calendarId() + ".ics"), StandardCharsets.UTF_8)) {
        Ics.write(ics, location, events, world.t1());
      }
      counts.put(location.calendarId(), new long[] {events.size(), pages});
    }
    return counts;
  }

  Map<Location, List<Event>> events() {
    Map<Location, List<Event>> byLocation = new HashMap<>();
    for (Location location : Catalog.LOCATIONS) {
      byLocation.put(location, new ArrayList<>());
    }
    for (Reservation reservation : world.reservations()) {
      if (reservation.hasCalendarEvent()) {
        byLocation.get(reservation.location).add(booking(reservation));
      }
    }
    for (World.ServiceEvent service : world.serviceEvents()) {
      Location location = service.vehicle().home();
      Rng rng = new Rng(service.id().hashCode());
      Instant created = service.createdAt().plusMillis(rng.between(0, 1000));
      byLocation
          .get(location)
          .add(
              new Event(
                  service.id(),
                  "confirmed",
                  created,
                  created.plusMillis(rng.between(100, 900)),
                  "Service: " + service.vehicle().plate() + " (" + service.task() + ")",
                  null,
                  location.address(),
                  FLEET_DESK,
                  service.start(),
                  service.end(),
                  location.eventZone(),
                  0));
    }
    for (List<Event> events : byLocation.values()) {
      events.sort(Comparator.comparing(Event::start).thenComparing(Event::id));
    }
    return byLocation;
  }

  private Event booking(Reservation reservation) {
    Rng rng = new Rng(reservation.seed ^ 0xCA1L);
    Reservation.Version last = reservation.last();
    Location location = reservation.location;
    String plate = last.vehicle().plate();
    String summary =
        (reservation.calendarRef ? reservation.reference + " · " : "")
            + reservation.calendarName
            + " · "
            + plate;
    Customer.Contact contact = reservation.customer.contactAt(reservation.eventCreatedAt);
    String description;
    if (reservation.calendarContact) {
      description =
          "Phone: "
              + Formats.phoneAsTyped(contact.phone(), rng.nextInt(4))
              + "\nEmail: "
              + contact.email()
              + "\nCar: "
              + last.vehicle().model().name()
              + "\nBooked online";
    } else {
      description = rng.chance(0.5) ? "Car: " + last.vehicle().model().name() : null;
    }
    Instant created = reservation.eventCreatedAt.plusMillis(rng.between(0, 1000));
    Instant updated = created.plusMillis(rng.between(100, 900));
    int sequence = 0;
    for (Reservation.Version version : reservation.versions) {
      if (version.change() == Change.CREATED) {
        continue;
      }
      updated = version.at().plusSeconds(rng.between(1, 30)).plusMillis(rng.between(0, 1000));
      if (version.change() == Change.MOVED) {
        sequence++;
      }
    }
    return new Event(
        reservation.eventId,
        last.cancelled() ? "cancelled" : "confirmed",
        created,
        updated,
        summary,
        description,
        location.address(),
        APP_ACCOUNT,
        last.pickupAt(),
        last.returnAt(),
        location.eventZone(),
        sequence);
  }

  private int writePages(Path dir, Location location, List<Event> events) throws IOException {
    Instant updated = Instant.EPOCH;
    for (Event event : events) {
      if (event.updated().isAfter(updated)) {
        updated = event.updated();
      }
    }
    Instant listUpdated = updated;
    Rng rng = new Rng(location.calendarId().hashCode());
    String etag = "\"p3" + rng.base32hex(14) + "\"";
    return JsonFiles.writePages(
        dir,
        "events",
        events,
        PAGE_SIZE,
        1,
        (slice, index, last) -> {
          ObjectNode page = JsonFiles.object();
          page.put("kind", "calendar#events");
          page.put("etag", etag);
          page.put("summary", location.calendarSummary());
          page.put(
              "description",
              "Bookings and workshop slots of Rentwise "
                  + location.name()
                  + " ("
                  + location.code()
                  + ")");
          page.put("updated", Formats.GOOGLE_TIMESTAMP.format(listUpdated));
          page.put("timeZone", location.zone().getId());
          page.put("accessRole", "reader");
          page.putArray("defaultReminders");
          if (!last) {
            page.put("nextPageToken", pageToken(location, index + 1));
          }
          page.set("items", JsonFiles.arrayOf(slice, event -> event(location, event)));
          return page;
        });
  }

  private static String pageToken(Location location, int page) {
    String raw = "rentwise|" + location.calendarId() + "|page|" + page;
    return "Cig"
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode event(Location location, Event event) {
    return event(location.calendarId(), location.calendarSummary(), event);
  }

  /** The event as events.list returns it from calendar {@code calendarId}. */
  static ObjectNode event(String calendarId, String calendarSummary, Event event) {
    ObjectNode node = JsonFiles.object();
    node.put("kind", "calendar#event");
    node.put("etag", "\"" + event.updated().toEpochMilli() * 2000 + "\"");
    node.put("id", event.id());
    node.put("status", event.status());
    node.put("htmlLink", htmlLink(calendarId, event));
    node.put("created", Formats.GOOGLE_TIMESTAMP.format(event.created()));
    node.put("updated", Formats.GOOGLE_TIMESTAMP.format(event.updated()));
    node.put("summary", event.summary());
    if (event.description() != null) {
      node.put("description", event.description());
    }
    node.put("location", event.location());
    node.putObject("creator").put("email", event.creator());
    ObjectNode organizer = node.putObject("organizer");
    organizer.put("email", calendarId);
    organizer.put("displayName", calendarSummary);
    organizer.put("self", true);
    node.set("start", time(event.start(), event.zone()));
    node.set("end", time(event.end(), event.zone()));
    node.put("iCalUID", event.iCalUid());
    node.put("sequence", event.sequence());
    node.putObject("reminders").put("useDefault", true);
    node.put("eventType", "default");
    return node;
  }

  private static ObjectNode time(Instant at, ZoneId zone) {
    ObjectNode node = JsonFiles.object();
    node.put("dateTime", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atZone(zone)));
    node.put("timeZone", zone.getId());
    return node;
  }

  private static String htmlLink(String calendarId, Event event) {
    String calendar = calendarId.replace("@group.calendar.google.com", "@g");
    String eid =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString((event.id() + " " + calendar).getBytes(StandardCharsets.UTF_8));
    return "https://www.google.com/calendar/event?eid=" + eid;
  }
}
