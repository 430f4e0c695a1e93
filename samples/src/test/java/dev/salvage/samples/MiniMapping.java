package dev.salvage.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * A small reading of {@code mappings/README.md}, enough to apply Rentwise's mapping files to the
 * generated records in tests. It is not the mapping engine: it exists to catch selectors, regexes
 * and formats in the mapping files that do not fit the data.
 */
final class MiniMapping {
  static final YAMLMapper YAML = new YAMLMapper();
  private static final ZoneId BUSINESS_ZONE = ZoneId.of("Europe/Lisbon");
  private static final String REGION = "PT";

  /** What one rule made of one record. */
  record Result(String rule, List<Observation> observations) {}

  record Observation(String entity, Map<String, String> fields) {}

  private final JsonNode rules;

  MiniMapping(Path file) throws Exception {
    this.rules = YAML.readTree(file.toFile()).get("rules");
  }

  JsonNode rules() {
    return rules;
  }

  /** Applies the first rule of {@code kind} whose conditions hold; null when none does. */
  Result apply(String kind, JsonNode record) {
    for (JsonNode rule : rules) {
      if (!rule.get("kind").asText().equals(kind) || !holds(rule.get("when"), record)) {
        continue;
      }
      String observedAt = extract(rule.get("observed_at"), record, "observed_at");
      if (observedAt == null) {
        throw new AssertionError("rule " + rule.get("name").asText() + ": no observed_at");
      }
      List<Observation> observations = new ArrayList<>();
      for (JsonNode emit : rule.get("emit")) {
        Map<String, String> fields = new LinkedHashMap<>();
        emit.get("fields")
            .fields()
            .forEachRemaining(
                field -> {
                  String value = extract(field.getValue(), record, field.getKey());
                  if (value != null) {
                    fields.put(field.getKey(), value);
                  } else if (field.getValue().path("required").asBoolean()) {
                    throw new AssertionError(
                        "rule "
                            + rule.get("name").asText()
                            + " found no "
                            + field.getKey()
                            + " in "
                            + record);
                  }
                });
        observations.add(new Observation(emit.get("entity").asText(), fields));
      }
      return new Result(rule.get("name").asText(), observations);
    }
    return null;
  }

  private boolean holds(JsonNode conditions, JsonNode record) {
    if (conditions == null) {
      return true;
    }
    for (JsonNode condition : conditions) {
      if (!holdsOne(condition, record)) {
        return false;
      }
    }
    return true;
  }

  private boolean holdsOne(JsonNode condition, JsonNode record) {
    if (condition.has("any")) {
      for (JsonNode each : condition.get("any")) {
        if (holdsOne(each, record)) {
          return true;
        }
      }
      return false;
    }
    if (condition.has("not")) {
      return !holdsOne(condition.get("not"), record);
    }
    String value = text(at(record, condition.get("path").asText()));
    if (condition.has("exists")) {
      return (value != null) == condition.get("exists").asBoolean();
    }
    if (value == null) {
      return false;
    }
    if (condition.has("equals")) {
      return value.equals(condition.get("equals").asText());
    }
    if (condition.has("contains")) {
      return value.contains(condition.get("contains").asText());
    }
    if (condition.has("matches")) {
      return Pattern.compile(condition.get("matches").asText()).matcher(value).find();
    }
    throw new AssertionError("Unknown condition " + condition);
  }

  private String extract(JsonNode spec, JsonNode record, String field) {
    String value;
    if (spec.has("const")) {
      value = spec.get("const").asText();
    } else {
      value = text(at(record, spec.get("path").asText()));
    }
    if (value != null && spec.has("css")) {
      Element element = Jsoup.parse(value).selectFirst(spec.get("css").asText());
      value =
          element == null
              ? null
              : spec.has("attr") ? element.attr(spec.get("attr").asText()) : element.text();
      if (value != null && value.isEmpty()) {
        value = null;
      }
    }
    if (value != null && spec.has("regex")) {
      Matcher matcher = Pattern.compile(spec.get("regex").asText()).matcher(value);
      if (!matcher.find()) {
        value = null;
      } else if (spec.get("regex").asText().contains("(?<value>")) {
        value = matcher.group("value");
      } else {
        value = matcher.groupCount() >= 1 ? matcher.group(1) : matcher.group();
      }
    }
    if (value != null && spec.has("map")) {
      JsonNode mapped = spec.get("map").get(value);
      if (mapped == null) {
        throw new AssertionError(field + ": \"" + value + "\" is not in the map");
      }
      value = mapped.asText();
    }
    if (value == null && spec.has("default")) {
      value = spec.get("default").asText();
    }
    if (value == null) {
      return null;
    }
    return typed(spec, value, record, field);
  }

  private String typed(JsonNode spec, String value, JsonNode record, String field) {
    String type = spec.path("type").asText("text");
    try {
      return switch (type) {
        case "text" -> value.trim().replaceAll("\\s+", " ");
        case "upper" -> value.trim().toUpperCase(java.util.Locale.ROOT);
        case "lower" -> value.trim().toLowerCase(java.util.Locale.ROOT);
        case "email" -> {
          String address =
              value.contains("<")
                  ? value.substring(value.indexOf('<') + 1, value.indexOf('>'))
                  : value;
          yield address.trim().toLowerCase(java.util.Locale.ROOT);
        }
        case "phone" -> {
          PhoneNumberUtil util = PhoneNumberUtil.getInstance();
          var number = util.parse(value, spec.path("region").asText(REGION));
          if (!util.isValidNumber(number)) {
            throw new AssertionError(field + ": \"" + value + "\" is not a valid phone number");
          }
          yield util.format(number, PhoneNumberFormat.E164);
        }
        case "integer" -> String.valueOf(Long.parseLong(value.trim()));
        case "money" ->
            new BigDecimal(value.trim()).movePointRight(2).toBigIntegerExact().toString();
        case "datetime" -> datetime(spec, value, record, field);
        default -> throw new AssertionError(field + ": unknown type " + type);
      };
    } catch (RuntimeException | com.google.i18n.phonenumbers.NumberParseException e) {
      throw new AssertionError(field + ": cannot parse \"" + value + "\" as " + type + ": " + e, e);
    }
  }

  private String datetime(JsonNode spec, String value, JsonNode record, String field) {
    String format = spec.path("format").asText("iso");
    Instant instant;
    if (format.equals("iso")) {
      instant = OffsetDateTime.parse(value).toInstant();
    } else if (format.equals("epoch_seconds")) {
      instant = Instant.ofEpochSecond(Long.parseLong(value));
    } else {
      TemporalAccessor parsed = DateTimeFormatter.ofPattern(format).parse(value);
      if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
        instant = OffsetDateTime.from(parsed).toInstant();
      } else {
        ZoneId zone = BUSINESS_ZONE;
        JsonNode zoneSpec = spec.get("zone");
        if (zoneSpec != null) {
          zone =
              ZoneId.of(
                  zoneSpec.isTextual()
                      ? zoneSpec.asText()
                      : extract(zoneSpec, record, field + ".zone"));
        }
        instant = LocalDateTime.from(parsed).atZone(zone).toInstant();
      }
    }
    return instant.toString();
  }

  /** The value at a path such as {@code to[0]} or {@code metadata.booking_ref}. */
  static JsonNode at(JsonNode record, String path) {
    JsonNode node = record;
    for (String part : path.split("\\.")) {
      Matcher index = Pattern.compile("(.+)\\[(\\d+)]").matcher(part);
      if (index.matches()) {
        node = node.path(index.group(1)).path(Integer.parseInt(index.group(2)));
      } else {
        node = node.path(part);
      }
    }
    return node;
  }

  private static String text(JsonNode node) {
    return node == null || node.isMissingNode() || node.isNull() ? null : node.asText();
  }
}
