package dev.salvage.mappings;

import java.time.Instant;
import java.util.function.Predicate;

/**
 * Where a condition finds the values it tests: a place in a record ({@code path}, narrowed by
 * {@code css} or {@code json_ld}), or a merged field of an entity ({@code field}).
 */
interface Operand<C extends Subject> {
  /**
   * Offers every value found (one per element of an array) to {@code visitor} until it returns
   * true.
   *
   * @return whether the visitor returned true
   */
  boolean visit(C subject, Predicate<String> visitor);

  /**
   * {@code value} read as a moment, for {@code before} and {@code after}.
   *
   * @throws ValueException when it is not one
   */
  Instant instant(String value, C subject) throws ValueException;

  /** Where the value is looked for, for messages. */
  String description();

  /** Builds the operands of one kind of condition from the condition's keys. */
  interface Factory<C extends Subject> {
    /** The keys that say where the value is and how it is read (e.g. path, css, format). */
    java.util.Set<String> keys();

    /**
     * The key naming the place itself ({@code path}, {@code field}): what the value of a comparison
     * with another place ({@code equals_field}) names.
     */
    String placeKey();

    /**
     * The operand of the condition in {@code spec}.
     *
     * @param timed whether the condition compares times (its value must be readable as one)
     */
    Operand<C> operand(Section spec, boolean timed) throws MappingException;
  }
}
