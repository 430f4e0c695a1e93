package dev.salvage.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MailboxTest {
  private static Path scenario;
  private static List<Mbox.Stored> mails;

  @BeforeAll
  static void generate() throws Exception {
    scenario = Scenarios.generated(Scenarios.small());
    mails = Mbox.read(scenario.resolve("mail/mailbox.mbox"));
  }

  @Test
  void everyMessageParsesWithMessageIdDateAndSender() throws Exception {
    JsonNode manifest = Scenarios.json(scenario.resolve("truth/manifest.json"));
    assertThat(mails).hasSize(manifest.get("files").get("mail/mailbox.mbox").asInt());
    Instant from = Instant.parse(manifest.get("t0").asText()).minusSeconds(30 * 86_400);
    Instant until = Instant.parse(manifest.get("t1").asText());
    for (Mbox.Stored mail : mails) {
      assertThat(mail.message().getMessageID()).matches("<[^<>@]+@[^<>@]+>");
      assertThat(mail.message().getSentDate()).isNotNull();
      assertThat(mail.message().getSentDate().toInstant()).isBetween(from, until);
      assertThat(mail.message().getFrom()).hasSize(1);
      assertThat(mail.message().getAllRecipients()).isNotEmpty();
      assertThat(mail.separator())
          .matches("From \\S+@\\S+ \\w{3} \\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d{4}");
      assertThat(mail.text()).isNotBlank();
    }
  }

  @Test
  void mailsAreInSendingOrderAndDuplicatesRepeatTheSameMessage() throws Exception {
    Map<String, Integer> seen = new HashMap<>();
    Instant previous = Instant.MIN;
    int duplicates = 0;
    for (int i = 0; i < mails.size(); i++) {
      Mbox.Stored mail = mails.get(i);
      Instant sent = mail.message().getSentDate().toInstant();
      assertThat(sent).isAfterOrEqualTo(previous);
      previous = sent;
      Integer earlier = seen.put(mail.message().getMessageID(), i);
      if (earlier != null) {
        duplicates++;
        assertThat(earlier).isEqualTo(i - 1);
        assertThat(mail.raw()).isEqualTo(mails.get(earlier).raw());
      }
    }
    assertThat(duplicates).isPositive();
  }

  @Test
  void bodyLinesStartingWithFromAreQuotedInTheFileAndComeBackWhenRead() throws Exception {
    String file =
        Files.readString(scenario.resolve("mail/mailbox.mbox"), StandardCharsets.ISO_8859_1);
    assertThat(file).contains("\n>From the editor:");
    assertThat(mails.stream().filter(m -> textOf(m).contains("\nFrom the editor:"))).isNotEmpty();
  }

  @Test
  void appMailsComeInBothEncodingsWithEncodedSubjectsForAccentedNames() throws Exception {
    String file =
        Files.readString(scenario.resolve("mail/mailbox.mbox"), StandardCharsets.ISO_8859_1);
    assertThat(file)
        .contains("Content-Transfer-Encoding: base64")
        .contains("Content-Transfer-Encoding: quoted-printable")
        .containsPattern("Subject: =\\?UTF-8\\?[QB]\\?");
    assertThat(mails.stream().map(MailboxTest::subject)).anyMatch(s -> s.matches(".*[À-ÿ].*"));
  }

  @Test
  void bookingMailsShowTheBookingInTheHtmlMarkersAndMatchTheTruth() throws Exception {
    Map<String, JsonNode> truth = new HashMap<>();
    for (JsonNode reservation : Scenarios.jsonLines(scenario.resolve("truth/reservations.jsonl"))) {
      truth.put(reservation.get("reference").asText(), reservation);
    }
    DateTimeFormatter local = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
    int compared = 0;
    for (Mbox.Stored mail : mails) {
      String html = mail.html();
      if (!html.contains("data-template=\"booking-confirmation\"")) {
        continue;
      }
      Document doc = Jsoup.parse(html);
      String reference = doc.selectFirst("td[data-field=\"reference\"]").text();
      assertThat(subject(mail)).contains(reference);
      JsonNode reservation = truth.get(reference);
      assertThat(reservation).isNotNull();
      assertThat(
              ((InternetAddress)
                      mail.message().getRecipients(jakarta.mail.Message.RecipientType.TO)[0])
                  .getAddress())
          .isNotBlank();
      Element pickup = doc.selectFirst("td[data-field=\"pickup\"]");
      Instant pickupAt =
          LocalDateTime.parse(pickup.text(), local)
              .atZone(ZoneId.of(pickup.attr("data-zone")))
              .toInstant();
      String plate = doc.selectFirst("td[data-field=\"vehicle\"]").attr("data-plate");
      String code = doc.selectFirst("td[data-field=\"pickup-location\"]").attr("data-code");
      String total = doc.selectFirst("td[data-field=\"total\"]").text();
      assertThat(code).isEqualTo(reservation.get("pickup_location").asText());
      if (reservation.get("created_at").asText().equals(reservation.get("updated_at").asText())) {
        // never changed: the confirmation still tells the truth
        assertThat(pickupAt).hasToString(reservation.get("pickup_at").asText());
        assertThat(plate).isEqualTo(reservation.get("vehicle").asText());
        assertThat(total.replace(".", "").replace(" EUR", ""))
            .isEqualTo(reservation.get("total_cents").asText());
        compared++;
      }
    }
    assertThat(compared).isGreaterThan(50);
  }

  @Test
  void contactChangeMailsGoToTheNewAndTheOldAddress() throws Exception {
    Map<String, JsonNode> byEmail = new HashMap<>();
    for (JsonNode customer : Scenarios.jsonLines(scenario.resolve("truth/customers.jsonl"))) {
      byEmail.put(customer.get("email").asText(), customer);
      customer.get("past_emails").forEach(e -> byEmail.put(e.asText(), customer));
    }
    List<String> checked = new ArrayList<>();
    for (Mbox.Stored mail : mails) {
      String html = mail.html();
      if (!html.contains("data-template=\"contact-details-changed\"")) {
        continue;
      }
      Document doc = Jsoup.parse(html);
      Element previous = doc.selectFirst("td[data-field=\"previous-email\"]");
      if (previous == null) {
        continue;
      }
      String now = doc.selectFirst("td[data-field=\"email\"]").text();
      assertThat(mail.message().getAllRecipients())
          .extracting(a -> ((InternetAddress) a).getAddress())
          .containsExactly(now, previous.text());
      Matcher number =
          Pattern.compile("C-0*([0-9]+)")
              .matcher(doc.selectFirst("td[data-field=\"customer-number\"]").text());
      assertThat(number.matches()).isTrue();
      assertThat(byEmail.get(now).get("id").asText()).isEqualTo(number.group(1));
      checked.add(now);
    }
    assertThat(checked).isNotEmpty();
  }

  private static String subject(Mbox.Stored mail) {
    try {
      return mail.message().getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String textOf(Mbox.Stored mail) {
    try {
      return mail.text();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
