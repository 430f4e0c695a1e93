package dev.salvage.mappings;

import dev.salvage.mappings.Yaml.Scalar;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads an extractor's {@code type} and the options of that type into a {@link ValueType}. */
final class ValueTypes {
  private static final Map<FieldType, List<String>> OPTIONS =
      Map.of(
          FieldType.PHONE,
          List.of("region"),
          FieldType.DATETIME,
          List.of("format", "zone", "locale"),
          FieldType.DATE,
          List.of("format", "zone", "locale"),
          FieldType.MONEY,
          List.of("decimal", "minor_digits", "locale", "currency", "trailing_minus"));
  private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

  private ValueTypes() {}

  /** Every option key of every type. */
  static Set<String> optionKeys() {
    Set<String> keys = new HashSet<>();
    OPTIONS.values().forEach(keys::addAll);
    return keys;
  }

  /**
   * The value type of an extractor: its {@code type} key, else {@code declared}; a type the
   * declared field cannot hold, or an option of another type, is an error.
   */
  static ValueType read(Section spec, FieldType declared, Business business, Locale inherited)
      throws MappingException {
    FieldType type = declared;
    String typeName = spec.optionalText("type");
    if (typeName != null) {
      type = FieldType.read(spec, "type", typeName);
      if (!declared.accepts(type)) {
        throw spec.error(
            "type",
            "a "
                + typeName
                + " value cannot fill a field declared as "
                + declared.yamlName()
                + " in the entity model");
      }
    }
    List<String> options = OPTIONS.getOrDefault(type, List.of());
    for (String key : spec.keys()) {
      if (optionKeys().contains(key) && !options.contains(key)) {
        throw spec.error(
            key,
            "is not an option of type "
                + type.yamlName()
                + (options.isEmpty() ? "" : " (its options: " + String.join(", ", options) + ")"));
      }
    }
    return switch (type) {
      case TEXT, NAME, UPPER, LOWER -> new TextValue(type);
      case EMAIL -> new EmailValue();
      case INTEGER -> new IntegerValue();
      case JSON -> new JsonValue();
      case PHONE -> phone(spec, business);
      case MONEY -> money(spec, business, inherited);
      case DATETIME, DATE -> temporal(spec, type, business, inherited);
    };
  }

  /**
   * The value type of {@code type} with no options: ISO-8601 in UTC for times, phones with their
   * country code; for values written in the entity model ({@code derive}, {@code ties}).
   */
  static ValueType plain(FieldType type) {
    return switch (type) {
      case TEXT, NAME, UPPER, LOWER -> new TextValue(type);
      case EMAIL -> new EmailValue();
      case INTEGER -> new IntegerValue();
      case JSON -> new JsonValue();
      case PHONE -> new PhoneValue(null);
      case MONEY -> MoneyValue.plain();
      case DATETIME, DATE ->
          TemporalValue.of(type, "iso", Locale.ENGLISH, context -> ZoneOffset.UTC);
    };
  }

  private static ValueType phone(Section spec, Business business) throws MappingException {
    String region = spec.optionalText("region");
    if (region == null) {
      return new PhoneValue(business.phoneRegion());
    }
    String upper = region.toUpperCase(Locale.ROOT);
    if (!PhoneValue.isRegion(upper)) {
      throw spec.error("region", "\"" + region + "\" is not a phone region (e.g. PT, GB, US)");
    }
    return new PhoneValue(upper);
  }

  private static ValueType money(Section spec, Business business, Locale inherited)
      throws MappingException {
    String decimal = spec.optionalText("decimal");
    if (decimal != null && !decimal.equals(".") && !decimal.equals(",")) {
      throw spec.error("decimal", "must be \".\" or \",\", not \"" + decimal + "\"");
    }
    Locale locale = locale(spec, inherited);
    if (decimal != null && spec.has("locale")) {
      throw spec.error(
          "decimal", "cannot be combined with locale, which gives the decimal separator");
    }
    Character separator =
        decimal != null ? Character.valueOf(decimal.charAt(0)) : MoneyValue.decimalOf(locale);
    String digits = spec.optionalText("minor_digits");
    Integer minorDigits = null;
    if (digits != null) {
      try {
        minorDigits = Integer.parseInt(digits);
      } catch (NumberFormatException e) {
        minorDigits = -1;
      }
      if (minorDigits < 0 || minorDigits > 4) {
        throw spec.error("minor_digits", "must be a number from 0 to 4, not \"" + digits + "\"");
      }
    }
    java.util.Currency businessCurrency =
        business == null || business.currency() == null
            ? null
            : MoneyValue.currency(business.currency());
    return new MoneyValue(
        separator,
        minorDigits,
        currency(spec),
        trailingMinus(spec, locale),
        locale,
        businessCurrency,
        decimal != null);
  }

  /**
   * What a dash after an amount means: {@code trailing_minus}, else exact in Japanese text (a
   * locale {@code ja}), else as the amount's currency says (see {@link MoneyValue.TrailingMinus}).
   */
  private static MoneyValue.TrailingMinus trailingMinus(Section spec, Locale locale)
      throws MappingException {
    String declared = spec.optionalText("trailing_minus");
    if (declared == null) {
      return locale != null && locale.getLanguage().equals("ja")
          ? MoneyValue.TrailingMinus.EXACT
          : MoneyValue.TrailingMinus.BY_CURRENCY;
    }
    return switch (declared.strip().toLowerCase(Locale.ROOT)) {
      case "negative" -> MoneyValue.TrailingMinus.NEGATIVE;
      case "exact" -> MoneyValue.TrailingMinus.EXACT;
      default ->
          throw spec.error(
              "trailing_minus",
              Texts.quote(declared)
                  + " is not a reading of a dash after an amount; readings: negative (1.234,00-"
                  + " is -1234.00), exact (¥24,000- is 24000)");
    };
  }

  private static MoneyValue.CurrencySource currency(Section spec) throws MappingException {
    if (!spec.has("currency")) {
      return null;
    }
    if (spec.node("currency") instanceof Scalar) {
      String code = spec.text("currency");
      java.util.Currency fixed = MoneyValue.currency(code.strip().toUpperCase(Locale.ROOT));
      if (fixed == null) {
        throw spec.error(
            "currency", "\"" + code + "\" is not an ISO 4217 currency code (e.g. EUR)");
      }
      return new MoneyValue.Fixed(fixed);
    }
    Extractor extractor = Extractor.untyped(spec.section("currency", spec.where() + ", currency"));
    return new MoneyValue.CurrencySource() {
      @Override
      public java.util.Currency currency(RecordContext context) throws ValueException {
        String code = extractor.extract(context);
        if (code == null) {
          return null;
        }
        java.util.Currency found = MoneyValue.currency(code.strip().toUpperCase(Locale.ROOT));
        if (found == null) {
          throw new ValueException(
              "currency "
                  + Texts.quote(code)
                  + " ("
                  + extractor.description()
                  + ") is not an ISO 4217 currency code");
        }
        return found;
      }

      @Override
      public boolean readsRecord() {
        return true;
      }
    };
  }

  /** A datetime or date type with the {@code format}, {@code zone} and {@code locale} of spec. */
  static ValueType temporal(Section spec, FieldType type, Business business, Locale inherited)
      throws MappingException {
    String format = spec.optionalText("format");
    Locale locale = locale(spec, inherited);
    if (locale == null) {
      locale = Locale.ENGLISH;
    }
    TemporalValue.ZoneSource zone = zone(spec, business);
    String slip = format == null ? null : patternSlip(format);
    if (slip != null) {
      throw spec.error("format", "\"" + format + "\" " + slip);
    }
    try {
      return TemporalValue.of(type, format == null ? "iso" : format, locale, zone);
    } catch (IllegalArgumentException e) {
      throw spec.error(
          "format", "\"" + format + "\" is not a java.time pattern: " + e.getMessage());
    }
  }

  /**
   * What a date pattern says that no one writing a date means, or null: {@code mm} (minutes)
   * without an hour where the month {@code MM} was meant, {@code YYYY} (the week-based year, which
   * is the next year for the last days of December) without a week, {@code DD} (the day of the
   * year) beside a month. Each is a valid java.time pattern that fails on every date, or on the
   * last days of a year alone ({@code YYYY}), so it is refused at load with the pattern meant.
   */
  static String patternSlip(String format) {
    if (List.of("iso", "epoch_seconds", "epoch_millis").contains(format)) {
      return null;
    }
    String letters = format.replaceAll("'[^']*'", "");
    List<String> said = new ArrayList<>();
    Map<Character, Character> meant = new LinkedHashMap<>();
    if (letters.indexOf('m') >= 0 && letters.chars().noneMatch(c -> "HhKk".indexOf(c) >= 0)) {
      said.add("mm is minutes, and it reads no hour: the month is MM");
      meant.put('m', 'M');
    }
    if (letters.indexOf('Y') >= 0 && letters.indexOf('w') < 0) {
      said.add(
          "YYYY is the week-based year (the last days of December fall in the next one):"
              + " the year is yyyy");
      meant.put('Y', 'y');
    }
    if (letters.indexOf('D') >= 0 && letters.chars().anyMatch(c -> "MmL".indexOf(c) >= 0)) {
      said.add("DD is the day of the year: the day of the month is dd");
      meant.put('D', 'd');
    }
    if (said.isEmpty()) {
      return null;
    }
    StringBuilder fixed = new StringBuilder();
    boolean quoted = false;
    for (char c : format.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
      }
      fixed.append(quoted ? c : meant.getOrDefault(c, c));
    }
    return "holds letters that mean something else than they do in a written date: "
        + String.join("; ", said)
        + "; did you mean \""
        + fixed
        + "\"?";
  }

  /** The {@code locale} of {@code spec}, else {@code inherited} (which may be null). */
  static Locale locale(Section spec, Locale inherited) throws MappingException {
    String tag = spec.optionalText("locale");
    if (tag == null) {
      return inherited;
    }
    Locale locale = Locale.forLanguageTag(tag);
    if (!LANGUAGES.contains(locale.getLanguage())) {
      throw spec.error("locale", "\"" + tag + "\" is not a language tag (e.g. en, pt-PT)");
    }
    return locale;
  }

  private static TemporalValue.ZoneSource zone(Section spec, Business business)
      throws MappingException {
    if (!spec.has("zone")) {
      ZoneId fallback = business.timezone();
      String place = spec.where();
      // said, not silent: a backup's timestamp column without a zone holds whatever zone its
      // application wrote, and Prisma and Rails write UTC there; read in the business zone
      // every time of a Prisma backup was hours off and its bookings came out UPDATED by that much
      return context -> {
        context.assumedBusinessZone(place);
        return fallback;
      };
    }
    if (spec.node("zone") instanceof Scalar) {
      ZoneId fixed = zoneId(spec, spec.optionalText("zone"));
      return new TemporalValue.ZoneSource() {
        @Override
        public ZoneId zone(RecordContext context) {
          return fixed;
        }

        @Override
        public boolean named() {
          return true;
        }
      };
    }
    Extractor extractor = Extractor.untyped(spec.section("zone", spec.where() + ", zone"));
    ZoneId fallback = business.timezone();
    return new TemporalValue.ZoneSource() {
      @Override
      public ZoneId zone(RecordContext context) throws ValueException {
        String id = extractor.extract(context);
        if (id == null) {
          return fallback;
        }
        try {
          return ZoneId.of(id);
        } catch (DateTimeException e) {
          throw new ValueException(
              "zone "
                  + Texts.quote(id)
                  + " ("
                  + extractor.description()
                  + ") is not a time-zone id");
        }
      }

      @Override
      public boolean readsRecord() {
        return true;
      }

      @Override
      public boolean named() {
        return true;
      }
    };
  }

  static ZoneId zoneId(Section spec, String id) throws MappingException {
    try {
      return ZoneId.of(id == null ? "" : id);
    } catch (DateTimeException e) {
      throw spec.error("zone", "\"" + id + "\" is not a time-zone id (e.g. Europe/Lisbon)");
    }
  }
}
