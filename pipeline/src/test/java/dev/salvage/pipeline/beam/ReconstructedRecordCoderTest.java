package dev.salvage.pipeline.beam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salvage.pipeline.bundle.Json;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Alternative;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Change;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Contribution;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Evidence;
import dev.salvage.pipeline.bundle.ReconstructedRecord.FieldValue;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Link;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

public class ReconstructedRecordCoderTest {
  static final String MAIL = "email:<booking-RW-1@rentwise.example>";
  static final String PAYMENT = "stripe:pi_1";

  /** A record in which every field, and every field of every nested value, is set. */
  public static ReconstructedRecord everyField() {
    return ReconstructedRecord.builder("reservation:17", "reservation")
        .action(Action.CONFLICT)
        .confidence(0.8125)
        .flag()
        .reasons(List.of("two sources disagree on the pickup", "attached by matching"))
        .fields(
            Map.of(
                "pickup_at",
                new FieldValue(
                    "2026-04-02T10:00:00Z",
                    List.of(MAIL),
                    0.5,
                    List.of(
                        new Alternative(
                            "2026-04-03T10:00:00Z",
                            List.of(PAYMENT),
                            1,
                            "2026-03-30T08:00:00Z",
                            "older claim"))),
                "customer_name",
                new FieldValue("Zoé Faure", List.of(MAIL, PAYMENT), 1.0)))
        .backup(
            Map.of("pickup_at", "2026-04-01T10:00:00Z", "code", "RW-1"), "backup:reservations:17")
        .changes(
            List.of(
                new Change(
                    "pickup_at", "2026-04-01T10:00:00Z", "2026-04-02T10:00:00Z", List.of(MAIL))))
        .keys(Map.of("code", List.of("RW-1"), "stripe_payment_intent_id", List.of("pi_1", "pi_2")))
        .evidence(
            List.of(
                new Evidence(
                    MAIL,
                    "mail",
                    "booking-confirmation",
                    "2026-03-29T09:00:00Z",
                    Map.of("pickup_at", "2026-04-02T10:00:00Z", "code", "RW-1"),
                    Map.of("customer_initials", "Z. F."),
                    List.of("lookup branch missed: Lisboa Oriente")),
                new Evidence(PAYMENT, "stripe", "payment", "2026-03-30T08:00:00Z")))
        .links(
            List.of(
                new Link(
                    List.of(PAYMENT),
                    12.375,
                    0.99975,
                    true,
                    List.of(
                        new Contribution("customer_name", "Zoé Faure", "Zoe Faure", "exact", 7.5),
                        new Contribution("amount", "120.00", "", "missing", 0.0)))))
        .build();
  }

  @Test
  void aRecordWithEveryFieldSetSurvivesTheWire() throws Exception {
    ReconstructedRecord record = everyField();
    assertThat(record).usingRecursiveAssertion().hasNoNullFields();

    CoderProperties.coderDecodeEncodeEqual(ReconstructedRecordCoder.INSTANCE, record);
    CoderProperties.coderDeterministic(ReconstructedRecordCoder.INSTANCE, record, everyField());
    CoderProperties.coderSerializable(ReconstructedRecordCoder.INSTANCE);
    assertThat(roundTrip(record)).usingRecursiveComparison().isEqualTo(record);
  }

  @Test
  void nullsAndEmptiesSurviveTheWireAsThemselves() throws Exception {
    ReconstructedRecord bare = ReconstructedRecord.builder("customer:9f2c", "customer").build();
    ReconstructedRecord nulls =
        everyField().toBuilder()
            .backup(null, null)
            .changes(List.of(new Change("phone", null, "", List.of())))
            .fields(Map.of("phone", new FieldValue("", List.of(), 0.0)))
            .links(
                List.of(
                    new Link(List.of(), -3.5, 0.0, false, List.of()),
                    new Link(
                        List.of(PAYMENT),
                        1.0,
                        0.5,
                        false,
                        List.of(new Contribution("amount", null, null, "missing", 0.0)))))
            .build();

    for (ReconstructedRecord record : List.of(bare, nulls)) {
      CoderProperties.coderDecodeEncodeEqual(ReconstructedRecordCoder.INSTANCE, record);
    }
    assertThat(roundTrip(nulls).backup()).isNull();
    assertThat(roundTrip(nulls).backupRef()).isNull();
    assertThat(roundTrip(nulls).changes().get(0).before()).isNull();
    assertThat(roundTrip(nulls).changes().get(0).after()).isEmpty();
    assertThat(roundTrip(nulls).links().get(1).fields().get(0).b()).isNull();
  }

  @Test
  void aStringRepeatedAcrossTheRecordIsEncodedOnce() throws Exception {
    ReconstructedRecord record = everyField();
    String encoded =
        new String(
            CoderUtils.encodeToByteArray(ReconstructedRecordCoder.INSTANCE, record),
            StandardCharsets.ISO_8859_1);
    String mail = new String(MAIL.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);

    // the mail's id is in two fields' sources, a change and its evidence entry
    assertThat(encoded.split(java.util.regex.Pattern.quote(mail), -1)).hasSize(2);
    assertThat(encoded.length())
        .isLessThan(Json.line(record).getBytes(StandardCharsets.UTF_8).length / 2);
  }

  @Test
  void aReferenceToAStringNotYetReadIsRefused() {
    // tag 7: a reference to the sixth string of a value that has none
    byte[] bytes = {7};
    assertThatThrownBy(() -> new BinaryCodec.Reader(new ByteArrayInputStream(bytes)).string())
        .hasMessageContaining("reference 5 names none of the 0 strings read so far");
  }

  private static ReconstructedRecord roundTrip(ReconstructedRecord record) throws CoderException {
    return CoderUtils.decodeFromByteArray(
        ReconstructedRecordCoder.INSTANCE,
        CoderUtils.encodeToByteArray(ReconstructedRecordCoder.INSTANCE, record));
  }
}
