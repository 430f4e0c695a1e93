package dev.salvage.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.RecordSink;
import dev.salvage.connectors.SourceReaders;
import dev.salvage.connectors.stripe.FakeStripeServer;
import dev.salvage.connectors.stripe.StripeFixtures;
import dev.salvage.pipeline.bundle.Json;
import dev.salvage.pipeline.cli.SalvageCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Stripe data of a scenario read over the API (from a local server answering like Stripe) gives
 * the same reconstructed records, and the same metrics when the scenario has a truth, as read from
 * the files. Uses the checked-in sample scenario when present, else a small generated one.
 */
class StripeApiAcceptanceTest {
  private static final String KEY = "rk_test_51HacceptanceKeyThatMustNeverLeak9876543210";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir Path dir;

  @Test
  void stripeOverTheApiGivesTheSameResultsAsFromFiles() throws Exception {
    Path scenario = Path.of("..", "samples", "scenario").toAbsolutePath().normalize();
    Path fileConfig =
        Files.isRegularFile(scenario.resolve("salvage.yaml"))
                && Files.isDirectory(scenario.resolve("stripe"))
            ? absolute(scenario.resolve("salvage.yaml"), dir.resolve("files.yaml"))
            : miniScenario(dir.resolve("mini"));
    ObjectNode config = (ObjectNode) YAML.readTree(fileConfig.toFile());
    Path stripeFiles = Path.of(stripeSource(config).path("path").asText());
    Map<String, List<JsonNode>> lists = readObjects(stripeFiles);
    long objects = lists.values().stream().mapToLong(List::size).sum();

    try (FakeStripeServer server = new FakeStripeServer(KEY)) {
      FakeStripeServer.LIST_PATHS.forEach(
          (object, path) -> server.serve(path, lists.getOrDefault(object, List.of())));
      Path keyFile = dir.resolve("secrets/stripe.key");
      Files.createDirectories(keyFile.getParent());
      Files.writeString(keyFile, KEY);
      Path snapshot = dir.resolve("snapshot");
      Path apiConfig = dir.resolve("api.yaml");
      ObjectNode stripe = stripeSource(config);
      stripe.put("type", "stripe-api");
      stripe.remove("path");
      ObjectNode options = stripe.putObject("options");
      long[] window = window(lists);
      options.put("api_base", server.baseUrl());
      options.put("api_key_file", keyFile.toString());
      options.put("created_from", Long.toString(window[0]));
      options.put("created_to", Long.toString(window[1] + 1));
      options.put("slices", "4");
      options.put("snapshot_dir", snapshot.toString());
      YAML.writeValue(apiConfig.toFile(), config);

      Output fromFiles = run(fileConfig, dir.resolve("out-files"));
      Output fromApi = run(apiConfig, dir.resolve("out-api"));

      assertThat(fromFiles.exit).as(fromFiles.err).isZero();
      assertThat(fromApi.exit).as(fromApi.err).isZero();
      assertThat(sortedLines(dir.resolve("out-api/review/records.jsonl")))
          .isNotEmpty()
          .isEqualTo(sortedLines(dir.resolve("out-files/review/records.jsonl")));
      assertThat(stripeCounts(dir.resolve("out-api")))
          .isEqualTo(stripeCounts(dir.resolve("out-files")));
      assertThat(server.requests())
          .extracting(FakeStripeServer.Request::method)
          .containsOnly("GET");
      assertThat(readObjects(snapshot).values().stream().mapToLong(List::size).sum())
          .isEqualTo(objects);
      assertThat(fromApi.out + fromApi.err).doesNotContain(KEY);
      assertThat(filesContaining(dir.resolve("out-api"), KEY)).isEmpty();
      assertThat(filesContaining(snapshot, KEY)).isEmpty();

      Path truth = scenario.resolve("truth");
      if (fileConfig.equals(dir.resolve("files.yaml")) && Files.isDirectory(truth)) {
        for (String run : List.of("out-files", "out-api")) {
          assertThat(
                  SalvageCli.execute(
                      "evaluate",
                      "--truth",
                      truth.toString(),
                      "--run",
                      dir.resolve(run).toString()))
              .isZero();
        }
        assertThat(Files.readString(dir.resolve("out-api/metrics.json")))
            .isEqualTo(Files.readString(dir.resolve("out-files/metrics.json")));
      }
    }
  }

  private record Output(int exit, String out, String err) {}

  private static Output run(Path config, Path out) {
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    try {
      int exit =
          SalvageCli.execute(
              "run", "--config", config.toString(), "--out", out.toString(), "--parallelism", "2");
      return new Output(
          exit, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
  }

  private static ObjectNode stripeSource(ObjectNode config) {
    for (JsonNode source : config.withArray("sources")) {
      if (source.path("name").asText().equals("stripe")) {
        return (ObjectNode) source;
      }
    }
    throw new AssertionError("the scenario has no source named stripe");
  }

  /** The config copied to {@code target} with every path made absolute. */
  private static Path absolute(Path config, Path target) throws IOException {
    Path base = config.getParent();
    ObjectNode root = (ObjectNode) YAML.readTree(config.toFile());
    root.put("entities", base.resolve(root.path("entities").asText()).toString());
    List<ObjectNode> sections = new ArrayList<>();
    root.withArray("sources").forEach(s -> sections.add((ObjectNode) s));
    if (root.has("backup")) {
      sections.add((ObjectNode) root.get("backup"));
    }
    for (ObjectNode section : sections) {
      for (String field : List.of("path", "mapping")) {
        if (section.has(field)) {
          section.put(field, base.resolve(section.get(field).asText()).toString());
        }
      }
    }
    YAML.writeValue(target.toFile(), root);
    return target;
  }

  /** A scenario with Stripe alone: the Rentwise model and Stripe mapping, generated objects. */
  private static Path miniScenario(Path root) throws IOException {
    Path rentwise = Path.of("..", "mappings", "src", "test", "resources", "rentwise");
    Files.createDirectories(root.resolve("mappings"));
    Files.createDirectories(root.resolve("stripe"));
    Files.writeString(
        root.resolve("entities.yaml"),
        Files.readString(rentwise.resolve("entities.yaml"))
            .replace("order: [backup, mail, stripe]", "order: [stripe]"));
    Files.copy(rentwise.resolve("stripe.yaml"), root.resolve("mappings/stripe.yaml"));
    ObjectMapper json = Json.MAPPER;
    for (Map.Entry<String, List<com.fasterxml.jackson.databind.node.ObjectNode>> list :
        StripeFixtures.account(40, 1_767_225_600L, 1_800).entrySet()) {
      List<com.fasterxml.jackson.databind.node.ObjectNode> objects = list.getValue();
      String name = list.getKey().substring(list.getKey().lastIndexOf('/') + 1);
      for (int page = 0; page * 100 < objects.size(); page++) {
        ObjectNode body = json.createObjectNode();
        body.put("object", "list");
        ArrayNode data = body.putArray("data");
        objects.subList(page * 100, Math.min(objects.size(), page * 100 + 100)).forEach(data::add);
        body.put("has_more", page * 100 + 100 < objects.size());
        body.put("url", list.getKey());
        Files.writeString(
            root.resolve(String.format("stripe/%s-%04d.json", name, page + 1)), body.toString());
      }
    }
    Files.writeString(
        root.resolve("salvage.yaml"),
        String.join(
            "\n",
            "business:",
            "  name: Rentwise Cars",
            "  timezone: Europe/Lisbon",
            "  phone_region: PT",
            "entities: entities.yaml",
            "sources:",
            "  - name: stripe",
            "    type: stripe-json",
            "    path: stripe",
            "    mapping: mappings/stripe.yaml",
            ""));
    return absolute(root.resolve("salvage.yaml"), root.resolve("absolute.yaml"));
  }

  /** The objects of the Stripe files by their {@code object} type. */
  private static Map<String, List<JsonNode>> readObjects(Path stripe) throws IOException {
    Map<String, List<JsonNode>> lists = new HashMap<>();
    ObjectMapper json = Json.MAPPER;
    RecordSink sink =
        new RecordSink() {
          @Override
          public void accept(RawRecord record) {
            try {
              lists
                  .computeIfAbsent(
                      record.kind().substring("stripe.".length()), k -> new ArrayList<>())
                  .add(json.readTree(record.json()));
            } catch (IOException e) {
              throw new AssertionError(e);
            }
          }

          @Override
          public void quarantine(Quarantined bad) {
            throw new AssertionError("unexpected quarantine: " + bad);
          }
        };
    for (Path file : SourceReaders.inputFiles(stripe)) {
      SourceReaders.forType("stripe-json").read(file, "stripe", sink);
    }
    return lists;
  }

  private static long[] window(Map<String, List<JsonNode>> lists) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (List<JsonNode> objects : lists.values()) {
      for (JsonNode object : objects) {
        min = Math.min(min, object.path("created").asLong());
        max = Math.max(max, object.path("created").asLong());
      }
    }
    return new long[] {min, max};
  }

  private static List<String> sortedLines(Path file) throws IOException {
    return Files.readAllLines(file).stream().sorted().toList();
  }

  private static JsonNode stripeCounts(Path out) throws IOException {
    JsonNode summary = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
    return summary.path("sources").path("stripe");
  }

  private static List<Path> filesContaining(Path root, String text) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .filter(
              file -> {
                try {
                  return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)
                      .contains(text);
                } catch (IOException e) {
                  throw new AssertionError(e);
                }
              })
          .toList();
    }
  }
}
