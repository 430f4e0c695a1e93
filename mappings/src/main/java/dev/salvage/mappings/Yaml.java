package dev.salvage.mappings;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML document as a tree that keeps every scalar exactly as written ({@code 007} stays {@code
 * 007}, {@code yes} stays {@code yes}) and the line each node stands on, for error messages.
 */
public final class Yaml {
  private static final YAMLFactory FACTORY = new YAMLFactory();

  sealed interface Node permits MapNode, ListNode, Scalar {
    int line();
  }

  /** A mapping; {@code keyLines} holds the line of each key. */
  record MapNode(Map<String, Node> entries, Map<String, Integer> keyLines, int line)
      implements Node {}

  record ListNode(List<Node> items, int line) implements Node {}

  /** A scalar as written; {@code text} is null for a YAML null ({@code ~} or nothing). */
  record Scalar(String text, int line) implements Node {}

  private Yaml() {}

  static Node parse(String text, String fileLabel) throws MappingException {
    try (JsonParser parser = FACTORY.createParser(text)) {
      if (parser.nextToken() == null) {
        // "missing business (line 1)" sent the operator of a 0-byte file (a failed copy, a save
        // cut short) to look for a typo in a file that holds nothing
        throw new MappingException(
            fileLabel
                + (text.isBlank()
                    ? ": is empty (" + text.length() + " characters): no settings in it"
                    : ": holds only comments: no settings in it")
                + "; was it copied or saved completely?");
      }
      Node root = read(parser, fileLabel, new java.util.HashMap<>());
      if (parser.nextToken() != null) {
        throw new MappingException(
            fileLabel + ": holds more than one YAML document (line " + line(parser) + ")");
      }
      return root;
    } catch (JsonProcessingException e) {
      Mark mark = problemMark(e);
      int line =
          mark != null
              ? mark.getLine() + 1
              : e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      int column =
          mark != null
              ? mark.getColumn() + 1
              : e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
      String problem = problem(e);
      if (problem.startsWith("expected <block end>")) {
        String[] lines = text.split("\r\n|\n|\r", -1);
        int key = misindentedKey(lines, line - 1, column - 1);
        if (key >= 0) {
          line = key + 1;
          column = keyIndent(lines[key]) + 1;
          problem = misindented(lines, key);
        }
      }
      if (problem.startsWith("mapping values are not allowed here")) {
        String[] lines = text.split("\r\n|\n|\r", -1);
        if (line >= 1 && line <= lines.length) {
          String quote = colonInValue(lines[line - 1], column - 1);
          if (quote != null) {
            problem = quote;
          } else {
            String deeper = deeperThanKeyBefore(lines, line - 1);
            if (deeper != null) {
              problem = deeper;
              column = keyIndent(lines[line - 1]) + 1;
            }
          }
        }
      }
      if (problem.contains("\\t(TAB)")) {
        String[] lines = text.split("\r\n|\n|\r", -1);
        problem = problem + tabHint(line >= 1 && line <= lines.length ? lines[line - 1] : "");
      }
      throw new MappingException(
          fileLabel
              + ": not valid YAML: "
              + problem
              + " (line "
              + line
              + ", column "
              + column
              + ")",
          e);
    } catch (IOException e) {
      throw new MappingException(fileLabel + ": cannot be read as YAML: " + e.getMessage(), e);
    }
  }

  /**
   * The node at the parser's token. An anchor ({@code &vet}) is kept, an alias ({@code *vet})
   * stands for the node it names, and a merge key ({@code <<: *vet}) puts that mapping's entries in
   * the mapping holding it, after its own: mappings repeat a block that way, and until 2026-12-05
   * an alias was read as the text {@code vet}, refused with a message that did not say why.
   */
  private static Node read(JsonParser parser, String fileLabel, Map<String, Node> anchors)
      throws IOException, MappingException {
    int line = line(parser);
    JsonToken token = parser.currentToken();
    if (parser instanceof com.fasterxml.jackson.dataformat.yaml.YAMLParser yaml
        && yaml.isCurrentAlias()) {
      Node anchored = anchors.get(parser.getText());
      if (anchored == null) {
        throw new MappingException(
            fileLabel
                + ": alias *"
                + parser.getText()
                + " names no anchor defined before it (line "
                + line
                + "); define &"
                + parser.getText()
                + " first");
      }
      return anchored;
    }
    String anchor = parser.getObjectId() instanceof String id ? id : null;
    Node node;
    if (token == JsonToken.START_OBJECT) {
      Map<String, Node> entries = new LinkedHashMap<>();
      Map<String, Integer> keyLines = new LinkedHashMap<>();
      List<MapNode> merged = new ArrayList<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        int keyLine = line(parser);
        if (entries.containsKey(key)) {
          throw new MappingException(
              fileLabel + ": key \"" + key + "\" appears twice (line " + keyLine + ")");
        }
        parser.nextToken();
        Node value = read(parser, fileLabel, anchors);
        if (key.equals("<<")) {
          mergeSources(value, fileLabel, keyLine, merged);
          continue;
        }
        entries.put(key, value);
        keyLines.put(key, keyLine);
      }
      for (MapNode from : merged) {
        from.entries()
            .forEach(
                (key, value) -> {
                  if (!entries.containsKey(key)) {
                    entries.put(key, value);
                    keyLines.put(key, from.keyLines().get(key));
                  }
                });
      }
      node =
          new MapNode(
              Collections.unmodifiableMap(entries), Collections.unmodifiableMap(keyLines), line);
    } else if (token == JsonToken.START_ARRAY) {
      List<Node> items = new ArrayList<>();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        items.add(read(parser, fileLabel, anchors));
      }
      node = new ListNode(List.copyOf(items), line);
    } else {
      node = new Scalar(token == JsonToken.VALUE_NULL ? null : parser.getText(), line);
    }
    if (anchor != null) {
      anchors.put(anchor, node);
    }
    return node;
  }

  /** The mappings a merge key names: one, or a list of them, the first winning. */
  private static void mergeSources(Node value, String fileLabel, int line, List<MapNode> merged)
      throws MappingException {
    if (value instanceof MapNode map) {
      merged.add(map);
      return;
    }
    if (value instanceof ListNode list) {
      for (Node item : list.items()) {
        mergeSources(item, fileLabel, line, merged);
      }
      return;
    }
    throw new MappingException(
        fileLabel + ": the merge key << takes a mapping or a list of mappings (line " + line + ")");
  }

  private static final java.util.regex.Pattern LINE_KEY =
      java.util.regex.Pattern.compile("^[ \\t]*(?:-[ \\t]+)?([^\\s:#'\"{}\\[\\],]+)[ \\t]*:");

  /**
   * What a tab at {@code line} means in plain words, naming the key of that line when it has one:
   * SnakeYAML's "cannot start any token" named neither the key nor the fix.
   */
  private static String tabHint(String line) {
    java.util.regex.Matcher key = LINE_KEY.matcher(line);
    return ": a tab character"
        + (key.find() ? " in the line of the key " + key.group(1) : "")
        + "; YAML indents, and separates a value from its key, with spaces only: replace the tab"
        + " with spaces";
  }

  /**
   * {@code found character '\t(TAB)' ... (line 4, column 1)}: a YAML syntax error in one line, at
   * the place SnakeYAML found it, for a YAML file read elsewhere than through this class (the
   * import's target mapping).
   */
  public static String syntaxError(JsonProcessingException e) {
    Mark mark = problemMark(e);
    if (mark == null) {
      return Texts.collapse(e.getOriginalMessage());
    }
    return problem(e)
        + " (line "
        + (mark.getLine() + 1)
        + ", column "
        + (mark.getColumn() + 1)
        + ")";
  }

  /**
   * Where SnakeYAML found the problem (a tab at line 3, column 1), or null. Jackson's location is
   * SnakeYAML's context mark, where the token being read began: for a tab at the start of a line,
   * the end of the line before it, which an outside trial's operator was sent to look at.
   */
  static Mark problemMark(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
        return marked.getProblemMark();
      }
    }
    return null;
  }

  /** SnakeYAML's one-line problem ("expected ',' or '}', but got ["), without the excerpts. */
  private static String problem(JsonProcessingException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof MarkedYAMLException marked && marked.getProblem() != null) {
        String hint =
            marked.getProblem().contains("but got [")
                ? "; quote values holding [ or ] inside { }"
                : "";
        return marked.getProblem().strip() + hint;
      }
    }
    return Texts.collapse(e.getOriginalMessage());
  }

  /**
   * The line (from 0) of the key a block-end error is about, or -1. The parser marks where it
   * stopped, which after a list or a flow value is the end of the line before the key: the first
   * line from there that holds more than a comment is the key's.
   */
  private static int misindentedKey(String[] lines, int line, int column) {
    if (line < 0 || line >= lines.length) {
      return -1;
    }
    String rest = lines[line].substring(Math.min(Math.max(column, 0), lines[line].length()));
    int at = line;
    if (isBlank(rest)) {
      at++;
      while (at < lines.length && isBlank(lines[at])) {
        at++;
      }
    }
    return at < lines.length && keyOf(lines[at]) != null ? at : -1;
  }

  /**
   * Says in plain words that the key at {@code line} (from 0) lines up with no key of a mapping
   * above it, naming the key before it and its indentation, to which it most likely belongs.
   */
  private static String misindented(String[] lines, int line) {
    String said =
        "the key "
            + keyOf(lines[line])
            + " is indented "
            + keyIndent(lines[line])
            + " space(s), which lines it up with no other key of a mapping above it";
    for (int before = line - 1; before >= 0; before--) {
      String key = keyOf(lines[before]);
      if (key != null) {
        said +=
            " (the key before it, "
                + key
                + " at line "
                + (before + 1)
                + ", is indented "
                + keyIndent(lines[before])
                + ")";
        break;
      }
    }
    return said + ": the keys of one mapping start in the same column";
  }

  /**
   * When the {@code ": "} SnakeYAML stopped at is not the one after the line's key, the value holds
   * a colon and a space ({@code matches: ^Referencia: (VA)}), which YAML takes for another key:
   * says so and how to quote it. Null otherwise.
   */
  private static String colonInValue(String line, int column) {
    Matcher key = KEY.matcher(line);
    if (!key.lookingAt() || column < key.end() || column >= line.length()) {
      return null;
    }
    String value = line.substring(key.end()).strip();
    if (value.isEmpty() || "'\"{[|>".indexOf(value.charAt(0)) >= 0) {
      return null;
    }
    return "the value of "
        + key.group(1)
        + " holds \": \" (a colon and a space), which YAML reads as the start of another key:"
        + " put the value in single quotes, "
        + key.group(1)
        + ": '"
        + value.replace("'", "''")
        + "'";
  }

  /**
   * When the key at {@code line} (from 0) is indented deeper than the key on the line before it,
   * whose value is on its own line ({@code kind: test} over {@code emit: []}), YAML reads the
   * deeper line as more of that value and stops at its colon: says so in plain words. Null
   * otherwise.
   */
  private static String deeperThanKeyBefore(String[] lines, int line) {
    String key = keyOf(lines[line]);
    if (key == null) {
      return null;
    }
    int before = line - 1;
    while (before >= 0 && isBlank(lines[before])) {
      before--;
    }
    if (before < 0) {
      return null;
    }
    Matcher previous = KEY.matcher(lines[before]);
    if (!previous.lookingAt()
        || isBlank(lines[before].substring(previous.end()))
        || keyIndent(lines[line]) <= keyIndent(lines[before])) {
      return null;
    }
    return "the key "
        + key
        + " is indented "
        + keyIndent(lines[line])
        + " space(s), deeper than the key "
        + previous.group(1)
        + " at line "
        + (before + 1)
        + " (indented "
        + keyIndent(lines[before])
        + "), whose value is on that line: YAML reads "
        + key
        + " as more of that value; indent "
        + key
        + " as "
        + previous.group(1)
        + " is, "
        + keyIndent(lines[before])
        + " space(s), or put it under a key whose value starts on the next line";
  }

  private static boolean isBlank(String text) {
    String stripped = text.strip();
    return stripped.isEmpty() || stripped.startsWith("#");
  }

  private static int indent(String line) {
    int spaces = 0;
    while (spaces < line.length() && line.charAt(spaces) == ' ') {
      spaces++;
    }
    return spaces;
  }

  /** The indentation of a line's key, after a list item's {@code - } when it starts one. */
  private static int keyIndent(String line) {
    Matcher key = KEY.matcher(line);
    return key.lookingAt() ? key.start(1) : indent(line);
  }

  /** The key a line starts with ({@code name} of {@code - name: x}), or null. */
  private static String keyOf(String line) {
    Matcher key = KEY.matcher(line);
    return key.lookingAt() ? key.group(1) : null;
  }

  private static final Pattern KEY =
      Pattern.compile("\\s*(?:-\\s+)*([A-Za-z_][\\w.-]*)\\s*:(?:\\s|$)");

  private static int line(JsonParser parser) {
    return parser.currentTokenLocation().getLineNr();
  }
}
