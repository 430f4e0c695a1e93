package dev.salvage.pipeline.reconcile;

import static java.util.Objects.requireNonNull;

import dev.salvage.mappings.MergeRule;
import dev.salvage.pipeline.beam.Counts;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.values.Names;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts, per entity type, field and pair of rules of two sources, the records where both rules
 * claim the field and where they disagree: when two sources disagree on nearly every record they
 * share, one of their mappings reads the field wrong (a day and month the wrong way round, an
 * exclusive end date, cents read as units), and no amount of merging per record says so. An outside
 * trial's mail read {@code 01/09/2026} as {@code MM/dd/yyyy}: its season_start differed from the
 * calendar's on 114 of 114 leases, each flagged on its own, and nothing named the rule.
 *
 * <p>Counted as Beam counters ({@link Counts#add}) on each record as its cluster is merged, once
 * per record; the run's end reads them ({@code cli.MisfitFields}). A counter is {@link #PREFIX}
 * then {@code type|field|sourceA:ruleA|sourceB:ruleB|kind}, the pair in name order, kind one of
 * {@link #SHARED}, {@link #DIFFER} or a pattern the difference follows ({@link Pattern}).
 */
public final class SourceDisagreements {
  /** The prefix of every counter. */
  public static final String PREFIX = "disagreement.";

  /** How far apart two claims may be to be of one moment, as the merge's default step. */
  static final Duration ONE_MOMENT = MergeRule.DEFAULT_STATED_WITHIN;

  public static final String SHARED = "shared";
  public static final String DIFFER = "differ";

  /** How the value of the second rule of the pair follows from the first's, when it does. */
  public enum Pattern {
    SWAPPED("swapped", "with day and month swapped"),
    DAY_LATER("day_later", "one day later"),
    DAY_EARLIER("day_earlier", "one day earlier"),
    TIMES_100("times_100", "times 100"),
    DIVIDED_100("divided_100", "divided by 100");

    private final String kind;
    private final String said;

    Pattern(String kind, String said) {
      this.kind = kind;
      this.said = said;
    }

    public String kind() {
      return kind;
    }

    public String said() {
      return said;
    }
  }

  /**
   * A pair of rules of two sources whose claims of a field met.
   *
   * @param entity the entity type
   * @param field the field
   * @param first {@code source:rule}, the first in name order
   * @param second {@code source:rule}
   */
  public record Pair(String entity, String field, String first, String second) {
    public Pair {
      requireNonNull(entity, "entity");
      requireNonNull(field, "field");
      requireNonNull(first, "first");
      requireNonNull(second, "second");
    }

    /** The counter of {@code kind} for this pair. */
    public String counter(String kind) {
      return PREFIX + String.join("|", entity, field, first, second, kind);
    }

    /** The pair and kind a counter name holds, or null when it is not one of these counters. */
    public static Map.Entry<Pair, String> ofCounter(String name) {
      if (!name.startsWith(PREFIX)) {
        return null;
      }
      String[] parts = name.substring(PREFIX.length()).split("\\|", -1);
      if (parts.length != 5) {
        return null;
      }
      return Map.entry(new Pair(parts[0], parts[1], parts[2], parts[3]), parts[4]);
    }
  }

  private SourceDisagreements() {}

  /**
   * The counts {@code record} adds: per pair of rules of two different sources (the backup left
   * out: it is the past, and differing from it is what changes are) that both claim a field, one
   * shared, and one differ with the pattern of the difference when they claim no value in common.
   */
  public static Map<String, Long> counts(ReconstructedRecord record, String backupSource) {
    // per field, per source:rule, the values claimed and when
    Map<String, Map<String, List<Said>>> claimed = new TreeMap<>();
    Map<String, String> sourceOf = new TreeMap<>();
    for (ReconstructedRecord.Evidence evidence : record.evidence()) {
      Instant at = instant(evidence.observedAt());
      if (evidence.source().equals(backupSource) || at == null) {
        continue;
      }
      String rule = evidence.source() + ":" + evidence.rule();
      sourceOf.put(rule, evidence.source());
      evidence
          .claims()
          .forEach(
              (field, value) ->
                  claimed
                      .computeIfAbsent(field, f -> new TreeMap<>())
                      .computeIfAbsent(rule, r -> new ArrayList<>())
                      .add(new Said(value, at)));
    }
    Map<String, Long> counts = new TreeMap<>();
    claimed.forEach(
        (field, byRule) -> {
          List<String> rules = new ArrayList<>(byRule.keySet());
          for (int i = 0; i < rules.size(); i++) {
            for (int j = i + 1; j < rules.size(); j++) {
              String first = rules.get(i);
              String second = rules.get(j);
              if (sourceOf.get(first).equals(sourceOf.get(second))) {
                continue;
              }
              met(new Pair(record.entity(), field, first, second), byRule, counts);
            }
          }
        });
    return counts;
  }

  private record Said(String value, Instant at) {}

  /**
   * Counts one pair's claims that meet: only those of one moment (within {@link #ONE_MOMENT} of
   * each other), as the merge weighs them. Claims days apart are a change (a confirmation, then a
   * refund), not a disagreement, and the sample business's cancellations and changed totals would
   * read as mapping errors.
   */
  private static void met(Pair pair, Map<String, List<Said>> byRule, Map<String, Long> counts) {
    boolean met = false;
    boolean agreed = false;
    Said a = null;
    Said b = null;
    for (Said x : byRule.get(pair.first())) {
      for (Said y : byRule.get(pair.second())) {
        if (Duration.between(x.at(), y.at()).abs().compareTo(ONE_MOMENT) > 0) {
          continue;
        }
        if (!met) {
          a = x;
          b = y;
        }
        met = true;
        agreed |= sameValue(x.value(), y.value());
      }
    }
    if (!met) {
      return;
    }
    counts.merge(pair.counter(SHARED), 1L, Long::sum);
    if (!agreed) {
      counts.merge(pair.counter(DIFFER), 1L, Long::sum);
      Pattern pattern = pattern(a.value(), b.value());
      if (pattern != null) {
        counts.merge(pair.counter(pattern.kind()), 1L, Long::sum);
      }
    }
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException notAnInstant) {
      return null;
    }
  }

  /** Adds {@link #counts} of {@code record} to the run's counters. */
  static void count(ReconstructedRecord record, String backupSource) {
    counts(record, backupSource).forEach(Counts::add);
  }

  /**
   * Whether two claims are one value: equal, or, when both hold letters, spellings a case or a typo
   * apart, which the merge takes for one value too ({@code NIA JONES} in a payment export beside
   * {@code Nia Jones} in a calendar is how the sources write, not a misread).
   */
  public static boolean sameValue(String a, String b) {
    if (a.equals(b)) {
      return true;
    }
    // two sources' times of one event (a mail sent, a calendar event made minutes later); a time
    // zone read wrong is whole hours off, and still differs
    Instant atA = a.length() > 10 ? instant(a) : null;
    Instant atB = b.length() > 10 ? instant(b) : null;
    if (atA != null && atB != null) {
      return Duration.between(atA, atB).abs().compareTo(ONE_MOMENT) < 0;
    }
    return hasLetter(a) && hasLetter(b) && Names.level(a, b) <= Names.REORDERED_OR_TYPO;
  }

  private static boolean hasLetter(String value) {
    return value.codePoints().anyMatch(Character::isLetter);
  }

  /** How {@code b} follows from {@code a}, canonical values of one field, or null. */
  static Pattern pattern(String a, String b) {
    LocalDate dayA = day(a);
    LocalDate dayB = day(b);
    // date-times differ in the day only when their times of day are the same
    if (dayA != null && dayB != null && a.substring(10).equals(b.substring(10))) {
      if (dayA.getYear() == dayB.getYear()
          && dayA.getMonthValue() == dayB.getDayOfMonth()
          && dayA.getDayOfMonth() == dayB.getMonthValue()) {
        return Pattern.SWAPPED;
      }
      if (dayA.plusDays(1).equals(dayB)) {
        return Pattern.DAY_LATER;
      }
      if (dayA.minusDays(1).equals(dayB)) {
        return Pattern.DAY_EARLIER;
      }
      return null;
    }
    if (dayA != null || dayB != null) {
      return null;
    }
    BigDecimal numberA = number(a);
    BigDecimal numberB = number(b);
    if (numberA == null || numberB == null || numberA.signum() == 0) {
      return null;
    }
    BigDecimal hundred = BigDecimal.valueOf(100);
    if (numberA.multiply(hundred).compareTo(numberB) == 0) {
      return Pattern.TIMES_100;
    }
    if (numberB.multiply(hundred).compareTo(numberA) == 0) {
      return Pattern.DIVIDED_100;
    }
    return null;
  }

  /** The date a canonical date or date-time starts with, or null. */
  private static LocalDate day(String value) {
    if (value.length() < 10 || value.charAt(4) != '-' || value.charAt(7) != '-') {
      return null;
    }
    try {
      return LocalDate.parse(value.substring(0, 10));
    } catch (DateTimeParseException notADate) {
      return null;
    }
  }

  /** A plain number, or an amount written with its currency ({@code 45.00 GBP}), or null. */
  private static BigDecimal number(String value) {
    String digits = value.strip().split(" ", 2)[0];
    if (!digits.matches("-?[0-9]+(\\.[0-9]+)?")) {
      return null;
    }
    return new BigDecimal(digits);
  }
}
