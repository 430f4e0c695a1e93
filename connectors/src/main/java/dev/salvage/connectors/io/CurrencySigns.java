package dev.salvage.connectors.io;

import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The currency signs and codes amounts are written with ({@code £245.50}, {@code EUR 12,50}, {@code
 * 34,000円}), and the currencies each may name: one table for every reader of amounts, the mappings'
 * {@code money} type and the Stripe Dashboard CSV reader, so that a sign one reads the other reads
 * too.
 */
public final class CurrencySigns {
  private static final Map<String, String> SIGNS = new LinkedHashMap<>();

  /** The signs of {@link #SIGNS} written in letters: a sign only where no letter touches them. */
  private static final Map<String, String> WORD_SIGNS = new LinkedHashMap<>();

  /** A sign of {@link #WORD_SIGNS}, with the dot that may close it ({@code د.ك.}, {@code ر.ع.}). */
  private static final Pattern WORD_SIGN;

  static {
    // the dollar signs with letters (R$, US$, CA$, $ CA) are QUALIFIED_DOLLARS, read before these
    SIGNS.put("zł", "PLN");
    SIGNS.put("Kč", "CZK");
    SIGNS.put("€", "EUR");
    SIGNS.put("£", "GBP");
    SIGNS.put("¥", "JPY");
    // written after the amount: 34,000円, 12,000원
    SIGNS.put("円", "JPY");
    SIGNS.put("원", "KRW");
    // 4万8千元: the yuan, and Taiwan's and Hong Kong's dollars too (below)
    SIGNS.put("元", "CNY");
    SIGNS.put("₹", "INR");
    SIGNS.put("₩", "KRW");
    SIGNS.put("₽", "RUB");
    SIGNS.put("₺", "TRY");
    SIGNS.put("₪", "ILS");
    SIGNS.put("₫", "VND");
    SIGNS.put("฿", "THB");
    SIGNS.put("$", "USD");
    // written in letters, the Arabic ones with a dot between (د.ك: dinar kuwaiti), and read only
    // as a word of their own: a dot in them is no decimal separator
    WORD_SIGNS.put("\u062F.\u0643", "KWD"); // د.ك
    WORD_SIGNS.put("\u062F\u0643", "KWD"); // دك
    WORD_SIGNS.put("\u062F.\u0625", "AED"); // د.إ
    WORD_SIGNS.put("\u0631.\u0633", "SAR"); // ر.س
    WORD_SIGNS.put("\u0631.\u0642", "QAR"); // ر.ق
    WORD_SIGNS.put("\u062F.\u0628", "BHD"); // د.ب
    WORD_SIGNS.put("\u0631.\u0639", "OMR"); // ر.ع
    WORD_SIGNS.put("\u062C.\u0645", "EGP"); // ج.م
    WORD_SIGNS.put("\u062F.\u0623", "JOD"); // د.أ
    WORD_SIGNS.put("\u062F.\u0639", "IQD"); // د.ع
    WORD_SIGNS.put("\u062F.\u062C", "DZD"); // د.ج
    WORD_SIGNS.put("\u062F.\u062A", "TND"); // د.ت
    WORD_SIGNS.put("\u0644.\u0644", "LBP"); // ل.ل
    WORD_SIGNS.put("KD", "KWD");
    WORD_SIGNS.put("Dhs", "AED");
    WORD_SIGNS.put("DHS", "AED");
    WORD_SIGNS.put("SR", "SAR");
    WORD_SIGNS.put("QR", "QAR");
    WORD_SIGNS.put("BD", "BHD");
    WORD_SIGNS.put("RO", "OMR");
    SIGNS.putAll(WORD_SIGNS);
    WORD_SIGN =
        Pattern.compile(
            "(?<![\\p{L}\\p{M}])(?:"
                + WORD_SIGNS.keySet().stream().map(Pattern::quote).collect(Collectors.joining("|"))
                + ")\\.?(?![\\p{L}\\p{M}])");
  }

  /**
   * Made on first use: going through every locale of the JDK took a second and more of the review
   * server's start-up, which reads no amount until an edit (trial 89).
   */
  private static final class Written {
    /**
     * The currencies each sign may stand for: its own, and every currency some locale writes with
     * it (the JDK's CLDR data): {@code $} is the Canadian dollar's and the Mexican peso's too,
     * {@code ¥} the yuan's, so a business that declares {@code currency: CAD} may write {@code
     * $12.00}.
     */
    static final Map<String, Set<Currency>> WRITTEN_WITH = new LinkedHashMap<>();

    static {
      for (Map.Entry<String, String> sign : SIGNS.entrySet()) {
        WRITTEN_WITH.put(
            sign.getKey(), new HashSet<>(Set.of(Currency.getInstance(sign.getValue()))));
      }
      for (Locale locale : Locale.getAvailableLocales()) {
        if (locale.getCountry().isEmpty()) {
          continue;
        }
        Currency local;
        try {
          local = Currency.getInstance(locale);
        } catch (IllegalArgumentException e) {
          continue;
        }
        Set<Currency> same =
            local == null ? null : WRITTEN_WITH.get(halfWidth(local.getSymbol(locale)));
        if (same != null) {
          same.add(local);
        }
      }
      // the JDK writes these with $, and their own texts with 元 (新台幣500元, 港元)
      WRITTEN_WITH
          .get("元")
          .addAll(List.of(Currency.getInstance("TWD"), Currency.getInstance("HKD")));
      WRITTEN_WITH.replaceAll((sign, currencies) -> Set.copyOf(currencies));
    }

    private Written() {}
  }

  private static final Pattern CODE = Pattern.compile("(?<![A-Za-z])[A-Z]{3}(?![A-Za-z])");

  /**
   * The letters written before a dollar sign that say whose dollar it is ({@code CA$}, {@code
   * US$}), and the currencies each may name, the first the one it names: {@code C$} is the Canadian
   * dollar in English writing and the Nicaraguan córdoba's own sign.
   */
  private static final Map<String, List<String>> DOLLAR_BEFORE =
      Map.ofEntries(
          Map.entry("US", List.of("USD")),
          Map.entry("U", List.of("USD")),
          Map.entry("CA", List.of("CAD")),
          Map.entry("CAN", List.of("CAD")),
          Map.entry("CDN", List.of("CAD")),
          Map.entry("C", List.of("CAD", "NIO")),
          Map.entry("A", List.of("AUD")),
          Map.entry("AU", List.of("AUD")),
          Map.entry("NZ", List.of("NZD")),
          Map.entry("HK", List.of("HKD")),
          Map.entry("S", List.of("SGD")),
          Map.entry("SG", List.of("SGD")),
          Map.entry("MX", List.of("MXN")),
          Map.entry("NT", List.of("TWD")),
          Map.entry("R", List.of("BRL")),
          Map.entry("RD", List.of("DOP")),
          Map.entry("J", List.of("JMD")),
          Map.entry("TT", List.of("TTD")),
          Map.entry("BZ", List.of("BZD")),
          Map.entry("EC", List.of("XCD")),
          Map.entry("FJ", List.of("FJD")),
          Map.entry("Bds", List.of("BBD")),
          Map.entry("CL", List.of("CLP")),
          Map.entry("COL", List.of("COP")),
          Map.entry("AR", List.of("ARS")),
          Map.entry("UY", List.of("UYU")));

  /**
   * The letters written after a dollar sign that say whose dollar it is, as French writes it
   * ({@code 1 234,50 $ CA}, {@code 12 $ US}, {@code $CAN}). Other letters there ({@code $ TTC}) say
   * nothing of the currency.
   */
  private static final Map<String, List<String>> DOLLAR_AFTER =
      Map.ofEntries(
          Map.entry("US", List.of("USD")),
          Map.entry("USA", List.of("USD")),
          Map.entry("CA", List.of("CAD")),
          Map.entry("CAN", List.of("CAD")),
          Map.entry("CDN", List.of("CAD")),
          Map.entry("AU", List.of("AUD")),
          Map.entry("AUS", List.of("AUD")),
          Map.entry("NZ", List.of("NZD")),
          Map.entry("HK", List.of("HKD")),
          Map.entry("SG", List.of("SGD")),
          Map.entry("MX", List.of("MXN")));

  /**
   * A dollar sign with the letters that qualify it, before it (no letter before them) or after it
   * (one space between at most, no letter after them): group 1 the letters before, 2 after.
   */
  private static final Pattern QUALIFIED_DOLLAR =
      Pattern.compile(
          "(?<![\\p{L}\\p{M}])("
              + alternatives(DOLLAR_BEFORE.keySet())
              + ")\\$|\\$[\\s\\p{Zs}]?("
              + alternatives(DOLLAR_AFTER.keySet())
              + ")(?![\\p{L}\\p{M}])");

  /** {@code words} as a regex's alternatives, longest first so that {@code CAN} wins over CA. */
  private static String alternatives(Collection<String> words) {
    return words.stream()
        .sorted(Comparator.comparing(String::length).reversed())
        .map(Pattern::quote)
        .collect(Collectors.joining("|"));
  }

  /** The currencies the first qualified dollar sign in {@code text} may name, or null for none. */
  private static List<String> qualifiedDollar(String text) {
    Matcher dollar = QUALIFIED_DOLLAR.matcher(text);
    if (!dollar.find()) {
      return null;
    }
    return dollar.group(1) != null
        ? DOLLAR_BEFORE.get(dollar.group(1))
        : DOLLAR_AFTER.get(dollar.group(2));
  }

  private CurrencySigns() {}

  /**
   * {@code text} with the full-width forms of ASCII ({@code １２，８００}, {@code －}) and of the currency
   * signs ({@code ￥}, {@code ￡}, {@code ￦}) as their ordinary characters, and the ideographic space
   * as a space: an amount reads the same however wide it was typed. Unlike NFKC, which does the
   * same, nothing else changes ({@code ½} stays one character).
   */
  public static String halfWidth(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char plain =
          c >= '\uFF01' && c <= '\uFF5E'
              ? (char) (c - 0xFEE0)
              : switch (c) {
                case '\uFFE5' -> '\u00A5';
                case '\uFFE1' -> '\u00A3';
                case '\uFFE0' -> '\u00A2';
                case '\uFFE6' -> '\u20A9';
                case '\u3000' -> ' ';
                default -> c;
              };
      if (plain != c) {
        if (out == null) {
          out = new StringBuilder(text);
        }
        out.setCharAt(i, plain);
      }
    }
    return out == null ? text : out.toString();
  }

  /** The currency with ISO 4217 code {@code code}, or null. */
  public static Currency currency(String code) {
    try {
      return Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The currency a code or sign in {@code written} names, or null. */
  public static Currency named(String written) {
    String text = halfWidth(written);
    Matcher code = CODE.matcher(text);
    while (code.find()) {
      Currency found = currency(code.group());
      if (found != null) {
        return found;
      }
    }
    List<String> dollar = qualifiedDollar(text);
    if (dollar != null) {
      return Currency.getInstance(dollar.get(0));
    }
    for (Map.Entry<String, String> sign : SIGNS.entrySet()) {
      if (holds(text, sign.getKey())) {
        return Currency.getInstance(sign.getValue());
      }
    }
    return null;
  }

  /**
   * The currencies a code or sign in {@code written} may name: the code's, or every currency
   * written with the sign; empty when it names none.
   */
  public static Set<Currency> namable(String written) {
    String text = halfWidth(written);
    Matcher code = CODE.matcher(text);
    while (code.find()) {
      Currency found = currency(code.group());
      if (found != null) {
        return Set.of(found);
      }
    }
    List<String> dollar = qualifiedDollar(text);
    if (dollar != null) {
      // CA$ and $ CA are not the bare $ that the US, Canadian and Mexican dollars all write
      return dollar.stream().map(Currency::getInstance).collect(Collectors.toSet());
    }
    for (Map.Entry<String, Set<Currency>> sign : Written.WRITTEN_WITH.entrySet()) {
      if (holds(text, sign.getKey())) {
        return sign.getValue();
      }
    }
    return Set.of();
  }

  /**
   * {@code written}, half-width, without the currency codes and signs it holds, stripped: {@code
   * £1,234.50} is {@code 1,234.50}.
   */
  public static String withoutSigns(String written) {
    String text =
        CODE.matcher(QUALIFIED_DOLLAR.matcher(blankWordSigns(halfWidth(written))).replaceAll(""))
            .replaceAll("");
    for (String sign : SIGNS.keySet()) {
      if (!WORD_SIGNS.containsKey(sign)) {
        text = text.replace(sign, "");
      }
    }
    return text.strip();
  }

  /**
   * {@code text} with each sign written in letters ({@code د.ك}, {@code KD}) as a space: 63.000 د.ك
   * was refused for its sign's dot, taken for a second decimal separator.
   */
  public static String blankWordSigns(String text) {
    return WORD_SIGN.matcher(text).replaceAll(" ");
  }

  /** Whether {@code word} begins with a currency sign ({@code 円}, {@code zł}). */
  public static boolean startsWithSign(String word) {
    for (String sign : SIGNS.keySet()) {
      if (word.startsWith(sign)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code text} writes {@code sign}; a sign in letters not inside a word. */
  private static boolean holds(String text, String sign) {
    if (!WORD_SIGNS.containsKey(sign)) {
      return text.contains(sign);
    }
    Matcher word = WORD_SIGN.matcher(text);
    while (word.find()) {
      String found = word.group();
      if (found.equals(sign) || found.equals(sign + ".")) {
        return true;
      }
    }
    return false;
  }
}
