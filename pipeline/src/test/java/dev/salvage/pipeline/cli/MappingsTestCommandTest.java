package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MappingsTestCommandTest {
  static final String ENTITIES =
      """
      entities:
        reservation:
          keys: [reference]
          fields:
            reference: upper
            status: lower
            total_cents: integer
      """;
  static final String MAPPING =
      """
      rules:
        - name: booking_confirmation
          kind: mail
          when:
            - {path: subject, matches: "^Booking confirmed"}
          observed_at: {path: date, type: datetime}
          emit:
            - entity: reservation
              fields:
                reference: {path: subject, regex: "(RW-[0-9A-Z]{6})", required: true}
                status: {const: confirmed}
                total_cents: {path: text, regex: "Total: ([0-9.,]+) EUR", type: money}
      """;

  @TempDir Path dir;
  private Path mapping;
  private final StringWriter out = new StringWriter();

  @BeforeEach
  void writeFiles() throws Exception {
    Files.writeString(dir.resolve("entities.yaml"), ENTITIES);
    Files.createDirectories(dir.resolve("mappings"));
    mapping = dir.resolve("mappings/mail.yaml");
    Files.writeString(mapping, MAPPING);
  }

  private int test(String subject, String body) throws Exception {
    Path mail = dir.resolve("mail.eml");
    Files.writeString(
        mail,
        "Message-ID: <m1@rentwise.example>\r\nFrom: bookings@rentwise.example\r\n"
            + "To: ana@mail.example\r\nDate: Tue, 10 Mar 2026 09:30:00 +0000\r\nSubject: "
            + subject
            + "\r\n\r\n"
            + body
            + "\r\n");
    CommandLine cli = new CommandLine(new SalvageCli());
    cli.setOut(new PrintWriter(out, true));
    return cli.execute(
        "mappings", "test", "--mapping", mapping.toString(), "--mail", mail.toString());
  }

  @Test
  void printsTheRuleThatMatchedAndWhatItExtracted() throws Exception {
    assertThat(test("Booking confirmed RW-7K2M9Q", "Total: 1,234.50 EUR")).isZero();
    assertThat(out.toString())
        .contains("Mail: email:m1@rentwise.example")
        .contains("Rule: booking_confirmation")
        .contains("Observation: reservation at 2026-03-10T09:30:00Z")
        .contains("key   reference = RW-7K2M9Q")
        .contains("field status = confirmed")
        .contains("field total_cents = 123450");
  }

  @Test
  void saysWhenNoRuleMatches() throws Exception {
    assertThat(test("Newsletter", "Hello")).isZero();
    assertThat(out.toString()).contains("Ignored: no rule").contains("booking_confirmation");
  }

  @Test
  void givesTheQuarantineReasonWhenARequiredValueIsMissing() throws Exception {
    assertThat(test("Booking confirmed", "Total: 10 EUR")).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(out.toString()).contains("Quarantined: ").contains("reference");
  }
}
