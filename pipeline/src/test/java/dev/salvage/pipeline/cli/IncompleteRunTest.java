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
  private MailFolder inbox;

  @BeforeEach
  void serveMailThatStopsPartWay() throws Exception {
    greenMail = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
    greenMail.start();
    String password = UUID.randomUUID().toString();
    GreenMailUser user = greenMail.setUser("office@rentwise.example", "office", password);
    inbox = greenMail.getManagers().getImapHostManager().getInbox(user);
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

  /**
   * Messages another client deletes after the run counted the folder and before it read it are data
   * not read: named with their folder and count, exit 3. Until 2026-12-06 they were a note and the
   * run exited 0.
   */
  @Test
  void messagesDeletedBetweenListingAndReadingMakeTheRunIncompleteNamingFolderAndCount()
      throws Exception {
    proxy.beforeOpening("INBOX", () -> deleteFirst(2));

    CliRun run = run();

    assertThat(run.exitCode()).as(run.err()).isEqualTo(SalvageCli.EXIT_INCOMPLETE);
    JsonNode summary = Json.MAPPER.readTree(dir.resolve("out/summary.json").toFile());
    JsonNode inboxNotRead = summary.path("not_read").path("mail").get(0);
    assertThat(inboxNotRead.path("partition").asText()).isEqualTo("INBOX");
    assertThat(inboxNotRead.path("not_read").asText())
        .startsWith("2 message(s) of folder INBOX that it held when listed and no longer held");
    assertThat(inboxNotRead.path("records_read").asLong()).isEqualTo(MESSAGES - 2);
    assertThat(inboxNotRead.path("last_error").asText())
        .contains("had " + MESSAGES + " message(s) when listed and " + (MESSAGES - 2));
    List<String> console = run.err().strip().lines().toList();
    assertThat(String.join("\n", console))
        .contains(
            "  mail: partition INBOX, "
                + (MESSAGES - 2)
                + " record(s) read; not read: 2 message(s) of folder INBOX");
    assertThat(console.get(console.size() - 2))
        .startsWith(
            "summary.json lists them under not_read. A rerun cannot read them from folder INBOX:"
                + " if they were moved to another folder (Trash, Archive), a rerun reading that"
                + " folder too reads them there; if they were deleted, only a copy of the mailbox")
        .doesNotContain("for a server that did not answer");
  }

  /** The same shortfall met by {@code salvage fetch}: not fetched, exit 3. */
  @Test
  void aFetchMeetingMessagesDeletedBetweenListingAndReadingIsIncompleteNamingFolderAndCount()
      throws Exception {
    proxy.beforeOpening("INBOX", () -> deleteFirst(3));

    CliRun fetch =
        CliRun.of(
            "fetch",
            "--config",
            config.toString(),
            "--snapshot",
            dir.resolve("snapshot").toString());

    assertThat(fetch.exitCode()).as(fetch.err()).isEqualTo(SalvageCli.EXIT_INCOMPLETE);
    assertThat(fetch.err())
        .contains(
            "  mail: partition INBOX, "
                + (MESSAGES - 3)
                + " record(s) read; not read: 3 message(s) of folder INBOX",
            "A rerun cannot read them from folder INBOX: if they were moved to another folder");
  }

  @Test
  void aFolderReadWithEveryMessageItHeldWhenListedIsCompleteAndSaysNothingOfIt() {
    CliRun run = run();

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).doesNotContain("when listed").doesNotContain("INCOMPLETE");
  }

  /** Deletes the first {@code count} messages of the inbox as another client would, expunged. */
  private void deleteFirst(int count) {
    try {
      long[] uids = inbox.getMessageUids();
      for (int i = 0; i < count; i++) {
        inbox.setFlags(new Flags(Flags.Flag.DELETED), true, uids[i], null, false);
      }
      inbox.expunge();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
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
