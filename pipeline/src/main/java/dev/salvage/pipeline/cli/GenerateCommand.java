package dev.salvage.pipeline.cli;

import dev.salvage.samples.ScenarioGenerator;
import dev.salvage.samples.ScenarioParams;
import dev.salvage.samples.ScenarioSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code salvage samples generate}: writes a Rentwise Cars loss scenario with its truth. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Simulates six months of Rentwise Cars, a fictional car-rental business, and writes what"
          + " its database loss leaves behind: the backup at T0, mail, Stripe objects and"
          + " calendars up to T1 = T0 + 90 days, the ground truth, and a ready salvage.yaml.",
      "Shares are between 0 and 1. The same options always give byte-identical output."
    },
    sortOptions = false,
    defaultValueProvider = GenerateCommand.Defaults.class)
final class GenerateCommand implements Callable<Integer> {
  private static final int PROGRESS_FROM = 5_000;

  /** The options' defaults are those of {@link ScenarioParams#defaults()}. */
  static final class Defaults implements IDefaultValueProvider {
    @Override
    public String defaultValue(ArgSpec argSpec) {
      if (!argSpec.isOption()) {
        return null;
      }
      String name = ((OptionSpec) argSpec).longestName().replaceFirst("^--", "");
      Object value = ScenarioParams.defaults().byOptionName().get(name);
      return value == null ? null : value.toString();
    }
  }

  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Scenario directory.")
  Path out;

  @Option(
      names = "--business",
      paramLabel = "NAME",
      defaultValue = "rentwise",
      description =
          "Which business writes the simulated history: rentwise (Rentwise Cars) or nordwind"
              + " (Nordwind Autovermietung: its own schema, German and English mail, one calendar"
              + " per car; samples/SCENARIO.md). Default: ${DEFAULT-VALUE}.")
  String business;

  @Option(
      names = "--seed",
      description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--reservations",
      paramLabel = "N",
      description =
          "Reservations created between the backup and the loss; about as many exist before"
              + " (default: ${DEFAULT-VALUE}).")
  int reservations;

  @Option(
      names = "--missing-mail",
      paramLabel = "SHARE",
      description =
          "Share of bookings (and customer accounts) whose mails are lost (default: ${DEFAULT-VALUE}).")
  double missingMail;

  @Option(
      names = "--missing-payment",
      paramLabel = "SHARE",
      description =
          "Share of bookings paid at the desk, without Stripe objects (default: ${DEFAULT-VALUE}).")
  double missingPayment;

  @Option(
      names = "--missing-calendar",
      paramLabel = "SHARE",
      description = "Share of bookings without a calendar event (default: ${DEFAULT-VALUE}).")
  double missingCalendar;

  @Option(
      names = "--payment-ref-share",
      paramLabel = "SHARE",
      description =
          "Share of card payments whose Stripe objects carry the booking reference"
              + " (default: ${DEFAULT-VALUE}).")
  double paymentRefShare;

  @Option(
      names = "--calendar-ref-share",
      paramLabel = "SHARE",
      description =
          "Share of calendar events whose title carries the booking reference"
              + " (default: ${DEFAULT-VALUE}).")
  double calendarRefShare;

  @Option(
      names = "--typo-rate",
      paramLabel = "SHARE",
      description =
          "Share of hand-typed names (calendar titles, card holders, mail senders) that are"
              + " misspelt (default: ${DEFAULT-VALUE}).")
  double typoRate;

  @Option(
      names = "--contact-change-rate",
      paramLabel = "SHARE",
      description =
          "Share of customers whose email or phone changes after the backup"
              + " (default: ${DEFAULT-VALUE}).")
  double contactChangeRate;

  @Option(
      names = "--duplicate-mail-rate",
      paramLabel = "SHARE",
      description =
          "Share of mails stored twice with the same Message-ID (default: ${DEFAULT-VALUE}).")
  double duplicateMailRate;

  @Option(
      names = "--late-change-rate",
      paramLabel = "SHARE",
      description =
          "Share of bookings made before the backup, still upcoming then, that are changed or"
              + " cancelled after it (default: ${DEFAULT-VALUE}).")
  double lateChangeRate;

  @Option(
      names = "--t0",
      paramLabel = "INSTANT",
      description = "When the backup was taken, ISO-8601 UTC (default: ${DEFAULT-VALUE}).")
  Instant t0;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    ScenarioParams params;
    try {
      params = params();
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
    Consumer<String> progress =
        message -> {
          err.println(message);
          err.flush();
        };
    ScenarioSummary summary;
    try {
      summary =
          ScenarioGenerator.generate(
              business, params, out, reservations >= PROGRESS_FROM ? progress : message -> {});
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println(e.getMessage());
      return 1;
    }
    stdout.print(summary.report());
    stdout.flush();
    return 0;
  }

  /** The parameters the options ask for; throws IllegalArgumentException naming a bad one. */
  ScenarioParams params() {
    return new ScenarioParams(
        seed,
        reservations,
        missingMail,
        missingPayment,
        missingCalendar,
        paymentRefShare,
        calendarRefShare,
        typoRate,
        contactChangeRate,
        duplicateMailRate,
        lateChangeRate,
        t0);
  }
}
