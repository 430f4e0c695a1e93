package dev.salvage.mappings;

import static java.util.Objects.requireNonNull;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads a value a person types for a field (a reviewer's edit) with the value type a mapping of the
 * business reads the field's text with, in the business's zone and phone region, so that a value
 * review accepts is one a mapping could have produced. Where a person can be asked again it is
 * stricter than a mapping, which must take what the evidence says: a phone must be a number in use,
 * not only of a possible length, and a local time must name one instant.
 *
 * @param business the business whose zone and phone region read values written without them
 * @param regionFrom where the business's phone region is declared, for messages; null if unknown
 * @param moneyFields the fields ({@code entity.field}) the run's mappings read as money, even where
 *     the entity model declares an integer, to the ISO 4217 code of the one currency they fix for
 *     it, or "" when they fix none or several
 */
public record EditReader(Business business, String regionFrom, Map<String, String> moneyFields) {
  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
  private static final Pattern MINOR_UNITS = Pattern.compile("-?[0-9]+");
  private static final List<PhoneNumberType> PHONE_TYPES =
      List.of(
          PhoneNumberType.MOBILE,
          PhoneNumberType.FIXED_LINE,
          PhoneNumberType.TOLL_FREE,
          PhoneNumberType.PREMIUM_RATE,
          PhoneNumberType.SHARED_COST,
          PhoneNumberType.VOIP,
          PhoneNumberType.PERSONAL_NUMBER,
          PhoneNumberType.PAGER,
          PhoneNumberType.UAN,
          PhoneNumberType.VOICEMAIL);

  public EditReader {
    requireNonNull(business, "business");
    moneyFields = Map.copyOf(moneyFields);
  }

  /** A reader that knows no mapping: only money fields read amounts. */
  public EditReader(Business business, String regionFrom) {
    this(business, regionFrom, Map.of());
  }

  /**
   * The reader of a run config's edits: its business, and the money its mappings read.
   *
   * @throws MappingException when a mapping file of the config does not parse
   */
  public static EditReader of(RunConfig config, String regionFrom) throws MappingException {
    List<SourceMapping> mappings = new ArrayList<>();
    for (SourceConfig source : config.sources()) {
      mappings.add(
          SourceMapping.parse(
              source.mappingText(),
              source.mappingFile().toString(),
              config.entities(),
              config.business()));
    }
    if (config.backup() != null) {
      mappings.add(
          SourceMapping.parse(
              config.backup().mappingText(),
              config.backup().mappingFile().toString(),
              config.entities(),
              config.business()));
    }
    Map<String, Set<String>> currencies = new TreeMap<>();
    for (SourceMapping mapping : mappings) {
      mapping
          .moneyFields()
          .forEach(
              (entity, fields) ->
                  fields.forEach(
                      (field, codes) ->
                          currencies
                              .computeIfAbsent(entity + "." + field, key -> new TreeSet<>())
                              .addAll(codes)));
    }
    Map<String, String> moneyFields = new TreeMap<>();
    currencies.forEach(
        (field, codes) -> moneyFields.put(field, codes.size() == 1 ? codes.iterator().next() : ""));
    return new EditReader(config.business(), regionFrom, moneyFields);
  }

  /**
   * What a typed value is stored as.
   *
   * @param value the canonical form, as the mappings write the field's values
   * @param note how the typed text was read, for the person who typed it, when it is not the
   *     canonical form itself (a local time read in the business zone, an amount in major units);
   *     null when it is
   */
  public record Read(String value, String note) {}

  /**
   * The canonical form of {@code typed} as a value of {@code field} of {@code entity}, whose type
   * in the entity model is {@code type}; an integer field the mappings read as money reads amounts.
   *
   * @throws ValueException saying why {@code typed} is no value of the type, and how to write it
   */
  public Read read(String entity, String field, FieldType type, String typed)
      throws ValueException {
    if (type == FieldType.DATETIME) {
      return dateTime(typed);
    }
    String currency = moneyFields.get(entity + "." + field);
    if (readsAmounts(entity, field, type)) {
      return money(
          typed, currency == null || currency.isEmpty() ? null : Currency.getInstance(currency));
    }
    String value =
        switch (type) {
          case EMAIL -> new EmailValue().canonical(typed, null);
          case INTEGER -> new IntegerValue().canonical(typed, null);
          case JSON -> new JsonValue().canonical(typed, null);
          case PHONE -> phone(typed);
          case DATE -> temporal(type).canonical(typed, null);
          default -> new TextValue(type).canonical(typed, null);
        };
    return new Read(value, value.equals(typed) ? null : "stored as " + value);
  }

  private TemporalValue temporal(FieldType type) {
    ZoneId zone = business.timezone();
    return TemporalValue.of(type, "iso", Locale.ENGLISH, context -> zone);
  }

  /**
   * An instant: with an offset or {@code Z} as written, without one read in the business zone; a
   * wall time the zone skips or repeats is refused, where a mapping has to pick an instant.
   */
  private Read dateTime(String typed) throws ValueException {
    TemporalValue temporal = temporal(FieldType.DATETIME);
    String value;
    try {
      value = temporal.canonical(typed, null);
    } catch (ValueException e) {
      throw new ValueException(
          Texts.quote(typed)
              + " is not a date-time: type 2026-03-13T10:00:00Z, 2026-03-13T11:00+01:00 or a local"
              + " time in "
              + business.timezone()
              + ", 2026-03-13 11:00");
    }
    LocalDateTime local = temporal.localDateTime(typed);
    if (local == null) {
      return new Read(value, value.equals(typed) ? null : Texts.quote(typed) + " is " + value);
    }
    ZoneId zone = business.timezone();
    List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
    String wall = local.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).replace('T', ' ');
    if (offsets.isEmpty()) {
      ZoneOffsetTransition gap = zone.getRules().getTransition(local);
      throw new ValueException(
          Texts.quote(typed)
              + " is no time in "
              + zone
              + ": clocks went from "
              + gap.getDateTimeBefore().toLocalTime()
              + " to "
              + gap.getDateTimeAfter().toLocalTime()
              + " that night ("
              + offset(gap.getOffsetBefore())
              + " to "
              + offset(gap.getOffsetAfter())
              + "), so "
              + wall
              + " never happened; type the time as it was, or with its offset");
    }
    if (offsets.size() > 1) {
      Instant first = local.toInstant(offsets.get(0));
      Instant second = local.toInstant(offsets.get(1));
      throw new ValueException(
          Texts.quote(typed)
              + " happened twice in "
              + zone
              + " (clocks went back that night): "
              + first
              + " ("
              + offset(offsets.get(0))
              + ") and "
              + second
              + " ("
              + offset(offsets.get(1))
              + "); type it with its offset, e.g. "
              + local
              + offset(offsets.get(0)));
    }
    return new Read(
        value,
        Texts.quote(typed)
            + " read in "
            + zone
            + " ("
            + offset(offsets.get(0))
            + "): stored as "
            + value);
  }

  /**
   * An offset for a message beside a zone's name: {@code +00:00} rather than {@link ZoneOffset}'s
   * {@code Z}, which reads as the zone UTC itself, not Lisbon's or London's winter time.
   */
  private static String offset(ZoneOffset offset) {
    return offset.getTotalSeconds() == 0 ? "+00:00" : offset.getId();
  }

  /**
   * A phone as the mappings read it, then refused unless it is a number in use: a mapping keeps a
   * number of a possible length because the evidence is all there is, but one typed too short (a
   * digit dropped) would overwrite a good number in the import.
   */
  private String phone(String typed) throws ValueException {
    String region = business.phoneRegion();
    String value;
    try {
      value = new PhoneValue(region).canonical(typed, null);
    } catch (ValueException e) {
      throw new ValueException(
          Texts.quote(typed)
              + " is not a phone number"
              + (region == null
                  ? " with a country code, and no region is declared to read one without it ("
                      + (regionFrom == null
                          ? "the run config sets no business.phone_region"
                          : regionFrom + " is not set")
                      + "); write it with its country code, e.g. +351912345678"
                  : " of region "
                      + region
                      + (regionFrom == null ? "" : " (" + regionFrom + ")")
                      + " nor one with a country code; write it as it is dialled in "
                      + region
                      + " ("
                      + example(region, PhoneNumberType.MOBILE)
                      + ") or with its country code"));
    }
    PhoneNumber number;
    try {
      number = PHONES.parse(value, "ZZ");
    } catch (NumberParseException e) {
      throw new IllegalStateException("E.164 from the phone type does not parse: " + value, e);
    }
    if (PHONES.isValidNumber(number)) {
      return value;
    }
    String numberRegion = PHONES.getRegionCodeForCountryCode(number.getCountryCode());
    throw new ValueException(
        Texts.quote(typed) + " is not a valid " + numberRegion + " number: " + why(number));
  }

  /**
   * Why a number of a possible length is not valid: too short or too long for the kind of number it
   * starts like (a Dutch 06 is a mobile), else that no number of its country starts so.
   */
  private static String why(PhoneNumber number) {
    String region = PHONES.getRegionCodeForCountryCode(number.getCountryCode());
    String national = PHONES.getNationalSignificantNumber(number);
    PhoneNumberType likeType = null;
    int shared = 0;
    for (PhoneNumberType type : PHONE_TYPES) {
      PhoneNumber example = PHONES.getExampleNumberForType(region, type);
      if (example == null) {
        continue;
      }
      String exampleNational = PHONES.getNationalSignificantNumber(example);
      int common = 0;
      while (common < national.length()
          && common < exampleNational.length()
          && national.charAt(common) == exampleNational.charAt(common)) {
        common++;
      }
      if (common > shared) {
        shared = common;
        likeType = type;
      }
    }
    if (likeType != null) {
      ValidationResult length = PHONES.isPossibleNumberForTypeWithReason(number, likeType);
      String kind = likeType.name().toLowerCase(Locale.ROOT).replace('_', ' ');
      String example = " (" + example(region, likeType) + ")";
      if (length == ValidationResult.TOO_SHORT) {
        return "too short for a " + kind + " number" + example;
      }
      if (length == ValidationResult.TOO_LONG) {
        return "too long for a " + kind + " number" + example;
      }
    }
    return "no number of "
        + region
        + " is written so (e.g. "
        + example(region, PhoneNumberType.MOBILE)
        + ")";
  }

  private static String example(String region, PhoneNumberType type) {
    PhoneNumber example = PHONES.getExampleNumberForType(region, type);
    return example == null ? "" : PHONES.format(example, PhoneNumberFormat.NATIONAL);
  }

  /**
   * Whether an edit of {@code field} of {@code entity}, of {@code type} in the entity model, reads
   * an amount: a money field, or an integer field the mappings read as money.
   */
  public boolean readsAmounts(String entity, String field, FieldType type) {
    return type == FieldType.MONEY
        || (type == FieldType.INTEGER && moneyFields.containsKey(entity + "." + field));
  }

  /**
   * An amount: integer minor units as stored ({@code 7250}), or an amount in major units as the
   * mappings read one whose separator no locale declares ({@code 72,50}, {@code € 72.50}, {@code
   * 1.234,50}); a separator that could be either is refused, naming both readings.
   */
  private Read money(String typed, Currency currency) throws ValueException {
    String stripped = typed.strip();
    if (MINOR_UNITS.matcher(stripped).matches()) {
      String value = new IntegerValue().canonical(stripped, null);
      // said even when stored as typed: an outside trial's "32", meant as 32 EUR, was stored as
      // 0.32 EUR while "55,00 €" beside it was explained
      int digits = currency == null ? 2 : Math.max(currency.getDefaultFractionDigits(), 0);
      String major = new BigDecimal(value).movePointLeft(digits).toPlainString();
      return new Read(
          value,
          Texts.quote(typed)
              + " is "
              + major
              + (currency == null ? "" : " " + currency.getCurrencyCode())
              + ": stored as "
              + value
              + " (minor units: a bare integer always is"
              + (digits == 0
                  ? ")"
                  : "; type "
                      + value
                      + ","
                      + "0".repeat(digits)
                      + " for "
                      + value
                      + "."
                      + "0".repeat(digits)
                      + (currency == null ? "" : " " + currency.getCurrencyCode())
                      + ")"));
    }
    Currency named = MoneyValue.named(typed);
    if (named != null && currency != null && !named.equals(currency)) {
      throw new ValueException(
          Texts.quote(typed)
              + " is an amount in "
              + named.getCurrencyCode()
              + "; the field holds "
              + currency.getCurrencyCode());
    }
    String value = MoneyValue.typed().canonicalIn(typed, currency, null);
    Currency in = named != null ? named : currency;
    int digits = in == null ? 2 : Math.max(in.getDefaultFractionDigits(), 0);
    return new Read(
        value,
        Texts.quote(typed)
            + " is "
            + new BigDecimal(value).movePointLeft(digits).toPlainString()
            + (in == null ? "" : " " + in.getCurrencyCode())
            + ": stored as "
            + value
            + " (minor units)");
  }
}
