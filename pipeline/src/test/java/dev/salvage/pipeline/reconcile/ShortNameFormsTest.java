package dev.salvage.pipeline.reconcile;

import static dev.salvage.pipeline.reconcile.ValueResolutionTest.NAMED;
import static dev.salvage.pipeline.reconcile.ValueResolutionTest.backupRow;
import static dev.salvage.pipeline.reconcile.ValueResolutionTest.merger;
import static dev.salvage.pipeline.reconcile.ValueResolutionTest.named;
import static dev.salvage.pipeline.reconcile.ValueResolutionTest.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Alternative;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A name written short (initials, a first name only) beside its full form in one record is the same
 * name: the full form is kept, and the short one is neither a change nor a conflict. An outside
 * trial's golf academy had its backup's full name replaced by the mails' initials, and its
 * calendar's initials beat the confirmation's full name and flagged most bookings.
 */
class ShortNameFormsTest {
  @Test
  void keepsTheBackupsFullNameAgainstLaterInitialsAndMakesNoUpdate() throws Exception {
    ReconstructedRecord record =
        record(
            merger(NAMED, Set.of()),
            backupRow("backup_id", "7", "email", "priya@example.in", "full_name", "Aidan Walsh"),
            named("stripe", "stripe:1", "2026-05-02T10:00:00Z", "Aidan Walsh"),
            named("mail", "mail:1", "2026-05-10T10:00:00Z", "AJ Walsh"),
            named("mail", "mail:2", "2026-05-20T10:00:00Z", "AJ Walsh"),
            named("mail", "mail:3", "2026-05-30T10:00:00Z", "A. Walsh"));

    assertThat(record.value("full_name")).isEqualTo("Aidan Walsh");
    assertThat(record.action()).isEqualTo(Action.UNCHANGED);
    assertThat(record.changes()).isEmpty();
    assertThat(record.flagged()).as("%s", record.reasons()).isFalse();
    assertThat(record.fields().get("full_name").alternatives())
        .extracting(Alternative::value)
        .contains("AJ Walsh", "A. Walsh");
  }

  @Test
  void keepsTheFullNameOfOneMomentAgainstTheCalendarsInitialsOrFirstNameUnflagged()
      throws Exception {
    ReconstructedRecord initials =
        record(
            merger(NAMED, Set.of()),
            named("mail", "mail:1", "2026-05-10T10:00:00Z", "Orla Keane"),
            named("calendar", "cal:1", "2026-05-10T10:05:00Z", "O.K."));
    ReconstructedRecord firstName =
        record(
            merger(NAMED, Set.of()),
            named("calendar", "cal:1", "2026-05-10T10:00:00Z", "Orla"),
            named("mail", "mail:1", "2026-05-10T10:05:00Z", "Orla Keane"),
            named("calendar", "cal:2", "2026-05-10T10:10:00Z", "Orla"));

    assertThat(initials.value("full_name")).isEqualTo("Orla Keane");
    assertThat(initials.flagged()).as("%s", initials.reasons()).isFalse();
    assertThat(initials.confidence()).isEqualTo(1.0);
    assertThat(firstName.value("full_name")).isEqualTo("Orla Keane");
    assertThat(firstName.flagged()).as("%s", firstName.reasons()).isFalse();
  }

  @Test
  void aFullNameTheShortFormDoesNotFitStillCompetes() throws Exception {
    // initials that stand for both full names do not join the two people's names into one
    ReconstructedRecord record =
        record(
            merger(NAMED, Set.of()),
            named("calendar", "cal:1", "2026-05-10T10:00:00Z", "O.K."),
            named("mail", "mail:1", "2026-05-10T10:05:00Z", "Orla Keane"),
            named("stripe", "stripe:1", "2026-05-10T10:10:00Z", "Oisin Kavanagh"));

    assertThat(record.flagged()).as("%s", record.reasons()).isTrue();
    assertThat(record.reasons())
        .anySatisfy(reason -> assertThat(reason).contains("Orla Keane").contains("Oisin Kavanagh"));
  }

  @Test
  void aFullNameAfterTheBackupsShortFormIsKeptAsTheFullerSpelling() throws Exception {
    ReconstructedRecord record =
        record(
            merger(NAMED, Set.of()),
            backupRow("backup_id", "7", "email", "priya@example.in", "full_name", "O. Keane"),
            named("mail", "mail:1", "2026-05-10T10:00:00Z", "Orla Keane"),
            named("stripe", "stripe:1", "2026-05-10T10:05:00Z", "Orla Keane"));

    assertThat(record.value("full_name")).isEqualTo("Orla Keane");
    assertThat(record.flagged()).as("%s", record.reasons()).isFalse();
  }

  @Test
  void aMiddleNameOneSourceAddsNeitherReplacesTheBackupsNameNorMakesAnUpdate() throws Exception {
    // a card names its holder in full; the application stores the name she goes by
    ReconstructedRecord record =
        record(
            merger(NAMED, Set.of("stripe/stripe")),
            backupRow("backup_id", "7", "email", "priya@example.in", "full_name", "Thomas Müller"),
            named("mail", "mail:1", "2026-05-10T10:00:00Z", "Thomas Müller"),
            named("stripe", "stripe:1", "2026-02-01T10:00:00Z", "Thomas Theresia Müller"));

    assertThat(record.value("full_name")).isEqualTo("Thomas Müller");
    assertThat(record.action()).isEqualTo(Action.UNCHANGED);
    assertThat(record.changes()).isEmpty();
    assertThat(record.fields().get("full_name").alternatives())
        .extracting(Alternative::value)
        .contains("Thomas Theresia Müller");
  }

  @Test
  void aMiddleNameTwoSourcesWriteSinceTheBackupIsTheNamesNewWriting() throws Exception {
    ReconstructedRecord record =
        record(
            merger(NAMED, Set.of()),
            backupRow("backup_id", "7", "email", "priya@example.in", "full_name", "Thomas Müller"),
            named("mail", "mail:1", "2026-05-10T10:00:00Z", "Thomas Theresia Müller"),
            named("calendar", "cal:1", "2026-05-10T10:20:00Z", "Thomas Theresia Müller"));

    assertThat(record.value("full_name")).isEqualTo("Thomas Theresia Müller");
    assertThat(record.action()).isEqualTo(Action.UPDATED);
  }
}
