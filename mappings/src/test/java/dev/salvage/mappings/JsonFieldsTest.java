package dev.salvage.mappings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A field declared {@code json} is compared as JSON. An outside trial's review listed {@code extras
 * changed from {"breakfast": true} to {"breakfast":true}}: a jsonb column's text from the backup
 * against the same JSON written compactly by a mail mapping, both read as text.
 */
class JsonFieldsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String MODEL =
      """
      entities:
        booking:
          keys: [reference]
          fields:
            reference: text
            extras: json
      """;

  private static final String MAPPING =
      """
      rules:
        - name: booking_row
          kind: test
          observed_at: {const: "2026-01-01T00:00:00Z"}
          emit:
            - entity: booking
              fields:
                reference: {path: reference}
                extras: {path: extras}
      """;

  private static String extras(String text) throws Exception {
    SourceMapping mapping =
        SourceMapping.parse(
            MAPPING, "test.yaml", EntityModel.parse(MODEL, "entities.yaml"), TestSupport.RENTWISE);
    List<Observation> observations =
        mapping
            .apply(
                TestSupport.record(
                    "test", JSON.writeValueAsString(Map.of("reference", "RN-1", "extras", text))))
            .observations();
    return observations.get(0).fields().get("extras");
  }

  @Test
  void aJsonFieldIsTheSameValueWhateverItsWhiteSpaceAndKeyOrder() throws Exception {
    assertThat(extras("{\"breakfast\": true}")).isEqualTo(extras("{\"breakfast\":true}"));
    assertThat(extras("{ \"late_checkout\" : \"14:00\",\n  \"breakfast\": true }"))
        .isEqualTo(extras("{\"breakfast\":true,\"late_checkout\":\"14:00\"}"))
        .isEqualTo("{\"breakfast\":true,\"late_checkout\":\"14:00\"}");
  }

  @Test
  void aJsonFieldKeepsArrayOrderAndTheDigitsOfItsNumbers() throws Exception {
    assertThat(extras("{\"b\": [2, 1], \"a\": {\"y\": 1.10, \"x\": null}}"))
        .isEqualTo("{\"a\":{\"x\":null,\"y\":1.10},\"b\":[2,1]}");
    assertThat(extras("[1, 2]")).isNotEqualTo(extras("[2, 1]"));
  }

  @Test
  void aJsonFieldRefusesTextThatIsNotJson() {
    assertThatThrownBy(() -> extras("{\"breakfast\": tru"))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessageContaining("field extras: ")
        .hasMessageContaining("is not JSON");
    assertThat(FieldType.JSON.expectedForm("{\"breakfast\": true}")).isNull();
    assertThat(FieldType.JSON.expectedForm("breakfast")).isNotNull();
  }
}
