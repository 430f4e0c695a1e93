package dev.salvage.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterminismTest {
  @Test
  void sameParametersGiveByteIdenticalScenarios(@TempDir Path dir) throws Exception {
    ScenarioParams params = ScenarioParams.defaults().withSeed(21).withReservations(120);
    ScenarioGenerator.generate(params, dir.resolve("a"));
    ScenarioGenerator.generate(params, dir.resolve("b"));
    Map<String, String> a = digests(dir.resolve("a"));
    assertThat(a).containsKeys("backup/backup.sql", "mail/mailbox.mbox", "truth/customers.jsonl");
    assertThat(digests(dir.resolve("b"))).isEqualTo(a);
  }

  @Test
  void anotherSeedGivesAnotherScenario(@TempDir Path dir) throws Exception {
    ScenarioParams params = ScenarioParams.defaults().withSeed(21).withReservations(120);
    ScenarioGenerator.generate(params, dir.resolve("a"));
    ScenarioGenerator.generate(params.withSeed(22), dir.resolve("b"));
    Map<String, String> a = digests(dir.resolve("a"));
    Map<String, String> b = digests(dir.resolve("b"));
    for (String file :
        new String[] {
          "backup/backup.sql",
          "mail/mailbox.mbox",
          "stripe/charges-0001.json",
          "truth/reservations.jsonl"
        }) {
      assertThat(b.get(file)).as(file).isNotEqualTo(a.get(file));
    }
    // the configuration does not depend on the seed
    assertThat(b.get("entities.yaml")).isEqualTo(a.get("entities.yaml"));
  }

  private static Map<String, String> digests(Path root) throws IOException {
    Map<String, String> digests = new TreeMap<>();
    for (Path file : Scenarios.files(root, "*")) {
      digests.put(root.relativize(file).toString().replace('\\', '/'), sha256(file));
    }
    return digests;
  }

  private static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
