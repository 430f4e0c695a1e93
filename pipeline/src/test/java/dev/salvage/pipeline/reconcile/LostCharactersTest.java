package dev.salvage.pipeline.reconcile;

import static dev.salvage.pipeline.reconcile.NameWritingTest.MAIL_FIRST;
import static dev.salvage.pipeline.reconcile.ValueResolutionTest.NAMED;
import static dev.salvage.pipeline.reconcile.ValueResolutionTest.backupRow;
import static dev.salvage.pipeline.reconcile.ValueResolutionTest.merger;
import static dev.salvage.pipeline.reconcile.ValueResolutionTest.named;
import static dev.salvage.pipeline.reconcile.ValueResolutionTest.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A {@code ?} a single-byte charset wrote for a letter it lacks (Excel's windows-1252 backup with
 * {@code Brouwer-?zerman} for {@code Brouwer-Ĳzerman}) is a lost character, not a spelling: an
 * outside trial's backup-first precedence kept it, UNCHANGED and unflagged, as "agreeing" with
 * every later claim.
 */
class LostCharactersTest {

  @Test
  void aBackupFirstPrecedenceRuleTakesTheLetterTheBackupLostAndSaysWhereItWasLost()
      throws Exception {
    ReconstructedRecord record =
        record(
            merger(MAIL_FIRST, Set.of()),
            backupRow(
                "backup_id", "7", "email", "priya@example.in", "full_name", "Jan Brouwer-?zerman"),
            named("mail", "mail:1", "2026-05-10T10:00:00Z", "Jan Brouwer-Ĳzerman"),
            named("calendar", "cal:1", "2026-05-10T10:02:00Z", "Jan Brouwer-Ĳzerman"));

    assertThat(record.value("full_name")).isEqualTo("Jan Brouwer-Ĳzerman");
    assertThat(record.action()).isEqualTo(Action.UPDATED);
    assertThat(record.reasons())
        .noneSatisfy(reason -> assertThat(reason).contains("agrees with the backup"))
        .anySatisfy(
            reason ->
                assertThat(reason)
                    .contains("full_name: \"Jan Brouwer-?zerman\" (backup:clients#7)")
                    .contains("lost a character")
                    .contains("kept as \"Jan Brouwer-Ĳzerman\""));
  }

  @Test
  void theLatestMergeTakesTheLetterTheBackupLostEvenFromOneSourceSince() throws Exception {
    // one source writing another spelling since is not a change; one restoring a ? is a repair
    ReconstructedRecord record =
        record(
            merger(NAMED, Set.of()),
            backupRow(
                "backup_id",
                "7",
                "email",
                "priya@example.in",
                "full_name",
                "Hélène Brouwer-?zerman"),
            named("stripe", "stripe:1", "2026-05-10T10:01:00Z", "Hélène Brouwer-Ĳzerman"));

    assertThat(record.value("full_name")).isEqualTo("Hélène Brouwer-Ĳzerman");
    assertThat(record.action()).isEqualTo(Action.UPDATED);
  }

  @Test
  void aBackupNameRepairedFromLaterEvidenceIsFlaggedNamingTheDamagedAndRestoredValues()
      throws Exception {
    // the import's policy approves an unflagged UPDATED record: the repair would be written over
    // the application's row unseen
    ReconstructedRecord record =
        record(
            merger(NAMED, Set.of()),
            backupRow("backup_id", "7", "email", "priya@example.in", "full_name", "Ola ?ksnes"),
            named("mail", "mail:1", "2026-05-10T10:00:00Z", "Ola Øksnes"));

    assertThat(record.action()).isEqualTo(Action.UPDATED);
    assertThat(record.flagged()).as("%s", record.reasons()).isTrue();
    assertThat(record.reasons())
        .anySatisfy(
            reason ->
                assertThat(reason)
                    .contains(
                        "full_name: the backup's \"Ola ?ksnes\" would be overwritten with"
                            + " \"Ola Øksnes\" (from mail:1)")
                    .contains("a repair"));
  }

  @Test
  void aMailThatLostALetterTheBackupHoldsLeavesTheRecordUnflagged() throws Exception {
    ReconstructedRecord record =
        record(
            merger(NAMED, Set.of()),
            backupRow("backup_id", "7", "email", "priya@example.in", "full_name", "Ola Øksnes"),
            named("mail", "mail:1", "2026-05-10T10:00:00Z", "Ola ?ksnes"));

    assertThat(record.value("full_name")).isEqualTo("Ola Øksnes");
    assertThat(record.flagged()).as("%s", record.reasons()).isFalse();
  }

  @Test
  void aNameWithALostCharacterNoEvidenceRestoresIsFlagged() throws Exception {
    ReconstructedRecord record =
        record(
            merger(NAMED, Set.of()),
            named("mail", "mail:1", "2026-05-10T10:00:00Z", "Jan Brouwer-?zerman"));

    assertThat(record.flagged()).as("%s", record.reasons()).isTrue();
    assertThat(record.reasons())
        .anySatisfy(
            reason ->
                assertThat(reason)
                    .contains("full_name: \"Jan Brouwer-?zerman\" (mail:1)")
                    .contains("where a letter belongs"));
  }

  @Test
  void aQuestionMarkBeforeALetterInAFreeTextFieldIsNotCalledALostCharacter() throws Exception {
    // full_name is a text field in this model: free text, where a ? before a letter is written
    ReconstructedRecord prose =
        record(
            merger(ValueResolutionTest.MODEL, Set.of()),
            named("mail", "mail:1", "2026-05-10T10:00:00Z", "Why?Because"));
    ReconstructedRecord name =
        record(
            merger(NAMED, Set.of()),
            named("mail", "mail:1", "2026-05-10T10:00:00Z", "Why?Because"));

    assertThat(prose.reasons())
        .noneSatisfy(reason -> assertThat(reason).contains("where a letter belongs"));
    assertThat(name.reasons())
        .anySatisfy(reason -> assertThat(reason).contains("where a letter belongs"));
  }

  @Test
  void laterEvidenceSpellingANameOtherwiseIsNotSaidToAgreeWithTheBackup() throws Exception {
    ReconstructedRecord typo =
        record(
            merger(NAMED, Set.of()),
            backupRow(
                "backup_id", "7", "email", "priya@example.in", "full_name", "Georgios Vasileiou"),
            named("mail", "mail:1", "2026-05-10T10:00:00Z", "Georgios Vasileiou"),
            named("stripe", "stripe:1", "2026-05-10T10:01:00Z", "Giorgos Vasileiou"));
    ReconstructedRecord capitals =
        record(
            merger(NAMED, Set.of()),
            backupRow(
                "backup_id", "7", "email", "priya@example.in", "full_name", "Georgios Vasileiou"),
            named("stripe", "stripe:1", "2026-05-10T10:01:00Z", "GEORGIOS VASILEIOU"));

    assertThat(typo.action()).isEqualTo(Action.UNCHANGED);
    assertThat(typo.reasons())
        .contains(
            "later evidence agrees with the backup (mail, stripe) but for spelling: full_name:"
                + " backup \"Georgios Vasileiou\", later \"Giorgos Vasileiou\" (stripe)");
    assertThat(capitals.reasons()).contains("later evidence agrees with the backup (stripe)");
  }
}
