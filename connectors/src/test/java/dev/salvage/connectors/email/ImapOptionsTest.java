package dev.salvage.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salvage.connectors.InvalidSourceException;
import dev.salvage.connectors.SourceReaders;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
    Map<Map<String, String>, String> bad = new LinkedHashMap<>();
    bad.put(with("host", null), "option host is required");
    bad.put(
        with("security", "tls1.3"),
        "option security must be ssl, starttls or none, got \"tls1.3\"");
    bad.put(with("port", "imap"), "option port must be an integer from 1 to 65535, got \"imap\"");
    bad.put(
        with("batch_size", "0"), "option batch_size must be an integer from 1 to 5000, got \"0\"");
    bad.put(
        with("since", "01/03/2026"),
        "option since must be a date like 2026-03-01, got \"01/03/2026\"");
    bad.put(with("folders", " , "), "option folders must name at least one item, got \",\"");
    bad.put(
        with("state_file", "/tmp/state.json"),
        "option state_file needs snapshot_dir: a resumed read replays the snapshot for what it"
            + " does not fetch again");
    bad.put(
        with("passwd", "x"),
        "unknown option(s) passwd; known options: host, port, security, user, password_env,"
            + " password_file, oauth2_token_env, oauth2_token_file, folders, since, before,"
            + " batch_size, snapshot_dir, state_file, connect_timeout_seconds, read_timeout_seconds,"
            + " max_retries, backoff, max_text_chars, timezone, trusted_authserv_ids, require_authenticated_from");
    bad.put(
        with("password_env", null),
        "needs exactly one of the options password_env, password_file, oauth2_token_env,"
            + " oauth2_token_file; got none");
    bad.put(
        with("password_file", "/run/secrets/imap"),
        "needs exactly one of the options password_env, password_file, oauth2_token_env,"
            + " oauth2_token_file; got password_env, password_file");
    bad.forEach(
        (options, problem) ->
            assertThatThrownBy(() -> ImapOptions.parse("mail", options))
                .isInstanceOf(InvalidSourceException.class)
                .hasMessage("Cannot configure imap source \"mail\": " + problem));
  }

  @Test
  void refusesASecretWhereTheNameOfItsVariableGoesWithoutRepeatingIt() {
    assertThatThrownBy(() -> ImapOptions.parse("mail", with("password_env", "hunter2 secret!")))
        .isInstanceOf(InvalidSourceException.class)
        .hasMessageContaining("option password_env must name an environment variable")
        .hasMessageNotContaining("hunter2");
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
