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
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML document as a tree that keeps every scalar exactly as written ({@code 007} stays {@code
 * 007}, {@code yes} stays {@code yes}) and the line each node stands on, for error messages.
 */
final class Yaml {
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
      Node root = read(parser, fileLabel);
      if (parser.nextToken() != null) {
        throw new MappingException(
            fileLabel + ": holds more than one YAML document (line " + line(parser) + ")");
      }
      return root;
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      int column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
      throw new MappingException(
          fileLabel
              + ": not valid YAML: "
              + problem(e)
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

  private static Node read(JsonParser parser, String fileLabel)
      throws IOException, MappingException {
    int line = line(parser);
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT) {
      Map<String, Node> entries = new LinkedHashMap<>();
      Map<String, Integer> keyLines = new LinkedHashMap<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        int keyLine = line(parser);
        if (entries.containsKey(key)) {
          throw new MappingException(
              fileLabel + ": key \"" + key + "\" appears twice (line " + keyLine + ")");
        }
        parser.nextToken();
        entries.put(key, read(parser, fileLabel));
        keyLines.put(key, keyLine);
      }
      return new MapNode(
          Collections.unmodifiableMap(entries), Collections.unmodifiableMap(keyLines), line);
    }
    if (token == JsonToken.START_ARRAY) {
      List<Node> items = new ArrayList<>();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        items.add(read(parser, fileLabel));
      }
      return new ListNode(List.copyOf(items), line);
    }
    return new Scalar(token == JsonToken.VALUE_NULL ? null : parser.getText(), line);
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

  private static int line(JsonParser parser) {
    return parser.currentTokenLocation().getLineNr();
  }
}
