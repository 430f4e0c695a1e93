package dev.salvage.connectors.email;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether the receiving servers authenticated the domain of a mail's From, as they recorded it in
 * {@code Authentication-Results} (RFC 8601) and {@code Received-SPF} (RFC 7208) headers. Salvage
 * checks no signature and asks no DNS: it reads the verdicts a server wrote when the mail arrived.
 *
 * <p>Trust follows who can write a header. A sender writes any header he likes below those the
 * receiving servers add on top of his mail, so:
 *
 * <ul>
 *   <li>a <b>fail</b> is taken from any such header (a forger gains nothing by forging a fail):
 *       {@code dmarc=fail} for the From domain, or an SPF {@code fail}/{@code softfail} of a MAIL
 *       FROM domain aligned with the From domain where the same header records no aligned passing
 *       DKIM signature (and the trusted header, below, records none either);
 *   <li>a <b>pass</b> only from the topmost header whose authserv-id the operator lists as one of
 *       the business's own receiving servers ({@code trusted_authserv_ids}; RFC 8601 §5): {@code
 *       dmarc=pass} for the From domain, or an aligned {@code dkim=pass} or {@code spf=pass}.
 * </ul>
 *
 * A fail wins over a pass. A header that does not follow the grammar (an unbalanced comment or
 * quote, a result that is not {@code method=result}) is no verdict, as RFC 8601 asks; so is a
 * result this reads nothing from ({@code none}, {@code neutral}, {@code temperror}, {@code
 * permerror}, a DKIM {@code fail} alone, which a mailing list's footer causes).
 *
 * @param verdict {@code pass}, {@code fail} or null (no verdict: no such header, or none about the
 *     From domain, or nothing trusted)
 * @param note the note of a fail ({@code sender not authenticated: dmarc=fail for rentwise.example
 *     (Authentication-Results of mx.example.net)}), else null
 */
record SenderAuthentication(String verdict, String note) {
  static final SenderAuthentication NONE = new SenderAuthentication(null, null);

  static final String PASS = "pass";
  static final String FAIL = "fail";

  private static final Pattern KEYWORD =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?");
  private static final Pattern METHOD =
      Pattern.compile("([A-Za-z0-9][A-Za-z0-9_-]*)(?:\\s*/\\s*[0-9]+)?");
  private static final Set<String> SPF_RESULTS =
      Set.of("pass", "fail", "softfail", "neutral", "none", "temperror", "permerror");
  private static final Pattern VERSION = Pattern.compile("[0-9]+");
  private static final Pattern PROPERTY =
      Pattern.compile("([A-Za-z0-9][A-Za-z0-9_-]*)\\.([A-Za-z0-9][A-Za-z0-9_.-]*)");

  /**
   * One result of a header.
   *
   * @param method {@code dmarc}, {@code dkim}, {@code spf}, ... lower-case, without its version
   * @param result {@code pass}, {@code fail}, ... lower-case
   * @param properties {@code ptype.property} (lower-case) to its value
   */
  record Result(String method, String result, Map<String, String> properties) {}

  /**
   * One header read.
   *
   * @param name {@code Authentication-Results} or {@code Received-SPF}
   * @param authservId who wrote it (an Authentication-Results' authserv-id, a Received-SPF's {@code
   *     receiver}), or null when it does not say
   */
  record Header(String name, String authservId, List<Result> results) {
    String said() {
      return name + (authservId == null ? " without authserv-id" : " of " + authservId);
    }
  }

  /**
   * The verdict on {@code from}'s domain.
   *
   * @param authenticationResults the values of the mail's Authentication-Results headers, topmost
   *     first (unfolded)
   * @param receivedSpf the values of its Received-SPF headers, topmost first
   * @param from the address of its From, or null
   * @param trusted the authserv-ids (lower-case) of the business's own receiving servers
   */
  static SenderAuthentication of(
      List<String> authenticationResults,
      List<String> receivedSpf,
      String from,
      Set<String> trusted) {
    return of(authenticationResults, receivedSpf, from, trusted, Set.of());
  }

  /**
   * The verdict on {@code from}'s domain, a mail of one of the {@code required} domains (or one
   * below them) failing unless it passed ({@code require_authenticated_from}).
   */
  static SenderAuthentication of(
      List<String> authenticationResults,
      List<String> receivedSpf,
      String from,
      Set<String> trusted,
      Set<String> required) {
    SenderAuthentication judged = judge(authenticationResults, receivedSpf, from, trusted);
    String domain = domainOf(from);
    if (judged.verdict() != null || domain == null || required.isEmpty()) {
      return judged;
    }
    for (String wanted : required) {
      if (domain.equals(wanted) || domain.endsWith("." + wanted)) {
        return new SenderAuthentication(
            FAIL,
            MailNotes.SENDER_NOT_AUTHENTICATED
                + "no pass for "
                + domain
                + " from "
                + String.join(", ", new java.util.TreeSet<>(trusted))
                + ", which require_authenticated_from asks for mail of "
                + wanted);
      }
    }
    return judged;
  }

  private static SenderAuthentication judge(
      List<String> authenticationResults,
      List<String> receivedSpf,
      String from,
      Set<String> trusted) {
    String domain = domainOf(from);
    if (domain == null || (authenticationResults.isEmpty() && receivedSpf.isEmpty())) {
      return NONE;
    }
    List<Header> headers = new ArrayList<>();
    for (String value : authenticationResults) {
      Header header = authenticationResults(value);
      if (header != null) {
        headers.add(header);
      }
    }
    Header topTrusted = null;
    for (Header header : headers) {
      if (header.authservId() != null && trusted.contains(lower(header.authservId()))) {
        topTrusted = header;
        break;
      }
    }
    boolean trustedDkimPass = topTrusted != null && alignedDkimPass(topTrusted, domain);
    for (Header header : headers) {
      String why = fail(header, domain, trustedDkimPass);
      if (why != null) {
        return failed(why, header);
      }
    }
    for (String value : receivedSpf) {
      Header header = receivedSpf(value);
      if (header == null) {
        continue;
      }
      String why = fail(header, domain, trustedDkimPass);
      if (why != null) {
        return failed(why, header);
      }
    }
    if (topTrusted != null && passes(topTrusted, domain)) {
      return new SenderAuthentication(PASS, null);
    }
    return NONE;
  }

  private static SenderAuthentication failed(String why, Header header) {
    return new SenderAuthentication(
        FAIL, MailNotes.SENDER_NOT_AUTHENTICATED + why + " (" + header.said() + ")");
  }

  /** What in {@code header} says the From domain failed, or null. */
  private static String fail(Header header, String domain, boolean trustedDkimPass) {
    for (Result result : header.results()) {
      if (result.method().equals("dmarc") && result.result().equals("fail")) {
        String headerFrom = domainOf(result.properties().get("header.from"));
        if (headerFrom == null || headerFrom.equals(domain)) {
          return "dmarc=fail for " + domain;
        }
      }
    }
    if (trustedDkimPass || alignedDkimPass(header, domain)) {
      return null;
    }
    for (Result result : header.results()) {
      if (result.method().equals("spf")
          && (result.result().equals("fail") || result.result().equals("softfail"))) {
        String mailFrom = spfDomain(result);
        if (mailFrom != null && aligned(mailFrom, domain)) {
          return "spf="
              + result.result()
              + " for "
              + domain
              + (mailFrom.equals(domain) ? "" : " (MAIL FROM " + mailFrom + ")")
              + " and no dkim=pass of it";
        }
      }
    }
    return null;
  }

  /** Whether {@code header} says the From domain passed: DMARC, or an aligned DKIM or SPF pass. */
  private static boolean passes(Header header, String domain) {
    for (Result result : header.results()) {
      if (!result.result().equals("pass")) {
        continue;
      }
      switch (result.method()) {
        case "dmarc" -> {
          String headerFrom = domainOf(result.properties().get("header.from"));
          if (headerFrom != null && headerFrom.equals(domain)) {
            return true;
          }
        }
        case "dkim" -> {
          String signer = dkimDomain(result);
          if (signer != null && aligned(signer, domain)) {
            return true;
          }
        }
        case "spf" -> {
          String mailFrom = spfDomain(result);
          if (mailFrom != null && aligned(mailFrom, domain)) {
            return true;
          }
        }
        default -> {}
      }
    }
    return false;
  }

  private static boolean alignedDkimPass(Header header, String domain) {
    for (Result result : header.results()) {
      if (result.method().equals("dkim") && result.result().equals("pass")) {
        String signer = dkimDomain(result);
        if (signer != null && aligned(signer, domain)) {
          return true;
        }
      }
    }
    return false;
  }

  private static String dkimDomain(Result result) {
    String d = result.properties().get("header.d");
    if (d == null) {
      d = result.properties().get("header.i"); // the identity: @domain or user@domain
    }
    return domainOf(d);
  }

  private static String spfDomain(Result result) {
    String mailFrom = result.properties().get("smtp.mailfrom");
    if (mailFrom == null || mailFrom.isBlank() || mailFrom.equals("<>")) {
      return null; // a bounce's empty MAIL FROM: SPF checked the HELO name, not the From's domain
    }
    return domainOf(mailFrom);
  }

  /**
   * Whether {@code other} is the From domain, a domain below it, or one above it that is not a
   * top-level domain (DMARC's relaxed alignment, without the public suffix list: two siblings below
   * one organisational domain are not told aligned).
   */
  static boolean aligned(String other, String domain) {
    if (other.equals(domain)) {
      return true;
    }
    if (other.endsWith("." + domain)) {
      return true;
    }
    return domain.endsWith("." + other) && other.indexOf('.') > 0;
  }

  /** The domain of an address, {@code @domain} or a bare domain, lower-case; null when none. */
  static String domainOf(String address) {
    if (address == null) {
      return null;
    }
    String value = address.strip();
    if (value.startsWith("<") && value.endsWith(">")) {
      value = value.substring(1, value.length() - 1).strip();
    }
    int at = value.lastIndexOf('@');
    String domain = lower(at >= 0 ? value.substring(at + 1) : value);
    while (domain.endsWith(".")) {
      domain = domain.substring(0, domain.length() - 1);
    }
    return domain.isEmpty() ? null : domain;
  }

  private static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }

  /**
   * An Authentication-Results value read after RFC 8601's grammar: {@code authserv-id [version]}
   * then {@code ;}-separated results, each {@code method[/version]=result}, an optional {@code
   * reason=value} and {@code ptype.property=value} properties, comments in parentheses anywhere; or
   * {@code authserv-id; none}. Exchange Online writes no authserv-id (its first result follows the
   * colon): read too, its author unknown. Null when the value does not follow the grammar.
   */
  static Header authenticationResults(String value) {
    List<String> parts = parts(value);
    if (parts == null || parts.isEmpty()) {
      return null;
    }
    String authservId = null;
    int first = 0;
    List<Token> head = tokens(parts.get(0));
    if (head == null) {
      return null;
    }
    if (head.size() < 2 || !head.get(1).equalsSign()) {
      // authserv-id [version]
      if (head.isEmpty() || head.size() > 2 || head.get(0).equalsSign()) {
        return null;
      }
      if (head.size() == 2 && !VERSION.matcher(head.get(1).text()).matches()) {
        return null;
      }
      authservId = head.get(0).text();
      first = 1;
    }
    List<Result> results = new ArrayList<>();
    for (int i = first; i < parts.size(); i++) {
      List<Token> tokens = tokens(parts.get(i));
      if (tokens == null) {
        return null;
      }
      if (tokens.isEmpty()) {
        continue; // a trailing ";", which servers write
      }
      if (tokens.size() == 1 && tokens.get(0).text().equalsIgnoreCase("none")) {
        continue; // no-result
      }
      Result result = result(tokens);
      if (result == null) {
        return null;
      }
      results.add(result);
    }
    return new Header("Authentication-Results", authservId, results);
  }

  /** {@code method=result} then {@code key=value} pairs; null when the tokens are not so. */
  private static Result result(List<Token> tokens) {
    if (tokens.size() < 3 || !tokens.get(1).equalsSign() || tokens.get(0).quoted()) {
      return null;
    }
    Matcher method = METHOD.matcher(tokens.get(0).text());
    String result = tokens.get(2).text();
    if (!method.matches() || tokens.get(2).quoted() || !KEYWORD.matcher(result).matches()) {
      return null;
    }
    Map<String, String> properties = new LinkedHashMap<>();
    int i = 3;
    while (i < tokens.size()) {
      if (tokens.get(i).quoted()
          || tokens.get(i).equalsSign()
          || i + 1 >= tokens.size()
          || !tokens.get(i + 1).equalsSign()
          || (i + 2 < tokens.size() && tokens.get(i + 2).equalsSign())) {
        return null;
      }
      if (i + 2 >= tokens.size()) {
        break; // a property left empty at the end ("smtp.mailfrom=;"): nothing to read of it
      }
      String key = lower(tokens.get(i).text());
      String propertyValue = tokens.get(i + 2).text();
      if (PROPERTY.matcher(key).matches()) {
        properties.putIfAbsent(key, propertyValue);
      } else if (!KEYWORD.matcher(key).matches()) {
        return null;
      }
      // reason=..., and what some servers add without a ptype (Exchange Online's action=none)
      i += 3;
    }
    return new Result(lower(method.group(1)), lower(result), properties);
  }

  /**
   * A Received-SPF value (RFC 7208 §9.1): {@code result [comment] [key=value; ...]}; the MAIL FROM
   * is its {@code envelope-from}, unless its {@code identity} says the HELO name was checked. Null
   * when it does not start with a result.
   */
  static Header receivedSpf(String value) {
    String stripped = HeaderComments.stripStrictly(value);
    if (stripped == null) {
      return null;
    }
    stripped = stripped.strip();
    int space = 0;
    while (space < stripped.length() && !Character.isWhitespace(stripped.charAt(space))) {
      space++;
    }
    String result = lower(stripped.substring(0, space));
    if (!SPF_RESULTS.contains(result)) {
      return null;
    }
    Map<String, String> pairs = new LinkedHashMap<>();
    List<String> parts = parts(stripped.substring(space));
    if (parts == null) {
      return null;
    }
    for (String part : parts) {
      List<Token> tokens = tokens(part);
      if (tokens == null) {
        return null;
      }
      // key=value; writers differ in what else they put there, which says nothing read here
      if (tokens.size() == 3 && tokens.get(1).equalsSign() && !tokens.get(0).equalsSign()) {
        pairs.putIfAbsent(lower(tokens.get(0).text()), tokens.get(2).text());
      }
    }
    String identity = pairs.get("identity");
    Map<String, String> properties = new LinkedHashMap<>();
    if (identity == null || identity.equalsIgnoreCase("mailfrom")) {
      String envelopeFrom = pairs.get("envelope-from");
      if (envelopeFrom != null) {
        properties.put("smtp.mailfrom", envelopeFrom);
      }
    }
    return new Header(
        "Received-SPF", pairs.get("receiver"), List.of(new Result("spf", result, properties)));
  }

  /** One token of a header: a word, a quoted string (unquoted), or {@code =}. */
  private record Token(String text, boolean quoted, boolean equalsSign) {}

  /**
   * The value without its comments, cut at each {@code ;} outside quoted strings; null when a
   * comment or a quoted string is not closed.
   */
  private static List<String> parts(String value) {
    String stripped = HeaderComments.stripStrictly(value);
    if (stripped == null) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < stripped.length(); i++) {
      char c = stripped.charAt(i);
      if (quoted && c == '\\' && i + 1 < stripped.length()) {
        part.append(c).append(stripped.charAt(++i));
        continue;
      }
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ';' && !quoted) {
        parts.add(part.toString());
        part.setLength(0);
        continue;
      }
      part.append(c);
    }
    if (quoted) {
      return null;
    }
    parts.add(part.toString());
    return parts;
  }

  /** The tokens of a part; null when a quoted string is not closed. */
  private static List<Token> tokens(String part) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    int n = part.length();
    while (i < n) {
      char c = part.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '=') {
        tokens.add(new Token("=", false, true));
        i++;
      } else if (c == '"') {
        StringBuilder text = new StringBuilder();
        i++;
        boolean closed = false;
        while (i < n) {
          char q = part.charAt(i);
          if (q == '\\' && i + 1 < n) {
            text.append(part.charAt(i + 1));
            i += 2;
          } else if (q == '"') {
            closed = true;
            i++;
            break;
          } else {
            text.append(q);
            i++;
          }
        }
        if (!closed) {
          return null;
        }
        tokens.add(new Token(text.toString(), true, false));
      } else {
        int start = i;
        // a value runs to the next space: a DKIM signature's start may hold '=' (header.b=ab=)
        boolean value = !tokens.isEmpty() && tokens.get(tokens.size() - 1).equalsSign();
        while (i < n
            && !Character.isWhitespace(part.charAt(i))
            && (value || part.charAt(i) != '=')) {
          char w = part.charAt(i);
          if (w == '"') {
            break;
          }
          i++;
        }
        tokens.add(new Token(part.substring(start, i), false, false));
      }
    }
    return joinDotsAndSlashes(tokens);
  }

  /**
   * RFC 8601 lets whitespace stand around a method's {@code /} and a property's {@code .}: {@code
   * dkim / 1 = pass}, {@code header . d = example.com}; the words are joined again.
   */
  private static List<Token> joinDotsAndSlashes(List<Token> tokens) {
    List<Token> joined = new ArrayList<>();
    for (Token token : tokens) {
      if (!joined.isEmpty()) {
        Token last = joined.get(joined.size() - 1);
        boolean glue =
            !token.quoted()
                && !last.quoted()
                && !token.equalsSign()
                && !last.equalsSign()
                && ((last.text().endsWith(".")
                        && last.text().indexOf('.') == last.text().length() - 1)
                    || last.text().endsWith("/")
                    || token.text().startsWith(".")
                    || token.text().startsWith("/"));
        if (glue) {
          joined.set(joined.size() - 1, new Token(last.text() + token.text(), false, false));
          continue;
        }
      }
      joined.add(token);
    }
    return joined;
  }
}
