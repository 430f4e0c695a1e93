package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.Fixtures.fields;
import static dev.salvage.pipeline.importer.Fixtures.fresh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.cli.CliRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ImportLookupAlternativesTest} on MariaDB: a stay's guest found by the guest's email, by
 * the channel's relay address in another column, and by the relay address of a guest the same plan
 * inserts; a stay the target holds compared through the relay address the record holds.
 */
class ImportLookupAlternativesMariaDbTest {
  @TempDir Path temp;
  private MariaDbImport target;

  @BeforeEach
  void createDatabase() throws Exception {
    target =
        MariaDbImport.create(
            temp,
            ImportLookupAlternativesTest.MAPPING.replace("public.", ""),
            "CREATE TABLE guests (id int NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                + " email varchar(100) UNIQUE, channel_email varchar(100) UNIQUE) ENGINE=InnoDB",
            "CREATE TABLE stays (id int NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                + " code varchar(20) NOT NULL UNIQUE, guest_id int NOT NULL,"
                + " FOREIGN KEY (guest_id) REFERENCES guests (id)) ENGINE=InnoDB",
            "INSERT INTO guests (id, email, channel_email) VALUES"
                + " (1, 'ana@alfama.example', NULL), (2, NULL, 'relay-abc@guest.airbnb.example'),"
                + " (3, NULL, 'relay-xyz@guest.booking.example')",
            "INSERT INTO stays (id, code, guest_id) VALUES (10, 'S-10', 2), (11, 'S-11', 2)");
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (target != null) {
      target.close();
    }
  }

  @Test
  void findsEachStaysGuestByTheAlternativeItsRecordHolds() throws Exception {
    List<ReconstructedRecord> records =
        new ArrayList<>(ImportLookupAlternativesTest.plannedGuestAndStay());
    records.addAll(ImportLookupAlternativesTest.presentStays());
    records.add(
        fresh(
            "stay:new-direct",
            "stay",
            1.0,
            false,
            fields("code", "S-20", "guest_email", "Ana@alfama.example")));
    records.add(
        fresh(
            "stay:new-channel",
            "stay",
            1.0,
            false,
            fields("code", "S-21", "guest_channel_email", "relay-xyz@guest.booking.example")));
    Fixtures.writeRun(target.run, records);

    CliRun planned = target.plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains("Plan: 4 inserts")
        .contains(
            "guest_id relay-abc@guest.airbnb.example (record: relay-xyz@guest.booking.example)")
        .contains("1  already in the target")
        .doesNotContain("stay:new-same")
        .doesNotContain("stay:new-lea");
    target.apply();

    assertThat(
            target.text(
                "SELECT GROUP_CONCAT(CONCAT(s.code, ' ', COALESCE(g.email, g.channel_email))"
                    + " ORDER BY s.code SEPARATOR ', ') FROM stays s JOIN guests g"
                    + " ON g.id = s.guest_id WHERE s.code IN ('S-20', 'S-21', 'S-30')"))
        .isEqualTo(
            "S-20 ana@alfama.example, S-21 relay-xyz@guest.booking.example,"
                + " S-30 lea@alfama.example");
  }
}
