package dev.salvage.mappings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.connectors.io.JsonInput;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiled path into a JSON document: dotted names and {@code [n]} indexes ({@code
 * charges.data[0].id}); {@code [-1]} is the last element; {@code ["odd.key"]} quotes a name that
 * holds dots or brackets. A name that is a number indexes an array too ({@code charges.data.0.id}),
 * which needs no quoting in YAML flow mappings.
 *
 * <p>A step that meets a text holding a JSON object or array walks into that document: a {@code
 * json}/{@code jsonb} column of a backup row is its text ({@code columns.metadata.teacher}), as is
 * a JSON document kept in a CSV cell or a Stripe metadata value.
 */
final class JsonPath {
  private final String text;
  private final Object[] steps;

  private JsonPath(String text, Object[] steps) {
    this.text = text;
    this.steps = steps;
  }

  /**
   * Compiles {@code text}.
   *
   * @throws IllegalArgumentException saying what is wrong with the path
   */
  static JsonPath compile(String text) {
    List<Object> steps = new ArrayList<>();
    int i = 0;
    int n = text.length();
    boolean expectName = true;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '[') {
        if (expectName && !steps.isEmpty()) {
          throw new IllegalArgumentException("expected a name after . in path " + text);
        }
        int close = text.indexOf(']', i);
        if (text.startsWith("[\"", i)) {
          close = text.indexOf("\"]", i + 2);
          if (close < 0) {
            throw new IllegalArgumentException("unclosed [\" in path " + text);
          }
          steps.add(text.substring(i + 2, close));
          i = close + 2;
        } else {
          if (close < 0) {
            throw new IllegalArgumentException("unclosed [ in path " + text);
          }
          steps.add(index(text, text.substring(i + 1, close)));
          i = close + 1;
        }
        expectName = false;
      } else if (c == '.') {
        if (expectName) {
          throw new IllegalArgumentException("empty name in path " + text);
        }
        expectName = true;
        i++;
      } else {
        if (!expectName) {
          throw new IllegalArgumentException(
              "expected . or [ at position " + (i + 1) + " of path " + text);
        }
        int end = i;
        while (end < n && text.charAt(end) != '.' && text.charAt(end) != '[') {
          if (text.charAt(end) == ']') {
            throw new IllegalArgumentException("unexpected ] in path " + text);
          }
          end++;
        }
        steps.add(text.substring(i, end));
        i = end;
        expectName = false;
      }
    }
    if (steps.isEmpty() || expectName) {
      throw new IllegalArgumentException("incomplete path " + text);
    }
    return new JsonPath(text, steps.toArray());
  }

  private static Integer index(String path, String digits) {
    try {
      return Integer.valueOf(digits.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("[" + digits + "] is not an index in path " + path);
    }
  }

  /** The node at this path, or null when any step is missing. */
  JsonNode find(JsonNode root) {
    JsonNode node = root;
    for (Object step : steps) {
      if (node == null) {
        return null;
      }
      if (node.isTextual()) {
        node = embedded(node.textValue());
        if (node == null) {
          return null;
        }
      }
      if (step instanceof Integer index) {
        int i = index < 0 ? node.size() + index : index;
        node = node.isArray() && i >= 0 ? node.get(i) : null;
      } else if (node.isObject()) {
        node = node.get((String) step);
      } else {
        node = node.isArray() ? elementNamed(node, (String) step) : null;
      }
    }
    return node == null || node.isMissingNode() || node.isNull() ? null : node;
  }

  /**
   * The JSON object or array {@code text} holds, or null when it holds something else. Before
   * 2026-12-03 a path could not go on past a text, so every key of a jsonb column found nothing,
   * without a word, for every row.
   */
  private static JsonNode embedded(String text) {
    String trimmed = text.strip();
    if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) {
      return null;
    }
    try {
      JsonNode document = JsonInput.MAPPER.readTree(trimmed);
      return document != null && document.isContainerNode() ? document : null;
    } catch (JsonProcessingException e) {
      // text that only starts like JSON (a note "[urgent] call back") has no names to walk into
      return null;
    }
  }

  private static JsonNode elementNamed(JsonNode array, String name) {
    int i;
    try {
      i = Integer.parseInt(name);
    } catch (NumberFormatException e) {
      return null;
    }
    return array.get(i < 0 ? array.size() + i : i);
  }

  @Override
  public String toString() {
    return text;
  }
}
