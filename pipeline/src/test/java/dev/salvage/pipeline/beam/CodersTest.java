package dev.salvage.pipeline.beam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.mappings.EventCopy;
import dev.salvage.mappings.Observation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

class CodersTest {
  private static final String EMAIL = "zoe.faure@example.org";

  private static Observation everyField() {
    return new Observation(
        "customer",
        Map.of("email", EMAIL, "phone", "+351912345678"),
        Map.of("email", EMAIL, "name", "Zoé Faure"),
        Instant.parse("2026-03-29T09:00:00.123456789Z"),
        "mail",
        "email:<booking-RW-1@rentwise.example>",
        "booking-confirmation",
        Map.of("name", "Z. Faure"),
        List.of("branch: no row of locations with name \"Oriente\""),
        1,
        Map.of("pickup_at", "2026-03-29T10:00:00Z"),
        new EventCopy(
            "lisbon@example.org", "ev1_20260329T090000Z", "ev1@google.com", "2026-03-29", true));
  }

  @Test
  void observationsSurviveTheWireWithEveryField() throws Exception {
    Observation observation = everyField();
    assertThat(observation).usingRecursiveAssertion().hasNoNullFields();

    CoderProperties.coderDecodeEncodeEqual(Coders.observation(), observation);
    CoderProperties.coderDeterministic(Coders.observation(), observation, everyField());
    CoderProperties.coderDecodeEncodeEqual(
        Coders.observation(),
        new Observation(
            "reservation",
            Map.of(),
            Map.of(),
            Instant.ofEpochSecond(-1, 5),
            "stripe",
            "stripe:pi_1",
            "payment",
            Map.of(),
            List.of()));
  }

  @Test
  void anObservationsKeyValueThatIsAlsoAFieldValueIsEncodedOnce() throws Exception {
    String encoded =
        new String(
            CoderUtils.encodeToByteArray(Coders.observation(), everyField()),
            StandardCharsets.ISO_8859_1);

    assertThat(encoded.split(EMAIL, -1)).hasSize(2);
  }

  @Test
  void valuesWrittenOneAfterAnotherIntoOneStreamReadBackInOrder() throws Exception {
    // a writer buffers its value and hands it over whole: nothing may stay behind or come late
    java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
    Coders.observation().encode(everyField(), stream);
    stream.write(42);
    ReconstructedRecordCoder.INSTANCE.encode(
        dev.salvage.pipeline.bundle.ReconstructedRecord.builder("reservation:7", "reservation")
            .build(),
        stream);
    Coders.observation().encode(everyField(), stream);

    java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(stream.toByteArray());
    assertThat(Coders.observation().decode(in)).isEqualTo(everyField());
    assertThat(in.read()).isEqualTo(42);
    assertThat(ReconstructedRecordCoder.INSTANCE.decode(in).id()).isEqualTo("reservation:7");
    assertThat(Coders.observation().decode(in)).isEqualTo(everyField());
    assertThat(in.read()).isEqualTo(-1);
  }
}
