package dev.salvage.pipeline.reconcile;

import static dev.salvage.pipeline.reconcile.ValueResolutionTest.backupRow;
import static dev.salvage.pipeline.reconcile.ValueResolutionTest.claim;
import static dev.salvage.pipeline.reconcile.ValueResolutionTest.merger;
import static dev.salvage.pipeline.reconcile.ValueResolutionTest.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Alternative;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One mailbox written two ways ({@code googlemail.com} and {@code gmail.com}, an address with and
 * without a {@code +tag}) is one value: it is written as the backup writes it, unless claims since
 * the backup write the other from two independent sources, and neither makes the record UPDATED. An
 * outside trial's ski school, whose Stripe customers (read as current) held the address its
 * customers typed at the checkout, had 23 of 191 unchanged customers UPDATED to the card's spelling
 * of their address, and their lessons' customer email with them.
 */
class MailboxSpellingsTest {
  @Test
  void theCheckoutsGmailSpellingOfTheBackupsGooglemailAddressIsNoChange() throws Exception {
    ReconstructedRecord record =
        record(
            merger(Set.of("stripe/stripe_customer")),
            backupRow("backup_id", "7", "email", "anna.huber@googlemail.com"),
            claim(
                "mail",
                "booking",
                "mail:1",
                "2026-05-10T10:00:00Z",
                "email",
                "anna.huber@googlemail.com"),
            claim(
                "stripe",
                "stripe_customer",
                "stripe:cus_1",
                "2026-02-01T10:00:00Z",
                "email",
                "anna.huber@gmail.com"));

    assertThat(record.value("email")).isEqualTo("anna.huber@googlemail.com");
    assertThat(record.action()).isEqualTo(Action.UNCHANGED);
    assertThat(record.changes()).isEmpty();
    assertThat(record.fields().get("email").alternatives())
        .extracting(Alternative::value)
        .containsExactly("anna.huber@gmail.com");
  }

  @Test
  void anAddressWithoutTheBackupsPlusTagIsNoChange() throws Exception {
    EntityMerger.Merged merged =
        merger(Set.of("stripe/stripe_customer"))
            .merge(
                List.of(
                    backupRow("backup_id", "7", "email", "anna+ski@gmx.de"),
                    claim(
                        "stripe",
                        "stripe_customer",
                        "stripe:cus_1",
                        "2026-02-01T10:00:00Z",
                        "email",
                        "anna@gmx.de")));

    // the backup's row as it is: nothing since says otherwise
    assertThat(merged).isInstanceOf(EntityMerger.CarriedOver.class);
    ReconstructedRecord record = ((EntityMerger.CarriedOver) merged).record();
    assertThat(record.value("email")).isEqualTo("anna+ski@gmx.de");
    assertThat(record.action()).isEqualTo(Action.UNCHANGED);
  }

  @Test
  void theOtherSpellingWrittenSinceTheBackupByTwoSourcesIsAChange() throws Exception {
    ReconstructedRecord record =
        record(
            merger(Set.of()),
            backupRow("backup_id", "7", "email", "anna+ski@gmx.de"),
            claim("mail", "booking", "mail:1", "2026-05-10T10:00:00Z", "email", "anna@gmx.de"),
            claim(
                "stripe",
                "stripe_customer",
                "stripe:cus_1",
                "2026-05-10T10:05:00Z",
                "email",
                "anna@gmx.de"));

    assertThat(record.value("email")).isEqualTo("anna@gmx.de");
    assertThat(record.action()).isEqualTo(Action.UPDATED);
  }

  @Test
  void anotherAddressStillChangesTheBackupsFromOneSource() throws Exception {
    ReconstructedRecord record =
        record(
            merger(Set.of()),
            backupRow("backup_id", "7", "email", "anna.huber@googlemail.com"),
            claim(
                "mail",
                "booking",
                "mail:1",
                "2026-05-10T10:00:00Z",
                "email",
                "anna.huber@posteo.de"));

    assertThat(record.value("email")).isEqualTo("anna.huber@posteo.de");
    assertThat(record.action()).isEqualTo(Action.UPDATED);
  }

  @Test
  void aNewCustomersAddressIsWrittenAsMostSourcesWriteIt() throws Exception {
    ReconstructedRecord record =
        record(
            merger(Set.of("stripe/stripe_customer")),
            claim("mail", "booking", "mail:1", "2026-05-10T10:00:00Z", "email", "anna+ski@gmx.de"),
            claim("calendar", "event", "cal:1", "2026-05-10T10:20:00Z", "email", "anna+ski@gmx.de"),
            claim(
                "stripe",
                "stripe_customer",
                "stripe:cus_1",
                "2026-05-10T10:01:00Z",
                "email",
                "anna@gmx.de"));

    assertThat(record.value("email")).isEqualTo("anna+ski@gmx.de");
    assertThat(record.flagged()).as("%s", record.reasons()).isFalse();
  }
}
