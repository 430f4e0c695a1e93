package dev.salvage.samples;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How Rentwise's app and people write phones, money and times. */
final class Formats {
  private Formats() {}

  static final DateTimeFormatter MAIL_DATE =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH);
  static final DateTimeFormatter MBOX_DATE =
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);
  static final DateTimeFormatter SHORT_LOCAL = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
  static final DateTimeFormatter PG_TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'+00'").withZone(ZoneOffset.UTC);
  static final DateTimeFormatter PG_STARTED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
  static final DateTimeFormatter GOOGLE_TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  static final DateTimeFormatter ICS_UTC =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  static final DateTimeFormatter ICS_LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

  /** "245.50" for 24550. */
  static String money(long cents) {
    String sign = cents < 0 ? "-" : "";
    long abs = Math.abs(cents);
    return sign + (abs / 100) + "." + String.format(Locale.ROOT, "%02d", abs % 100);
  }

  static String shortLocal(Instant at, ZoneId zone) {
    return SHORT_LOCAL.format(at.atZone(zone));
  }

  /** The number as printed for people: "+351 912 345 678", "+34 612 34 56 78", ... */
  static String phoneInternational(String e164) {
    String[] split = splitDialCode(e164);
    return "+" + split[0] + " " + groupNational(split[0], split[1]);
  }

  /** A Portuguese number as dialled at home ("912 345 678"); others stay international. */
  static String phoneAsTyped(String e164, int style) {
    String[] split = splitDialCode(e164);
    if (style == 0 && split[0].equals("351")) {
      return groupNational(split[0], split[1]);
    }
    if (style == 1) {
      return "00" + split[0] + " " + groupNational(split[0], split[1]);
    }
    return style == 2 ? e164 : phoneInternational(e164);
  }

  private static String[] splitDialCode(String e164) {
    for (Catalog.Country country : Catalog.COUNTRIES) {
      if (e164.startsWith("+" + country.dialCode())) {
        return new String[] {country.dialCode(), e164.substring(1 + country.dialCode().length())};
      }
    }
    throw new IllegalArgumentException("Unknown dial code in phone " + e164);
  }

  private static String groupNational(String dialCode, String national) {
    int[] groups =
        switch (dialCode) {
          case "351" -> new int[] {3, 3, 3};
          case "34" -> new int[] {3, 2, 2, 2};
          case "44" -> new int[] {4, 6};
          case "49" -> new int[] {3, 8};
          case "33" -> new int[] {1, 2, 2, 2, 2};
          case "31" -> new int[] {1, 8};
          default -> new int[] {3, 7};
        };
    StringBuilder out = new StringBuilder();
    int at = 0;
    for (int group : groups) {
      if (at >= national.length()) {
        break;
      }
      if (out.length() > 0) {
        out.append(' ');
      }
      int end = Math.min(national.length(), at + group);
      out.append(national, at, end);
      at = end;
    }
    if (at < national.length()) {
      out.append(national.substring(at));
    }
    return out.toString();
  }
}
