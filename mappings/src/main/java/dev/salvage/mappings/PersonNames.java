package dev.salvage.mappings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A person's name read as given and family names ({@code name:} on an extractor). The family name
 * is the last {@code family_words} words (the first, for locales that write the family name first)
 * with the particles right before them ({@code van der}, {@code de la}); the given names are the
 * rest, however many words. {@code Berg, Anna} names the family before the comma. A name with an
 * initial ({@code Anna K.}, {@code A. Berg}) is partial: it helps linking but is never a value.
 *
 * <p>Public so that the import can fill a table's given and family name columns from a record that
 * has only a full name (a Stripe cardholder, a calendar title) with the same rules as the mappings.
 */
public final class PersonNames {
  /** The words that belong to the family name that follows them when none are configured. */
  public static final List<String> DEFAULT_PARTICLES =
      List.of(
          "al", "bin", "da", "das", "de", "degli", "dei", "del", "della", "der", "di", "do", "dos",
          "du", "el", "la", "le", "ten", "ter", "van", "von", "y", "zu");

  private static final Pattern INITIAL = Pattern.compile("(\\p{L}\\.)+|\\p{L}|\\p{L}\\.-\\p{L}\\.");

  /** Which part of the name the extractor gives. */
  public enum Part {
    FULL,
    GIVEN,
    FAMILY
  }

  /** Which part a locale writes first. */
  public enum Order {
    GIVEN_FIRST,
    FAMILY_FIRST
  }

  /** A part of a name, and whether it holds an initial. */
  public record Found(String text, boolean partial) {}

  private final Part part;
  private final Order order;
  private final Set<String> particles;
  private final int familyWords;

  /**
   * @param familyWords how many words (particles aside) the family name has, 1 to 4
   */
  public PersonNames(Part part, Order order, List<String> particles, int familyWords) {
    this.part = part;
    this.order = order;
    this.particles = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    this.particles.addAll(particles);
    this.familyWords = familyWords;
  }

  /** The part of {@code name} this extractor gives, or null when the name has no such part. */
  public Found apply(String name) {
    String text = Texts.collapse(name);
    List<String> given;
    List<String> family;
    int comma = text.indexOf(',');
    if (comma >= 0 && comma == text.lastIndexOf(',')) {
      family = words(text.substring(0, comma));
      given = words(text.substring(comma + 1));
    } else {
      List<String> words = words(text);
      int split = order == Order.GIVEN_FIRST ? familyStart(words) : familyEnd(words);
      if (order == Order.GIVEN_FIRST) {
        given = words.subList(0, split);
        family = words.subList(split, words.size());
      } else {
        family = words.subList(0, split);
        given = words.subList(split, words.size());
      }
    }
    List<String> wanted =
        switch (part) {
          case GIVEN -> given;
          case FAMILY -> family;
          case FULL -> {
            List<String> all = new ArrayList<>(order == Order.GIVEN_FIRST ? given : family);
            all.addAll(order == Order.GIVEN_FIRST ? family : given);
            yield all;
          }
        };
    if (wanted.isEmpty()) {
      return null;
    }
    boolean partial = wanted.stream().anyMatch(word -> INITIAL.matcher(word).matches());
    return new Found(String.join(" ", wanted), partial);
  }

  private static List<String> words(String text) {
    String stripped = text.strip();
    return stripped.isEmpty() ? List.of() : Arrays.asList(stripped.split(" "));
  }

  /** Given names first: where the family name starts; at least one word stays given. */
  private int familyStart(List<String> words) {
    if (words.size() < 2) {
      return words.size();
    }
    int start = words.size();
    int taken = 0;
    while (start > 1 && taken < familyWords) {
      start--;
      if (!isParticle(words.get(start))) {
        taken++;
      }
    }
    while (start > 1 && isParticle(words.get(start - 1))) {
      start--;
    }
    return start;
  }

  /** Family name first: where it ends; at least one word stays given. */
  private int familyEnd(List<String> words) {
    if (words.size() < 2) {
      return words.size();
    }
    int end = 0;
    int taken = 0;
    while (end < words.size() - 1 && taken < familyWords) {
      if (!isParticle(words.get(end))) {
        taken++;
      }
      end++;
    }
    return end;
  }

  private boolean isParticle(String word) {
    return particles.contains(word);
  }

  static Part part(String text) {
    return Part.valueOf(text.toUpperCase(Locale.ROOT));
  }
}
