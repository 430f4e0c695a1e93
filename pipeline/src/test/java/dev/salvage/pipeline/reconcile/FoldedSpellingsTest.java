package dev.salvage.pipeline.reconcile;

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
 * A name written without its diacritics ({@code Durr}, {@code Duerr} for {@code Dürr}) by a card or
 * a calendar typed on another keyboard is the same name written with less: however many sources
 * write it so, it neither replaces the spelling with the diacritics nor makes the record UPDATED.
 * An outside trial's ski school had a customer's {@code Florian Dürr} (backup and booking mails)
 * replaced by {@code Florian Durr}, written by the card and the instructor's calendar.
 */
class FoldedSpellingsTest {
  @Test
  void theBackupsUmlautIsKeptAgainstTwoSourcesWritingTheNameWithoutIt() throws Exception {
    ReconstructedRecord record =
        record(
            merger(NAMED, Set.of("stripe/stripe")),
            backupRow("backup_id", "7", "email", "priya@example.in", "full_name", "Florian Dürr"),
            named("mail", "mail:1", "2026-05-10T10:00:00Z", "Florian Dürr"),
            named("calendar", "cal:1", "2026-05-10T10:30:00Z", "Florian Durr"),
            named("stripe", "stripe:1", "2026-02-01T10:00:00Z", "Florian Durr"));

    assertThat(record.value("full_name")).isEqualTo("Florian Dürr");
    assertThat(record.action()).isEqualTo(Action.UNCHANGED);
    assertThat(record.changes()).isEmpty();
  }

  @Test
  void aNewCustomersNameIsWrittenWithTheUmlautsOneSourceWrites() throws Exception {
    ReconstructedRecord record =
        record(
            merger(NAMED, Set.of()),
            named("mail", "mail:1", "2026-05-10T10:00:00Z", "Jürgen Groß"),
            named("stripe", "stripe:1", "2026-05-10T10:01:00Z", "Juergen Gross"),
            named("calendar", "cal:1", "2026-05-10T10:30:00Z", "Juergen Gross"));

    assertThat(record.value("full_name")).isEqualTo("Jürgen Groß");
    assertThat(record.flagged()).as("%s", record.reasons()).isFalse();
  }
}
