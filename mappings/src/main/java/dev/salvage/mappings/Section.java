package dev.salvage.mappings;

import dev.salvage.mappings.Yaml.ListNode;
import dev.salvage.mappings.Yaml.MapNode;
import dev.salvage.mappings.Yaml.Node;
import dev.salvage.mappings.Yaml.Scalar;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * A YAML mapping read strictly, with the place it stands at ({@code rule booking_confirmation,
 * field pickup_at}) so that every error names the file, the place, the key and the line.
 */
final class Section {
  private static final LevenshteinDistance DISTANCE = new LevenshteinDistance(3);

  private final String file;
  private final String where;
  private final MapNode node;

  private Section(String file, String where, MapNode node) {
    this.file = file;
    this.where = where;
    this.node = node;
  }

  static Section root(String file, Node node) throws MappingException {
    if (!(node instanceof MapNode map)) {
      throw new MappingException(file + ": expected a YAML mapping (line " + node.line() + ")");
    }
    return new Section(file, "", map);
  }

  /**
   * This section with the values of {@code keys} that {@code over} has put in place of its own,
   * placed where {@code over} is: a {@code first_of} place's own {@code format} over its field's.
   */
  Section overriddenBy(Section over, Collection<String> keys) {
    Map<String, Node> entries = new LinkedHashMap<>(node.entries());
    Map<String, Integer> lines = new LinkedHashMap<>(node.keyLines());
    for (String key : keys) {
      if (over.has(key)) {
        entries.put(key, over.node(key));
        lines.put(key, over.node.keyLines().get(key));
      }
    }
    return new Section(file, over.where, new MapNode(entries, lines, over.line()));
  }

  /** A mapping found in a list or as a value, at {@code where}. */
  Section child(String childWhere, Node child) throws MappingException {
    if (!(child instanceof MapNode map)) {
      throw new MappingException(
          prefix(childWhere) + "expected a mapping of keys to values (line " + child.line() + ")");
    }
    return new Section(file, childWhere, map);
  }

  String file() {
    return file;
  }

  String where() {
    return where;
  }

  int line() {
    return node.line();
  }

  Set<String> keys() {
    return node.entries().keySet();
  }

  boolean has(String key) {
    return node.entries().containsKey(key);
  }

  Node node(String key) {
    return node.entries().get(key);
  }

  /** Fails on any key not in {@code allowed}, suggesting the nearest allowed one. */
  void allowOnly(Collection<String> allowed) throws MappingException {
    for (String key : keys()) {
      if (!allowed.contains(key)) {
        throw error(key, "unknown key" + suggestion(key, allowed));
      }
    }
  }

  void require(String key) throws MappingException {
    if (!has(key) || node(key) instanceof Scalar scalar && scalar.text() == null) {
      throw error(null, "missing \"" + key + "\"");
    }
  }

  /** A required non-empty scalar. */
  String text(String key) throws MappingException {
    require(key);
    String text = optionalText(key);
    if (text.isBlank()) {
      throw error(key, "must not be empty");
    }
    return text;
  }

  /** A scalar as written, or null when the key is absent or null. */
  String optionalText(String key) throws MappingException {
    Node value = node(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Scalar scalar)) {
      throw error(key, "expected a single value, not a list or mapping");
    }
    return scalar.text();
  }

  /** {@code true} or {@code false}; {@code fallback} when absent. */
  boolean flag(String key, boolean fallback) throws MappingException {
    String text = optionalText(key);
    if (text == null) {
      return fallback;
    }
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw error(key, "expected true or false, not \"" + text + "\"");
    };
  }

  /** The items of a list; empty when the key is absent. */
  List<Node> list(String key) throws MappingException {
    Node value = node(key);
    if (value == null || value instanceof Scalar scalar && scalar.text() == null) {
      return List.of();
    }
    if (!(value instanceof ListNode list)) {
      throw error(key, "expected a list");
    }
    return list.items();
  }

  /** A list of scalars; empty when the key is absent. */
  List<String> texts(String key) throws MappingException {
    List<String> texts = new ArrayList<>();
    for (Node item : list(key)) {
      if (!(item instanceof Scalar scalar) || scalar.text() == null) {
        throw error(key, "expected a list of values (line " + item.line() + ")");
      }
      texts.add(scalar.text());
    }
    return texts;
  }

  /** A mapping of scalars to scalars, in file order; empty when the key is absent. */
  Map<String, String> textMap(String key) throws MappingException {
    Map<String, String> map = new LinkedHashMap<>();
    Node value = node(key);
    if (value == null) {
      return map;
    }
    if (!(value instanceof MapNode entries)) {
      throw error(key, "expected a mapping of values to values");
    }
    for (Map.Entry<String, Node> entry : entries.entries().entrySet()) {
      if (entry.getValue() instanceof Scalar scalar && scalar.text() == null) {
        // YAML reads NULL, null, ~ and nothing as no value: a backup's null: NULL, as the docs
        // and the run's own advice write it, arrived here as nothing and was told only that it
        // "must be a single value"
        throw error(
            key,
            "the value of \""
                + entry.getKey()
                + "\" is empty: YAML reads nothing, ~, null and NULL as no value; to give the"
                + " word, quote it ("
                + entry.getKey()
                + ": \"NULL\")");
      }
      if (!(entry.getValue() instanceof Scalar scalar)) {
        throw error(key, "the value of \"" + entry.getKey() + "\" must be a single value");
      }
      map.put(entry.getKey(), scalar.text());
    }
    return map;
  }

  /**
   * A section of one key, {@code as}, holding the value of this section's {@code key}, at its line
   * and place: the other place a condition compares its value with ({@code equals_field: amount}
   * read as {@code path: amount}).
   */
  Section valueAs(String key, String as) {
    Map<String, Node> entries = new LinkedHashMap<>();
    Map<String, Integer> lines = new LinkedHashMap<>();
    entries.put(as, node(key));
    lines.put(as, node.keyLines().get(key));
    Integer line = node.keyLines().get(key);
    return new Section(file, where, new MapNode(entries, lines, line == null ? line() : line));
  }

  /** The mapping under {@code key}, placed at {@code childWhere}. */
  Section section(String key, String childWhere) throws MappingException {
    require(key);
    Node value = node(key);
    if (!(value instanceof MapNode map)) {
      throw error(key, "expected a mapping of keys to values");
    }
    return new Section(file, childWhere, map);
  }

  /**
   * Where {@code key} is set, as an error names it: {@code "salvage.yaml: sources[2]: path (line
   * 18)"}, for a mistake found only when the value is used.
   */
  String place(String key) {
    Integer line = node.keyLines().get(key);
    return prefix(where) + key + " (line " + (line == null ? node.line() : line) + ")";
  }

  /** An error about the value of {@code key} (or about this section when key is null). */
  MappingException error(String key, String message) {
    Integer line = key == null ? null : node.keyLines().get(key);
    String at = key == null ? "" : key + ": ";
    return new MappingException(
        prefix(where) + at + message + " (line " + (line == null ? node.line() : line) + ")");
  }

  MappingException error(String key, String message, Throwable cause) {
    MappingException error = error(key, message);
    error.initCause(cause);
    return error;
  }

  private String prefix(String place) {
    return file + ": " + (place.isEmpty() ? "" : place + ": ");
  }

  /**
   * {@code "; did you mean \"x\"?"} naming the nearest of {@code known} to {@code value}, or empty
   * when none is near.
   */
  static String didYouMean(String value, Collection<String> known) {
    String best = nearest(value, known);
    return best == null ? "" : "; did you mean \"" + best + "\"?";
  }

  /**
   * The allowed name nearest {@code key}, at most 3 edits away, two letters swapped counting as one
   * edit (a typist's commonest slip), the first in alphabetical order among equally near ones. By
   * Levenshtein distance alone {@code kyes} was as near {@code ties} as {@code keys}, and which one
   * was suggested followed the iteration order of a hashed set.
   */
  private static String nearest(String key, Collection<String> allowed) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : allowed.stream().sorted().toList()) {
      int distance = DISTANCE.apply(key, candidate);
      if (distance >= 0) {
        distance = Math.min(distance, swapsAndEdits(key, candidate));
      }
      if (distance >= 0 && distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  /**
   * The optimal string alignment distance: Levenshtein's, with two adjacent letters swapped one.
   */
  static int swapsAndEdits(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  private static String suggestion(String key, Collection<String> allowed) {
    String best = nearest(key, allowed);
    List<String> sorted = allowed.stream().sorted().toList();
    return (best == null ? "." : "; did you mean \"" + best + "\"?")
        + " Allowed keys: "
        + String.join(", ", sorted);
  }
}
