package dev.salvage.pipeline.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.beam.ReconstructedRecordCoderTest;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Contribution;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Link;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

class MatchCodersTest {
  private static Link link() {
    return new Link(
        List.of("stripe:pi_1", "calendar:evt_1"),
        9.25,
        0.998,
        true,
        List.of(
            new Contribution("customer_name", "Anna K.", "Anna Kowalski", "tokens contained", 3.5),
            new Contribution("pickup_at", null, "2026-04-02T10:00:00Z", "missing", 0.0)));
  }

  @Test
  void candidatesSurviveTheWireWithTheirLinkAndKind() throws Exception {
    Candidate candidate =
        new Candidate("unlinked:reservation:stripe:pi_1", link(), Candidate.Kind.PARTNER);
    assertThat(candidate.partner()).isTrue();

    CoderProperties.coderDecodeEncodeEqual(MatchCoders.candidate(), candidate);
    CoderProperties.coderDecodeEncodeEqual(
        MatchCoders.candidate(),
        new Candidate("reservation:17", link(), Candidate.Kind.IDENTIFIED));
    CoderProperties.coderSerializable(MatchCoders.candidate());
  }

  @Test
  void decisionsSurviveTheWireWithEveryFieldOrItsNull() throws Exception {
    MatchDecision pair =
        new MatchDecision(
            MatchDecision.Kind.PAIR,
            "reservation:17",
            link(),
            "below the attach threshold, pairs with another piece",
            "unlinked:reservation:calendar:evt_1");

    CoderProperties.coderDecodeEncodeEqual(MatchCoders.decision(), pair);
    CoderProperties.coderDecodeEncodeEqual(
        MatchCoders.decision(),
        MatchDecision.notAttached(MatchDecision.Kind.AMBIGUOUS, "two records match equally"));
    CoderProperties.coderDecodeEncodeEqual(
        MatchCoders.decision(),
        new MatchDecision(MatchDecision.Kind.ATTACH, null, null, null, null));
    CoderProperties.coderDecodeEncodeEqual(
        MatchCoders.decision(),
        pair.keptOutBy(
            new MatchDecision.KeptOut(
                "unlinked:reservation:calendar:evt_1", link(), "reservation:17", link())));
    CoderProperties.coderDecodeEncodeEqual(
        MatchCoders.decision(),
        MatchDecision.notAttached(MatchDecision.Kind.BELOW_THRESHOLD, "no match above")
            .nearestWas(new MatchDecision.Nearest("reservation:17", link())));
  }

  @Test
  void attachmentsSurviveTheWireWithTheirRecordAndLinkOrNoLink() throws Exception {
    Attachment attached = new Attachment(ReconstructedRecordCoderTest.everyField(), link());
    Attachment proposed = new Attachment(ReconstructedRecordCoderTest.everyField(), null);

    CoderProperties.coderDecodeEncodeEqual(
        MatchCoders.attachment(),
        new Attachment(ReconstructedRecordCoderTest.everyField(), link(), "following its event"));
    CoderProperties.coderDecodeEncodeEqual(MatchCoders.attachment(), attached);
    CoderProperties.coderDecodeEncodeEqual(MatchCoders.attachment(), proposed);
    CoderProperties.coderSerializable(MatchCoders.attachment());
  }

  @Test
  void fittedModelsSurviveTheWireWithEveryProbabilityAndFrequency() throws Exception {
    MatchModel model =
        new MatchModel(
            "reservation",
            List.of("customer_name", "pickup_at"),
            List.of(FieldComparison.NAME, FieldComparison.TIME),
            new double[][] {{0.7, 0.1, 0.15, 0.05}, {0.6, 0.2, 0.15, 0.05}},
            new double[][] {{0.01, 0.02, 0.03, 0.94}, {0.001, 0.01, 0.05, 0.939}},
            0.125,
            4321,
            Map.of("customer_name", Map.of("maria silva", 0.03, "joao santos", 0.02)));

    MatchModel decoded =
        CoderUtils.decodeFromByteArray(
            MatchCoders.model(), CoderUtils.encodeToByteArray(MatchCoders.model(), model));

    // a record's equals compares arrays by identity: m and u are compared by content here
    assertThat(decoded).usingRecursiveComparison().isEqualTo(model);
    assertThat(decoded.m()).isDeepEqualTo(model.m());
    assertThat(decoded.u()).isDeepEqualTo(model.u());
    CoderProperties.coderSerializable(MatchCoders.model());
  }
}
