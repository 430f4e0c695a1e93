package dev.salvage.connectors.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salvage.connectors.CollectingSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mysqldump's INSERT syntax, read into backup.row records. */
class MysqlDumpReaderTest {
  @TempDir Path dir;

  private static final String DUMP =
      """
      /*M!999999\\- enable the sandbox mode */
      -- MariaDB dump 10.19  Distrib 10.11.18-MariaDB
      /*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
      /*!40103 SET TIME_ZONE='+00:00' */;
      DROP TABLE IF EXISTS `customers`;
      CREATE TABLE `customers` (
        `id` int(11) NOT NULL AUTO_INCREMENT,
        `full_name` varchar(80) NOT NULL COMMENT 'given; family',
        `balance` decimal(8,2) DEFAULT NULL,
        `avatar` blob DEFAULT NULL,
        `key` varchar(10) DEFAULT NULL,
        PRIMARY KEY (`id`),
        UNIQUE KEY `full_name` (`full_name`),
        CONSTRAINT `positive` CHECK (`balance` >= 0)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
      LOCK TABLES `customers` WRITE;
      /*!40000 ALTER TABLE `customers` DISABLE KEYS */;
      INSERT INTO `customers` VALUES (1,'O\\'Brien; \\"Ana\\"',-12.50,_binary 'a\\0b',NULL),(2,'line\\nbreak\\\\ and \\'\\'',0.00,'\\Z',''),(3,'Grüße ''quoted''',NULL,0x00FF,'-- not a comment');
      INSERT INTO `customers` (`id`, `full_name`) VALUES (4,'only two');
      /*!40000 ALTER TABLE `customers` ENABLE KEYS */;
      UNLOCK TABLES;
      INSERT INTO `unknown` VALUES (1,'x');
      """;

  private Path write(String text) throws Exception {
    return Files.writeString(dir.resolve("dump.sql"), text, StandardCharsets.UTF_8);
  }

  @Test
  void readsMultiRowInsertsWithEscapesBinaryNullAndTheCreateTableColumns() throws Exception {
    CollectingSink sink = CollectingSink.read(new MysqlDumpReader(), write(DUMP));

    assertThat(sink.refs())
        .containsExactly(
            "backup:customers#1", "backup:customers#2", "backup:customers#3", "backup:customers#4");
    assertThat(sink.record("backup:customers#1").json())
        .isEqualTo(
            "{\"table\":\"customers\",\"columns\":{\"id\":\"1\",\"full_name\":\"O'Brien;"
                + " \\\"Ana\\\"\",\"balance\":\"-12.50\",\"avatar\":\"\\\\x610062\",\"key\":null}}");
    assertThat(sink.json("backup:customers#2").get("columns").get("full_name").asText())
        .isEqualTo("line\nbreak\\ and ''");
    assertThat(sink.json("backup:customers#2").get("columns").get("avatar").asText())
        .as("a string in a blob column is bytes")
        .isEqualTo("\\x1a");
    assertThat(sink.json("backup:customers#3").get("columns").get("full_name").asText())
        .isEqualTo("Grüße 'quoted'");
    assertThat(sink.json("backup:customers#3").get("columns").get("avatar").asText())
        .isEqualTo("\\x00ff");
    assertThat(sink.json("backup:customers#3").get("columns").get("key").asText())
        .isEqualTo("-- not a comment");
    assertThat(sink.json("backup:customers#4").get("columns").toString())
        .isEqualTo("{\"id\":\"4\",\"full_name\":\"only two\"}");
    assertThat(sink.record("backup:customers#3").location()).endsWith("dump.sql:18");
    // a table whose CREATE TABLE is not in the dump: its rows cannot be named, and say so
    assertThat(sink.quarantined)
        .singleElement()
        .satisfies(
            bad ->
                assertThat(bad.reason()).contains("unknown").contains("its columns are unknown"));
  }

  @Test
  void aDumpCutInsideAMultiRowInsertGivesTheWholeRowsBeforeTheCutThenFails() throws Exception {
    // cut inside the third row's string, whose value holds a quote and a parenthesis-free ;
    Path file = write(DUMP.substring(0, DUMP.indexOf("(3,'Grüße") + 12));
    CollectingSink sink = new CollectingSink();

    assertThatThrownBy(() -> new MysqlDumpReader().read(file, "backup", sink))
        .hasMessage(
            "Cannot read mysqldump file "
                + file
                + ": it ends inside a quoted string in the statement starting at line 18 (a"
                + " truncated dump?); the 2 whole row(s) of that statement before the cut were"
                + " read, what followed is missing");
    // before: the cut statement's rows were all dropped, the two whole ones with the cut one
    assertThat(sink.refs()).containsExactly("backup:customers#1", "backup:customers#2");
    assertThat(sink.json("backup:customers#1").get("columns").get("full_name").asText())
        .isEqualTo("O'Brien; \"Ana\"");
  }

  @Test
  void aDumpCutBeforeAnyWholeRowOfAnInsertSaysOnlyWhereItEnds() throws Exception {
    Path file = write(DUMP.substring(0, DUMP.indexOf("(1,'O") + 4));
    CollectingSink sink = new CollectingSink();

    assertThatThrownBy(() -> new MysqlDumpReader().read(file, "backup", sink))
        .hasMessageEndingWith("in the statement starting at line 18 (a truncated dump?)");
    assertThat(sink.records).isEmpty();
  }

  @Test
  void aTruncatedDumpIsAnErrorNamingTheLineOfTheCutStatement() throws Exception {
    String cut = DUMP.substring(0, DUMP.indexOf("(3,'Grüße") + 12);
    Path file = write(cut);

    assertThatThrownBy(() -> CollectingSink.read(new MysqlDumpReader(), file))
        .hasMessageContaining(file.toString())
        .hasMessageContaining("ends inside a quoted string in the statement starting at line 18")
        .hasMessageContaining("truncated");

    Path noSemicolon = write(DUMP.substring(0, DUMP.indexOf("UNLOCK TABLES;") + 13));
    assertThatThrownBy(() -> CollectingSink.read(new MysqlDumpReader(), noSemicolon))
        .hasMessageContaining("ends before its closing ; in the statement starting at line 21");
  }

  @Test
  void aSecondDatabasesTableKeepsItsDatabaseInItsRefsSoSameNamedTablesDoNotMerge()
      throws Exception {
    // the layout of mysqldump --all-databases (the server's own database first), with an
    // unquoted CREATE SCHEMA too
    Path file =
        write(
            "CREATE DATABASE /*!32312 IF NOT EXISTS*/ `mysql`;\n"
                + "USE `mysql`;\n"
                + "CREATE TABLE `user` (`Host` char(60), `User` char(80), `Password` text);\n"
                + "INSERT INTO `user` VALUES ('localhost','root','*placeholder-hash');\n"
                + "CREATE DATABASE /*!32312 IF NOT EXISTS*/ `shop`;\n"
                + "USE `shop`;\n"
                + "CREATE TABLE `customers` (`id` int NOT NULL, `email` varchar(64));\n"
                + "INSERT INTO `customers` VALUES (1,'ana@example.com');\n"
                + "CREATE SCHEMA archive;\n"
                + "USE archive;\n"
                + "CREATE TABLE `customers` (`id` int NOT NULL, `name` varchar(64),"
                + " `email` varchar(64));\n"
                + "INSERT INTO `customers` VALUES (1,'Old Ana','ana@old.example');\n"
                + "INSERT INTO shop.customers VALUES (2,'rui@example.com');\n");

    CollectingSink read = CollectingSink.read(new MysqlDumpReader(), file);

    assertThat(read.quarantined).isEmpty();
    assertThat(read.refs())
        .as("the server's accounts are not the business's rows")
        .containsExactly("backup:customers#1", "backup:archive.customers#1", "backup:customers#2");
    assertThat(read.json("backup:customers#1").get("columns").toString())
        .isEqualTo("{\"id\":\"1\",\"email\":\"ana@example.com\"}");
    assertThat(read.json("backup:archive.customers#1").get("table").asText())
        .isEqualTo("archive.customers");
    assertThat(read.json("backup:archive.customers#1").get("columns").get("name").asText())
        .isEqualTo("Old Ana");
  }

  @Test
  void aNationalCharacterStringIsItsText() throws Exception {
    Path file =
        write(
            "CREATE TABLE `Genre` (`GenreId` INT NOT NULL, `Name` NVARCHAR(120));\n"
                + "INSERT INTO `Genre` (`GenreId`, `Name`) VALUES (1, N'Rock'), (2, n'Jazz');\n");

    CollectingSink read = CollectingSink.read(new MysqlDumpReader(), file);

    assertThat(read.quarantined).isEmpty();
    assertThat(read.refs()).containsExactly("backup:Genre#1", "backup:Genre#2");
    assertThat(read.records.get(0).json()).contains("\"Name\":\"Rock\"");
  }

  @Test
  void statementsInsideAStoredRoutineAreCodeNotRows() throws Exception {
    // the layout mysqldump --routines writes: the body's INSERT is not a customer of the backup
    Path file =
        write(
            "CREATE TABLE `customer` (\n  `id` int NOT NULL,\n  `email` varchar(64)\n);\n"
                + "INSERT INTO `customer` VALUES (1,'ana@example.com');\n"
                + "DELIMITER ;;\n"
                + "CREATE DEFINER=`root`@`localhost` PROCEDURE `add_customer`(p_id int)\n"
                + "BEGIN\n"
                + "  INSERT INTO customer VALUES (p_id, CONCAT('new', p_id, '@example.com'));\n"
                + "  INSERT INTO customer VALUES (p_id, 'pending');\n"
                + "END ;;\n"
                + "delimiter ;\n"
                + "INSERT INTO `customer` VALUES (2,'rui@example.com');\n");

    CollectingSink read = CollectingSink.read(new MysqlDumpReader(), file);

    assertThat(read.refs()).containsExactly("backup:customer#1", "backup:customer#2");
    assertThat(read.quarantined).isEmpty();

    Path cut = write("DELIMITER ;;\nCREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n");
    assertThatThrownBy(() -> CollectingSink.read(new MysqlDumpReader(), cut))
        .hasMessageContaining("ends inside the DELIMITER ;; block of a stored routine");
  }

  @Test
  void readsBitValuesAsTheirNumberSoTheRowKeepsItsColumns() throws Exception {
    String dump =
        """
        CREATE TABLE `cars` (
          `id` int NOT NULL,
          `active` bit(1) NOT NULL,
          `features` bit(4) DEFAULT NULL,
          `plate` varchar(12) NOT NULL,
          PRIMARY KEY (`id`)
        );
        INSERT INTO `cars` VALUES (1,b'1',b'0101','HH-CD-45'),(2,b'0',NULL,'M-AB-123');
        """;
    CollectingSink sink = CollectingSink.read(new MysqlDumpReader(), write(dump));

    assertThat(sink.quarantined).isEmpty();
    assertThat(sink.json("backup:cars#1").get("columns").toString())
        .isEqualTo("{\"id\":\"1\",\"active\":\"1\",\"features\":\"5\",\"plate\":\"HH-CD-45\"}");
    assertThat(sink.json("backup:cars#2").get("columns").get("active").asText()).isEqualTo("0");
  }

  @Test
  void aBitValueWithOtherDigitsIsAnErrorNamingTheLine() throws Exception {
    String dump =
        """
        CREATE TABLE `cars` (`id` int NOT NULL, `active` bit(1), PRIMARY KEY (`id`));
        INSERT INTO `cars` VALUES (1,b'2');
        """;
    assertThatThrownBy(() -> CollectingSink.read(new MysqlDumpReader(), write(dump)))
        .hasMessageContaining("dump.sql: line 2")
        .hasMessageContaining("b'2' is not a bit value");
  }

  @Test
  void aRowIsKeyedByThePrimaryKeyItsCreateTableDeclaresInAnyForm() throws Exception {
    String dump =
        """
        CREATE TABLE `film_actor` (
          `actor_id` smallint unsigned NOT NULL,
          `film_id` smallint unsigned NOT NULL,
          `last_update` timestamp NOT NULL DEFAULT current_timestamp(),
          CONSTRAINT `pk` PRIMARY KEY (`actor_id`,`film_id`) USING BTREE,
          KEY `idx_fk_film_id` (`film_id`)
        );
        INSERT INTO `film_actor` VALUES (1,1,'2026-01-01 00:00:00'),(1,23,'2026-01-01 00:00:00');
        CREATE TABLE `branches` (`name` varchar(40), `code` char(3) NOT NULL PRIMARY KEY);
        INSERT INTO `branches` VALUES ('Porto','OPO'),('Porto','OPA');
        CREATE TABLE `pages` (`url` varchar(500), `n` int, PRIMARY KEY (`url`(100), `n`));
        INSERT INTO `pages` VALUES ('https://x/a,b',1);
        """;
    CollectingSink sink = CollectingSink.read(new MysqlDumpReader(), write(dump));

    assertThat(sink.quarantined).isEmpty();
    assertThat(sink.refs())
        .containsExactly(
            "backup:film_actor#1,1",
            "backup:film_actor#1,23",
            "backup:branches#OPO",
            "backup:branches#OPA",
            "backup:pages#https://x/a%2Cb,1");
  }

  @Test
  void aRowOfATableWithoutAKeyThatRepeatsAnEarlierRowsRefIsQuarantinedWithItsTable()
      throws Exception {
    String dump =
        """
        CREATE TABLE `visits` (`customer_id` int, `day` date);
        INSERT INTO `visits` VALUES (7,'2026-01-01'),(7,'2026-01-02'),(8,'2026-01-02');
        """;
    CollectingSink sink = CollectingSink.read(new MysqlDumpReader(), write(dump));

    assertThat(sink.refs()).containsExactly("backup:visits#7", "backup:visits#8");
    assertThat(sink.quarantined)
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.location()).endsWith("dump.sql:2");
              assertThat(q.reason())
                  .startsWith("Cannot tell row of table visits apart")
                  .contains("backup:visits#7")
                  .contains("keyed by customer_id");
              assertThat(q.excerpt()).contains("\"day\":\"2026-01-02\"");
            });
  }
}
