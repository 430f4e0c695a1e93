package dev.salvage.mappings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.RecordSink;
import dev.salvage.connectors.SourceReaders;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Builds small mappings and records for tests. */
final class TestSupport {
  static final Business RENTWISE = new Business("Rentwise Cars", ZoneId.of("Europe/Lisbon"), "PT");

  /** A model with one "probe" field per type, for testing extractors and types one at a time. */
  static final String PROBE_MODEL =
      """
      entities:
        probe:
          keys: [id]
          fields:
            id: text
            text: text
            upper: upper
            lower: lower
            email: email
            phone: phone
            datetime: datetime
            date: date
            money: money
            integer: integer
        other:
          keys: [code]
          fields:
            code: text
      """;

  private TestSupport() {}

  static EntityModel probeModel() {
    try {
      return EntityModel.parse(PROBE_MODEL, "probe-entities.yaml");
    } catch (MappingException e) {
      throw new IllegalStateException(e);
    }
  }

  static SourceMapping mapping(String yaml) throws MappingException {
    return SourceMapping.parse(yaml, "test.yaml", probeModel(), RENTWISE);
  }

  static RawRecord record(String kind, String json) {
    return new RawRecord("test", kind, "test:1", "test.jsonl:1", json);
  }

  /**
   * A mapping with one rule that emits a probe observation with {@code id} from the record and
   * {@code field} from {@code extractor} (a YAML flow mapping).
   */
  static SourceMapping probe(String field, String extractor) throws MappingException {
    return probe(field, extractor, RENTWISE);
  }

  /** {@link #probe(String, String)} for {@code business}. */
  static SourceMapping probe(String field, String extractor, Business business)
      throws MappingException {
    return SourceMapping.parse(
        """
        rules:
          - name: probe_rule
            kind: test
            observed_at: {const: "2026-01-01T00:00:00Z"}
            emit:
              - entity: probe
                fields:
                  id: {path: id}
                  %s: %s
        """
            .formatted(field, extractor),
        "test.yaml",
        probeModel(),
        business);
  }

  /** The canonical value {@code extractor} gives for {@code field} of {@code json}, or null. */
  static String extract(String field, String extractor, String json) throws Exception {
    List<Observation> observations =
        probe(field, extractor).apply(record("test", json)).observations();
    return observations.isEmpty() ? null : observations.get(0).fields().get(field);
  }

  static String resource(String path) {
    try (InputStream in = TestSupport.class.getResourceAsStream("/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The records a reader of {@code type} makes of every file under {@code input}, checked to
   * quarantine nothing.
   */
  static List<RawRecord> readWithoutQuarantine(String type, Path input) throws Exception {
    List<RawRecord> records = new ArrayList<>();
    List<Quarantined> quarantined = new ArrayList<>();
    RecordSink sink =
        new RecordSink() {
          @Override
          public void accept(RawRecord record) {
            records.add(record);
          }

          @Override
          public void quarantine(Quarantined bad) {
            quarantined.add(bad);
          }
        };
    for (Path file : SourceReaders.inputFiles(input)) {
      SourceReaders.forType(type).read(file, "calendar", sink);
    }
    assertThat(quarantined).isEmpty();
    return records;
  }
}
