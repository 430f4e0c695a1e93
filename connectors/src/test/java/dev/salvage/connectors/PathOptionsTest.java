package dev.salvage.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PathOptionsTest {
  private static final Path BASE = Path.of("/srv/salvage/config");

  @Test
  void resolvesRelativeFileAndDirectoryOptionsAgainstTheBase() {
    Map<String, String> resolved =
        PathOptions.resolve(
            Map.of(
                "api_key_file", "secrets/stripe.key",
                "snapshot_dir", "../snapshots/stripe",
                "password_file", "/run/secrets/db"),
            BASE);

    assertThat(resolved)
        .containsEntry("api_key_file", "/srv/salvage/config/secrets/stripe.key")
        .containsEntry("snapshot_dir", "/srv/salvage/snapshots/stripe")
        .containsEntry("password_file", "/run/secrets/db");
  }

  @Test
  void leavesOtherOptionsAndBlankPathsAlone() {
    Map<String, String> options =
        Map.of("host", "imap.example.com", "folders", "INBOX,Sent", "state_file", " ");

    assertThat(PathOptions.resolve(options, BASE)).isEqualTo(options);
  }
}
