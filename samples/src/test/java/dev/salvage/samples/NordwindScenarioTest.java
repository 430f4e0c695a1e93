package dev.salvage.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second sample business, Nordwind Autovermietung: generated from the same world as Rentwise
 * but in its own shapes, which these tests hold it to.
 */
class NordwindScenarioTest {
  @TempDir static Path dir;
  static Path scenario;
  static ScenarioSummary summary;

  @BeforeAll
  static void generate() throws Exception {
    scenario = dir.resolve("nordwind");
    summary =
        ScenarioGenerator.generate(
            "nordwind",
            ScenarioParams.defaults().withSeed(31).withReservations(150),
            scenario,
            message -> {});
  }

  @Test
  void theBackupHasItsOwnSchemaWithSurrogateKeysAndEurosInBothDumps() throws Exception {
    String pg = Files.readString(scenario.resolve("backup/backup.sql"));
    assertThat(pg)
        .contains(
            "COPY public.bookings (booking_id, booking_no, client_id, car_id, branch_id,"
                + " pickup_at, return_at, status, price, created_at, updated_at) FROM stdin;")
        .contains("price numeric(10,2)")
        .contains("COPY public.clients (client_id, first_name, last_name, email,")
        .contains("COPY public.cars (car_id, plate, model, branch_id) FROM stdin;")
        .doesNotContain("reservations")
        .doesNotContain("rentwise");
    Matcher row =
        Pattern.compile(
                "(?m)^[0-9]+\\tB-1[0-9]{5}\\t[0-9]+\\t1[0-9]{2}\\t[1-6]\\t[^\\t]+\\t[^\\t]+\\t"
                    + "(open|cancelled|completed)\\t[0-9]+\\.[0-9]{2}\\t")
            .matcher(pg);
    assertThat(row.find()).as("a bookings row with a euro price").isTrue();
    String maria = Files.readString(scenario.resolve("backup/backup-mariadb.sql"));
    assertThat(maria).contains("CREATE TABLE `bookings`").contains("`price` decimal(10,2)");
    // the same rows: as many bookings in both
    assertThat(count(maria, "\\(([0-9]+),'B-1[0-9]{5}'")).isEqualTo(count(pg, "(?m)^[0-9]+\\tB-1"));
  }

  @Test
  void mailIsInGermanAndEnglishAndSomeIsHtmlOnly() throws Exception {
    String mbox = Files.readString(scenario.resolve("mail/mailbox.mbox"), StandardCharsets.UTF_8);
    assertThat(mbox).contains("Subject: =?UTF-8?Q?Buchungsbest=C3=A4tigung_B-1");
    assertThat(mbox).contains("Subject: Booking confirmation B-1");
    assertThat(count(mbox, "(?m)^Content-Type: text/html")).isPositive();
    assertThat(count(mbox, "(?m)^Content-Type: multipart/alternative")).isPositive();
    assertThat(mbox).doesNotContain("rentwise");
  }

  @Test
  void everyCarHasItsCalendarInTheFlatLayoutAndAboutAThirdOfTitlesNameNoBooking() throws Exception {
    JsonNode list =
        JsonFiles.MAPPER.readTree(scenario.resolve("calendar/calendarList.json").toFile());
    assertThat(list.path("items").size()).isGreaterThanOrEqualTo(36);
    assertThat(list.path("items").get(0).path("summary").asText())
        .matches("Auto [A-Z]{1,2}-[A-Z]{2} [0-9]+");
    List<String> titles = new ArrayList<>();
    try (Stream<Path> pages = Files.list(scenario.resolve("calendar"))) {
      for (Path page : pages.filter(p -> p.toString().endsWith("-page-0001.json")).toList()) {
        JsonNode events = JsonFiles.MAPPER.readTree(page.toFile());
        assertThat(events.path("timeZone").asText()).isEqualTo("Europe/Berlin");
        for (JsonNode event : events.path("items")) {
          titles.add(event.path("summary").asText());
          assertThat(event.path("start").path("timeZone").asText()).isEqualTo("Europe/Berlin");
        }
      }
    }
    List<String> bookings = titles.stream().filter(t -> !t.startsWith("Werkstatt:")).toList();
    long untagged = bookings.stream().filter(t -> !t.matches("B-1[0-9]{5} · .+")).count();
    assertThat((double) untagged / bookings.size()).isBetween(0.25, 0.5);
  }

  @Test
  void theTruthIsInItsOwnEntityModel() throws Exception {
    JsonNode manifest = JsonFiles.MAPPER.readTree(scenario.resolve("truth/manifest.json").toFile());
    assertThat(manifest.path("generator").asText()).isEqualTo("nordwind");
    assertThat(manifest.path("entities").path("bookings").path("entity").asText())
        .isEqualTo("booking");
    assertThat(manifest.path("entities").path("clients").path("entity").asText())
        .isEqualTo("client");
    String first = Files.readAllLines(scenario.resolve("truth/bookings.jsonl")).get(0);
    JsonNode booking = JsonFiles.MAPPER.readTree(first);
    assertThat(booking.path("booking_no").asText()).matches("B-1[0-9]{5}");
    assertThat(booking.path("status").asText()).isIn("open", "cancelled", "completed");
    assertThat(summary.recoverableReservations()).isPositive();
    assertThat(Files.readString(scenario.resolve("salvage.yaml")))
        .contains("as_of: " + manifest.path("t1").asText())
        .contains("taken_at: " + manifest.path("t0").asText());
  }

  @Test
  void theSameSeedGivesTheSameBytes() throws Exception {
    Path again = dir.resolve("again");
    ScenarioGenerator.generate(
        "nordwind", ScenarioParams.defaults().withSeed(31).withReservations(150), again, m -> {});
    for (String file :
        List.of(
            "backup/backup.sql",
            "backup/backup-mariadb.sql",
            "mail/mailbox.mbox",
            "stripe/charges-0001.json",
            "calendar/calendarList.json",
            "truth/bookings.jsonl")) {
      assertThat(Files.mismatch(scenario.resolve(file), again.resolve(file)))
          .as(file)
          .isEqualTo(-1);
    }
  }

  @Test
  void anUnknownBusinessIsRefusedNamingTheKnownOnes() {
    assertThatThrownBy(
            () ->
                ScenarioGenerator.generate(
                    "acme", ScenarioParams.defaults(), dir.resolve("acme"), m -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("acme")
        .hasMessageContaining("rentwise or nordwind");
  }

  private static int count(String text, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    int found = 0;
    while (matcher.find()) {
      found++;
    }
    return found;
  }
}
