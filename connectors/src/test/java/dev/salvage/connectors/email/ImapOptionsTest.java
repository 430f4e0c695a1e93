package dev.salvage.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salvage.connectors.InvalidSourceException;
import dev.salvage.connectors.SourceReaders;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImapOptionsTest {
  private static Map<String, String> valid() {
    Map<String, String> options = new HashMap<>();
    options.put("host", "imap.example");
    options.put("user", "office@rentwise.example");
    options.put("password_env", "IMAP_PASSWORD");
    return options;
  }

  private static Map<String, String> with(String key, String value) {
    Map<String, String> options = valid();
    if (value == null) {
      options.remove(key);
    } else {
      options.put(key, value);
    }
    return options;
  }

  @Test
  void appliesTheDefaults() throws Exception {
    ImapOptions options = ImapOptions.parse("mail", valid());
    assertThat(options.port()).isEqualTo(993);
    assertThat(options.security()).isEqualTo(ImapOptions.Security.SSL);
    assertThat(options.folders()).containsExactly("INBOX");
    assertThat(options.batchSize()).isEqualTo(200);
    assertThat(options.stateFile()).isNull();
    assertThat(ImapOptions.parse("mail", with("security", "starttls")).port()).isEqualTo(143);
  }

  @Test
  void keepsTheStateInTheSnapshotByDefault() throws Exception {
    ImapOptions options = ImapOptions.parse("mail", with("snapshot_dir", "/data/snap"));
    assertThat(options.stateFile()).isEqualTo(Path.of("/data/snap/.imap-state.json").toString());
  }

  @Test
  void rejectsBadOptionsNamingTheSourceAndTheOption() {
    List<Map<String, String>> bad =
        List.of(
            with("host", null),
            with("security", "tls1.3"),
            with("port", "imap"),
            with("batch_size", "0"),
            with("since", "01/03/2026"),
            with("folders", " , "),
            with("state_file", "/tmp/state.json"),
            with("passwd", "x"),
            with("password_env", null),
            with("password_file", "/run/secrets/imap"));
    List<String> named =
        List.of(
            "host",
            "security",
            "port",
            "batch_size",
            "since",
            "folders",
            "state_file",
            "passwd",
            "password_env",
            "password_env");
    for (int i = 0; i < bad.size(); i++) {
      Map<String, String> options = bad.get(i);
      assertThatThrownBy(() -> ImapOptions.parse("mail", options))
          .isInstanceOf(InvalidSourceException.class)
          .hasMessageStartingWith("Source mail of type imap: option " + named.get(i));
    }
  }

  @Test
  void rejectsADateRangeThatIsEmpty() {
    Map<String, String> options = with("since", "2026-03-01");
    options.put("before", "2026-03-01");
    assertThatThrownBy(() -> ImapOptions.parse("mail", options))
        .hasMessageContaining("option before must be after since");
  }

  @Test
  void isRegisteredAsANetworkSourceWithoutPath() {
    assertThat(SourceReaders.types()).contains("imap");
    assertThatThrownBy(() -> SourceReaders.open("mail", "imap", Path.of("mail"), valid()))
        .isInstanceOf(InvalidSourceException.class)
        .hasMessageContaining("takes no path");
  }

  @Test
  void selectsFoldersByGlobWithInboxInAnyCase() {
    List<String> folders =
        List.of("INBOX", "Sent", "Sent Items", "[Gmail]/All Mail", "[Gmail]/Spam", "Archive");
    assertThat(FolderGlobs.select(List.of("inbox", "Sent*", "[Gmail]/All Mail"), folders))
        .containsExactly("INBOX", "Sent", "Sent Items", "[Gmail]/All Mail");
    assertThat(FolderGlobs.select(List.of("[Gmail]/*"), folders))
        .containsExactly("[Gmail]/All Mail", "[Gmail]/Spam");
    assertThat(FolderGlobs.matches("Sent?Items", "Sent Items")).isTrue();
    assertThat(FolderGlobs.matches("sent", "Sent")).isFalse();
  }

  @Test
  void writesCompactUidSets() {
    assertThat(UidSets.of(List.of(1L, 2L, 3L, 5L, 7L, 8L))).isEqualTo("1:3,5,7:8");
    assertThat(UidSets.of(List.of(42L))).isEqualTo("42");
  }
}
