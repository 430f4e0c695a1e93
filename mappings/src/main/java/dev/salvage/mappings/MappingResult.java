package dev.salvage.mappings;

import java.util.List;

/**
 * What mapping one raw record gave.
 *
 * @param rule the rule that matched, or null when none did (the record is ignored)
 * @param observations the observations the rule emitted (empty when ignored, or when the rule found
 *     nothing to say)
 */
public record MappingResult(String rule, List<Observation> observations) {
  private static final MappingResult IGNORED = new MappingResult(null, List.of());

  public MappingResult {
    observations = List.copyOf(observations);
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
