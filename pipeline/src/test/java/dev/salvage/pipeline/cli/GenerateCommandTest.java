package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenerateCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine command = new CommandLine(new GenerateCommand());
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));
    return command.execute(args);
  }

  @Test
  void helpDescribesEveryNoiseOptionWithItsDefault() {
    assertThat(run("--help")).isZero();
    String help = out.toString();
    assertThat(help)
        .contains("--missing-mail", "(default: 0.1)")
        .contains("--missing-calendar", "(default: 0.15)")
        .contains("--payment-ref-share", "(default: 0.7)")
        .contains("--calendar-ref-share", "(default: 0.6)")
        .contains("--typo-rate", "(default: 0.03)")
        .contains("--contact-change-rate", "--duplicate-mail-rate", "--late-change-rate")
        .contains("--reservations", "(default: 1000)")
        .contains("--seed", "(default: 1)")
        .contains("--business", "Default: rentwise");
  }

  @Test
  void refusesABadShareNamingTheOption(@TempDir Path dir) {
    assertThat(run("--out", dir.toString(), "--missing-calendar", "2")).isEqualTo(2);
    assertThat(err.toString()).contains("--missing-calendar");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void writesAScenarioAndPrintsItsSummary(@TempDir Path dir) {
    Path scenario = dir.resolve("scenario");
    assertThat(run("--out", scenario.toString(), "--reservations", "20", "--seed", "3")).isZero();
    assertThat(out.toString())
        .contains("backup/backup.sql", "mail/mailbox.mbox", "truth/reservations.jsonl")
        .contains("lost after the backup");
    assertThat(scenario.resolve("salvage.yaml")).exists();
    assertThat(scenario.resolve("truth/manifest.json")).exists();
  }

  @Test
  void writesTheSecondBusinessWhenAsked(@TempDir Path dir) throws Exception {
    Path scenario = dir.resolve("nordwind");
    assertThat(
            run(
                "--business",
                "nordwind",
                "--out",
                scenario.toString(),
                "--reservations",
                "20",
                "--seed",
                "3"))
        .isZero();
    assertThat(out.toString())
        .contains(
            "backup/backup-mariadb.sql", "truth/bookings.jsonl", "calendar/<car>-page-NNNN.json");
    assertThat(Files.readString(scenario.resolve("salvage.yaml")))
        .contains("Nordwind Autovermietung");
    assertThat(scenario.resolve("calendar/calendarList.json")).exists();
  }

  @Test
  void refusesAnUnknownBusinessWritingNothing(@TempDir Path dir) {
    assertThat(run("--business", "acme", "--out", dir.toString(), "--reservations", "5"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("acme", "rentwise or nordwind");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void refusesToWriteIntoADirectoryHoldingSomethingElse(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("notes.txt"), "mine");
    assertThat(run("--out", dir.toString(), "--reservations", "5")).isNotZero();
    assertThat(dir.resolve("notes.txt")).hasContent("mine");
    assertThat(dir.resolve("backup")).doesNotExist();
  }

  @Test
  void replacesAnEarlierScenario(@TempDir Path dir) throws Exception {
    assertThat(run("--out", dir.toString(), "--reservations", "150", "--seed", "5")).isZero();
    long bigger = chargePages(dir);
    assertThat(run("--out", dir.toString(), "--reservations", "5", "--seed", "5")).isZero();
    assertThat(chargePages(dir)).isLessThan(bigger);
  }

  private static long chargePages(Path scenario) throws java.io.IOException {
    try (var files = Files.list(scenario.resolve("stripe"))) {
      return files.filter(f -> f.getFileName().toString().matches("charges-.*\\.json")).count();
    }
  }
}
