package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salvage.connectors.FileSelection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedInputsTest {
  private static final Path SAMPLE = Path.of("..", "samples", "scenario");

  @TempDir Path dir;

  private static SharedInputs.Input input(String source, Path path) {
    return new SharedInputs.Input(source, path, FileSelection.ALL);
  }

  @Test
  void aFileUnderTwoSourcesIsRefusedNamingBothAndTheFile() throws Exception {
    Path exports = Files.createDirectories(dir.resolve("exports"));
    Path payments = Files.writeString(exports.resolve("payments.json"), "{\"data\": []}\n");

    assertThatThrownBy(
            () -> SharedInputs.check(List.of(input("stripe", exports), input("refunds", payments))))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "Sources stripe and refunds both read the file " + payments.toRealPath() + ":")
        .hasMessageContaining("Leave it out of one with exclude");
  }

  @Test
  void aFileReachedTwiceThroughASymbolicLinkIsRefusedNamingBothWays() throws Exception {
    Path year = Files.createDirectories(dir.resolve("mail/2025"));
    Path mbox =
        Files.writeString(year.resolve("inbox.mbox"), "From a@b Thu Jan  1 00:00:00 2026\n");
    Path archive = Files.createSymbolicLink(dir.resolve("mail/archive"), year);

    assertThatThrownBy(() -> SharedInputs.check(List.of(input("mail", dir.resolve("mail")))))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "Source mail reads the file "
                + mbox.toRealPath()
                + " twice (as "
                + mbox
                + " and as "
                + archive.resolve("inbox.mbox")
                + ")");
  }

  @Test
  void twoSourcesOnOneDirectoryChoosingDifferentFilesAreAllowed() throws Exception {
    Path exports = Files.createDirectories(dir.resolve("exports"));
    Files.writeString(exports.resolve("payments.json"), "{}\n");
    Files.writeString(exports.resolve("bookings.ics"), "BEGIN:VCALENDAR\n");

    SharedInputs inputs =
        SharedInputs.check(
            List.of(
                new SharedInputs.Input(
                    "stripe", exports, new FileSelection(List.of("*.json"), List.of())),
                new SharedInputs.Input(
                    "calendar", exports, new FileSelection(List.of("*.ics"), List.of()))));

    assertThat(inputs.identical()).isEmpty();
  }

  @Test
  void aMaildirDeliveryLeftInTmpIsNoCopyOfTheMailDeliveredSince() throws Exception {
    Path maildir = dir.resolve("Maildir");
    String mail = "From: a@example.com\nSubject: Booking\n\nHello\n";
    Files.createDirectories(maildir.resolve("new"));
    Files.createDirectories(maildir.resolve("tmp"));
    Files.writeString(maildir.resolve("new/1700000002.M2P1.host"), mail);
    Files.writeString(maildir.resolve("tmp/1700000099.M99P1.host"), mail);

    // tmp/ is not read, so nothing is read twice
    assertThat(SharedInputs.check(List.of(input("maildir", maildir))).identical()).isEmpty();
  }

  @Test
  void mailFiledInSeveralFoldersIsOneLineSayingItCountsOnceAndManyOtherCopiesAreCounted()
      throws Exception {
    Path snapshot = Files.createDirectories(dir.resolve("snapshot"));
    Path inbox = Files.createDirectories(snapshot.resolve("INBOX"));
    Path all = Files.createDirectories(snapshot.resolve("All Mail"));
    Path pages = Files.createDirectories(dir.resolve("pages"));
    for (int i = 1; i <= 5; i++) {
      String mail = "Message-ID: <m" + i + "@shop.example>\r\n\r\nBooking " + i + "\r\n";
      Files.writeString(inbox.resolve(i + ".eml"), mail);
      Files.writeString(all.resolve((100 + i) + ".eml"), mail);
      String page = "{\"data\": [{\"id\": \"ch_" + i + "\"}]}\n";
      Files.writeString(pages.resolve("p" + i + ".json"), page);
      Files.writeString(pages.resolve("p" + i + " (1).json"), page);
    }

    List<String> notes =
        SharedInputs.notes(
            SharedInputs.check(List.of(input("mail", snapshot), input("stripe", pages)))
                .identical());

    assertThat(notes).hasSize(5);
    assertThat(notes.subList(0, 3))
        .allMatch(line -> line.startsWith("Note: 2 files of source stripe hold the same"));
    assertThat(notes.get(3))
        .isEqualTo(
            "Note: and 2 more groups of files hold the same bytes as each other (4 files),"
                + " listed in summary.json among their sources' notes");
    assertThat(notes.get(4))
        .startsWith(
            "Note: 5 mail(s) are kept as identical files in more than one place (a mail filed in"
                + " several folders); each copy has the mail's evidence id and counts once");
  }

  @Test
  void identicalFilesOfOneSourceAreReadOnceAndEveryGroupIsKeptForTheSummary() throws Exception {
    Path calendar = Files.createDirectories(dir.resolve("calendar"));
    Path pages = Files.createDirectories(dir.resolve("pages"));
    String ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:e1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    Path first = Files.writeString(calendar.resolve("cal.ics"), ics);
    Path second = Files.writeString(calendar.resolve("cal (1).ics"), ics);
    for (int i = 1; i <= 4; i++) {
      String page = "{\"data\": [{\"id\": \"ch_" + i + "\"}]}\n";
      Files.writeString(pages.resolve("p" + i + ".json"), page);
      Files.writeString(pages.resolve("p" + i + " (1).json"), page);
    }
    Path other = Files.createDirectories(dir.resolve("other"));
    Files.writeString(other.resolve("p1.json"), "{\"data\": [{\"id\": \"ch_1\"}]}\n");

    List<SharedInputs.Copies> copies =
        SharedInputs.check(
                List.of(input("calendar", calendar), input("stripe", pages), input("old", other)))
            .identical();

    // "cal (1).ics" is listed first, but "cal.ics" is read: the name the evidence keeps
    assertThat(SharedInputs.readOnce(copies, Set.of()))
        .contains(second.toString())
        .doesNotContain(first.toString())
        .hasSize(4); // the calendar's and three stripe pages; p1 is also in source old
    Map<String, List<String>> summary = SharedInputs.summaryNotes(copies, Set.of());
    assertThat(summary.get("calendar"))
        .containsExactly(
            "2 files of source calendar hold the same "
                + ics.length()
                + " bytes: "
                + second
                + ", "
                + first
                + "; read once, from cal.ics");
    // a mail source's copies are each read: the folder of each is evidence of its own
    Path maildir = Files.createDirectories(dir.resolve("Maildir/cur"));
    Files.writeString(maildir.resolve("1.M1P1.host:2,S"), "Subject: a\n\nb\n");
    Files.createDirectories(dir.resolve("Maildir/.Trash/cur"));
    Files.writeString(dir.resolve("Maildir/.Trash/cur/1.M1P1.host:2,ST"), "Subject: a\n\nb\n");
    assertThat(
            SharedInputs.readOnce(
                SharedInputs.check(
                        List.of(
                            new SharedInputs.Input(
                                "jana", dir.resolve("Maildir"), FileSelection.ALL, true)))
                    .identical(),
                Set.of()))
        .isEmpty();
    // every group is named in the summary, where the console names three
    assertThat(summary.get("stripe")).hasSize(4);
    assertThat(summary.get("old")).singleElement().asString().contains("(source old)");
  }

  @Test
  void filesWithTheSameBytesAreNamedWithTheirSourcesAndSameSizedOthersAreNot() throws Exception {
    Path downloads = Files.createDirectories(dir.resolve("downloads"));
    String page = "{\"data\": [{\"id\": \"ch_1\"}]}\n";
    Path first = Files.writeString(downloads.resolve("payments.json"), page);
    Path second = Files.writeString(downloads.resolve("payments (1).json"), page);
    // the same size, other bytes: not a copy
    Files.writeString(downloads.resolve("refunds.json"), page.replace("ch_1", "re_1"));
    Path elsewhere = Files.createDirectories(dir.resolve("old"));
    Path third = Files.writeString(elsewhere.resolve("charges.json"), page);

    List<SharedInputs.Copies> copies =
        SharedInputs.check(List.of(input("stripe", downloads), input("old-stripe", elsewhere)))
            .identical();

    assertThat(copies)
        .singleElement()
        .satisfies(
            group -> {
              assertThat(group.files())
                  .extracting(SharedInputs.Listed::file)
                  .containsExactly(second, first, third);
              assertThat(group.bytes()).isEqualTo(page.length());
            });
    assertThat(SharedInputs.notes(copies))
        .singleElement()
        .asString()
        .startsWith(
            "Note: 3 files hold the same " + page.length() + " bytes, and each is read by its own")
        .endsWith(
            second
                + " (source stripe) = "
                + first
                + " (source stripe) = "
                + third
                + " (source old-stripe)");
  }

  @Test
  void aRunWhoseTwoSourcesReadOneFileExitsTwoBeforeReadingAnything() throws Exception {
    Path scenario = SAMPLE.toAbsolutePath().normalize();
    Path charges = scenario.resolve("stripe/charges-0001.json");
    Path config =
        Files.writeString(
            dir.resolve("salvage.yaml"),
            """
            business: {name: Rentwise Cars, timezone: Europe/Lisbon, phone_region: PT}
            entities: %1$s/entities.yaml
            sources:
              - name: mail
                type: mbox
                path: %1$s/mail/mailbox.mbox
                mapping: %1$s/mappings/mail.yaml
              - name: calendar
                type: calendar-json
                path: %1$s/calendar
                mapping: %1$s/mappings/calendar.yaml
              - name: stripe
                type: stripe-json
                path: %1$s/stripe
                mapping: %1$s/mappings/stripe.yaml
              - name: charges
                type: stripe-json
                path: %2$s
                mapping: %1$s/mappings/stripe.yaml
            backup:
              type: pgdump
              path: %1$s/backup/backup.sql
              mapping: %1$s/mappings/backup.yaml
              taken_at: 2026-03-02T03:00:00Z
            """
                .formatted(scenario, charges));
    Path out = dir.resolve("out");

    CliRun run = CliRun.of("run", "--config", config.toString(), "--out", out.toString());

    assertThat(run.exitCode()).isEqualTo(SalvageCli.EXIT_USAGE);
    assertThat(run.err())
        .contains("Sources stripe and charges both read the file " + charges.toRealPath());
    assertThat(out.resolve("summary.json")).doesNotExist();
  }
}
