package dev.salvage.pipeline.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.cli.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ImportMailboxSpellingTest} on MariaDB, whose default collation compares emails ignoring
 * case already: a customer the target holds under another spelling of her mailbox is kept out
 * naming the row, with her reservation; a reservation naming such a mailbox names the row.
 */
class ImportMailboxSpellingMariaDbTest {
  @TempDir Path temp;
  private MariaDbImport target;

  @BeforeEach
  void createDatabase() throws Exception {
    target =
        MariaDbImport.create(
            temp,
            ImportMailboxSpellingTest.MAPPING.replace("public.", ""),
            "CREATE TABLE customers (id int NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                + " email varchar(100) NOT NULL UNIQUE, name varchar(100)) ENGINE=InnoDB",
            "CREATE TABLE reservations (id int NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                + " reference varchar(20) NOT NULL UNIQUE, customer_id int NOT NULL,"
                + " FOREIGN KEY (customer_id) REFERENCES customers (id)) ENGINE=InnoDB",
            "INSERT INTO customers (id, email, name) VALUES"
                + " (12, 'annamueller@googlemail.com', 'Anna Müller'),"
                + " (13, 'anna@gmx.de', 'Anna Berg'), (14, 'Lukas.Weber@gmail.com', 'Lukas Weber')");
    Fixtures.writeRun(target.run, ImportMailboxSpellingTest.records());
    ImportMailboxSpellingTest.withEntityModel(target.run);
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (target != null) {
      target.close();
    }
  }

  @Test
  void keepsOutACustomerTheTargetHoldsUnderAnotherSpellingOfHerMailbox() throws Exception {
    CliRun planned = target.plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains("Plan: 2 inserts")
        .contains(
            "customer:new-anna: present under another spelling of its mailbox:"
                + " customers.id = 12 has email = 'annamueller@googlemail.com'")
        .contains(
            "customer:new-ski: present under another spelling of its mailbox:"
                + " customers.id = 13 has email = 'anna@gmx.de'")
        .contains("reservation:new-r1: parent customer:new-anna kept out")
        .contains("customers.id = 14 has email = 'Lukas.Weber@gmail.com', the mailbox");
    target.apply();

    assertThat(target.text("SELECT GROUP_CONCAT(email ORDER BY id SEPARATOR ', ') FROM customers"))
        .isEqualTo("annamueller@googlemail.com, anna@gmx.de, Lukas.Weber@gmail.com, nora@gmx.de");
  }
}
