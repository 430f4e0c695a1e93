package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.bundle.RunLayout;
import dev.salvage.pipeline.bundle.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A boat club's booking mails write the start of a berth's season {@code 01/04/2027}, day first,
 * and a first mapping read them {@code MM/dd/yyyy}: every start is the 1st of a month, so every
 * value fit, as January 4th. The harbour's notice mails, sent minutes later, write the start as
 * {@code 2027-04-01}. Each berth was flagged for its two claims on its own, and nothing said that
 * one rule read the field wrong on all of them; an outside trial's mail and calendar disagreed so
 * on 114 of 114 leases. The run now says it once, loudly, naming the field, the two rules, the
 * count, examples and the swapped day and month, and exits incomplete; two real changes in twenty
 * say nothing.
 */
class DisagreeingSourcesRunTest {
  @TempDir Path dir;

  private static String mail(String id, String date, String subject, String body) {
    return "Message-ID: <"
        + id
        + "@berths.example>\r\nFrom: desk@berths.example\r\nTo: owner@mail.example\r\nDate: "
        + date
        + "\r\nSubject: "
        + subject
        + "\r\n\r\n"
        + body
        + "\r\n";
  }

  /**
   * {@code n} berths, each with a booking mail writing its start {@code dd/MM/yyyy} and a reminder
   * writing it ISO; {@code moved} of them start a month earlier in the reminder (a real change).
   */
  private Path club(int n, int moved, String bookingFormat) throws Exception {
    Files.createDirectories(dir.resolve("mappings"));
    Files.createDirectories(dir.resolve("bookings"));
    Files.createDirectories(dir.resolve("reminders"));
    Files.writeString(
        dir.resolve("entities.yaml"),
        """
        entities:
          berth:
            keys: [reference]
            fields: {reference: text, season_start: date}
        """);
    for (int i = 0; i < n; i++) {
      // never January: the 1st of January reads the same either way round
      int month = 2 + i % 11;
      int year = 2027 + i / 11;
      String reference = "BR-" + (100 + i);
      Files.writeString(
          dir.resolve("bookings/b" + i + ".eml"),
          mail(
              "b" + i,
              "Tue, 10 Nov 2026 09:30:00 +0000",
              "Berth booking " + reference,
              String.format("Season: 01/%02d/%d", month, year)));
      int remindedMonth = i < moved ? month - 1 : month;
      Files.writeString(
          dir.resolve("reminders/r" + i + ".eml"),
          mail(
              "r" + i,
              "Tue, 10 Nov 2026 09:45:00 +0000",
              "Reminder " + reference,
              String.format("Your season starts %d-%02d-01", year, remindedMonth)));
    }
    Files.writeString(
        dir.resolve("mappings/bookings.yaml"),
        """
        rules:
          - name: booking
            kind: mail
            observed_at: {path: date}
            emit:
              - entity: berth
                fields:
                  reference: {path: subject, regex: "(BR-[0-9]+)", required: true}
                  season_start: {path: text, regex: "Season: ([0-9/]+)", format: "FORMAT"}
        """
            .replace("FORMAT", bookingFormat));
    Files.writeString(
        dir.resolve("mappings/reminders.yaml"),
        """
        rules:
          - name: reminder
            kind: mail
            observed_at: {path: date}
            emit:
              - entity: berth
                fields:
                  reference: {path: subject, regex: "(BR-[0-9]+)", required: true}
                  season_start: {path: text, regex: "starts ([0-9-]+)"}
        """);
    return Files.writeString(
        dir.resolve("salvage.yaml"),
        """
        business: {name: Berths, timezone: Europe/London}
        entities: entities.yaml
        as_of: 2026-12-01T00:00:00Z
        sources:
          - {name: bookings, type: eml, path: bookings, mapping: mappings/bookings.yaml}
          - {name: reminders, type: eml, path: reminders, mapping: mappings/reminders.yaml}
        """);
  }

  @Test
  void saysOnceThatTwoSourcesDisagreeOnEveryRecordTheyShareNamingTheSwappedDayAndMonth()
      throws Exception {
    Path config = club(12, 0, "MM/dd/yyyy");

    CliRun run =
        CliRun.of("run", "--config", config.toString(), "--out", dir.resolve("out").toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(SalvageCli.EXIT_INCOMPLETE);
    assertThat(run.err())
        .contains(
            "MAPPING ERROR: berth field season_start: source bookings ("
                + dir.resolve("mappings/bookings.yaml")
                + ", rule booking) and source reminders ("
                + dir.resolve("mappings/reminders.yaml")
                + ", rule reminder) disagree on 12 of the 12 record(s) where both claim it"
                + " (bookings 2027-01-")
        .containsPattern("bookings ([0-9]{4})-01-([0-9]{2}) against reminders \\1-\\2-01")
        .contains(
            "on 12 of them the value from reminders is the value from bookings with day and month"
                + " swapped, likely one of the two formats reads day and month the wrong way round");
    assertThat(run.err().split("MAPPING ERROR: ", -1)).hasSize(2);
    RunSummary summary = RunSummary.read(RunLayout.of(dir.resolve("out")).summaryJson());
    assertThat(summary.notRead().get("bookings"))
        .singleElement()
        .satisfies(entry -> assertThat(entry.partition()).contains("season_start of berth"));
  }

  @Test
  void saysNothingOfTwoRealChangesInTwentySharedRecords() throws Exception {
    Path config = club(20, 2, "dd/MM/yyyy");

    CliRun run =
        CliRun.of("run", "--config", config.toString(), "--out", dir.resolve("out").toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).doesNotContain("MAPPING ERROR");
    List<String> counters = new ArrayList<>();
    RunSummary.counters(RunLayout.of(dir.resolve("out")).countsTsv())
        .forEach((name, n) -> counters.add(name + "=" + n));
    assertThat(counters)
        .contains(
            "disagreement.berth|season_start|bookings:booking|reminders:reminder|shared=20",
            "disagreement.berth|season_start|bookings:booking|reminders:reminder|differ=2");
  }
}
