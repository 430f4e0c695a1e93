package dev.salvage.mappings;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code datetime} (to an ISO-8601 UTC instant) and {@code date} (to an ISO date).
 *
 * <p>A date-time written without an offset is read in the zone of the field (a literal, one read
 * from the record, or the business's). Where that local time does not exist (the hour skipped when
 * clocks go forward) it is moved later by the length of the gap, as a wall clock would show it;
 * where it exists twice (the hour repeated when clocks go back) the earlier instant is taken. Both
 * follow {@link ZonedDateTime#ofLocal} with no preferred offset.
 */
final class TemporalValue implements ValueType {
  /**
   * ISO-8601, leniently: {@code T} or a space, optional seconds, {@code Z}, {@code +01:00}, {@code
   * +0100}, {@code +01}, optional {@code [Zone/Id]}, or a date alone.
   */
  private static final DateTimeFormatter ISO =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .append(DateTimeFormatter.ISO_LOCAL_TIME)
          .optionalStart()
          .appendOffset("+HH:MM:ss", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMMss", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH", "Z")
          .optionalEnd()
          .optionalStart()
          .appendLiteral('[')
          .parseCaseSensitive()
          .appendZoneRegionId()
          .appendLiteral(']')
          .optionalEnd()
          .optionalEnd()
          .toFormatter(Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT)
          .withChronology(IsoChronology.INSTANCE);

  /** An RFC 5322 mail date ({@code Tue, 10 Mar 2026 09:15:00 +0000}), accepted as iso too. */
  private static final Pattern MAIL_DATE =
      Pattern.compile("([A-Za-z]{3}, *)?[0-9]{1,2} [A-Za-z]{3} [0-9]{4} ");

  /**
   * A day of the month written as an ordinal, which no {@code java.time} pattern reads: French
   * {@code 1er mars}, English {@code March 3rd}, Spanish and Portuguese {@code 1º de marzo}. A
   * trailing dot ({@code 3. März}) is not one: patterns write it as a literal.
   */
  private static final Pattern ORDINAL_DAY =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}])([0-9]{1,2})(?:er|re|st|nd|rd|th|º|ª|°)(?![\\p{L}\\p{N}])",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private static final Pattern COMMENT = Pattern.compile("\\s*\\([^)]*\\)\\s*$");
  private static final Pattern EPOCH = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

  enum Format {
    ISO,
    EPOCH_SECONDS,
    EPOCH_MILLIS,
    PATTERN
  }

  /** Where the zone of local date-times comes from. */
  interface ZoneSource {
    ZoneId zone(RecordContext context) throws ValueException;

    default boolean readsRecord() {
      return false;
    }

    /**
     * Whether the mapping names this zone ({@code zone:}), rather than the business's being taken:
     * a {@code date} read from an instant is then that zone's day.
     */
    default boolean named() {
      return false;
    }
  }

  private final FieldType fieldType;
  private final Format format;
  private final String formatText;
  private final DateTimeFormatter formatter;
  private final List<DateTimeFormatter> regionalSpellings;
  private final Map<String, String> abbreviations;
  private final Locale locale;
  private final ZoneSource zone;
  private final ZoneNames zoneNames;
  // an English pattern with an AM/PM field reads noon and midnight as 12 PM and 12 AM
  private final boolean noonAndMidnight;

  private TemporalValue(
      FieldType fieldType,
      Format format,
      String formatText,
      DateTimeFormatter formatter,
      List<DateTimeFormatter> regionalSpellings,
      Map<String, String> abbreviations,
      Locale locale,
      ZoneSource zone) {
    this.fieldType = fieldType;
    this.format = format;
    this.formatText = formatText;
    this.formatter = formatter;
    this.regionalSpellings = List.copyOf(regionalSpellings);
    this.abbreviations = Map.copyOf(abbreviations);
    this.locale = locale;
    this.zone = zone;
    this.zoneNames = format == Format.PATTERN ? ZoneNames.of(formatText, locale) : null;
    this.noonAndMidnight =
        format == Format.PATTERN
            && locale.getLanguage().equals("en")
            && formatText.replaceAll("'[^']*'", "").indexOf('a') >= 0;
  }

  /**
   * A {@code datetime} or {@code date} value type.
   *
   * @param formatText {@code iso}, {@code epoch_seconds}, {@code epoch_millis} or a {@code
   *     java.time} pattern
   * @throws IllegalArgumentException when the pattern is not valid
   */
  static TemporalValue of(FieldType fieldType, String formatText, Locale locale, ZoneSource zone) {
    Format format =
        switch (formatText) {
          case "iso" -> Format.ISO;
          case "epoch_seconds" -> Format.EPOCH_SECONDS;
          case "epoch_millis" -> Format.EPOCH_MILLIS;
          default -> Format.PATTERN;
        };
    DateTimeFormatter formatter =
        switch (format) {
          case ISO -> ISO;
          case PATTERN -> pattern(Texts.narrowPunctuation(formatText), locale);
          default -> null;
        };
    List<DateTimeFormatter> regional =
        format == Format.PATTERN
            ? regionalSpellings(Texts.narrowPunctuation(formatText), locale, formatter)
            : List.of();
    Map<String, String> abbreviations =
        format == Format.PATTERN
                && NAMED_FIELDS.matcher(formatText.replaceAll("'[^']*'", "")).find()
            ? abbreviations(locale)
            : Map.of();
    return new TemporalValue(
        fieldType, format, formatText, formatter, regional, abbreviations, locale, zone);
  }

  /** A word, with the dot that may end an abbreviation. */
  private static final Pattern WORD = Pattern.compile("\\p{L}+\\.?");

  /**
   * Other spellings of the locale's abbreviated month and day names, lower case, to the locale's
   * own: each with and without its trailing dot, and the stand-alone abbreviations ({@code LLL},
   * {@code ccc}) with and without theirs. Java's CLDR data writes Dutch {@code mrt.} and German
   * {@code Jan.} where glibc's {@code %b}, Django and PHP write {@code mrt} and {@code Jan}, and
   * Spanish {@code ene} where Spanish sites write {@code ene.}; German stand-alone {@code Mär} is
   * {@code März} in a date. A spelling that would stand for two names is left out.
   */
  private static Map<String, String> abbreviations(Locale locale) {
    Map<String, String> variants = new LinkedHashMap<>();
    Set<String> ambiguous = new HashSet<>();
    Set<String> own = new HashSet<>();
    for (int i = 1; i <= 12; i++) {
      // 2026-06-01 is a Monday: June's first seven days give every weekday
      LocalDate month = LocalDate.of(2026, i, 1);
      LocalDate day = LocalDate.of(2026, 6, Math.min(i, 7));
      List<String[]> pairs =
          List.of(
              new String[] {written("MMM", month, locale), written("LLL", month, locale)},
              new String[] {written("EEE", day, locale), written("ccc", day, locale)});
      for (String[] pair : pairs) {
        String spelled = pair[0];
        if (!WORD.matcher(spelled).matches()) {
          continue; // 3月, 火: no dot to add or drop
        }
        own.add(spelled.toLowerCase(Locale.ROOT));
        for (String standAlone : List.of(spelled, pair[1])) {
          for (String variant : List.of(standAlone, toggledDot(standAlone))) {
            String key = variant.toLowerCase(Locale.ROOT);
            String known = variants.putIfAbsent(key, spelled);
            if (known != null && !known.equalsIgnoreCase(spelled)) {
              ambiguous.add(key);
            }
          }
        }
      }
    }
    variants.keySet().removeAll(ambiguous);
    variants.keySet().removeAll(own);
    return variants;
  }

  private static String written(String pattern, LocalDate date, Locale locale) {
    return DateTimeFormatter.ofPattern(pattern, locale).format(date);
  }

  private static String toggledDot(String name) {
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name + ".";
  }

  /** {@code text} with abbreviations spelled otherwise written as the locale spells them. */
  private String ownAbbreviations(String text) {
    Matcher word = WORD.matcher(text);
    StringBuilder out = new StringBuilder();
    while (word.find()) {
      String own = abbreviations.get(word.group().toLowerCase(Locale.ROOT));
      word.appendReplacement(out, Matcher.quoteReplacement(own != null ? own : word.group()));
    }
    word.appendTail(out);
    return out.toString();
  }

  /** Pattern letters whose text (month and day names, AM/PM) a locale spells its own way. */
  private static final Pattern NAMED_FIELDS = Pattern.compile("MMM|LLL|E|c{3}|a|B");

  /**
   * The pattern in the other regions of the locale's language that spell names otherwise, one
   * formatter per spelling: British English writes September {@code Sept}, American {@code Sep}, so
   * a mapping that says {@code en-GB} must still read {@code 3 Sep 2026} (PHP's {@code j M Y}), and
   * one that says {@code en} must read {@code 5 Sept 2026}. Only tried when the locale's own
   * spelling does not read a value.
   */
  private static List<DateTimeFormatter> regionalSpellings(
      String pattern, Locale locale, DateTimeFormatter own) {
    if (!NAMED_FIELDS.matcher(pattern.replaceAll("'[^']*'", "")).find()) {
      return List.of();
    }
    Map<String, DateTimeFormatter> bySpelling = new LinkedHashMap<>();
    try {
      bySpelling.put(spelling(own), own);
      for (Locale other : Locale.getAvailableLocales()) {
        if (other.getLanguage().equals(locale.getLanguage()) && !other.equals(locale)) {
          DateTimeFormatter formatter = pattern(pattern, other);
          bySpelling.putIfAbsent(spelling(formatter), formatter);
        }
      }
    } catch (DateTimeException e) {
      return List.of(); // a pattern that cannot write a sample date: its own spelling only
    }
    bySpelling.remove(spelling(own));
    return List.copyOf(bySpelling.values());
  }

  /** How {@code formatter} writes every month, weekday and half of the day: its spelling. */
  private static String spelling(DateTimeFormatter formatter) {
    StringBuilder written = new StringBuilder();
    for (int month = 1; month <= 12; month++) {
      written
          .append(
              formatter.format(
                  ZonedDateTime.of(2026, month, month, 7 + month, 30, 0, 0, ZoneOffset.UTC)))
          .append('\n');
    }
    return written.toString();
  }

  private static DateTimeFormatter pattern(String pattern, Locale locale) {
    DateTimeFormatterBuilder builder =
        new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern);
    // yyyy is the year of an era; strict resolving needs the era, which such patterns never hold
    if (pattern.indexOf('y') >= 0 && pattern.indexOf('G') < 0) {
      builder.parseDefaulting(ChronoField.ERA, 1);
    }
    return builder
        .toFormatter(locale)
        .withResolverStyle(ResolverStyle.STRICT)
        .withChronology(IsoChronology.INSTANCE);
  }

  @Override
  public FieldType fieldType() {
    return fieldType;
  }

  @Override
  public boolean readsRecord() {
    return zone.readsRecord();
  }

  @Override
  public String read(String text, RecordContext context) throws ValueException {
    return reading(text, context).value();
  }

  /**
   * A canonical value and, when it was read from a wall-clock time its zone skips or repeats, the
   * guess that made it one instant (null otherwise).
   */
  record Reading(String value, LocalTimeGuess guess) {}

  /** {@link #canonical}, with the guess a local time in a gap or an overlap made. */
  Reading reading(String written, RecordContext context) throws ValueException {
    String text = Texts.withoutDirectionMarks(written);
    String trimmed = Texts.asciiDigits(Texts.narrowPunctuation(text).strip());
    try {
      return switch (format) {
        case EPOCH_SECONDS, EPOCH_MILLIS -> new Reading(fromInstant(epoch(trimmed), context), null);
        default ->
            format == Format.ISO && MAIL_DATE.matcher(trimmed).lookingAt()
                ? new Reading(
                    fromOffset(
                        context,
                        OffsetDateTime.parse(
                            COMMENT.matcher(trimmed).replaceFirst(""),
                            DateTimeFormatter.RFC_1123_DATE_TIME)),
                    null)
                : fromParsed(
                    zoneNamed(gregorianYear(parse(trimmed), text), trimmed, context),
                    text.strip(),
                    context);
      };
    } catch (DateTimeException | ArithmeticException e) {
      throw new ValueException(
          notInFormat(text)
              + (namesText() ? " (locale " + locale.toLanguageTag() + ")" : "")
              + weekdayMismatch(trimmed));
    }
  }

  /** {@code "2026-13-01" is not a date in format yyyy-MM-dd}, how a refusal of a pattern starts. */
  private String notInFormat(String text) {
    return Texts.quote(text)
        + " is not a "
        + (fieldType == FieldType.DATE ? "date" : "date-time")
        + " in format "
        + formatText;
  }

  /**
   * The years of another calendar a pattern may read as Gregorian ones: Hijri and Solar Hijri years
   * of dates from 1883 to 2175 (1300-1599), Buddhist-era years of dates from 1857 to 2156
   * (2400-2699). No business record holds a Gregorian date in them, while years outside them are
   * often real sentinels an application writes and must get back (0001-01-01, SQL Server's
   * 1753-01-01, an open end 2999-12-31 or 9999-12-31).
   */
  static final int HIJRI_FROM = 1300;

  static final int HIJRI_TO = 1599;
  static final int BUDDHIST_FROM = 2400;
  static final int BUDDHIST_TO = 2699;

  /**
   * {@code parsed} unless a pattern read a year that is another calendar's; then refused: a date of
   * another calendar written in the same digits ({@code ١٤٤٨/٠٥/٠٤}, Hijri 1448, is 2026; Solar
   * Hijri 1405 and the Buddhist era's 2569 are 2026 too) read as a Gregorian date centuries away,
   * which no check caught (trial 82).
   */
  private TemporalAccessor gregorianYear(TemporalAccessor parsed, String text)
      throws ValueException {
    if (format != Format.PATTERN || !parsed.isSupported(ChronoField.YEAR)) {
      return parsed;
    }
    int year = parsed.get(ChronoField.YEAR);
    boolean hijri = year >= HIJRI_FROM && year <= HIJRI_TO;
    if (!hijri && !(year >= BUDDHIST_FROM && year <= BUDDHIST_TO)) {
      return parsed;
    }
    throw new ValueException(
        notInFormat(text)
            + " of the Gregorian calendar: its year "
            + year
            + (hijri
                ? " is a Hijri or Solar Hijri year (1448 and 1405 are 2026)"
                : " is a year of the Buddhist era (2569 is 2026)")
            + ", not one any record of a business falls in; read the Gregorian date the source"
            + " writes beside it, or declare unreadable: leave_out on the field");
  }

  /**
   * When {@code text} fits the pattern but its weekday is not that of its date, what is wrong (""
   * otherwise): the text is then no misspelling but, most often, a day and month read in the other
   * order, which "not a date-time in format" alone does not point at.
   */
  private String weekdayMismatch(String text) {
    if (format != Format.PATTERN) {
      return "";
    }
    TemporalAccessor fields;
    try {
      ParsePosition position = new ParsePosition(0);
      fields = formatter.parseUnresolved(text, position);
      if (fields == null || position.getErrorIndex() >= 0 || position.getIndex() != text.length()) {
        return "";
      }
    } catch (DateTimeException e) {
      return "";
    }
    ChronoField yearField =
        fields.isSupported(ChronoField.YEAR) ? ChronoField.YEAR : ChronoField.YEAR_OF_ERA;
    if (!fields.isSupported(ChronoField.DAY_OF_WEEK)
        || !fields.isSupported(yearField)
        || !fields.isSupported(ChronoField.MONTH_OF_YEAR)
        || !fields.isSupported(ChronoField.DAY_OF_MONTH)) {
      return "";
    }
    int year = (int) fields.getLong(yearField);
    int month = (int) fields.getLong(ChronoField.MONTH_OF_YEAR);
    int day = (int) fields.getLong(ChronoField.DAY_OF_MONTH);
    DayOfWeek written = DayOfWeek.of((int) fields.getLong(ChronoField.DAY_OF_WEEK));
    LocalDate date;
    try {
      date = LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      return ""; // no such date: the format's own message says enough
    }
    if (date.getDayOfWeek() == written) {
      return "";
    }
    String said =
        ": "
            + weekday(written)
            + " is not the weekday of "
            + date
            + " (a "
            + weekday(date.getDayOfWeek())
            + ")";
    try {
      LocalDate swapped = LocalDate.of(year, day, month);
      if (swapped.getDayOfWeek() == written) {
        return said + ", but is that of " + swapped + ": are day and month swapped?";
      }
    } catch (DateTimeException e) {
      // no date with day and month swapped
    }
    return said;
  }

  private static String weekday(DayOfWeek day) {
    return day.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
  }

  private boolean namesText() {
    return format == Format.PATTERN
        && NAMED_FIELDS.matcher(formatText.replaceAll("'[^']*'", "")).find();
  }

  /**
   * Parses with the format, then, for a pattern, once more with ordinal days written as plain
   * numbers: a business's mail says {@code dimanche 1er mars} on the first of the month and {@code
   * lundi 2 mars} on the other days, and one pattern must read both.
   */
  private TemporalAccessor parse(String text) {
    DateTimeException first;
    try {
      return parse(formatter, text);
    } catch (DateTimeException e) {
      first = e;
    }
    String plain = format == Format.PATTERN ? ORDINAL_DAY.matcher(text).replaceAll("$1") : text;
    List<String> tried = plain.equals(text) ? List.of(text) : List.of(plain, text);
    if (!plain.equals(text)) {
      try {
        return parse(formatter, plain);
      } catch (DateTimeException e) {
        // the other regions' spellings, below
      }
    }
    for (DateTimeFormatter regional : regionalSpellings) {
      for (String candidate : tried) {
        try {
          return parse(regional, candidate);
        } catch (DateTimeException e) {
          // the next spelling
        }
      }
    }
    if (!abbreviations.isEmpty()) {
      for (String candidate : tried) {
        String spelled = ownAbbreviations(candidate);
        if (!spelled.equals(candidate)) {
          try {
            return parse(formatter, spelled);
          } catch (DateTimeException e) {
            // the next candidate
          }
        }
      }
    }
    if (noonAndMidnight) {
      for (String candidate : tried) {
        for (String clock : clockWords(candidate)) {
          try {
            return parse(formatter, clock);
          } catch (DateTimeException e) {
            // the next spelling of 12 o'clock
          }
        }
      }
    }
    throw first;
  }

  /** English words for 12 o'clock, with the {@code 12} or {@code 12:00} that may come before. */
  private static final Pattern NOON =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}])(?:12(?:[:.]00)?\\s*)?(?:noon|midday)(?![\\p{L}])",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern MIDNIGHT =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}])(?:12(?:[:.]00)?\\s*)?midnight(?![\\p{L}])",
          Pattern.CASE_INSENSITIVE);

  /** How patterns with an AM/PM field write 12 o'clock, one of which the pattern reads. */
  private static final List<String> TWELVE =
      List.of("12", "12 ", "12:00", "12:00 ", "12:00:00", "12:00:00 ", "12.00", "12.00 ");

  /**
   * {@code text} with {@code noon}, {@code 12 noon} or {@code midday} written as 12:00 PM and
   * {@code midnight} as 12:00 AM (of the date written), in each way a pattern may write them; empty
   * when it holds none of the words. US mail writes {@code 3/29/26 noon} where {@code M/d/yy ha}
   * expects {@code 12PM}.
   */
  private static List<String> clockWords(String text) {
    Matcher noon = NOON.matcher(text);
    Matcher midnight = MIDNIGHT.matcher(text);
    boolean atNoon = noon.find();
    if (!atNoon && !midnight.find()) {
      return List.of();
    }
    List<String> spellings = new java.util.ArrayList<>();
    for (String twelve : TWELVE) {
      String written = twelve + (atNoon ? "PM" : "AM");
      spellings.add((atNoon ? noon : midnight).replaceFirst(Matcher.quoteReplacement(written)));
    }
    return spellings;
  }

  /**
   * The local date-time {@code text} names when it names no offset or zone (a date alone: its
   * midnight), or null when it names one: where that wall time is missing or doubled in the zone,
   * the instant {@link #canonical} chose is a guess a person typing it can be asked to settle.
   */
  LocalDateTime localDateTime(String text) {
    String trimmed =
        Texts.asciiDigits(Texts.narrowPunctuation(Texts.withoutDirectionMarks(text)).strip());
    if (formatter == null || (format == Format.ISO && MAIL_DATE.matcher(trimmed).lookingAt())) {
      return null;
    }
    try {
      TemporalAccessor parsed = parse(trimmed);
      if (parsed instanceof LocalDateTime local) {
        return local;
      }
      return parsed instanceof LocalDate date ? date.atStartOfDay() : null;
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static TemporalAccessor parse(DateTimeFormatter formatter, String text) {
    return formatter.parseBest(text, ZonedDateTime::from, LocalDateTime::from, LocalDate::from);
  }

  /**
   * A canonical value of this type moved by {@code amount} units: days and weeks as calendar days
   * in the value's zone (a stay from 15:00 before the clocks change ends at 15:00 after it), hours
   * and minutes as elapsed time.
   */
  /** The format as the mapping writes it ({@code dd/MM/yyyy}, {@code iso}), for messages. */
  String formatText() {
    return formatText;
  }

  String plus(String canonical, long amount, ChronoUnit unit, RecordContext context)
      throws ValueException {
    try {
      if (fieldType == FieldType.DATE) {
        return LocalDate.parse(canonical).plus(amount, unit).toString();
      }
      Instant instant = Instant.parse(canonical);
      if (unit == ChronoUnit.DAYS || unit == ChronoUnit.WEEKS) {
        return ZonedDateTime.ofInstant(instant, zone.zone(context))
            .plus(amount, unit)
            .toInstant()
            .toString();
      }
      return instant.plus(amount, unit).toString();
    } catch (DateTimeException | ArithmeticException e) {
      throw new ValueException(
          Texts.quote(canonical) + " plus " + amount + " " + unit + " is out of range");
    }
  }

  private Instant epoch(String text) {
    if (!EPOCH.matcher(text).matches()) {
      throw new DateTimeException("not a number");
    }
    BigDecimal value = new BigDecimal(text);
    if (format == Format.EPOCH_MILLIS) {
      value = value.movePointLeft(3);
    }
    BigDecimal seconds = value.setScale(0, RoundingMode.FLOOR);
    int nanos = value.subtract(seconds).movePointRight(9).intValue();
    return Instant.ofEpochSecond(seconds.longValueExact(), nanos);
  }

  private String fromInstant(Instant instant, RecordContext context) throws ValueException {
    if (fieldType == FieldType.DATE) {
      return LocalDate.ofInstant(instant, zone.zone(context)).toString();
    }
    return instant.toString();
  }

  private String fromOffset(RecordContext context, OffsetDateTime dateTime) throws ValueException {
    if (fieldType != FieldType.DATE) {
      return dateTime.toInstant().toString();
    }
    return zone.named()
        ? dateTime.atZoneSameInstant(zone.zone(context)).toLocalDate().toString()
        : dateTime.toLocalDate().toString();
  }

  /**
   * {@code parsed} in the zone its zone name stands for at that date and in the field's zone
   * ({@link ZoneNames}), not in the one zone {@code java.time} maps the name to everywhere.
   */
  private TemporalAccessor zoneNamed(TemporalAccessor parsed, String text, RecordContext context)
      throws ValueException {
    return zoneNames != null && parsed instanceof ZonedDateTime zoned
        ? zoneNames.resolve(zoned, text, zone, context)
        : parsed;
  }

  private Reading fromParsed(TemporalAccessor parsed, String written, RecordContext context)
      throws ValueException {
    if (fieldType == FieldType.DATE) {
      // an instant stored for a day (MongoDB's $date, JavaScript's toISOString of local midnight:
      // 2025-09-30T22:00:00.000Z for 1 October in Berlin) is the named zone's day; without a
      // zone, the day as written
      if (parsed instanceof ZonedDateTime zoned && zone.named()) {
        return new Reading(
            zoned.withZoneSameInstant(zone.zone(context)).toLocalDate().toString(), null);
      }
      return new Reading(LocalDate.from(parsed).toString(), null);
    }
    if (parsed instanceof ZonedDateTime zoned) {
      return new Reading(zoned.toInstant().toString(), null);
    }
    ZoneId zoneId = zone.zone(context);
    if (context != null) { // null when an operator's edit is read (EditReader): no record to note
      context.readInZone(zoneId);
    }
    if (parsed instanceof LocalDateTime local) {
      return new Reading(
          ZonedDateTime.ofLocal(local, zoneId, null).toInstant().toString(),
          LocalTimeGuess.of(local, zoneId, written));
    }
    return new Reading(((LocalDate) parsed).atStartOfDay(zoneId).toInstant().toString(), null);
  }
}
