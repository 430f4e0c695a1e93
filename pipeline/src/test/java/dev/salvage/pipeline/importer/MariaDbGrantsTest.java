package dev.salvage.pipeline.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** SHOW GRANTS lines as MariaDB 10.11 writes them, read as grants on tables. */
class MariaDbGrantsTest {
  @Test
  void readsTheLinesOfShowGrantsAboutTablesAndSkipsTheOthers() {
    assertThat(MariaDbGrants.parse("GRANT `ptrole` TO `pt`@`%`")).isNull();
    assertThat(MariaDbGrants.parse("GRANT EXECUTE ON PROCEDURE `shop`.`p` TO `pt`@`%`")).isNull();
    assertThat(MariaDbGrants.parse("GRANT PROXY ON ''@'%' TO 'root'@'localhost'")).isNull();
    assertThat(MariaDbGrants.parse("SET DEFAULT ROLE `ptrole` FOR `pt`@`%`")).isNull();
    assertThat(
            MariaDbGrants.parse(
                "GRANT USAGE ON *.* TO `pt`@`%` IDENTIFIED BY PASSWORD '*03E1567881306E9C'"))
        .isEqualTo(new MariaDbGrants.Grant(null, null, Set.of("USAGE"), Map.of()));
    assertThat(
            MariaDbGrants.parse(
                "GRANT ALL PRIVILEGES ON *.* TO `salvage_test`@`127.0.0.1` WITH GRANT OPTION"))
        .isEqualTo(new MariaDbGrants.Grant(null, null, Set.of("ALL"), Map.of()));
    assertThat(
            MariaDbGrants.parse(
                "GRANT SELECT, INSERT, UPDATE (`a`, `b``c`) ON `shop`.`Trips` TO `pt`@`%`"))
        .isEqualTo(
            new MariaDbGrants.Grant(
                "shop", "Trips", Set.of("SELECT", "INSERT"), Map.of("UPDATE", Set.of("a", "b`c"))));
    assertThat(MariaDbGrants.parse("GRANT SELECT ON `shop\\_%`.* TO PUBLIC"))
        .isEqualTo(new MariaDbGrants.Grant("shop\\_%", null, Set.of("SELECT"), Map.of()));
  }

  @Test
  void aPrivilegeIsGrantedOnTheTableItsDatabaseEverythingOrEveryColumnUsed() {
    MariaDbGrants grants =
        new MariaDbGrants(
            "shop",
            List.of(
                MariaDbGrants.parse("GRANT SELECT ON `shop\\_%`.* TO `pt`@`%`"),
                MariaDbGrants.parse("GRANT INSERT ON `shop`.`trips` TO `pt`@`%`"),
                MariaDbGrants.parse("GRANT UPDATE (`ref`, `id`) ON `shop`.`trips` TO `pt`@`%`")));

    assertThat(grants.missing("shop_eu", "trips", List.of("SELECT"), List.of("id"))).isEmpty();
    assertThat(grants.missing("shopxeu", "trips", List.of("SELECT"), List.of("id")))
        .as("an escaped _ is no wildcard")
        .containsExactly("SELECT");
    assertThat(grants.missing("shop", "trips", List.of("INSERT", "UPDATE"), List.of("id", "ref")))
        .isEmpty();
    assertThat(grants.missing("shop", "trips", List.of("UPDATE"), List.of("id", "ref", "note")))
        .containsExactly("UPDATE");
    assertThat(grants.missing("shop", "Trips", List.of("INSERT"), List.of("id")))
        .as("table names are matched as spelled")
        .containsExactly("INSERT");
  }
}
