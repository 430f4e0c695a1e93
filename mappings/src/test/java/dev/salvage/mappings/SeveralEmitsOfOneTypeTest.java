package dev.salvage.mappings;

import static dev.salvage.mappings.TestSupport.mapping;
import static dev.salvage.mappings.TestSupport.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A class session lists several attendees, each a booking of its own, mapped with one emit of the
 * entity per attendee. The emits of one type are numbered in the rule, so that each observation is
 * its own piece of evidence, and the same record read again numbers them the same way.
 */
class SeveralEmitsOfOneTypeTest {
  private static final String SESSION =
      """
      rules:
        - name: session
          kind: test
          observed_at: {const: "2026-03-03T17:30:00Z"}
          emit:
            - entity: probe
              when: {path: "attendees[0].email", exists: true}
              fields: {email: {path: "attendees[0].email"}}
            - entity: other
              fields: {code: {path: id}}
            - entity: probe
              when: {path: "attendees[1].email", exists: true}
              fields: {email: {path: "attendees[1].email"}}
            - entity: probe
              when: {path: "attendees[2].email", exists: true}
              fields: {email: {path: "attendees[2].email"}}
      """;

  @Test
  void numbersEachEmitAmongTheRulesEmitsOfItsTypeWhetherOrNotTheOnesBeforeItEmitted()
      throws Exception {
    List<Observation> observations =
        mapping(SESSION)
            .apply(
                record(
                    "test",
                    """
                    {"id": "ev1", "attendees": [{"email": "anna@example.de"}, {"name": "no mail"},
                     {"email": "lena@example.de"}]}
                    """))
            .observations();

    assertThat(observations)
        .extracting(Observation::entityType, o -> o.fields().values().iterator().next())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("probe", "anna@example.de"),
            org.assertj.core.groups.Tuple.tuple("other", "ev1"),
            org.assertj.core.groups.Tuple.tuple("probe", "lena@example.de"));
    // the third attendee is the rule's third emit of probe though the second emitted nothing, so
    // a copy of the record in which the second attendee has an address numbers her alike
    assertThat(observations).extracting(Observation::ordinal).containsExactly(0, 0, 2);
  }
}
