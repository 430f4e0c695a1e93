package dev.salvage.pipeline.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The append-only {@code review/decisions.jsonl}. Appends are serialised (one lock in the process,
 * a file lock across processes) and forced to disk before they are acknowledged, so two tabs
 * deciding at once both land and a closed browser or a killed server loses nothing acknowledged.
 */
final class DecisionLog {
  private final Path file;
  private final List<Decision> decisions = new ArrayList<>();

  private DecisionLog(Path file) {
    this.file = file;
  }

  /** Opens the log of a run, reading the decisions already made. */
  static DecisionLog open(Path file) throws IOException {
    DecisionLog log = new DecisionLog(file);
    JsonlFile.scan(
        file,
        (span, json) -> log.decisions.add(ReviewJson.MAPPER.treeToValue(json, Decision.class)));
    return log;
  }

  Path file() {
    return file;
  }

  /** Appends decisions as one write, durable when this returns. */
  synchronized void append(List<Decision> batch) throws IOException {
    if (batch.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder();
    for (Decision decision : batch) {
      text.append(toJson(decision)).append('\n');
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (FileChannel channel =
            FileChannel.open(
                file,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        FileLock lock = channel.lock()) {
      ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      channel.force(true);
    }
    decisions.addAll(batch);
  }

  synchronized List<Decision> all() {
    return List.copyOf(decisions);
  }

  /** The decision in force per record: the latest one not undone. */
  synchronized Map<String, Decision> effective() {
    Set<String> undone = undoneIds();
    Map<String, Decision> current = new LinkedHashMap<>();
    for (Decision decision : decisions) {
      if (!decision.isUndo() && !undone.contains(decision.id())) {
        current.put(decision.recordId(), decision);
      }
    }
    return current;
  }

  /** Whether {@code id} names a decision that can still be undone. */
  synchronized boolean undoable(String id) {
    return !undoneIds().contains(id)
        && decisions.stream().anyMatch(d -> d.id().equals(id) && !d.isUndo());
  }

  synchronized Decision find(String id) {
    return decisions.stream().filter(d -> d.id().equals(id)).findFirst().orElse(null);
  }

  /** The latest decisions by {@code who} that are still in force, newest first. */
  synchronized List<Decision> undoableBy(String who) {
    Set<String> undone = undoneIds();
    List<Decision> mine = new ArrayList<>();
    for (Decision decision : decisions) {
      if (decision.who().equals(who) && !decision.isUndo() && !undone.contains(decision.id())) {
        mine.add(decision);
      }
    }
    Collections.reverse(mine);
    return mine;
  }

  private Set<String> undoneIds() {
    Set<String> undone = new HashSet<>();
    for (Decision decision : decisions) {
      if (decision.isUndo()) {
        undone.add(decision.undoes());
      }
    }
    return undone;
  }

  static String toJson(Decision decision) {
    try {
      return ReviewJson.MAPPER.writeValueAsString(decision);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write decision " + decision.id() + " as JSON", e);
    }
  }
}
