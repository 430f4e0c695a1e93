package dev.salvage.pipeline.reconcile;

import static dev.salvage.pipeline.reconcile.ValueResolutionTest.backupRow;
import static dev.salvage.pipeline.reconcile.ValueResolutionTest.claim;
import static dev.salvage.pipeline.reconcile.ValueResolutionTest.merger;
import static dev.salvage.pipeline.reconcile.ValueResolutionTest.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.mappings.Observation;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A field whose claims go back and forth between two values over time holds two live values, not a
 * change: an outside trial's customer wrote from a work and a private address in turn, and the
 * newest won as an unflagged UPDATE that import would have applied.
 */
class AlternatingValuesTest {
  private static Observation mail(String ref, String at, String email) {
    return claim("mail", "mail", ref, at, "client_id", "c1", "email", email);
  }

  private static Observation backup(String email) {
    return backupRow("backup_id", "7", "client_id", "c1", "email", email, "full_name", "Ann Lee");
  }

  @Test
  void flagsAFieldWhoseClaimsAlternateBetweenTwoValuesNamingBoth() throws Exception {
    ReconstructedRecord record =
        record(
            merger(Set.of()),
            backup("ann@work.example"),
            mail("mail:1", "2026-05-02T10:00:00Z", "ann@work.example"),
            mail("mail:2", "2026-05-10T10:00:00Z", "ann@home.example"),
            mail("mail:3", "2026-05-17T10:00:00Z", "ann@work.example"),
            mail("mail:4", "2026-05-24T10:00:00Z", "ann@home.example"),
            mail("mail:5", "2026-06-01T10:00:00Z", "ann@home.example"));

    assertThat(record.value("email")).isEqualTo("ann@home.example");
    assertThat(record.flagged()).isTrue();
    assertThat(record.confidence()).isLessThan(1.0);
    assertThat(record.reasons())
        .anySatisfy(
            reason ->
                assertThat(reason)
                    .startsWith("email: ")
                    .contains("alternate")
                    .contains("ann@home.example")
                    .contains("ann@work.example"));
  }

  @Test
  void aChangeOrAChangeTakenBackIsNoAlternation() throws Exception {
    ReconstructedRecord changed =
        record(
            merger(Set.of()),
            backup("ann@work.example"),
            mail("mail:1", "2026-05-02T10:00:00Z", "ann@work.example"),
            mail("mail:2", "2026-05-10T10:00:00Z", "ann@home.example"),
            mail("mail:3", "2026-05-17T10:00:00Z", "ann@home.example"));
    ReconstructedRecord takenBack =
        record(
            merger(Set.of()),
            backup("ann@work.example"),
            mail("mail:1", "2026-05-10T10:00:00Z", "ann@home.example"),
            mail("mail:2", "2026-05-17T10:00:00Z", "ann@work.example"));

    assertThat(changed.action()).isEqualTo(Action.UPDATED);
    assertThat(changed.flagged()).as("%s", changed.reasons()).isFalse();
    assertThat(takenBack.value("email")).isEqualTo("ann@work.example");
    assertThat(takenBack.reasons()).noneSatisfy(reason -> assertThat(reason).contains("alternate"));
  }
}
