package dev.salvage.mappings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code backup:} example of the docs loads as the backup of a run config: an example the
 * config refuses (a list item where the config takes a map, a missing mapping) is copied by
 * operators and fails their first run.
 */
class DocsBackupExamplesTest {
  private static final Path DOCS = Path.of("..", "docs");
  private static final Pattern YAML_BLOCK = Pattern.compile("(?ms)^```yaml\\n(.*?)^```");
  private static final Pattern BACKUP_PATH = Pattern.compile("(?m)^  path: (\\S+)");

  @TempDir Path dir;

  /** One example: where it is and its text. */
  private record Example(String where, String yaml) {}

  private static List<Example> backupExamples() throws IOException {
    List<Example> examples = new ArrayList<>();
    try (Stream<Path> files = Files.list(DOCS)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
        String text = Files.readString(file);
        Matcher block = YAML_BLOCK.matcher(text);
        while (block.find()) {
          String yaml = block.group(1);
          // a backup written as a source list item is an example of the backup too
          if (yaml.startsWith("backup:") || yaml.startsWith("- name: backup")) {
            long line = text.substring(0, block.start()).lines().count() + 1;
            examples.add(new Example(file.getFileName() + ":" + line, yaml));
          }
        }
      }
    }
    return examples;
  }

  @Test
  void everyBackupExampleOfTheDocsLoadsAsARunConfigsBackup() throws Exception {
    Files.createDirectories(dir.resolve("mappings"));
    Files.createDirectories(dir.resolve("mail"));
    Files.writeString(dir.resolve("entities.yaml"), TestSupport.resource("rentwise/entities.yaml"));
    Files.createDirectories(dir.resolve("stripe"));
    for (String name : new String[] {"mail.yaml", "stripe.yaml", "backup.yaml"}) {
      Files.writeString(
          dir.resolve("mappings").resolve(name), TestSupport.resource("rentwise/" + name));
    }
    Files.writeString(dir.resolve("mail/mailbox.mbox"), "");
    List<Example> examples = backupExamples();
    assertThat(examples).hasSizeGreaterThan(4);

    List<String> refused = new ArrayList<>();
    for (Example example : examples) {
      Matcher path = BACKUP_PATH.matcher(example.yaml());
      if (path.find()) {
        Path file = dir.resolve(path.group(1));
        Files.createDirectories(file.getParent());
        if (file.getFileName().toString().contains(".")) {
          Files.writeString(file, "");
        } else {
          Files.createDirectories(file);
        }
      }
      Path config =
          Files.writeString(
              dir.resolve("salvage.yaml"),
              """
              business: {name: Rentwise Cars, timezone: Europe/Lisbon, phone_region: PT}
              entities: entities.yaml
              sources:
                - {name: mail, type: mbox, path: mail/mailbox.mbox, mapping: mappings/mail.yaml}
                - {name: stripe, type: stripe-json, path: stripe, mapping: mappings/stripe.yaml}
              """
                  + example.yaml());
      try {
        assertThat(RunConfig.load(config).backup()).isNotNull();
      } catch (MappingException | RuntimeException | AssertionError e) {
        // the operator's environment holds the secret an example names; this test's does not
        if (!String.valueOf(e.getMessage())
            .matches(".*password_env: the environment variable \\S+ is not set.*")) {
          refused.add(example.where() + ": " + e.getMessage());
        }
      }
    }

    assertThat(refused).as("docs examples the run config refuses").isEmpty();
  }
}
