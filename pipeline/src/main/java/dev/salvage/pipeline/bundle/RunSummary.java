package dev.salvage.pipeline.bundle;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the run's summed counters ({@code .work/counts.tsv}) into {@code summary.json} and a
 * readable report, and checks that every record read is accounted for.
 */
public final class RunSummary {
  private static final List<String> ACTIONS =
      List.of("NEW", "UPDATED", "UNCHANGED", "CONFLICT", "CARRIED_OVER", "UNLINKED");

  private final Map<String, Long> counts;

  private RunSummary(Map<String, Long> counts) {
    this.counts = counts;
  }

  public static RunSummary read(OutputLayout layout) throws IOException {
    Map<String, Long> counts = new TreeMap<>();
    Path file = Path.of(layout.countsTsv());
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int tab = line.lastIndexOf('\t');
        if (tab > 0) {
          counts.merge(line.substring(0, tab), Long.parseLong(line.substring(tab + 1)), Long::sum);
        }
      }
    }
    return new RunSummary(counts);
  }

  public long count(String name) {
    return counts.getOrDefault(name, 0L);
  }

  /** Sources whose read count differs from used + ignored + quarantined (should be none). */
  public List<String> unaccountedSources(List<String> sources) {
    List<String> bad = new ArrayList<>();
    for (String source : sources) {
      String prefix = "source." + source + ".";
      long read = count(prefix + "read");
      long accounted =
          count(prefix + "used") + count(prefix + "ignored") + count(prefix + "quarantined");
      if (read != accounted) {
        bad.add(source + " (read " + read + ", accounted " + accounted + ")");
      }
    }
    return bad;
  }

  public ObjectNode toJson(List<String> sources, List<String> entityTypes, ObjectNode run) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode root = json.objectNode();
    ObjectNode entities = root.putObject("entities");
    for (String type : entityTypes) {
      ObjectNode entity = entities.putObject(type);
      for (String action : ACTIONS) {
        entity.put(action, count("entity." + type + "." + action));
      }
    }
    ObjectNode sourcesNode = root.putObject("sources");
    long totalRead = 0;
    for (String source : sources) {
      String prefix = "source." + source + ".";
      ObjectNode node = sourcesNode.putObject(source);
      for (String what : List.of("read", "used", "ignored", "quarantined")) {
        node.put(what, count(prefix + what));
      }
      totalRead += count(prefix + "read");
      putStartingWith(node.putObject("rules"), "rule." + source + ".");
      // per rule, the lookups in backup tables that found no single row
      putStartingWith(node.putObject("lookup_misses"), "lookup_miss." + source + ".");
    }
    ObjectNode linking = root.putObject("linking");
    linking.put("unconverged", count("linking.unconverged"));
    ObjectNode oversized = linking.putObject("oversized_keys");
    counts.forEach(
        (name, n) -> {
          if (name.startsWith("linking.oversized_key.")) {
            oversized.put(name.substring("linking.oversized_key.".length()), n);
          }
        });
    for (String type : entityTypes) {
      String prefix = "linking." + type + ".";
      ObjectNode ofType = json.objectNode();
      counts.forEach(
          (name, n) -> {
            if (name.startsWith(prefix)) {
              ofType.put(name.substring(prefix.length()), n);
            }
          });
      if (!ofType.isEmpty()) {
        linking.set(type, ofType);
      }
    }
    root.put("records_read", totalRead);
    root.set("run", run);
    return root;
  }

  /** Puts every count whose name starts with {@code prefix} into {@code node}, without it. */
  private void putStartingWith(ObjectNode node, String prefix) {
    counts.forEach(
        (name, n) -> {
          if (name.startsWith(prefix)) {
            node.put(name.substring(prefix.length()), n);
          }
        });
  }

  /** A short table for the terminal. */
  public String report(List<String> sources, List<String> entityTypes) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "%-14s %10s %10s %10s %12s%n", "source", "read", "used", "ignored", "quarantined"));
    for (String source : sources) {
      String prefix = "source." + source + ".";
      out.append(
          String.format(
              "%-14s %10d %10d %10d %12d%n",
              source,
              count(prefix + "read"),
              count(prefix + "used"),
              count(prefix + "ignored"),
              count(prefix + "quarantined")));
    }
    out.append(String.format("%n%-14s", "entity"));
    for (String action : ACTIONS) {
      out.append(String.format(" %12s", action));
    }
    out.append(System.lineSeparator());
    for (String type : entityTypes) {
      out.append(String.format("%-14s", type));
      for (String action : ACTIONS) {
        out.append(String.format(" %12d", count("entity." + type + "." + action)));
      }
      out.append(System.lineSeparator());
    }
    return out.toString();
  }
}
