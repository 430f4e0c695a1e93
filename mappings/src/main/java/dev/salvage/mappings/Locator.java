package dev.salvage.mappings;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.connectors.RawRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;
import org.jsoup.select.Selector;

/**
 * Finds raw text in a record: a path (or a constant), narrowed by a CSS selector or a JSON-LD path,
 * then by a regex. Everything is compiled when the mapping is loaded.
 */
final class Locator implements TextSource {
  static final Set<String> KEYS =
      Set.of("path", "const", "css", "css_all", "attr", "json_ld", "json_ld_type", "regex");

  /** The record's own attributes, read with {@code path: $ref} and the like. */
  private static final Map<String, Function<RawRecord, String>> ATTRIBUTES =
      Map.of(
          "$ref", RawRecord::ref,
          "$source", RawRecord::source,
          "$kind", RawRecord::kind);

  // a mail's text without the quoted message it replies to, and its whole text
  private static final String QUOTE_LEFT_OUT = "text_new";
  private static final String WITH_QUOTE = "text";
  private final JsonPath path;
  // the whole text, quote included, of a path that leaves the quote out; else null
  private final JsonPath withQuote;
  private final Function<RawRecord, String> attribute;
  private final String constant;
  private final Evaluator css;
  private final String attr;
  // the separator every match of css is joined by, or null for the first match alone
  private final String cssAll;
  private final JsonPath jsonLd;
  private final String jsonLdText;
  private final String jsonLdType;
  private final Pattern regex;
  private final String regexGroup;
  private final int regexGroupIndex;
  private final String description;
  // the path as written, or null for a constant
  private final String pathText;
  // an extractor's place that takes what its path finds as the value itself (no css, json_ld or
  // regex to narrow it): a JSON object without an id found there is no value (NotAValue)
  private final boolean objectIsNoValue;
  // the same for what a json_ld path finds when no regex narrows it
  private final boolean jsonLdObjectIsNoValue;

  /**
   * A value's place found a JSON object that is no value: not an expanded reference (it has no
   * {@code id}), and nothing (css, json_ld, regex) takes a part of its text. Its JSON text was the
   * value until 2026-12-06: a Checkout Session's {@code customer_details} mapped as a name gave
   * {@code {"address":...}}, unsaid. Turned into a {@link ValueException} by {@link Extractor}, it
   * quarantines the record naming the rule, the field and the members the object has.
   */
  static final class NotAValue extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotAValue(String message) {
      super(message, null, false, false);
    }
  }

  private Locator(Section spec, boolean allowConstant, boolean allowRegex) throws MappingException {
    constant = allowConstant ? spec.optionalText("const") : null;
    if (constant != null && constant.isBlank()) {
      // a blank value is no value: a join with such a part (a space written between two parts,
      // which the separator already puts there) gave nothing on every record, and mappings test
      // said only that its paths found nothing (an outside trial's Airbnb check-in dates)
      throw spec.error(
          "const",
          Texts.quote(constant)
              + " is only white space, which is no value (an empty or blank value finds nothing):"
              + " a join with this part gives no value on any record; join puts its separator (a"
              + " space unless separator says otherwise) between the parts itself");
    }
    pathText = spec.optionalText("path");
    if ((pathText == null) == (constant == null)) {
      throw spec.error(
          null, allowConstant ? "give exactly one of \"path\" and \"const\"" : "missing \"path\"");
    }
    StringBuilder described = new StringBuilder();
    if (pathText != null) {
      attribute = ATTRIBUTES.get(pathText);
      path = attribute != null ? null : compilePath(spec, "path", pathText);
      withQuote = QUOTE_LEFT_OUT.equals(pathText) ? JsonPath.compile(WITH_QUOTE) : null;
      described.append("path ").append(pathText);
    } else {
      attribute = null;
      path = null;
      withQuote = null;
      described.append("const ").append(Texts.quote(constant));
    }
    String cssText = spec.optionalText("css");
    jsonLdText = spec.optionalText("json_ld");
    attr = spec.optionalText("attr");
    jsonLdType = spec.optionalText("json_ld_type");
    if (cssText != null && jsonLdText != null) {
      throw spec.error("json_ld", "cannot be combined with css");
    }
    if ((cssText != null || jsonLdText != null) && path == null) {
      throw spec.error(cssText != null ? "css" : "json_ld", "needs a \"path\" to the HTML");
    }
    if (attr != null && cssText == null) {
      throw spec.error("attr", "needs a \"css\" selector");
    }
    cssAll = spec.optionalText("css_all");
    if (cssAll != null && cssText == null) {
      throw spec.error("css_all", "needs a \"css\" selector");
    }
    if (jsonLdType != null && jsonLdText == null) {
      throw spec.error("json_ld_type", "needs a \"json_ld\" path");
    }
    css = cssText == null ? null : compileCss(spec, cssText);
    jsonLd = jsonLdText == null ? null : compilePath(spec, "json_ld", jsonLdText);
    if (cssText != null) {
      described.append(", css ").append(Texts.quote(cssText));
      if (attr != null) {
        described.append(" attr ").append(attr);
      }
      if (cssAll != null) {
        described.append(" (every match, joined by ").append(Texts.quote(cssAll)).append(')');
      }
    }
    if (jsonLdText != null) {
      described.append(", json_ld ").append(jsonLdText);
      if (jsonLdType != null) {
        described.append(" of type ").append(jsonLdType);
      }
    }
    String regexText = allowRegex ? spec.optionalText("regex") : null;
    if (regexText != null && constant != null) {
      throw spec.error("regex", "makes no sense with a const value");
    }
    regex = regexText == null ? null : compileRegex(spec, "regex", regexText, 0);
    if (regex != null) {
      described.append(", regex ").append(Texts.quote(regexText));
      regexGroup = regexText.contains("(?<value>") ? "value" : null;
      regexGroupIndex = regex.matcher("").groupCount() >= 1 ? 1 : 0;
    } else {
      regexGroup = null;
      regexGroupIndex = 0;
    }
    description = described.toString();
    objectIsNoValue = allowRegex && path != null && css == null && jsonLd == null && regex == null;
    jsonLdObjectIsNoValue = allowRegex && jsonLd != null && regex == null;
  }

  /** A locator for an extractor: path or const, css or json_ld, regex. */
  static Locator forExtractor(Section spec) throws MappingException {
    return new Locator(spec, true, true);
  }

  /**
   * The locators listed under {@code key} (a {@code join}'s parts, a {@code first_of}'s places): at
   * least two, each a path or a const narrowed as any extractor's.
   *
   * @param each what one of them is called in messages, plural ("parts")
   */
  static List<Locator> listed(Section spec, String key, String each) throws MappingException {
    List<Locator> locators = new ArrayList<>();
    for (Section item : listedSections(spec, key, each, Set.of())) {
      locators.add(forExtractor(item));
    }
    return locators;
  }

  /**
   * The items listed under {@code key}, at least two, each allowed the keys of a locator and {@code
   * ownKeys} (a join part's {@code optional}).
   */
  static List<Section> listedSections(Section spec, String key, String each, Set<String> ownKeys)
      throws MappingException {
    List<Yaml.Node> nodes = spec.list(key);
    if (nodes.size() < 2) {
      throw spec.error(key, "needs a list of at least two " + each + ", each like {path: ...}");
    }
    Set<String> allowed = new HashSet<>(KEYS);
    allowed.addAll(ownKeys);
    List<Section> items = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      Section item = spec.child(spec.where() + ", " + key + "[" + i + "]", nodes.get(i));
      // a step after the text is found goes beside first_of, where it reads the text whichever
      // place found it; in a place it was "unknown key", which sent people looking elsewhere
      for (String step : List.of("map", "lookup", "name")) {
        if (key.equals("first_of") && item.has(step) && !allowed.contains(step)) {
          throw item.error(
              step,
              "is not read in a place of "
                  + key
                  + ": give it beside "
                  + key
                  + ", where it applies to the text whichever place found it ({"
                  + key
                  + ": [{path: ...}, {path: ...}], "
                  + step
                  + ": ...})");
        }
      }
      item.allowOnly(allowed);
      items.add(item);
    }
    return items;
  }

  /** A locator for a condition: path, css or json_ld. */
  static Locator forCondition(Section spec) throws MappingException {
    return new Locator(spec, false, false);
  }

  static JsonPath compilePath(Section spec, String key, String text) throws MappingException {
    try {
      return JsonPath.compile(text);
    } catch (IllegalArgumentException e) {
      throw spec.error(key, e.getMessage());
    }
  }

  /**
   * A mapping's regex: multi-line, and with Unicode classes, so that {@code \s} matches the
   * no-break spaces French and German text put before a colon or inside an amount ({@code 1 250,00
   * €}) and {@code \w} the letters of {@code Müller} and {@code Ibáñez}; with ASCII classes a rule
   * written for such mail found nothing and the record was quarantined as missing a required value.
   */
  static Pattern compileRegex(Section spec, String key, String text, int flags)
      throws MappingException {
    try {
      return Pattern.compile(text, Pattern.MULTILINE | Pattern.UNICODE_CHARACTER_CLASS | flags);
    } catch (PatternSyntaxException e) {
      throw spec.error(key, "invalid regex " + Texts.quote(text) + ": " + e.getDescription());
    }
  }

  private static Evaluator compileCss(Section spec, String text) throws MappingException {
    try {
      return QueryParser.parse(text);
    } catch (Selector.SelectorParseException | IllegalArgumentException e) {
      String hint =
          String.valueOf(e.getMessage()).contains("balanced marker")
              ? " (a quote inside a selector's parentheses, as in :containsOwn(l'élève), is"
                  + " written with a backslash before it: :containsOwn(l\\'élève))"
              : "";
      throw spec.error(
          "css", "invalid CSS selector " + Texts.quote(text) + ": " + e.getMessage() + hint);
    }
  }

  /** The constant this locator always gives, or null when it reads the record. */
  @Override
  public String constant() {
    return constant;
  }

  /** Says where the value is looked for, for error messages. */
  @Override
  public String description() {
    return description;
  }

  @Override
  public List<String> paths() {
    return pathText == null ? List.of() : List.of(pathText);
  }

  /** The first value found, trimmed, or null when there is none. */
  @Override
  public String first(RecordContext context) {
    String[] found = new String[1];
    visit(
        context,
        value -> {
          found[0] = value;
          return true;
        });
    return found[0];
  }

  /**
   * Offers every value found (one per element when the path leads to an array) to {@code visitor},
   * until it returns true.
   *
   * @return whether the visitor returned true
   */
  boolean visit(RecordContext context, Predicate<String> visitor) {
    if (constant != null) {
      return narrowAndVisit(constant, context, visitor);
    }
    if (attribute != null) {
      return narrowAndVisit(attribute.apply(context.record()), context, visitor);
    }
    return visit(path, context, visitor);
  }

  @Override
  public boolean foundOnlyInQuote(RecordContext context) {
    return withQuote != null && first(context) == null && visit(withQuote, context, value -> true);
  }

  private boolean visit(JsonPath path, RecordContext context, Predicate<String> visitor) {
    JsonNode node = path.find(context.root());
    if (node == null) {
      return false;
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        if (!element.isNull() && narrowAndVisit(valueText(element), context, visitor)) {
          return true;
        }
      }
      return false;
    }
    return narrowAndVisit(valueText(node), context, visitor);
  }

  /** {@link #textOf}, refusing an object that is no value where the text is the value. */
  private String valueText(JsonNode node) {
    if (objectIsNoValue && node.isObject() && !isReference(node)) {
      // a list (Stripe's {object: list, data: [...]}) is read by its data: the first object's id
      throw notAValue(pathText, "", node, "data[0].id");
    }
    return textOf(node);
  }

  /**
   * The refusal of an object found where a value was meant, naming its members and one to read
   * ({@code listMember} for an object holding a {@code data} list).
   */
  private static NotAValue notAValue(
      String pathWritten, String key, JsonNode node, String listMember) {
    List<String> members = new ArrayList<>();
    node.fieldNames().forEachRemaining(members::add);
    String member =
        node.path("data").isArray()
            ? listMember
            : members.contains("email")
                ? "email"
                : members.contains("name")
                    ? "name"
                    : members.stream().filter(m -> !m.startsWith("@")).findFirst().orElse(null);
    String example = member == null ? "" : ", as " + key + pathWritten + "." + member;
    // "<path>" is not ...: the form of a value that failed, which the run's MAPPING ERROR line
    // counts per rule and field (the run is incomplete when it fails on nearly every record)
    return new NotAValue(
        Texts.quote(pathWritten)
            + " is not a value but a JSON object"
            + (members.isEmpty()
                ? " (an empty one)"
                : " (its members: "
                    + String.join(", ", members.subList(0, Math.min(members.size(), 12)))
                    + (members.size() > 12 ? ", ..." : "")
                    + ")")
            + " with no id to stand for it: name the member to read"
            + example
            + " (or a regex to read from its JSON text)");
  }

  /** An object with a scalar {@code id}: an API's expanded reference, which stands for its id. */
  private static boolean isReference(JsonNode node) {
    JsonNode id = node.get("id");
    return id != null && id.isValueNode() && !id.isNull();
  }

  private boolean narrowAndVisit(String raw, RecordContext context, Predicate<String> visitor) {
    String value = raw;
    if (css != null) {
      value = selectCss(value, context);
    } else if (jsonLd != null) {
      value = selectJsonLd(value, context);
    }
    if (value != null && regex != null) {
      value = applyRegex(value);
    }
    if (value == null || Texts.isBlank(value)) {
      return false;
    }
    return visitor.test(value.strip());
  }

  private String selectCss(String html, RecordContext context) {
    if (cssAll != null) {
      // an HTML table of items is one value, a list: each row's cell, in document order
      List<String> matches = new ArrayList<>();
      for (Element element : context.html(html).select(css)) {
        String text =
            attr == null ? element.text() : element.hasAttr(attr) ? element.attr(attr) : null;
        if (text != null && !Texts.isBlank(text)) {
          matches.add(text.strip());
        }
      }
      return matches.isEmpty() ? null : String.join(cssAll, matches);
    }
    Element element = context.html(html).selectFirst(css);
    if (element == null) {
      return null;
    }
    if (attr == null) {
      return element.text();
    }
    return element.hasAttr(attr) ? element.attr(attr) : null;
  }

  private String selectJsonLd(String html, RecordContext context) {
    List<JsonNode> items = context.jsonLd(html);
    for (JsonNode item : items) {
      if (jsonLdType != null && !hasType(item, jsonLdType)) {
        continue;
      }
      JsonNode node = jsonLd.find(item);
      if (node != null && node.isArray()) {
        node = node.isEmpty() ? null : node.get(0);
      }
      if (node != null && node.isObject()) {
        node = jsonLdValue(node);
      }
      if (node != null && !node.isNull()) {
        String text = textOf(node);
        if (!Texts.isBlank(text)) {
          return text;
        }
      }
    }
    return null;
  }

  /**
   * What a JSON-LD object found at the path stands for: a value object ({@code {"@value": ...}})
   * its value, a node reference its {@code @id} (or {@code id}); any other object (a {@code Person}
   * with a name) is no value unless a regex reads its text: its JSON text was the value, unsaid.
   */
  private JsonNode jsonLdValue(JsonNode object) {
    for (String stand : List.of("@value", "@id", "id")) {
      JsonNode value = object.get(stand);
      if (value != null && value.isValueNode() && !value.isNull()) {
        return value;
      }
    }
    if (jsonLdObjectIsNoValue) {
      throw notAValue(jsonLdText, "json_ld: ", object, "data[0]");
    }
    return object;
  }

  private static boolean hasType(JsonNode item, String type) {
    JsonNode declared = item.get("@type");
    if (declared == null) {
      return false;
    }
    if (declared.isArray()) {
      for (JsonNode one : declared) {
        if (sameType(one.asText(), type)) {
          return true;
        }
      }
      return false;
    }
    return sameType(declared.asText(), type);
  }

  /** {@code http://schema.org/Order} and {@code Order} name the same type. */
  private static boolean sameType(String declared, String wanted) {
    return declared.equals(wanted) || declared.endsWith("/" + wanted);
  }

  private String applyRegex(String value) {
    Matcher matcher = regex.matcher(value);
    if (!matcher.find()) {
      return null;
    }
    return regexGroup != null ? matcher.group(regexGroup) : matcher.group(regexGroupIndex);
  }

  /**
   * A value's text. An object with a scalar {@code id} is an API's expanded reference (Stripe's
   * {@code expand[]}, a JSON:API resource): it stands for its id, as the same field does when not
   * expanded, so {@code payment_intent} is {@code pi_...} either way; its JSON text (with the
   * PaymentIntent's {@code client_secret}) was taken for a key and written out. Any other object is
   * its JSON text.
   */
  private static String textOf(JsonNode node) {
    if (node.isValueNode()) {
      return node.asText();
    }
    JsonNode id = node.isObject() ? node.get("id") : null;
    return id != null && id.isValueNode() && !id.isNull() ? id.asText() : node.toString();
  }
}
