package dev.salvage.samples;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salvage.samples.CalendarWriter.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Nordwind's Google calendars: one per car ({@code Auto <plate>}), written in the flat events.list
 * layout ({@code calendar/<name>-page-NNNN.json} beside {@code calendarList.json}). The events are
 * Rentwise's (same ids, times, edits), titled {@code B-NNNNNN · Client Name} or, when the booking
 * number was left out, the client's name alone; all in Europe/Berlin.
 */
final class NordwindCalendar {
  private static final String APP_ACCOUNT = "kalender@" + Nordwind.DOMAIN;

  private final Nordwind names;

  NordwindCalendar(Nordwind names) {
    this.names = names;
  }

  /**
   * Writes the calendar list and every car's pages; returns, per page file prefix, {events, pages}.
   */
  Map<String, long[]> write(Path dir) throws IOException {
    World world = names.world();
    Map<String, Reservation> byEvent = new HashMap<>();
    for (Reservation reservation : world.reservations()) {
      if (reservation.hasCalendarEvent()) {
        byEvent.put(reservation.eventId, reservation);
      }
    }
    Map<String, World.ServiceEvent> services = new HashMap<>();
    for (World.ServiceEvent service : world.serviceEvents()) {
      services.put(service.id(), service);
    }
    Map<Vehicle, List<Event>> byCar = new LinkedHashMap<>();
    for (Vehicle vehicle : world.vehicles()) {
      byCar.put(vehicle, new ArrayList<>());
    }
    for (List<Event> events : new CalendarWriter(world).events().values()) {
      for (Event event : events) {
        Reservation reservation = byEvent.get(event.id());
        if (reservation != null) {
          byCar.get(reservation.last().vehicle()).add(booking(reservation, event));
        } else {
          World.ServiceEvent service = services.get(event.id());
          byCar.get(service.vehicle()).add(service(service, event));
        }
      }
    }
    Files.createDirectories(dir);
    ObjectNode list = JsonFiles.object();
    list.put("kind", "calendar#calendarList");
    var items = list.putArray("items");
    Map<String, long[]> counts = new LinkedHashMap<>();
    for (Map.Entry<Vehicle, List<Event>> car : byCar.entrySet()) {
      String summary = summary(car.getKey());
      String id = calendarId(car.getKey());
      ObjectNode item = items.addObject();
      item.put("kind", "calendar#calendarListEntry");
      item.put("id", id);
      item.put("summary", summary);
      item.put("timeZone", Nordwind.ZONE.getId());
      item.put("accessRole", "reader");
      List<Event> events = car.getValue();
      events.sort(Comparator.comparing(Event::start).thenComparing(Event::id));
      String prefix = summary.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
      Instant updated = Instant.EPOCH;
      for (Event event : events) {
        updated = event.updated().isAfter(updated) ? event.updated() : updated;
      }
      Instant listUpdated = updated;
      int pages =
          JsonFiles.writePages(
              dir,
              prefix + "-page",
              events,
              CalendarWriter.PAGE_SIZE,
              1,
              (slice, index, last) -> {
                ObjectNode page = JsonFiles.object();
                page.put("kind", "calendar#events");
                page.put("summary", summary);
                page.put("updated", Formats.GOOGLE_TIMESTAMP.format(listUpdated));
                page.put("timeZone", Nordwind.ZONE.getId());
                page.put("accessRole", "reader");
                if (!last) {
                  page.put("nextPageToken", id.substring(0, 10) + "-" + (index + 1));
                }
                page.set(
                    "items",
                    JsonFiles.arrayOf(slice, event -> CalendarWriter.event(id, summary, event)));
                return page;
              });
      counts.put(prefix, new long[] {events.size(), pages});
    }
    JsonFiles.write(dir.resolve("calendarList.json"), list, 1);
    return counts;
  }

  String summary(Vehicle vehicle) {
    return "Auto " + names.plate(vehicle);
  }

  private String calendarId(Vehicle vehicle) {
    return "c_" + new Rng(names.carId(vehicle) * 7919L).hex(16) + "@group.calendar.google.com";
  }

  private Event booking(Reservation reservation, Event event) {
    String title =
        (reservation.calendarRef ? Nordwind.bookingNo(reservation) + " · " : "")
            + reservation.calendarName;
    // the app writes the client number and the price; staff add the email now and then
    String description =
        "Kundennummer: "
            + reservation.customer.id
            + "\nPreis: "
            + Nordwind.price(reservation.last().totalCents(), true)
            + "\nFiliale: "
            + Nordwind.branchName(reservation.location);
    if (reservation.calendarContact) {
      description +=
          "\nE-Mail: " + reservation.customer.contactAt(reservation.eventCreatedAt).email();
    }
    return new Event(
        event.id(),
        event.status(),
        event.created(),
        event.updated(),
        title,
        description,
        Nordwind.branchName(reservation.location),
        APP_ACCOUNT,
        event.start(),
        event.end(),
        Nordwind.ZONE,
        event.sequence());
  }

  private static Event service(World.ServiceEvent service, Event event) {
    return new Event(
        event.id(),
        event.status(),
        event.created(),
        event.updated(),
        "Werkstatt: " + service.task(),
        null,
        Nordwind.branchName(service.vehicle().home()),
        "werkstatt@" + Nordwind.DOMAIN,
        event.start(),
        event.end(),
        Nordwind.ZONE,
        event.sequence());
  }
}
