package dev.salvage.mappings;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * {@code phone}: E.164. Numbers only need to be possible (right length for their country), not
 * assigned: real customers mistype, and test data is made up.
 *
 * @param region the region of numbers written without a country code, or null
 */
record PhoneValue(String region) implements ValueType {
  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  static boolean isRegion(String region) {
    return PHONES.getSupportedRegions().contains(region);
  }

  @Override
  public FieldType fieldType() {
    return FieldType.PHONE;
  }

  @Override
  public String canonical(String text, RecordContext context) throws ValueException {
    try {
      PhoneNumber number = PHONES.parse(text, region == null ? "ZZ" : region);
      if (PHONES.isPossibleNumber(number)) {
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
