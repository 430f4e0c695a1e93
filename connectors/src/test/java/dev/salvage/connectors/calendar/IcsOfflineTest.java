package dev.salvage.connectors.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salvage.connectors.CollectingSink;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading .ics never opens a connection. Every URL connection and every socket connect of the JVM
 * asks the default {@link ProxySelector} first, before any name lookup, so a recording selector
 * sees an attempt even where there is no network; the test proves that on its own first.
 */
class IcsOfflineTest {
  private final List<URI> attempts = Collections.synchronizedList(new ArrayList<>());
  private ProxySelector previous;

  @TempDir Path dir;

  @BeforeEach
  void recordConnectionAttempts() {
    previous = ProxySelector.getDefault();
    ProxySelector.setDefault(
        new ProxySelector() {
          @Override
          public List<Proxy> select(URI uri) {
            attempts.add(uri);
            return List.of(Proxy.NO_PROXY);
          }

          @Override
          public void connectFailed(URI uri, SocketAddress address, IOException e) {}
        });
  }

  @AfterEach
  void restore() {
    ProxySelector.setDefault(previous);
  }

  @Test
  void recorderSeesUrlConnectionsAndSockets() throws Exception {
    int closedPort;
    try (ServerSocket free = new ServerSocket(0)) {
      closedPort = free.getLocalPort();
    }
    URL url = new URL("http://127.0.0.1:" + closedPort + "/zoneinfo/Europe/Lisbon");
    assertThatThrownBy(() -> url.openConnection().getInputStream()).isInstanceOf(IOException.class);
    try (Socket socket = new Socket()) {
      assertThatThrownBy(() -> socket.connect(new InetSocketAddress("127.0.0.1", closedPort)))
          .isInstanceOf(IOException.class);
    }

    assertThat(attempts).extracting(URI::getScheme).contains("http", "socket");
  }

  @Test
  void readingZonesOfTheTzDatabaseOpensNoConnection() throws IOException {
    // zones no other test reads, so that ical4j has not loaded (and cached) them yet in this JVM
    Path ics =
        Files.writeString(
            dir.resolve("offline.ics"),
            """
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:test
            X-WR-TIMEZONE:Pacific/Chatham
            BEGIN:VEVENT
            UID:troll
            DTSTAMP:20260101T000000Z
            DTSTART;TZID=Antarctica/Troll:20260315T100000
            DTEND;TZID=Antarctica/Troll:20260315T110000
            RRULE:FREQ=WEEKLY;COUNT=3
            EXDATE;TZID=Asia/Kathmandu:20260322T154500
            END:VEVENT
            BEGIN:VEVENT
            UID:mozilla-prefixed
            DTSTAMP:20260101T000000Z
            DTSTART;TZID=/mozilla.org/20050126_1/America/St_Johns:20260401T090000
            END:VEVENT
            END:VCALENDAR
            """);

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    assertThat(read.quarantined).isEmpty();
    assertThat(read.records).hasSize(3);
    assertThat(read.json("calendar:offline/troll_20260315T100000Z").get("start").toString())
        .contains("2026-03-15T10:00:00Z", "Antarctica/Troll");
    assertThat(attempts).isEmpty();
  }
}
