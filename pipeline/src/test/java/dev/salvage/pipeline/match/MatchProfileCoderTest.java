package dev.salvage.pipeline.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

class MatchProfileCoderTest {
  @Test
  void matchProfilesSurviveTheWireWithEveryValueAndKey() throws Exception {
    MatchProfile profile =
        new MatchProfile(
            "unlinked:reservation:stripe:pi_1",
            "reservation",
            false,
            Map.of("customer_name", "Zoé Faure", "first_seen", "2026-04-02T10:06:26Z"),
            Map.of("stripe_payment_intent_id", List.of("pi_1", "pi_2"), "calendar_uid", List.of()));
    byte[] bytes = CoderUtils.encodeToByteArray(MatchProfileCoder.INSTANCE, profile);
    assertThat(CoderUtils.decodeFromByteArray(MatchProfileCoder.INSTANCE, bytes))
        .isEqualTo(profile);
    MatchProfile identified =
        new MatchProfile("reservation:RW-1", "reservation", true, Map.of(), Map.of());
    assertThat(
            CoderUtils.decodeFromByteArray(
                MatchProfileCoder.INSTANCE,
                CoderUtils.encodeToByteArray(MatchProfileCoder.INSTANCE, identified)))
        .isEqualTo(identified);
  }
}
