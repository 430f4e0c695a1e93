package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.pipeline.bundle.Json;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mail past the size a mail is read whole (128 MB: a customer's reply with a video) is read not
 * at all, not even its sender, date and text: the run lists it as not read and exits 3, as for a
 * mailbox cut short, where it was one quarantined record among damaged ones at exit 0.
 */
class TooLargeMailRunTest {
  @TempDir Path dir;

  private static final String MODEL =
      """
      entities:
        booking:
          keys: [code]
          fields: {code: upper}
      """;

  private static final String MAPPING =
      """
      rules:
        - name: confirmation
          kind: mail
          when:
            - {path: subject, matches: '^Booking LY-[0-9]+$'}
          observed_at: {path: date}
          emit:
            - entity: booking
              fields:
                code: {path: subject, regex: '(LY-[0-9]+)', required: true}
      """;

  @Test
  void aMailTooLargeToReadIsListedAsNotReadAndTheRunExitsIncomplete() throws Exception {
    Files.createDirectories(dir.resolve("mail"));
    Path mbox = dir.resolve("mail/Inbox");
    try (OutputStream out = Files.newOutputStream(mbox)) {
      out.write(mail(1, "Booking LY-1", "Confirmed.\n").getBytes(StandardCharsets.UTF_8));
      out.write(
          ("From - Mon Mar 02 10:00:00 2026\nFrom: Ana <ana@mail.example>\n"
                  + "To: bookings@lotus.example\nDate: Mon, 02 Mar 2026 10:00:00 +0000\n"
                  + "Subject: Video of our trip\nMessage-ID: <big@mail.example>\nMIME-Version: 1.0\n"
                  + "Content-Type: multipart/mixed; boundary=\"B\"\n\n--B\n"
                  + "Content-Type: text/plain\n\nThanks for the trip!\n--B\n"
                  + "Content-Type: video/mp4\nContent-Transfer-Encoding: base64\n\n")
              .getBytes(StandardCharsets.UTF_8));
      byte[] line = new byte[77];
      Arrays.fill(line, (byte) 'A');
      line[76] = '\n';
      byte[] chunk = new byte[77 * 13_600];
      for (int i = 0; i < 13_600; i++) {
        System.arraycopy(line, 0, chunk, i * 77, 77);
      }
      for (int i = 0; i < 130; i++) { // 136 MB of base64 lines
        out.write(chunk);
      }
      out.write("--B--\n\n".getBytes(StandardCharsets.UTF_8));
      out.write(mail(3, "Booking LY-3", "Confirmed.\n").getBytes(StandardCharsets.UTF_8));
    }

    CliRun run = run();

    assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
    JsonNode summary = Json.MAPPER.readTree(dir.resolve("out/summary.json").toFile());
    assertThat(summary.at("/sources/mail/read").asLong()).isEqualTo(3);
    assertThat(summary.at("/sources/mail/quarantined").asLong()).isEqualTo(1);
    JsonNode entry = summary.at("/not_read/mail/0");
    assertThat(entry.get("partition").asText()).isEqualTo("(mails too large to read)");
    assertThat(entry.get("not_read").asText())
        .startsWith("1 mail(s) larger than the most a mail is read whole (128 MB)")
        .contains(mbox.toAbsolutePath().normalize() + ":");
    assertThat(entry.get("rerun").asText()).contains("--allow-incomplete");
    assertThat(run.err())
        .contains("INCOMPLETE")
        .contains("mail: partition (mails too large to read)")
        .contains("Exit code 3");
  }

  @Test
  void anAcceptedRunWithAMailTooLargeExitsZeroAndKeepsItListed() throws Exception {
    Files.createDirectories(dir.resolve("mail"));
    Path mbox = dir.resolve("mail/Inbox");
    try (OutputStream out = Files.newOutputStream(mbox)) {
      out.write(mail(1, "Booking LY-1", "Confirmed.\n").getBytes(StandardCharsets.UTF_8));
      out.write(mail(2, "Photos", "x\n").replace("x\n", "").getBytes(StandardCharsets.UTF_8));
      byte[] chunk = new byte[1 << 20];
      Arrays.fill(chunk, (byte) 'A');
      for (int i = 0; i < chunk.length; i += 77) {
        chunk[i] = '\n';
      }
      for (int i = 0; i < 130; i++) {
        out.write(chunk);
      }
      out.write("\n\n".getBytes(StandardCharsets.UTF_8));
    }

    CliRun run = run("--allow-incomplete");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode summary = Json.MAPPER.readTree(dir.resolve("out/summary.json").toFile());
    assertThat(summary.at("/not_read/mail/0/partition").asText())
        .isEqualTo("(mails too large to read)");
  }

  private static String mail(int n, String subject, String body) {
    return "From - Mon Mar 02 09:00:00 2026\nFrom: Lotus <bookings@lotus.example>\n"
        + "To: ana@mail.example\nDate: Mon, 02 Mar 2026 09:0"
        + n
        + ":00 +0000\nSubject: "
        + subject
        + "\nMessage-ID: <m"
        + n
        + "@lotus.example>\n\n"
        + body
        + "\n";
  }

  private CliRun run(String... extra) throws Exception {
    Files.createDirectories(dir.resolve("mappings"));
    Files.writeString(dir.resolve("entities.yaml"), MODEL);
    Files.writeString(dir.resolve("mappings/mail.yaml"), MAPPING);
    Path config =
        Files.writeString(
            dir.resolve("salvage.yaml"),
            """
            business: {name: Lotus, timezone: Europe/Zurich}
            entities: entities.yaml
            as_of: 2026-04-01T00:00:00Z
            sources:
              - {name: mail, type: mbox, path: mail, mapping: mappings/mail.yaml}
            """);
    String[] args = {
      "run",
      "--config",
      config.toString(),
      "--out",
      dir.resolve("out").toString(),
      "--stop-after",
      "read"
    };
    String[] all = Arrays.copyOf(args, args.length + extra.length);
    System.arraycopy(extra, 0, all, args.length, extra.length);
    return CliRun.of(all);
  }
}
