package dev.salvage.mappings;

import java.util.List;
import java.util.Set;

/**
 * What mapping one raw record gave.
 *
 * @param rule the rule that matched, or null when none did (the record is ignored)
 * @param observations the observations the rule emitted (empty when ignored, or when the rule found
 *     nothing to say)
 * @param businessZoneAssumed the places ({@code rule booking_row, field starts_at}) where a
 *     date-time written without an offset was read in the business timezone because neither the
 *     extractor nor the mapping file gave a {@code zone}
 * @param valuesLeftOut how many values found in the record could not be read and were left out
 *     ({@code unreadable: leave_out}), each noted on its observation
 * @param emitsDropped the emits of the rule (by name: {@code hire}, {@code pet[1]}) whose condition
 *     held and which were dropped for a {@code required} value the record does not give, while
 *     another emit stood; each is noted on the first observation
 * @param alsoMatched the later rules of the record's kind whose conditions held too, of those the
 *     caller asked about ({@link SourceMapping#apply(dev.salvage.connectors.RawRecord, RunContext,
 *     java.util.function.Predicate)}): first match wins, so they did not see the record
 * @param foundOnlyInQuote the fields ({@code entity/field}) the rule found no value for whose
 *     extraction finds one in the quoted text its path leaves out on purpose ({@code text_new})
 * @param zonesRead the zones (ids) in which the rule read date-times written without an offset,
 *     whoever named them (the extractor, the mapping file, or the business timezone): what a
 *     backup's columns were taken to hold, which the import compares with the target's columns
 */
public record MappingResult(
    String rule,
    List<Observation> observations,
    Set<String> businessZoneAssumed,
    int valuesLeftOut,
    List<String> emitsDropped,
    List<String> alsoMatched,
    Set<String> foundOnlyInQuote,
    Set<String> zonesRead) {
  private static final MappingResult IGNORED = new MappingResult(null, List.of());

  public MappingResult {
    zonesRead = Set.copyOf(zonesRead);
    observations = List.copyOf(observations);
    businessZoneAssumed = Set.copyOf(businessZoneAssumed);
    emitsDropped = List.copyOf(emitsDropped);
    alsoMatched = List.copyOf(alsoMatched);
    foundOnlyInQuote = Set.copyOf(foundOnlyInQuote);
  }

  /** A result that read no date-time without an offset. */
  public MappingResult(
      String rule,
      List<Observation> observations,
      Set<String> businessZoneAssumed,
      int valuesLeftOut,
      List<String> emitsDropped,
      List<String> alsoMatched,
      Set<String> foundOnlyInQuote) {
    this(
        rule,
        observations,
        businessZoneAssumed,
        valuesLeftOut,
        emitsDropped,
        alsoMatched,
        foundOnlyInQuote,
        Set.of());
  }

  /** The same result, having read date-times without an offset in {@code zones}. */
  MappingResult withZonesRead(Set<String> zones) {
    return new MappingResult(
        rule,
        observations,
        businessZoneAssumed,
        valuesLeftOut,
        emitsDropped,
        alsoMatched,
        foundOnlyInQuote,
        zones);
  }

  /** A result whose fields were never found only in quoted text. */
  public MappingResult(
      String rule,
      List<Observation> observations,
      Set<String> businessZoneAssumed,
      int valuesLeftOut,
      List<String> emitsDropped,
      List<String> alsoMatched) {
    this(
        rule,
        observations,
        businessZoneAssumed,
        valuesLeftOut,
        emitsDropped,
        alsoMatched,
        Set.of());
  }

  /** A result that asked no later rule whether it matched too. */
  public MappingResult(
      String rule,
      List<Observation> observations,
      Set<String> businessZoneAssumed,
      int valuesLeftOut,
      List<String> emitsDropped) {
    this(rule, observations, businessZoneAssumed, valuesLeftOut, emitsDropped, List.of());
  }

  /** A result that assumed no zone, left no value out and dropped no emit. */
  public MappingResult(String rule, List<Observation> observations) {
    this(rule, observations, Set.of(), 0, List.of(), List.of());
  }

  /** The result of a record no rule matched. */
  public static MappingResult ignored() {
    return IGNORED;
  }

  /** Whether no rule matched the record. */
  public boolean isIgnored() {
    return rule == null;
  }
}
