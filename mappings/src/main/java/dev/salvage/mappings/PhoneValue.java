package dev.salvage.mappings;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.List;

/**
 * {@code phone}: E.164. Numbers only need to be possible (right length for their country), not
 * assigned: real customers mistype, and test data is made up. A number of a length only dialled
 * within its area (without the area code) is refused: it names no phone on its own.
 *
 * @param region the region of numbers written without a country code, or null
 */
record PhoneValue(String region) implements ValueType {
  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  static boolean isRegion(String region) {
    return PHONES.getSupportedRegions().contains(region);
  }

  /**
   * Whether a number written without its country code is too short for any fixed line or mobile of
   * the region, and not valid as any other kind: a local number whose area code was left out.
   */
  private static boolean localOnly(PhoneNumber number) {
    if (number.getCountryCodeSource() != PhoneNumber.CountryCodeSource.FROM_DEFAULT_COUNTRY
        || PHONES.isValidNumber(number)) {
      return false;
    }
    for (PhoneNumberUtil.PhoneNumberType type :
        List.of(
            PhoneNumberUtil.PhoneNumberType.FIXED_LINE, PhoneNumberUtil.PhoneNumberType.MOBILE)) {
      PhoneNumberUtil.ValidationResult length =
          PHONES.isPossibleNumberForTypeWithReason(number, type);
      if (length != PhoneNumberUtil.ValidationResult.TOO_SHORT
          && length != PhoneNumberUtil.ValidationResult.IS_POSSIBLE_LOCAL_ONLY) {
        return false;
      }
    }
    return true;
  }

  /**
   * The country's trunk prefix (0 in most of Europe) when the number's national part still begins
   * with it and the number is not a valid one: parsing takes the prefix off only when what is left
   * looks like a number of the country, so a mistyped national number keeps it. Null otherwise (a
   * country without a trunk prefix, as Italy, whose numbers begin with 0).
   */
  private static String trunkPrefixKept(PhoneNumber number) {
    String country = PHONES.getRegionCodeForCountryCode(number.getCountryCode());
    String trunk = PHONES.getNddPrefixForRegion(country, true);
    if (trunk == null || trunk.isEmpty() || PHONES.isValidNumber(number)) {
      return null;
    }
    return PHONES.getNationalSignificantNumber(number).startsWith(trunk) ? trunk : null;
  }

  @Override
  public FieldType fieldType() {
    return FieldType.PHONE;
  }

  @Override
  public String read(String text, RecordContext context) throws ValueException {
    try {
      PhoneNumber number = PHONES.parseAndKeepRawInput(text, region == null ? "ZZ" : region);
      if (PHONES.isPossibleNumber(number)) {
        if (localOnly(number)) {
          // dialled within its area only (a Brazilian 91234-5678 lacks its DDD): as E.164 it
          // read the first digits as an area code, a wrong number that made a second customer
          throw new ValueException(
              Texts.quote(text)
                  + " is a local number of "
                  + region
                  + " without its area code: it names no phone on its own");
        }
        String trunk = trunkPrefixKept(number);
        if (trunk != null) {
          // 079 123 45 6 (a digit short): the trunk 0 could not be taken off as it is for a number
          // of the right length, and E.164 kept it after +41, a number no phone has
          throw new ValueException(
              Texts.quote(text)
                  + " is not a phone number: it keeps the trunk prefix "
                  + trunk
                  + " after the country code +"
                  + number.getCountryCode()
                  + ", which no number of "
                  + PHONES.getRegionCodeForCountryCode(number.getCountryCode())
                  + " does (a digit missing or extra?)");
        }
        return PHONES.format(number, PhoneNumberFormat.E164);
      }
    } catch (NumberParseException e) {
      // reported below, with the region that was assumed
    }
    throw new ValueException(
        Texts.quote(text)
            + " is not a phone number"
            + (region == null ? " with a country code" : " (default region " + region + ")"));
  }
}
