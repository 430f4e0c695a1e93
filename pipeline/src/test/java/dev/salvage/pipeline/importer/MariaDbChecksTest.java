package dev.salvage.pipeline.importer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link MariaDbChecks} reading the CHECK constraints out of SHOW CREATE TABLE's text. */
class MariaDbChecksTest {
  @Test
  void readsAColumnsOwnCheckAndATableCheckButNotAWordInAComment() {
    String created =
        """
        CREATE TABLE `lessons` (
          `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
          `note` varchar(40) DEFAULT NULL COMMENT 'no CHECK (here) ''really''',
          `meta` longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT NULL CHECK (json_valid(`meta`)),
          `minutes` int(11) NOT NULL,
          PRIMARY KEY (`id`),
          CONSTRAINT `lesson_length` CHECK (`minutes` in (60,90,120) and `note` <> ')')
        ) ENGINE=InnoDB""";

    assertThat(MariaDbChecks.parse(created))
        .containsExactly(
            new MariaDbChecks.Check("meta", "json_valid(`meta`)", "meta"),
            new MariaDbChecks.Check(
                "lesson_length", "`minutes` in (60,90,120) and `note` <> ')'", null));
  }

  @Test
  void leavesOutMySqlsNotEnforcedChecks() {
    String created =
        """
        CREATE TABLE `t` (
          `a` int DEFAULT NULL,
          CONSTRAINT `t_chk_1` CHECK ((`a` > 0)),
          CONSTRAINT `t_chk_2` CHECK ((`a` < 9)) /*!80016 NOT ENFORCED */
        ) ENGINE=InnoDB""";

    assertThat(MariaDbChecks.parse(created))
        .containsExactly(new MariaDbChecks.Check("t_chk_1", "(`a` > 0)", null));
  }

  @Test
  void takesJsonValidOfTheColumnAsJsonAndNothingElse() {
    assertThat(new MariaDbChecks.Check("meta", "json_valid(`meta`)", "meta").validatesJson("meta"))
        .isTrue();
    assertThat(new MariaDbChecks.Check("x", "json_valid(`meta`)", null).validatesJson("other"))
        .isFalse();
    assertThat(
            new MariaDbChecks.Check("m", "json_valid(`meta`) or `meta` = ''", "meta")
                .validatesJson("meta"))
        .isFalse();
  }
}
