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
 * @param groupings for {@code like_existing}, how the column's rows group the digits of each kind
 *     of number ({@link #groupingKey}) to the template most of them hold ({@code ### ## ###}, a
 *     {@code #} a digit), or {@link #TIED} when two are held equally; kinds not in it are written
 *     as libphonenumber groups them
 */
record PhoneFormat(Style style, String region, String regionFrom, Map<String, String> groupings) {
  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  /** What a stored number may hold besides its digits and a leading {@code +}. */
  private static final java.util.regex.Pattern WRITTEN =
      java.util.regex.Pattern.compile("\\+?[0-9(][0-9 ()./-]*[0-9]");

  /** A grouping two templates are held by equally many rows: not chosen by a rule. */
  static final String TIED = "";

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
    groupings = groupings == null ? Map.of() : Map.copyOf(groupings);
  }

  /** A format as the column declares it, its region (or none) set on the column. */
  PhoneFormat(Style style, String region) {
    this(style, region, null, Map.of());
  }

  PhoneFormat(Style style, String region, String regionFrom) {
    this(style, region, regionFrom, Map.of());
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
    Style written = style == Style.NATIONAL && !dialledAtHome(number) ? Style.INTERNATIONAL : style;
    String library = PHONES.format(number, written.library);
    String template = groupings.get(groupingKey(written, number, digits(library).length()));
    if (template == null) {
      return library;
    }
    if (template.equals(TIED)) {
      throw new IllegalArgumentException(
          "'"
              + value
              + "' is a "
              + kind(written, number, digits(library).length())
              + ", which the column's rows group in two ways equally often, so it cannot be"
              + " written like them; set format to e164, international or national (written as"
              + " libphonenumber groups numbers)");
    }
    return fill(template, digits(library));
  }

  /**
   * Whether the region dials {@code number} without its country code: whether they share a country
   * calling code, one numbering plan. Not the region libphonenumber places the number in, which it
   * does only for a number it holds valid: the UK's 07700 900xxx, kept for fiction, is in no
   * region, and a Guernsey mobile (07911) in GG though dialled 07911 from Manchester; both were
   * written {@code +44 7700 900555} into a column of national numbers. Parsed with the region, such
   * a number is one of its plan's.
   */
  private boolean dialledAtHome(PhoneNumber number) {
    return number.getCountryCode() == PHONES.getCountryCodeForRegion(region);
  }

  /** The template with its {@code #}s replaced by {@code digits}, in order. */
  private static String fill(String template, String digits) {
    StringBuilder out = new StringBuilder();
    int next = 0;
    for (char c : template.toCharArray()) {
      out.append(c == '#' ? digits.charAt(next++) : c);
    }
    return out.toString();
  }

  private static String digits(String text) {
    return text.replaceAll("[^0-9]", "");
  }

  /**
   * The kind of number a grouping is learnt for: the style, the country, the type (mobile, fixed
   * line) and how many digits the style writes. Norwegians group mobile numbers {@code 412 34 567}
   * and landlines {@code 22 12 34 56}, both of eight digits, so the type counts.
   */
  static String groupingKey(Style style, PhoneNumber number, int digits) {
    return style.yamlName()
        + " +"
        + number.getCountryCode()
        + " "
        + PHONES.getNumberType(number).name().toLowerCase(Locale.ROOT)
        + " "
        + digits;
  }

  /** For messages: {@code national +47 mobile number of 8 digits}. */
  private static String kind(Style style, PhoneNumber number, int digits) {
    return style.yamlName()
        + " +"
        + number.getCountryCode()
        + " "
        + PHONES.getNumberType(number).name().toLowerCase(Locale.ROOT).replace('_', ' ')
        + " number of "
        + digits
        + " digits";
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
   * The style {@code stored} is written in, whatever the grouping of its digits, or empty: e164 is
   * {@code +} and the digits alone, international the country code and the number grouped ({@code
   * +47 412 34 567}, {@code +39-349-618-7766}), national the digits the country dials at home,
   * trunk prefix included ({@code 412 34 567} in Norway, {@code 0151 2345 6789} in Germany),
   * recognised only with a region. Digits that are not exactly the number's in one of these ways
   * ({@code 0039 ...}, a US {@code 1 415 ...}), or text besides separators, are in no style.
   */
  Optional<Style> styleOf(String stored) {
    String text = stored.strip();
    Optional<PhoneNumber> number = parse(text);
    if (number.isEmpty() || !WRITTEN.matcher(text).matches()) {
      return Optional.empty();
    }
    String digits = digits(text);
    if (text.startsWith("+")) {
      if (!digits.equals(digits(PHONES.format(number.get(), PhoneNumberFormat.E164)))) {
        return Optional.empty();
      }
      return Optional.of(text.equals("+" + digits) ? Style.E164 : Style.INTERNATIONAL);
    }
    if (region != null
        && region.equals(PHONES.getRegionCodeForNumber(number.get()))
        && digits.equals(digits(PHONES.format(number.get(), PhoneNumberFormat.NATIONAL)))) {
      return Optional.of(Style.NATIONAL);
    }
    return Optional.empty();
  }

  /**
   * How {@code stored} groups its digits, as a template ({@code ### ## ###}), under its {@link
   * #groupingKey}; empty when it is in no style.
   */
  Optional<Map.Entry<String, String>> grouping(String stored) {
    Optional<Style> found = styleOf(stored);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    String text = stored.strip();
    PhoneNumber number = parse(text).orElseThrow();
    return Optional.of(
        Map.entry(
            groupingKey(found.get(), number, digits(text).length()),
            text.replaceAll("[0-9]", "#")));
  }

  /**
   * What a column's rows hold: how many are in each style and how many in none. Plan reads them for
   * {@code like_existing} and names the counts, so the operator sees what it was chosen from.
   */
  record Census(
      Map<Style, Long> styles,
      long other,
      Map<String, Map<String, Long>> groupings,
      Map<String, String> libraryGroupings) {
    Census {
      styles = Map.copyOf(styles);
      groupings = Map.copyOf(groupings);
      libraryGroupings = Map.copyOf(libraryGroupings);
    }

    /**
     * For each kind of number of {@code style}, the template most rows of that kind hold, or {@link
     * #TIED}: what {@link PhoneFormat#groupings} takes.
     */
    Map<String, String> groupingsOf(Style style) {
      Map<String, String> chosen = new java.util.TreeMap<>();
      groupings.forEach(
          (key, templates) -> {
            // a national column writes other countries' numbers internationally
            if (key.startsWith(style.yamlName() + " ")
                || (style == Style.NATIONAL && key.startsWith("international "))) {
              long most = templates.values().stream().mapToLong(Long::longValue).max().orElse(0);
              List<String> top =
                  templates.entrySet().stream()
                      .filter(entry -> entry.getValue() == most)
                      .map(Map.Entry::getKey)
                      .toList();
              // libphonenumber's grouping among the tied is what was written before the rows were
              // read at all; any other tie is the operator's to settle
              String library = libraryGroupings.get(key);
              chosen.put(
                  key, top.size() == 1 ? top.get(0) : top.contains(library) ? library : TIED);
            }
          });
      return chosen;
    }

    /**
     * {@code national +47 mobile 8: ### ## ### (3 of 3 rows)}, each kind of number of {@code style}
     * the rows group otherwise than libphonenumber does, for the plan to say how it groups what it
     * writes.
     */
    String describeGroupings(Style style) {
      List<String> out = new java.util.ArrayList<>();
      groupingsOf(style)
          .forEach(
              (key, template) -> {
                if (template.equals(libraryGroupings.get(key))) {
                  return;
                }
                Map<String, Long> templates = groupings.get(key);
                long all = templates.values().stream().mapToLong(Long::longValue).sum();
                out.add(
                    key
                        + ": "
                        + (template.equals(TIED)
                            ? "no grouping held by most rows ("
                                + templates.entrySet().stream()
                                    .map(entry -> entry.getKey() + " " + entry.getValue())
                                    .sorted()
                                    .collect(Collectors.joining(", "))
                                + ")"
                            : template + " (" + templates.get(template) + " of " + all + " rows)"));
              });
      return String.join("; ", out);
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
    Map<String, Map<String, Long>> groupings = new java.util.HashMap<>();
    Map<String, String> library = new java.util.HashMap<>();
    long other = 0;
    for (String value : stored) {
      Optional<Style> found = styleOf(value);
      if (found.isPresent()) {
        styles.merge(found.get(), 1L, Long::sum);
        Map.Entry<String, String> grouping = grouping(value).orElseThrow();
        groupings
            .computeIfAbsent(grouping.getKey(), key -> new java.util.HashMap<>())
            .merge(grouping.getValue(), 1L, Long::sum);
        library.computeIfAbsent(
            grouping.getKey(),
            key ->
                PHONES
                    .format(parse(value.strip()).orElseThrow(), found.get().library)
                    .replaceAll("[0-9]", "#"));
      } else {
        other++;
      }
    }
    return new Census(styles, other, groupings, library);
  }

  /** This format written in {@code chosen}, each kind of number grouped as {@code groupings}. */
  PhoneFormat withStyle(Style chosen, Map<String, String> groupings) {
    return new PhoneFormat(chosen, region, regionFrom, groupings);
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
