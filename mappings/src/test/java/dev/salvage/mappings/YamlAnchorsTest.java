package dev.salvage.mappings;

import static dev.salvage.mappings.TestSupport.mapping;
import static dev.salvage.mappings.TestSupport.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A mapping repeats a block with YAML's anchors, aliases and merge keys, as an outside trial wrote
 * its calendars' rules ({@code vet: &vet {...}}, then {@code vet: *vet}); until 2026-12-05 the
 * alias was read as the word {@code vet} and refused as "expected a mapping".
 */
class YamlAnchorsTest {
  private static final String ANCHORED =
      """
      rules:
        - name: first
          kind: test
          when: [{path: kind, equals: a}]
          observed_at: &at {const: "2026-01-01T00:00:00Z"}
          emit:
            - entity: probe
              fields: &fields
                id: {path: id}
                upper: {path: code}
        - name: second
          kind: test
          observed_at: *at
          emit:
            - entity: probe
              fields:
                <<: *fields
                upper: {path: other}
      """;

  @Test
  void anAliasStandsForItsAnchorAndAMergeKeyAddsTheEntriesTheMappingLacks() throws Exception {
    SourceMapping mapping = mapping(ANCHORED);

    List<Observation> first =
        mapping
            .apply(record("test", "{\"id\": \"1\", \"kind\": \"a\", \"code\": \"x\"}"))
            .observations();
    List<Observation> second =
        mapping
            .apply(
                record(
                    "test", "{\"id\": \"2\", \"kind\": \"b\", \"code\": \"x\", \"other\": \"y\"}"))
            .observations();

    assertThat(first)
        .singleElement()
        .extracting(Observation::fields)
        .isEqualTo(Map.of("id", "1", "upper", "X"));
    assertThat(second)
        .as("the merged block's id, the mapping's own upper")
        .singleElement()
        .extracting(Observation::fields)
        .isEqualTo(Map.of("id", "2", "upper", "Y"));
  }

  @Test
  void anAliasWithoutItsAnchorIsNamed() {
    assertThatThrownBy(() -> mapping("rules:\n  - name: a\n    kind: test\n    observed_at: *at\n"))
        .isInstanceOf(MappingException.class)
        .hasMessageStartingWith("test.yaml: ")
        .hasMessageContaining("*at");
  }
}
