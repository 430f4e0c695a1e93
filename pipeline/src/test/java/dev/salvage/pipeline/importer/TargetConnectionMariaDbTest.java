package dev.salvage.pipeline.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.cli.CliRun;
import dev.salvage.pipeline.cli.SalvageCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connecting to a MariaDB target as an operator first writes its URL: the server of {@code
 * scripts/ensure-mariadb} offers no TLS, as most local and container servers do not, while the
 * driver asks for it unless the URL says {@code sslMode}.
 */
class TargetConnectionMariaDbTest {
  @TempDir Path temp;
  private MariaDbImport target;

  @BeforeEach
  void createDatabase() throws Exception {
    target =
        MariaDbImport.create(
            temp,
            ImportKeyFromFieldTest.MAPPING.replace("table: public.rentals", "table: rentals"),
            "CREATE TABLE rentals (id int NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                + " reference varchar(20) NOT NULL UNIQUE, customer_email varchar(100) NOT NULL)"
                + " ENGINE=InnoDB");
    Fixtures.writeRun(
        target.run, java.util.List.of(ImportKeyFromFieldTest.rental("new-1", "R-1", "1")));
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (target != null) {
      target.close();
    }
  }

  @Test
  void aUrlAskingForTlsTheServerDoesNotOfferIsConfigurationNamingTheParameterToAdd()
      throws Exception {
    String withoutSslMode = target.db.url.replaceAll("[?&]sslMode=[^&]*", "");
    Path password = Files.writeString(temp.resolve("pw"), target.db.password + "\n");

    CliRun refused =
        CliRun.of(
            "import",
            "plan",
            "--run",
            target.run.toString(),
            "--target",
            withoutSslMode,
            "--user",
            target.db.user,
            "--password-file",
            password.toString(),
            "--mapping",
            target.mapping.toString());

    assertThat(refused.exitCode()).as(refused.err()).isEqualTo(SalvageCli.EXIT_USAGE);
    assertThat(refused.err())
        .startsWith("Invalid configuration: The target ")
        .contains("does not offer TLS")
        .contains("add sslMode=disable to the URL: " + withoutSslMode + "?sslMode=disable")
        .contains("Nothing was read or written")
        .doesNotContain("SQLNonTransientConnectionException")
        .doesNotContain(target.db.password);
  }
}
