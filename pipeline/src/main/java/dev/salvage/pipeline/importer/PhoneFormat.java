package dev.salvage.pipeline.importer;

import static java.util.Objects.requireNonNull;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How a column holds phone numbers. Records carry them in E.164 ({@code +393496187766}); an
 * application may store {@code +39 349 618 7766} or {@code (415) 555-0134}, and a table holding
 * both after an import is what this prevents. Values are written in the column's style and compared
 * as numbers, so a row holding the number in another style is not a change.
 *
 * @param style the style written; {@link Style#LIKE_EXISTING} only until plan has read the column
 * @param region the ISO 3166 region of numbers stored without a country code, or null; a {@link
 *     Style#NATIONAL} column has one before plan writes values (TargetMapping#withPhoneRegion)
 * @param regionFrom where the region was declared when not on the column (the run config's {@code
 *     business.phone_region}), or null
 */
record PhoneFormat(Style style, String region, String regionFrom) {
  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  /** The styles a column may hold, as libphonenumber formats them. */
  enum Style {
    /** {@code +393496187766} */
    E164(PhoneNumberFormat.E164),
    /** {@code +39 349 618 7766} */
    INTERNATIONAL(PhoneNumberFormat.INTERNATIONAL),
    /** {@code 349 618 7766} in Italy, {@code (415) 555-0134} in the US: needs a region. */
    NATIONAL(PhoneNumberFormat.NATIONAL),
    /** Whichever of the others most of the column's rows hold, found by plan. */
    LIKE_EXISTING(null);

    private final PhoneNumberFormat library;

    Style(PhoneNumberFormat library) {
      this.library = library;
    }

    String yamlName() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Style named(String name) {
      for (Style style : values()) {
        if (style.yamlName().equals(name)) {
          return style;
        }
      }
      return null;
    }

    static String names() {
      return Stream.of(values()).map(Style::yamlName).collect(Collectors.joining(", "));
    }

    /** The styles a stored value can be in. */
    static List<Style> written() {
      return List.of(E164, INTERNATIONAL, NATIONAL);
    }
  }

  PhoneFormat {
    requireNonNull(style, "style");
  }

  /** A format as the column declares it, its region (or none) set on the column. */
  PhoneFormat(Style style, String region) {
    this(style, region, null);
  }

  static boolean isRegion(String region) {
    return PHONES.getSupportedRegions().contains(region);
  }

  /**
   * {@code value} as this column holds it. A number of another country than the region is written
   * in the international style when the column is national: without its country code it would be
   * another number.
   *
   * @throws IllegalArgumentException when {@code value} is not a phone number
   */
  String format(String value) {
    if (style == Style.LIKE_EXISTING) {
      throw new IllegalStateException(
          "like_existing is resolved by plan before values are written");
    }
    if (style == Style.NATIONAL && region == null) {
      throw new IllegalStateException(
          "the national style needs a region before values are written");
    }
    PhoneNumber number =
        parse(value)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "'"
                            + value
                            + "' is not a phone number"
                            + (region == null ? " with a country code" : " (region " + region + ")")
                            + ", so it cannot be written in the "
                            + style.yamlName()
                            + " style"));
    if (style == Style.NATIONAL && !region.equals(PHONES.getRegionCodeForNumber(number))) {
      return PHONES.format(number, PhoneNumberFormat.INTERNATIONAL);
    }
    return PHONES.format(number, style.library);
  }

  /**
   * Whether two stored or planned values are the same number, whatever their styles: {@code +39 349
   * 618 7766} is {@code +393496187766}. Values that are not numbers are compared as text.
   */
  boolean sameNumber(String a, String b) {
    if (a == null || b == null) {
      return a == b;
    }
    Optional<PhoneNumber> left = parse(a);
    Optional<PhoneNumber> right = parse(b);
    if (left.isEmpty() || right.isEmpty()) {
      return a.equals(b);
    }
    return PHONES
        .format(left.get(), PhoneNumberFormat.E164)
        .equals(PHONES.format(right.get(), PhoneNumberFormat.E164));
  }

  /**
   * The style {@code stored} is written in exactly, or empty: {@code +39-349-618-7766} is a number
   * but none of the styles, and national numbers are recognised only with a region.
   */
  Optional<Style> styleOf(String stored) {
    Optional<PhoneNumber> number = parse(stored);
    if (number.isEmpty()) {
      return Optional.empty();
    }
    for (Style candidate : Style.written()) {
      if (candidate == Style.NATIONAL
          && (region == null || !region.equals(PHONES.getRegionCodeForNumber(number.get())))) {
        continue;
      }
      if (PHONES.format(number.get(), candidate.library).equals(stored.strip())) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * What a column's rows hold: how many are in each style and how many in none. Plan reads them for
   * {@code like_existing} and names the counts, so the operator sees what it was chosen from.
   */
  record Census(Map<Style, Long> styles, long other) {
    Census {
      styles = Map.copyOf(styles);
    }

    /** The style most rows hold; empty when none does, or two hold as many. */
    Optional<Style> dominant() {
      long most = styles.values().stream().mapToLong(Long::longValue).max().orElse(0);
      List<Style> top =
          styles.entrySet().stream()
              .filter(entry -> entry.getValue() == most && most > 0)
              .map(Map.Entry::getKey)
              .toList();
      return top.size() == 1 ? Optional.of(top.get(0)) : Optional.empty();
    }

    /**
     * The styles most held when two or more are held equally ({@code international and e164 are
     * held by 2 rows each}), else empty.
     */
    Optional<String> tie() {
      long most = styles.values().stream().mapToLong(Long::longValue).max().orElse(0);
      List<String> top =
          Style.written().stream()
              .filter(style -> most > 0 && styles.getOrDefault(style, 0L) == most)
              .map(Style::yamlName)
              .toList();
      return top.size() < 2
          ? Optional.empty()
          : Optional.of(String.join(" and ", top) + " are held by " + most + " row(s) each");
    }

    /** {@code 812 international, 3 e164, 5 in no style}: the most held first. */
    String describe() {
      StringBuilder out = new StringBuilder();
      // the most held first: that is the one chosen
      List<Style> byCount =
          Style.written().stream()
              .sorted(
                  java.util.Comparator.comparingLong(
                      (Style style) -> -styles.getOrDefault(style, 0L)))
              .toList();
      for (Style style : byCount) {
        long count = styles.getOrDefault(style, 0L);
        if (count > 0) {
          out.append(out.length() == 0 ? "" : ", ")
              .append(count)
              .append(' ')
              .append(style.yamlName());
        }
      }
      if (other > 0 || out.length() == 0) {
        out.append(out.length() == 0 ? "" : ", ").append(other).append(" in no style");
      }
      return out.toString();
    }
  }

  /** Counts the styles of {@code stored}, the values of a column's rows. */
  Census census(Iterable<String> stored) {
    Map<Style, Long> styles = new EnumMap<>(Style.class);
    long other = 0;
    for (String value : stored) {
      Optional<Style> found = styleOf(value);
      if (found.isPresent()) {
        styles.merge(found.get(), 1L, Long::sum);
      } else {
        other++;
      }
    }
    return new Census(styles, other);
  }

  PhoneFormat withStyle(Style chosen) {
    return new PhoneFormat(chosen, region, regionFrom);
  }

  /** For messages and the plan: {@code international}, {@code national (region US)}. */
  String describe() {
    return style.yamlName()
        + (region == null
            ? ""
            : " (region " + region + (regionFrom == null ? "" : ", from " + regionFrom) + ")");
  }

  private Optional<PhoneNumber> parse(String text) {
    try {
      PhoneNumber number = PHONES.parse(text, region == null ? "ZZ" : region);
      return PHONES.isPossibleNumber(number) ? Optional.of(number) : Optional.empty();
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }
}
