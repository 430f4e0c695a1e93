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
    Reading reading = split(Texts.collapse(name), familyWords);
    List<String> wanted =
        switch (part) {
          case GIVEN -> reading.given();
          case FAMILY -> reading.family();
          case FULL -> {
            List<String> all =
                new ArrayList<>(order == Order.GIVEN_FIRST ? reading.given() : reading.family());
            all.addAll(order == Order.GIVEN_FIRST ? reading.family() : reading.given());
            yield all;
          }
        };
    if (wanted.isEmpty()) {
      return null;
    }
    boolean partial = wanted.stream().anyMatch(word -> INITIAL.matcher(word).matches());
    return new Found(String.join(" ", wanted), partial);
  }

  /**
   * A way to read a name as given and family names: the words of each.
   *
   * @param familyWords the {@code family_words} that gives this reading
   */
  public record Reading(List<String> given, List<String> family, int familyWords) {
    public Reading {
      given = List.copyOf(given);
      family = List.copyOf(family);
    }
  }

  /**
   * Every way {@code name} can be read with this order and these particles, one for each {@code
   * family_words} from 1 to 4 that splits it differently, fewest family words first. One reading
   * when the split does not depend on how many words the family name has ({@code Anna Berg}, {@code
   * Jan van der Berg}, {@code Berg, Anna}); more when it does: {@code María García López} is given
   * {@code María García} and family {@code López}, or given {@code María} and family {@code García
   * López}, and only someone who knows the customer can tell which.
   */
  public List<Reading> readings(String name) {
    String text = Texts.collapse(name);
    List<Reading> readings = new ArrayList<>();
    for (int words = 1; words <= 4; words++) {
      Reading reading = split(text, words);
      if (readings.stream().noneMatch(other -> other.family().equals(reading.family()))) {
        readings.add(reading);
      }
    }
    return readings;
  }

  /** The name read with {@code familyWords} words (particles aside) in the family name. */
  private Reading split(String text, int familyWords) {
    int comma = text.indexOf(',');
    if (comma >= 0 && comma == text.lastIndexOf(',')) {
      return new Reading(
          words(text.substring(comma + 1)), words(text.substring(0, comma)), familyWords);
    }
    List<String> words = words(text);
    if (order == Order.GIVEN_FIRST) {
      int split = familyStart(words, familyWords);
      return new Reading(words.subList(0, split), words.subList(split, words.size()), familyWords);
    }
    int split = familyEnd(words, familyWords);
    return new Reading(words.subList(split, words.size()), words.subList(0, split), familyWords);
  }

  private static List<String> words(String text) {
    String stripped = text.strip();
    return stripped.isEmpty() ? List.of() : Arrays.asList(stripped.split(" "));
  }

  /** Given names first: where the family name starts; at least one word stays given. */
  private int familyStart(List<String> words, int familyWords) {
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
  private int familyEnd(List<String> words, int familyWords) {
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
