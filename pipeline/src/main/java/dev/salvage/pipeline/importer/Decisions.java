package dev.salvage.pipeline.importer;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operator's review decisions ({@code DIR/review/decisions.jsonl}, append-only, one JSON object
 * a line, written by {@code salvage review}). The latest decision per record that has not been
 * undone wins; an undo of an undo restores the decision it undid.
 */
public final class Decisions {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the operator decided about one record. */
  public enum Kind {
    APPROVE,
    REJECT,
    /** Approval with some field values replaced. */
    EDIT,
    UNDO
  }

  /** One line of decisions.jsonl. */
  public record Decision(
      String id,
      String at,
      String who,
      String recordId,
      Kind kind,
      Map<String, String> edits,
      String reason,
      String undoes) {
    public Decision {
      requireNonNull(id, "id");
      edits = Map.copyOf(edits);
    }

    public boolean approves() {
      return kind == Kind.APPROVE || kind == Kind.EDIT;
    }
  }

  private final Map<String, Decision> effective;

  private Decisions(Map<String, Decision> effective) {
    this.effective = effective;
  }

  public static Decisions none() {
    return new Decisions(Map.of());
  }

  /** Reads the file; a missing file means no decisions. A malformed line fails the whole read. */
  public static Decisions read(Path file) throws DecisionsException {
    if (!Files.exists(file)) {
      return none();
    }
    List<Decision> all = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int lineNumber = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        all.add(parse(line, file + ":" + lineNumber));
      }
    } catch (IOException e) {
      throw new DecisionsException("Cannot read decisions " + file + ": " + e.getMessage(), e);
    }
    return of(all, file.toString());
  }

  static Decisions of(List<Decision> inOrder, String label) throws DecisionsException {
    Map<String, Decision> byId = new HashMap<>();
    for (Decision decision : inOrder) {
      if (byId.putIfAbsent(decision.id(), decision) != null) {
        throw new DecisionsException(label + ": decision id " + decision.id() + " appears twice");
      }
    }
    // Walk backwards: a later undo decides whether an earlier decision counts.
    Set<String> undone = new HashSet<>();
    for (int i = inOrder.size() - 1; i >= 0; i--) {
      Decision decision = inOrder.get(i);
      if (decision.kind() == Kind.UNDO && !undone.contains(decision.id())) {
        if (!byId.containsKey(decision.undoes())) {
          throw new DecisionsException(
              label + ": undo " + decision.id() + " names unknown decision " + decision.undoes());
        }
        undone.add(decision.undoes());
      }
    }
    Map<String, Decision> effective = new LinkedHashMap<>();
    for (Decision decision : inOrder) {
      if (decision.kind() != Kind.UNDO && !undone.contains(decision.id())) {
        effective.put(decision.recordId(), decision);
      }
    }
    return new Decisions(effective);
  }

  private static Decision parse(String line, String place) throws DecisionsException {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new DecisionsException(place + ": not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new DecisionsException(place + ": expected a JSON object");
    }
    String id = required(node, "id", place);
    String kindText = required(node, "decision", place);
    Kind kind;
    try {
      kind = Kind.valueOf(kindText.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new DecisionsException(
          place + ": decision " + id + " has unknown kind '" + kindText + "'");
    }
    String recordId =
        kind == Kind.UNDO ? optional(node, "record_id") : required(node, "record_id", place);
    String undoes = kind == Kind.UNDO ? required(node, "undoes", place) : null;
    Map<String, String> edits = new LinkedHashMap<>();
    JsonNode editsNode = node.get("edits");
    if (editsNode != null && !editsNode.isNull()) {
      if (!editsNode.isObject()) {
        throw new DecisionsException(place + ": edits of decision " + id + " is not an object");
      }
      Iterator<Map.Entry<String, JsonNode>> it = editsNode.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> edit = it.next();
        edits.put(edit.getKey(), edit.getValue().isNull() ? null : edit.getValue().asText());
      }
    }
    if (kind == Kind.EDIT && edits.isEmpty()) {
      throw new DecisionsException(place + ": edit decision " + id + " has no edits");
    }
    if (edits.containsValue(null)) {
      // Map.copyOf refuses nulls; clearing a value is not something import supports.
      throw new DecisionsException(place + ": decision " + id + " edits a field to null");
    }
    return new Decision(
        id,
        optional(node, "at"),
        optional(node, "who"),
        recordId,
        kind,
        edits,
        optional(node, "reason"),
        undoes);
  }

  private static String required(JsonNode node, String key, String place)
      throws DecisionsException {
    String value = optional(node, key);
    if (value == null || value.isBlank()) {
      throw new DecisionsException(place + ": field " + key + " is missing");
    }
    return value;
  }

  private static String optional(JsonNode node, String key) {
    JsonNode value = node.get(key);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** The decision in force for a record, if the operator made one. */
  public Optional<Decision> forRecord(String recordId) {
    return Optional.ofNullable(effective.get(recordId));
  }

  public int size() {
    return effective.size();
  }

  /** The decisions file is unreadable or malformed. */
  public static final class DecisionsException extends Exception {
    private static final long serialVersionUID = 1L;

    DecisionsException(String message) {
      super(message);
    }

    DecisionsException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
