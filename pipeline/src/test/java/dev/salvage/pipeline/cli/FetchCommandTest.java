package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.connectors.stripe.FakeStripeServer;
import dev.salvage.connectors.stripe.StripeFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code salvage fetch} of a Stripe API source configured the way a user writes it. */
class FetchCommandTest {
  private static final String KEY = "rk_test_51HfetchCommandKeyForTests0123456789";
  private static final Path RENTWISE =
      Path.of("..", "mappings", "src", "test", "resources", "rentwise");
  private static final Instant TAKEN_AT = Instant.parse("2026-03-02T03:00:00Z");

  @TempDir Path dir;

  @Test
  void readsTheKeyFileBesideTheConfigAndStartsTheWindowAtTheBackupTimeMinusTheMargin()
      throws Exception {
    Path config = dir.resolve("config");
    Files.createDirectories(config.resolve("secrets"));
    Files.createDirectories(config.resolve("mappings"));
    Files.writeString(config.resolve("secrets/stripe.key"), KEY);
    Files.writeString(
        config.resolve("entities.yaml"),
        Files.readString(RENTWISE.resolve("entities.yaml"))
            .replace("order: [backup, mail, stripe]", "order: [backup, stripe]"));
    Files.copy(RENTWISE.resolve("stripe.yaml"), config.resolve("mappings/stripe.yaml"));
    Files.copy(RENTWISE.resolve("backup.yaml"), config.resolve("mappings/backup.yaml"));
    Files.writeString(config.resolve("backup.sql"), "");
    try (FakeStripeServer server = new FakeStripeServer(KEY)) {
      StripeFixtures.account(20, TAKEN_AT.getEpochSecond(), 3_600).forEach(server::serve);
      Files.writeString(
          config.resolve("salvage.yaml"),
          """
          business: {name: Rentwise Cars, timezone: Europe/Lisbon, phone_region: PT}
          entities: entities.yaml
          sources:
            - name: stripe
              type: stripe-api
              mapping: mappings/stripe.yaml
              options:
                api_base: %s
                api_key_file: secrets/stripe.key
                objects: charges
                slices: 1
          backup:
            type: pgdump
            path: backup.sql
            mapping: mappings/backup.yaml
            taken_at: %s
          """
              .formatted(server.baseUrl(), TAKEN_AT));
      StringWriter out = new StringWriter();
      CommandLine cli = new CommandLine(new SalvageCli());
      cli.setOut(new PrintWriter(out, true));

      int exit =
          cli.execute(
              "fetch",
              "--config",
              config.resolve("salvage.yaml").toString(),
              "--snapshot",
              dir.resolve("snapshot").toString());

      assertThat(exit).as(out.toString()).isZero();
      assertThat(out.toString()).containsPattern("stripe: [1-9][0-9]* record");
      // the permission probes before the list requests carry no window
      assertThat(server.requests())
          .extracting(r -> r.query().get("created[gte]"))
          .filteredOn(start -> start != null)
          .isNotEmpty()
          .containsOnly(Long.toString(TAKEN_AT.minus(Duration.ofDays(30)).getEpochSecond()));
    }
  }
}
