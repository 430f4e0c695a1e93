package dev.salvage.pipeline.reconcile;

import static dev.salvage.pipeline.reconcile.ValueResolutionTest.MODEL;
import static dev.salvage.pipeline.reconcile.ValueResolutionTest.backupRow;
import static dev.salvage.pipeline.reconcile.ValueResolutionTest.claim;
import static dev.salvage.pipeline.reconcile.ValueResolutionTest.merger;
import static dev.salvage.pipeline.reconcile.ValueResolutionTest.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Claims within one step of the application (a field's {@code stated_within}, an hour by default)
 * are statements of one moment, where agreement decides; and a precedence rule that ranks the
 * backup first does not hide a change made after it.
 */
class OneMomentTest {
  static final String BACKUP_FIRST =
      MODEL
          + "    merge:\n"
          + "      full_name: {strategy: precedence, order: [backup, mail, stripe, calendar]}\n";
  // so that a record is not flagged for being known only by a key the backup's rows lack
  static final Map<String, List<String>> BACKUP_HOLDS_CLIENT_IDS =
      Map.of("client", List.of("backup_id", "client_id", "email", "full_name", "phone"));

  @Test
  void aPaymentMinutesAfterTwoAgreeingSourcesDoesNotSilentlyWin() throws Exception {
    // the confirmation mail and the calendar event name the patient; a friend's card, charged 25
    // minutes later, names the payer
    ReconstructedRecord record =
        record(
            merger(Set.of()),
            claim(
                "mail",
                "m",
                "mail:1",
                "2026-05-10T10:00:00Z",
                "client_id",
                "c1",
                "email",
                "ola@patient.example",
                "full_name",
                "Ola Nowak"),
            claim(
                "calendar",
                "c",
                "cal:1",
                "2026-05-10T10:01:00Z",
                "client_id",
                "c1",
                "email",
                "ola@patient.example",
                "full_name",
                "Ola Nowak"),
            claim(
                "stripe",
                "s",
                "stripe:1",
                "2026-05-10T10:25:00Z",
                "client_id",
                "c1",
                "email",
                "piotr@payer.example",
                "full_name",
                "Piotr Wrobel"));

    assertThat(record.value("email")).isEqualTo("ola@patient.example");
    assertThat(record.value("full_name")).isEqualTo("Ola Nowak");
    assertThat(record.fields().get("email").alternatives())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.value()).isEqualTo("piotr@payer.example");
              assertThat(a.note())
                  .isEqualTo("fewer independent sources within an hour than ola@patient.example");
            });
  }

  @Test
  void aFieldsStatedWithinSetsHowLongOneMomentIs() throws Exception {
    // a business whose payments are taken at the desk within minutes says so: then a charge 25
    // minutes after the booking is later than the moment, and the newer claim wins
    String tenMinutes = MODEL + "    merge:\n      email: {stated_within: 10m}\n";
    ReconstructedRecord record =
        record(
            merger(tenMinutes, Set.of()),
            claim(
                "mail",
                "m",
                "mail:1",
                "2026-05-10T10:00:00Z",
                "client_id",
                "c1",
                "email",
                "ola@patient.example"),
            claim(
                "calendar",
                "c",
                "cal:1",
                "2026-05-10T10:01:00Z",
                "client_id",
                "c1",
                "email",
                "ola@patient.example"),
            claim(
                "stripe",
                "s",
                "stripe:1",
                "2026-05-10T10:25:00Z",
                "client_id",
                "c1",
                "email",
                "piotr@payer.example"));

    assertThat(record.value("email")).isEqualTo("piotr@payer.example");
  }

  @Test
  void oneSourceAgainstOneWithinTheHourIsFlaggedNamingBothValues() throws Exception {
    ReconstructedRecord record =
        record(
            merger(Set.of()),
            claim(
                "mail",
                "m",
                "mail:1",
                "2026-05-10T10:00:00Z",
                "client_id",
                "c1",
                "email",
                "ola@patient.example"),
            claim(
                "stripe",
                "s",
                "stripe:1",
                "2026-05-10T10:30:00Z",
                "client_id",
                "c1",
                "email",
                "piotr@payer.example"));

    assertThat(record.flagged()).as("newest-wins is a guess here").isTrue();
    assertThat(record.reasons())
        .contains(
            "email: piotr@payer.example and ola@patient.example were claimed within an hour of"
                + " each other by as many independent sources; the later one, claimed at"
                + " 2026-05-10T10:30:00Z, was taken");
  }

  @Test
  void aChangeSeenLaterThanOneStepInOneSourceStillWinsOverTwoAgreeingSources() throws Exception {
    ReconstructedRecord record =
        record(
            merger(MODEL, Set.of(), BACKUP_HOLDS_CLIENT_IDS),
            claim(
                "mail",
                "m",
                "mail:1",
                "2026-05-10T10:00:00Z",
                "client_id",
                "c1",
                "email",
                "ola@old.example"),
            claim(
                "calendar",
                "c",
                "cal:1",
                "2026-05-10T10:01:00Z",
                "client_id",
                "c1",
                "email",
                "ola@old.example"),
            claim(
                "mail",
                "m",
                "mail:2",
                "2026-05-13T08:00:00Z",
                "client_id",
                "c1",
                "email",
                "ola@new.example"));

    assertThat(record.value("email")).isEqualTo("ola@new.example");
    assertThat(record.flagged()).isFalse();
  }

  @Test
  void aSourceThatRestatesAValueWithinTheHourIsNotATieWithItself() throws Exception {
    // a reschedule mail 40 minutes after the confirmation, and a charge between them that said
    // what the confirmation said: the mail source's last word is the new value, one voice each
    ReconstructedRecord record =
        record(
            merger(MODEL, Set.of(), BACKUP_HOLDS_CLIENT_IDS),
            claim(
                "mail",
                "m",
                "mail:1",
                "2026-05-10T10:00:00Z",
                "client_id",
                "c1",
                "plate",
                "WA-1234"),
            claim(
                "mail",
                "m",
                "mail:2",
                "2026-05-10T10:40:00Z",
                "client_id",
                "c1",
                "plate",
                "WA-9876"));

    assertThat(record.value("plate")).isEqualTo("WA-9876");
    assertThat(record.flagged()).isFalse();
    assertThat(record.fields().get("plate").alternatives())
        .singleElement()
        .satisfies(
            a ->
                assertThat(a.note())
                    .isEqualTo(
                        "restated by the same source within an hour: its later claim is what it"
                            + " says now"));
  }

  @Test
  void aSurnameChangedAfterTheBackupThatLosesByPrecedenceFlagsTheRecord() throws Exception {
    ReconstructedRecord record =
        record(
            merger(BACKUP_FIRST, Set.of(), BACKUP_HOLDS_CLIENT_IDS),
            backupRow("backup_id", "7", "client_id", "c1", "full_name", "Magdalena Woźniak"),
            claim(
                "mail",
                "m",
                "mail:1",
                "2026-05-10T10:00:00Z",
                "client_id",
                "c1",
                "full_name",
                "Magdalena Wójcik"));

    assertThat(record.value("full_name"))
        .as("precedence still decides")
        .isEqualTo("Magdalena Woźniak");
    assertThat(record.flagged()).isTrue();
    assertThat(record.reasons())
        .contains(
            "full_name: Magdalena Wójcik, claimed after the backup by mail (mail:1), lost to the"
                + " backup's Magdalena Woźniak only because the precedence rule ranks the backup"
                + " higher (backup > mail > stripe > calendar): a change after the backup, or a"
                + " precedence line that is wrong for this field (ranked first, the backup lets"
                + " nothing after it change the field)");
  }

  @Test
  void aSpellingOfTheBackupsNameAfterTheBackupDoesNotFlagABackupFirstRecord() throws Exception {
    // a card's capitals without diacritics and a calendar entry a letter off are the backup's name
    ReconstructedRecord record =
        record(
            merger(BACKUP_FIRST, Set.of(), BACKUP_HOLDS_CLIENT_IDS),
            backupRow("backup_id", "7", "client_id", "c1", "full_name", "Łucja Zielińska"),
            claim(
                "stripe",
                "s",
                "stripe:1",
                "2026-05-10T10:00:00Z",
                "client_id",
                "c1",
                "full_name",
                "LUCJA ZIELINSKA"),
            claim(
                "calendar",
                "c",
                "cal:1",
                "2026-05-10T10:05:00Z",
                "client_id",
                "c1",
                "full_name",
                "Łucja Zieilńska"));

    assertThat(record.value("full_name")).isEqualTo("Łucja Zielińska");
    assertThat(record.action()).isEqualTo(Action.UNCHANGED);
    assertThat(record.flagged()).isFalse();
  }
}
