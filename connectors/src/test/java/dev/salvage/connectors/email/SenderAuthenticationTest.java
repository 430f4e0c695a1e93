package dev.salvage.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.connectors.CollectingSink;
import dev.salvage.connectors.InvalidSourceException;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.SourceReaders;
import jakarta.mail.Flags;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mail whose From a receiving server found forged says so: {@code sender_authentication} is
 * {@code fail} from any Authentication-Results or Received-SPF that records a fail for the From's
 * domain, {@code pass} only from the topmost header of a server the operator trusts, and null for
 * mail no server judged. Before, a forged mail with the application's From was plain evidence.
 */
class SenderAuthenticationTest {
  @TempDir Path dir;

  private static final String FORGED =
      "mx.example.net; dmarc=fail (p=reject) header.from=rentwise.example;"
          + " spf=fail smtp.mailfrom=rentwise.example";
  private static final Set<String> GOOGLE = Set.of("mx.google.com");
  private static final String FROM = "hello@rentwise.example";

  private static SenderAuthentication judged(List<String> results, Set<String> trusted) {
    return SenderAuthentication.of(results, List.of(), FROM, trusted);
  }

  private static String welcome(String traceHeaders) {
    return "From hello@rentwise.example Mon Mar  2 10:00:00 2026\n"
        + traceHeaders
        + "From: Rentwise <hello@rentwise.example>\n"
        + "To: new.customer@mail.example\n"
        + "Date: Mon, 02 Mar 2026 10:00:00 +0000\n"
        + "Subject: Welcome to Rentwise\n"
        + "Message-ID: <welcome-"
        + Math.abs(traceHeaders.hashCode())
        + "@rentwise.example>\n"
        + "\n"
        + "Welcome, your customer number is C-09999\n"
        + "\n";
  }

  private List<JsonNode> read(String content, Map<String, String> options) throws Exception {
    Path file = Files.writeString(dir.resolve("INBOX"), content, StandardCharsets.UTF_8);
    PartitionedSource source = SourceReaders.open("mail", "mbox", file, options);
    CollectingSink sink = new CollectingSink();
    for (String partition : source.partitions()) {
      source.read(partition, sink);
    }
    assertThat(sink.quarantined).isEmpty();
    List<JsonNode> mails = new ArrayList<>();
    sink.records.forEach(record -> mails.add(CollectingSink.json(record)));
    return mails;
  }

  @Test
  void aForgedWelcomeMailIsReadAsFailedWithANoteNamingTheServer() throws Exception {
    List<JsonNode> mails = read(welcome("Authentication-Results: " + FORGED + "\n"), Map.of());

    JsonNode forged = mails.get(0);
    assertThat(forged.get("sender_authentication").asText()).isEqualTo("fail");
    assertThat(forged.get("notes").toString())
        .contains(
            "sender not authenticated: dmarc=fail for rentwise.example (Authentication-Results of"
                + " mx.example.net)");
  }

  @Test
  void mailNoServerJudgedHasNoVerdictAndNoNote() throws Exception {
    List<JsonNode> mails = read(welcome(""), Map.of("trusted_authserv_ids", "mx.google.com"));

    assertThat(mails.get(0).get("sender_authentication").isNull()).isTrue();
    assertThat(mails.get(0).get("notes")).isEmpty();
  }

  @Test
  void aPassIsTakenFromTheTopmostHeaderOfATrustedServerOnly() throws Exception {
    String passing =
        "Authentication-Results: mx.google.com;\n"
            + "       dkim=pass header.i=@rentwise.example header.s=s1 header.b=Abc123;\n"
            + "       spf=pass (google.com: domain of bounce@rentwise.example designates"
            + " 192.0.2.1 as permitted sender) smtp.mailfrom=bounce@rentwise.example;\n"
            + "       dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=rentwise.example\n";

    JsonNode trusted =
        read(welcome(passing), Map.of("trusted_authserv_ids", "MX.google.com")).get(0);
    JsonNode untrusted = read(welcome(passing), Map.of()).get(0);

    assertThat(trusted.get("sender_authentication").asText()).isEqualTo("pass");
    assertThat(trusted.get("notes")).isEmpty();
    assertThat(untrusted.get("sender_authentication").isNull()).isTrue();
  }

  @Test
  void aForgedPassBelowTheReceivingServersOwnHeaderIsNotTrusted() {
    List<String> headers =
        List.of(
            // what Gmail wrote on top when the mail arrived
            "mx.google.com; spf=neutral (google.com: 203.0.113.9 is neither permitted nor denied)"
                + " smtp.mailfrom=attacker@elsewhere.example",
            // what the sender wrote into his mail, claiming Gmail's name
            "mx.google.com; dkim=pass header.d=rentwise.example;"
                + " dmarc=pass header.from=rentwise.example");

    assertThat(judged(headers, GOOGLE).verdict()).isNull();
  }

  @Test
  void aFailIsTakenFromAnyHeaderAndWinsOverATrustedPass() {
    List<String> headers =
        List.of(
            "mx.google.com; dkim=pass header.d=rentwise.example;"
                + " dmarc=pass header.from=rentwise.example",
            "relay.example.org; dmarc=fail header.from=rentwise.example");

    SenderAuthentication judged = judged(headers, GOOGLE);

    assertThat(judged.verdict()).isEqualTo("fail");
    assertThat(judged.note())
        .isEqualTo(
            "sender not authenticated: dmarc=fail for rentwise.example (Authentication-Results of"
                + " relay.example.org)");
  }

  @Test
  void anSpfFailCountsOnlyForAnAlignedMailFromWithoutAPassingAlignedDkim() {
    assertThat(
            judged(
                    List.of("mx.example.net; spf=softfail smtp.mailfrom=b@mail.rentwise.example"),
                    Set.of())
                .note())
        .isEqualTo(
            "sender not authenticated: spf=softfail for rentwise.example (MAIL FROM"
                + " mail.rentwise.example) and no dkim=pass of it (Authentication-Results of"
                + " mx.example.net)");
    // a mail service's own bounce domain: its SPF says nothing of the From
    assertThat(
            judged(List.of("mx.example.net; spf=fail smtp.mailfrom=bounces@esp.example"), Set.of())
                .verdict())
        .isNull();
    // the same server found the application's DKIM signature good
    assertThat(
            judged(
                    List.of(
                        "mx.example.net; spf=fail smtp.mailfrom=rentwise.example;"
                            + " dkim=pass header.d=rentwise.example"),
                    Set.of())
                .verdict())
        .isNull();
    // a DKIM pass the sender wrote in a header of his own does not undo the server's SPF fail
    assertThat(
            judged(
                    List.of(
                        "mx.example.net; spf=fail smtp.mailfrom=rentwise.example",
                        "mx.example.net; dkim=pass header.d=rentwise.example"),
                    Set.of())
                .verdict())
        .isEqualTo("fail");
  }

  @Test
  void aVerdictOnAnotherDomainSaysNothingOfTheFrom() {
    assertThat(
            judged(List.of("mx.example.net; dmarc=fail header.from=other.example"), Set.of())
                .verdict())
        .isNull();
    assertThat(
            judged(List.of("mx.google.com; dmarc=pass header.from=other.example"), GOOGLE)
                .verdict())
        .isNull();
  }

  @Test
  void aReceivedSpfFailOfTheFromsDomainIsAFail() {
    SenderAuthentication judged =
        SenderAuthentication.of(
            List.of(),
            List.of(
                "Fail (mailfrom) identity=mailfrom; client-ip=203.0.113.9; helo=evil.example;"
                    + " envelope-from=\"hello@rentwise.example\"; receiver=mx.example.net"),
            FROM,
            Set.of());

    assertThat(judged.verdict()).isEqualTo("fail");
    assertThat(judged.note()).endsWith("(Received-SPF of mx.example.net)");
  }

  @Test
  void exchangeOnlinesHeaderWithoutAuthservIdGivesAFailButNeverAPass() {
    String exchange =
        "spf=fail (sender IP is 203.0.113.9) smtp.mailfrom=rentwise.example; dkim=none (message"
            + " not signed) header.d=none;dmarc=fail action=oreject"
            + " header.from=rentwise.example;compauth=fail reason=000";

    SenderAuthentication judged = judged(List.of(exchange), GOOGLE);

    assertThat(judged.verdict()).isEqualTo("fail");
    assertThat(judged.note()).endsWith("(Authentication-Results without authserv-id)");
    assertThat(
            judged(
                    List.of(
                        "dkim=pass header.d=rentwise.example;dmarc=pass header.from=rentwise.example"),
                    GOOGLE)
                .verdict())
        .isNull();
  }

  @Test
  void readsCommentsQuotedValuesVersionsAndSpacesAsRfc8601WritesThem() {
    assertThat(
            judged(
                    List.of(
                        "mx.google.com 1 (a comment (nested) here); dkim / 1 = pass"
                            + " (good signature) header . d = \"rentwise.example\";"
                            + " dmarc=none"),
                    GOOGLE)
                .verdict())
        .isEqualTo("pass");
    assertThat(judged(List.of("mx.google.com; none"), GOOGLE).verdict()).isNull();
    // a DKIM signature's start may hold '='; Gmail's trailing ';' and its ARC summary comment
    assertThat(
            judged(
                    List.of(
                        "mx.google.com; dkim=pass header.i=@rentwise.example header.s=s1"
                            + " header.b=Ab+/c=d=; arc=pass (i=1 spf=pass dmarc=pass);"),
                    GOOGLE)
                .verdict())
        .isEqualTo("pass");
  }

  @Test
  void anUnparsableHeaderIsNoVerdict() {
    for (String broken :
        List.of(
            "mx.example.net; dmarc=fail (p=reject header.from=rentwise.example",
            "mx.example.net; dmarc fail header.from=rentwise.example",
            "mx.example.net; dmarc=fail header.from=\"rentwise.example",
            "mx.example.net extra words; dmarc=fail header.from=rentwise.example",
            "mx.example.net; dmarc=fail) header.from=rentwise.example",
            ";;;===",
            "",
            "(".repeat(50_000) + "dmarc=fail",
            "mx.example.net; " + "x=y; ".repeat(10_000) + "dmarc=fail header.from=x")) {
      assertThat(judged(List.of(broken), GOOGLE).verdict())
          .as(broken.length() > 100 ? broken.substring(0, 100) : broken)
          .isNull();
    }
    // the next header still counts
    assertThat(judged(List.of("mx.example.net; dmarc=fail (p=reject", FORGED), Set.of()).verdict())
        .isEqualTo("fail");
  }

  @Test
  void aMailWithoutFromOrWithoutHeadersHasNoVerdict() {
    assertThat(SenderAuthentication.of(List.of(FORGED), List.of(), null, Set.of()).verdict())
        .isNull();
    assertThat(SenderAuthentication.of(List.of(), List.of(), FROM, GOOGLE).verdict()).isNull();
  }

  @Test
  void aForgedMailReadOverImapIsFailedAndATrustedPassIsPass() throws Exception {
    try (ImapTestServer server = new ImapTestServer(dir)) {
      Instant at = Instant.parse("2026-03-02T10:00:00Z");
      String forged = "Authentication-Results: " + FORGED + "\r\n";
      String passing =
          "Authentication-Results: mx.google.com; dkim=pass header.d=rentwise.example;"
              + " dmarc=pass header.from=rentwise.example\r\n";
      server.append("INBOX", forged + fromRentwise("forged@x", at), at, new Flags());
      server.append("INBOX", passing + fromRentwise("real@rentwise.example", at), at, new Flags());
      PartitionedSource source =
          server.source("INBOX", Map.of("trusted_authserv_ids", "mx.google.com"));
      CollectingSink sink = new CollectingSink();
      for (String partition : source.partitions()) {
        source.read(partition, sink);
      }

      assertThat(sink.quarantined).isEmpty();
      assertThat(sink.records)
          .extracting(record -> CollectingSink.json(record).get("sender_authentication").asText())
          .containsExactly("fail", "pass");
    }
  }

  private static String fromRentwise(String messageId, Instant at) {
    return ImapTestServer.mail(messageId, "Welcome", at)
        .replace("From: Rentals <bookings@rentals.example>", "From: Rentwise <" + FROM + ">");
  }

  @Test
  void mailOfARequiredDomainFailsUnlessATrustedServerSaysItPassed() throws Exception {
    String passing =
        "Authentication-Results: mx.google.com; dkim=pass header.d=rentwise.example;"
            + " dmarc=pass header.from=rentwise.example\n";
    String other =
        welcome("").replace("hello@rentwise.example", "ana@mail.example").replace("C-09999", "x");

    List<JsonNode> mails =
        read(
            welcome("") + welcome(passing) + other,
            Map.of(
                "trusted_authserv_ids", "mx.google.com",
                "require_authenticated_from", "Rentwise.example"));

    assertThat(mails)
        .extracting(mail -> mail.get("sender_authentication").asText(null))
        .containsExactly("fail", "pass", null);
    assertThat(mails.get(0).get("notes").toString())
        .contains(
            "sender not authenticated: no pass for rentwise.example from mx.google.com, which"
                + " require_authenticated_from asks for mail of rentwise.example");
  }

  @Test
  void requiringAPassWithoutATrustedServerIsRefused() {
    Assertions.assertThatThrownBy(
            () ->
                SourceReaders.open(
                    "mail", "mbox", dir, Map.of("require_authenticated_from", "rentwise.example")))
        .isInstanceOf(InvalidSourceException.class)
        .hasMessageContaining("require_authenticated_from")
        .hasMessageContaining("needs trusted_authserv_ids");
  }

  @Test
  void refusesAnAuthservIdThatIsNoWordOfTheHeader() {
    Assertions.assertThatThrownBy(
            () ->
                SourceReaders.open(
                    "mail",
                    "mbox",
                    dir,
                    Map.of("trusted_authserv_ids", "mx.google.com; dmarc=pass")))
        .isInstanceOf(InvalidSourceException.class)
        .hasMessageContaining("trusted_authserv_ids");
  }
}
