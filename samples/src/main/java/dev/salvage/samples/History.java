package dev.salvage.samples;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** Lookups in a list of states ordered by the time each began. */
final class History {
  private History() {}

  /** The last state begun at or before {@code at}, or null if none had begun. */
  static <T> T at(List<T> states, Function<T, Instant> since, Instant at) {
    T found = null;
    for (T state : states) {
      if (since.apply(state).isAfter(at)) {
        break;
      }
      found = state;
    }
    return found;
  }

  /** The last state begun strictly before {@code until}, or null. */
  static <T> T before(List<T> states, Function<T, Instant> since, Instant until) {
    T found = null;
    for (T state : states) {
      if (!since.apply(state).isBefore(until)) {
        break;
      }
      found = state;
    }
    return found;
  }
}
