package dev.salvage.connectors;

import java.util.Map;

/**
 * The validated options of one configuration: each option's value, its default when not given, or
 * null. Made by {@link OptionSet#read}.
 */
public final class OptionValues {
  private final OptionSet set;
  private final Map<String, Object> given;

  OptionValues(OptionSet set, Map<String, Object> given) {
    this.set = set;
    this.given = Map.copyOf(given);
  }

  /**
   * The value given, else the option's default, else null.
   *
   * @throws IllegalArgumentException when the option is not one of this set's
   */
  @SuppressWarnings("unchecked")
  public <T> T get(Option<T> option) {
    check(option);
    Object value = given.get(option.name());
    return value != null ? (T) value : option.defaultValue();
  }

  /** Whether the configuration gives the option (a default does not count). */
  public boolean isSet(Option<?> option) {
    check(option);
    return given.containsKey(option.name());
  }

  /** A problem with the value of {@code option}, worded to follow its name. */
  public InvalidOptionException invalid(Option<?> option, String problem) {
    check(option);
    return new InvalidOptionException(option.name(), problem);
  }

  /** A problem spanning several options, worded to stand on its own. */
  public InvalidOptionException invalid(String problem) {
    return new InvalidOptionException(null, problem);
  }

  private void check(Option<?> option) {
    if (!set.declares(option)) {
      throw new IllegalArgumentException(
          "Option " + option.name() + " is not one of " + set.owner() + "'s options");
    }
  }
}
