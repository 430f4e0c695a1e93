package dev.salvage.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Generates scenarios for tests once per JVM and reads their files. */
final class Scenarios {
  static final ObjectMapper JSON = new ObjectMapper();
  // one directory per test JVM: surefire runs two, and each generates its own scenarios
  private static final Path ROOT =
      Path.of("target", "test-scenarios", "jvm-" + ProcessHandle.current().pid());
  private static final Map<ScenarioParams, Path> GENERATED = new HashMap<>();

  private Scenarios() {}

  /** A small scenario with the default noise. */
  static ScenarioParams small() {
    return ScenarioParams.defaults().withSeed(11).withReservations(300);
  }

  /** Parameters as the command line would give them, from {@code --option value} pairs. */
  static ScenarioParams fromOptions(String... options) {
    Map<String, String> values = new java.util.LinkedHashMap<>();
    for (int i = 0; i + 1 < options.length; i += 2) {
      values.put(options[i].replaceFirst("^--", ""), options[i + 1]);
    }
    return ScenarioParams.defaults().withOptions(values);
  }

  static synchronized Path generated(ScenarioParams params) {
    return GENERATED.computeIfAbsent(
        params,
        p -> {
          Path dir = ROOT.resolve("s" + Integer.toHexString(p.hashCode()) + "-" + GENERATED.size());
          try {
            deleteTree(dir);
            ScenarioGenerator.generate(p, dir);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          return dir;
        });
  }

  static List<JsonNode> jsonLines(Path file) throws IOException {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      nodes.add(JSON.readTree(line));
    }
    return nodes;
  }

  static JsonNode json(Path file) throws IOException {
    return JSON.readTree(file.toFile());
  }

  /** Files under {@code dir} whose name matches, in name order. */
  static List<Path> files(Path dir, String glob) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(f -> f.getFileSystem().getPathMatcher("glob:" + glob).matches(f.getFileName()))
          .sorted()
          .toList();
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
