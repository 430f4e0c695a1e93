package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source whose folder holds nothing to read is a configuration error found only when the run
 * lists it. Until 2026-12-07 it named the source and the folder, not the run config's file and line
 * setting the path, which every other configuration error names.
 */
class EmptySourceFolderTest {
  @TempDir Path dir;

  @Test
  void aSourceFolderWithNothingToReadNamesTheRunConfigLineSettingItsPath() throws Exception {
    Files.createDirectories(dir.resolve("mappings"));
    Files.createDirectories(dir.resolve("empty"));
    Files.writeString(
        dir.resolve("entities.yaml"),
        """
        entities:
          charter:
            keys: [reference]
            fields: {reference: text}
        """);
    Files.writeString(
        dir.resolve("mappings/mail.yaml"),
        """
        rules:
          - name: charter_confirmed
            kind: mail
            observed_at: {path: date}
            emit:
              - entity: charter
                fields:
                  reference: {path: subject, regex: "(VA-[0-9]+)", required: true}
        """);
    Path config =
        Files.writeString(
            dir.resolve("salvage.yaml"),
            """
            business: {name: Boats, timezone: Europe/Madrid, phone_region: ES}
            entities: entities.yaml
            sources:
              - name: mail
                type: eml
                path: empty
                mapping: mappings/mail.yaml
            """);

    CliRun run =
        CliRun.of("run", "--config", config.toString(), "--out", dir.resolve("out").toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(SalvageCli.EXIT_USAGE);
    assertThat(run.err())
        .contains(
            "Source mail: nothing to read under "
                + dir.resolve("empty").toAbsolutePath().normalize()
                + "; its path is set at "
                + config.toAbsolutePath().normalize()
                + ": sources[0]: path (line 6)");
  }
}
