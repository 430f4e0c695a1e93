package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.salvage.connectors.DroppingProxy;
import dev.salvage.pipeline.bundle.Json;
import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose IMAP server drops the connection part-way through the folder and does not come back
 * (GreenMail behind a proxy that cuts the stream): the run finishes, exits 3, lists the UIDs not
 * read in summary.json and says so last on the console; {@code --allow-incomplete} accepts it.
 */
class IncompleteRunTest {
  private static final int MESSAGES = 60;

  @TempDir Path dir;
  private GreenMail greenMail;
  private DroppingProxy proxy;
  private Path config;

  @BeforeEach
  void serveMailThatStopsPartWay() throws Exception {
    greenMail = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
    greenMail.start();
    String password = UUID.randomUUID().toString();
    GreenMailUser user = greenMail.setUser("office@rentwise.example", "office", password);
    MailFolder inbox = greenMail.getManagers().getImapHostManager().getInbox(user);
    Session session = Session.getInstance(new Properties());
    for (int i = 0; i < MESSAGES; i++) {
      String mail =
          "Message-ID: <m%d@rentwise.example>\r\nFrom: bookings@rentwise.example\r\nTo: c%d@mail.example\r\nDate: Tue, 10 Mar 2026 09:%02d:00 +0000\r\nSubject: Booking confirmed RW-%06d\r\n\r\nDear customer,\r\nTotal: %d.00 EUR\r\n"
              .formatted(i, i % 30, i % 60, i % 45, 100 + i);
      inbox.appendMessage(
          new MimeMessage(session, new ByteArrayInputStream(mail.getBytes(StandardCharsets.UTF_8))),
          new Flags(),
          new Date());
    }
    proxy = new DroppingProxy(greenMail.getImap().getPort());
    Files.createDirectories(dir.resolve("mappings"));
    Files.writeString(dir.resolve("entities.yaml"), MappingsTestCommandTest.ENTITIES);
    Files.writeString(dir.resolve("mappings/mail.yaml"), MappingsTestCommandTest.MAPPING);
    Files.writeString(dir.resolve("imap-password"), password);
    config = dir.resolve("salvage.yaml");
    Files.writeString(
        config,
        """
        business: {name: Rentwise Cars, timezone: Europe/Lisbon, phone_region: PT}
        entities: entities.yaml
        sources:
          - name: mail
            type: imap
            mapping: mappings/mail.yaml
            options:
              host: 127.0.0.1
              port: %d
              security: none
              user: office
              password_file: imap-password
              batch_size: 10
              max_retries: 1
              backoff: 10ms
        """
            .formatted(proxy.port()));
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    greenMail.stop();
  }

  @Test
  void aFolderDroppedPartWayMakesTheRunIncompleteWithExitCode3() throws Exception {
    // the folder listing before the pipeline starts is small; the read carries the messages
    proxy.cutAfter(8_000, Integer.MAX_VALUE);

    CliRun run = run();

    assertThat(run.exitCode()).as(run.err()).isEqualTo(SalvageCli.EXIT_INCOMPLETE);
    JsonNode summary = Json.MAPPER.readTree(dir.resolve("out/summary.json").toFile());
    JsonNode notRead = summary.path("not_read").path("mail");
    assertThat(notRead).hasSize(1);
    JsonNode inbox = notRead.get(0);
    long read = inbox.path("records_read").asLong();
    assertThat(read).isBetween(1L, MESSAGES - 1L);
    assertThat(inbox.path("partition").asText()).isEqualTo("INBOX");
    assertThat(inbox.path("not_read").asText())
        .startsWith("UIDs " + (read + 1) + ".." + MESSAGES + " of folder INBOX");
    assertThat(inbox.path("last_error").asText()).contains("127.0.0.1", "(after 1 retries)");
    assertThat(summary.path("sources").path("mail").path("read").asLong()).isEqualTo(read);
    assertThat(summary.has("incomplete_accepted")).isFalse();
    List<String> console = run.err().strip().lines().toList();
    assertThat(String.join("\n", console))
        .contains("INCOMPLETE: 1 partition(s) of 1 source(s) were not read to their end")
        .contains("  mail: partition INBOX, " + read + " record(s) read; not read: UIDs ");
    assertThat(console.get(console.size() - 1))
        .isEqualTo(
            "Exit code 3 (finished, incomplete); --allow-incomplete accepts an incomplete run.");
  }

  @Test
  void allowIncompleteAcceptsItWithExitCode0AndStillRecordsIt() throws Exception {
    proxy.cutAfter(8_000, Integer.MAX_VALUE);

    CliRun run = run("--allow-incomplete");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode summary = Json.MAPPER.readTree(dir.resolve("out/summary.json").toFile());
    assertThat(summary.path("not_read").path("mail").get(0).path("partition").asText())
        .isEqualTo("INBOX");
    assertThat(summary.path("incomplete_accepted").asBoolean()).isTrue();
    assertThat(run.err())
        .contains("INCOMPLETE (accepted with --allow-incomplete): 1 partition(s)")
        .endsWith("Exit code 0 because of --allow-incomplete." + System.lineSeparator());
  }

  @Test
  void aServerThatCannotEvenListItsFoldersIsASourceNotReadNotAFailedRun() throws Exception {
    proxy.cutAfter(0, Integer.MAX_VALUE);

    CliRun run = run();

    assertThat(run.exitCode()).as(run.err()).isEqualTo(SalvageCli.EXIT_INCOMPLETE);
    assertThat(run.err()).contains("Cannot read source mail: Source mail: cannot list the folders");
    JsonNode summary = Json.MAPPER.readTree(dir.resolve("out/summary.json").toFile());
    JsonNode notRead = summary.path("not_read").path("mail").get(0);
    assertThat(notRead.path("partition").asText()).isEqualTo("(every partition)");
    assertThat(notRead.path("not_read").asText())
        .isEqualTo("the whole source: its partitions could not be listed");
    assertThat(summary.path("sources").path("mail").path("read").asLong()).isZero();
  }

  private CliRun run(String... extra) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "run",
                "--config",
                config.toString(),
                "--out",
                dir.resolve("out").toString(),
                "--parallelism",
                "2"));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(String[]::new));
  }
}
