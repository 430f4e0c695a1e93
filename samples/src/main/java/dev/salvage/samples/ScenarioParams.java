package dev.salvage.samples;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a generated Rentwise scenario looks like: its size, its seed and how noisy its surviving
 * evidence is. The same parameters always give byte-identical scenarios.
 *
 * @param seed seeds every random choice
 * @param reservations reservations created between T0 (backup) and T1 (loss); about as many exist
 *     before T0
 * @param missingMail share of bookings (and of customers' account mails) whose mails did not
 *     survive
 * @param missingPayment share of bookings paid at the desk, so without any Stripe object
 * @param missingCalendar share of bookings without a calendar event
 * @param paymentRefShare share of card-paid bookings whose Stripe objects carry the reference
 * @param calendarRefShare share of calendar events whose summary carries the reference
 * @param typoRate share of hand-typed names (calendar summaries, card holder names, mail display
 *     names) that are misspelt
 * @param contactChangeRate share of customers whose email or phone changes after T0
 * @param duplicateMailRate share of mails that appear twice in the mailbox (same Message-ID)
 * @param lateChangeRate share of bookings made before T0, still upcoming at T0, that are changed or
 *     cancelled after T0
 * @param t0 when the backup was taken; history starts 90 days earlier, the loss (T1) is 90 days
 *     later
 */
public record ScenarioParams(
    long seed,
    int reservations,
    double missingMail,
    double missingPayment,
    double missingCalendar,
    double paymentRefShare,
    double calendarRefShare,
    double typoRate,
    double contactChangeRate,
    double duplicateMailRate,
    double lateChangeRate,
    Instant t0) {

  /** The default backup time: a Monday early morning, before a spring DST change. */
  public static final Instant DEFAULT_T0 = Instant.parse("2026-03-02T03:00:00Z");

  /** Largest accepted scenario; beyond it the in-memory history would not fit a small machine. */
  public static final int MAX_RESERVATIONS = 2_000_000;

  public ScenarioParams {
    requireNonNull(t0, "t0");
    if (reservations < 1 || reservations > MAX_RESERVATIONS) {
      throw new IllegalArgumentException(
          "Invalid scenario option --reservations: "
              + reservations
              + " is not between 1 and "
              + MAX_RESERVATIONS);
    }
    requireShare("--missing-mail", missingMail);
    requireShare("--missing-payment", missingPayment);
    requireShare("--missing-calendar", missingCalendar);
    requireShare("--payment-ref-share", paymentRefShare);
    requireShare("--calendar-ref-share", calendarRefShare);
    requireShare("--typo-rate", typoRate);
    requireShare("--contact-change-rate", contactChangeRate);
    requireShare("--duplicate-mail-rate", duplicateMailRate);
    requireShare("--late-change-rate", lateChangeRate);
  }

  /**
   * Defaults under which linking on exact keys alone can recover nearly every lost record: most
   * evidence survives and most of it carries the reservation reference.
   */
  public static ScenarioParams defaults() {
    return new ScenarioParams(
        1, 1000, 0.10, 0.10, 0.15, 0.70, 0.60, 0.03, 0.05, 0.02, 0.05, DEFAULT_T0);
  }

  public ScenarioParams withSeed(long newSeed) {
    return new ScenarioParams(
        newSeed,
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

  public ScenarioParams withReservations(int count) {
    return new ScenarioParams(
        seed,
        count,
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

  /**
   * These parameters with some replaced, by option name as in {@link #byOptionName()} ({@code
   * "typo-rate" -> "0.15"}).
   *
   * @throws IllegalArgumentException naming an unknown option or a value it cannot take
   */
  public ScenarioParams withOptions(Map<String, String> options) {
    Map<String, Object> values = byOptionName();
    for (Map.Entry<String, String> option : options.entrySet()) {
      if (!values.containsKey(option.getKey())) {
        throw new IllegalArgumentException(
            "Unknown scenario option --" + option.getKey() + "; known: " + values.keySet());
      }
      values.put(option.getKey(), option.getValue());
    }
    try {
      return new ScenarioParams(
          Long.parseLong(values.get("seed").toString()),
          Integer.parseInt(values.get("reservations").toString()),
          share(values, "missing-mail"),
          share(values, "missing-payment"),
          share(values, "missing-calendar"),
          share(values, "payment-ref-share"),
          share(values, "calendar-ref-share"),
          share(values, "typo-rate"),
          share(values, "contact-change-rate"),
          share(values, "duplicate-mail-rate"),
          share(values, "late-change-rate"),
          Instant.parse(values.get("t0").toString()));
    } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("Invalid scenario option: " + e.getMessage(), e);
    }
  }

  private static double share(Map<String, Object> values, String name) {
    return Double.parseDouble(values.get(name).toString());
  }

  /** The parameters by their command-line option names (without dashes), in a stable order. */
  public Map<String, Object> byOptionName() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("seed", seed);
    values.put("reservations", reservations);
    values.put("missing-mail", missingMail);
    values.put("missing-payment", missingPayment);
    values.put("missing-calendar", missingCalendar);
    values.put("payment-ref-share", paymentRefShare);
    values.put("calendar-ref-share", calendarRefShare);
    values.put("typo-rate", typoRate);
    values.put("contact-change-rate", contactChangeRate);
    values.put("duplicate-mail-rate", duplicateMailRate);
    values.put("late-change-rate", lateChangeRate);
    values.put("t0", t0.toString());
    return values;
  }

  private static void requireShare(String option, double value) {
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException(
          "Invalid scenario option " + option + ": " + value + " is not a share between 0 and 1");
    }
  }
}
