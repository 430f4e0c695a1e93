package dev.salvage.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionSetTest {
  private static final Option<String> HOST =
      Option.string("host").required().withDescription("server name");
  private static final Option<Integer> BATCH_SIZE =
      Option.integer("batch_size", 1, 5000).withDefault("200").withDescription("per fetch");
  private static final Option<String> PASSWORD_ENV =
      Option.secretEnv("password_env").withDescription("variable with the password");
  private static final Option<String> PASSWORD_FILE =
      Option.secretFile("password_file").withDescription("file with the password");
  private static final Option<String> SNAPSHOT_DIR =
      Option.directory("snapshot_dir").withDescription("where mail is kept");
  private static final Option<String> STATE_FILE =
      Option.file("state_file").withDescription("resume state");
  private static final Option<List<String>> APPROVE =
      Option.list("approve").allowingEmpty().withDefault("NEW").withDescription("approved kinds");

  private static final OptionSet MAIL =
      OptionSet.of("imap", HOST, BATCH_SIZE, PASSWORD_ENV, PASSWORD_FILE, SNAPSHOT_DIR, STATE_FILE)
          .exactlyOneOf(PASSWORD_ENV, PASSWORD_FILE)
          .requires(STATE_FILE, SNAPSHOT_DIR, "the state is about the snapshot");

  @Test
  void givesTheValuesTheDefaultsAndNullForTheRest() throws Exception {
    OptionValues values = MAIL.read(Map.of("host", " imap.example ", "password_env", "PW"));

    assertThat(values.get(HOST)).isEqualTo("imap.example");
    assertThat(values.get(BATCH_SIZE)).isEqualTo(200);
    assertThat(values.isSet(BATCH_SIZE)).isFalse();
    assertThat(values.get(PASSWORD_FILE)).isNull();
    assertThat(values.isSet(PASSWORD_ENV)).isTrue();
  }

  @Test
  void aBlankValueIsNotSetUnlessTheOptionAllowsItEmpty() throws Exception {
    OptionValues values = MAIL.read(Map.of("host", "h", "password_env", "PW", "batch_size", " "));
    assertThat(values.get(BATCH_SIZE)).isEqualTo(200);
    assertThatThrownBy(() -> MAIL.read(Map.of("host", "", "password_env", "PW")))
        .hasMessage("option host is required");

    OptionSet policy = OptionSet.of("policy", APPROVE);
    assertThat(policy.read(Map.of()).get(APPROVE)).containsExactly("NEW");
    assertThat(policy.read(Map.of("approve", "")).get(APPROVE)).isEmpty();
  }

  @Test
  void aByteSizeIsBytesOrKilobytesMegabytesOrGigabytesOf1024() throws Exception {
    Option<Long> size = Option.byteSize("split_size", 1).withDescription("range size");
    OptionSet set = OptionSet.of("mbox", size);

    assertThat(set.read(Map.of("split_size", "200")).get(size)).isEqualTo(200L);
    assertThat(set.read(Map.of("split_size", "512kb")).get(size)).isEqualTo(512L * 1024);
    assertThat(set.read(Map.of("split_size", "64 MB")).get(size)).isEqualTo(64L << 20);
    assertThat(set.read(Map.of("split_size", "2GB")).get(size)).isEqualTo(2L << 30);
    for (String bad : List.of("0", "lots", "64M", "-1", "1.5GB", "99999999999999999GB")) {
      assertThatThrownBy(() -> set.read(Map.of("split_size", bad)))
          .isInstanceOf(InvalidOptionException.class)
          .hasMessage(
              "option split_size must be a number of bytes of at least 1, bare or in KB, MB or GB"
                  + " (64MB), got \""
                  + bad
                  + "\"");
    }
  }

  @Test
  void refusesUnknownOptionsListingTheKnownOnes() {
    assertThatThrownBy(() -> MAIL.read(Map.of("passwd", "x", "host", "h", "hots", "y")))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessage(
            "unknown option(s) hots, passwd; known options: host, batch_size, password_env,"
                + " password_file, snapshot_dir, state_file");
    assertThatThrownBy(() -> OptionSet.none("mbox").read(Map.of("folders", "INBOX")))
        .hasMessage("unknown option(s) folders; mbox takes no options");
  }

  @Test
  void enforcesTheRulesBetweenOptions() {
    assertThatThrownBy(() -> MAIL.read(Map.of("host", "h")))
        .hasMessage("needs exactly one of the options password_env, password_file; got none");
    assertThatThrownBy(
            () -> MAIL.read(Map.of("host", "h", "password_env", "PW", "password_file", "/pw")))
        .hasMessage(
            "needs exactly one of the options password_env, password_file; got password_env,"
                + " password_file");
    assertThatThrownBy(
            () -> MAIL.read(Map.of("host", "h", "password_env", "PW", "state_file", "/s.json")))
        .hasMessage("option state_file needs snapshot_dir: the state is about the snapshot")
        .extracting(e -> ((InvalidOptionException) e).option())
        .isEqualTo("state_file");
    OptionSet oneOrNone =
        OptionSet.of("jdbc", PASSWORD_ENV, PASSWORD_FILE).atMostOneOf(PASSWORD_ENV, PASSWORD_FILE);
    assertThatThrownBy(() -> oneOrNone.read(Map.of("password_env", "A", "password_file", "/b")))
        .hasMessage("the options password_env, password_file exclude each other; set one of them");
  }

  @Test
  void aSourceIsConfiguredOrRefusedNamingItsTypeAndName() throws Exception {
    int batchSize =
        MAIL.configure(
            "office",
            Map.of("host", "h", "password_env", "PW", "batch_size", "50"),
            values -> values.get(BATCH_SIZE));
    assertThat(batchSize).isEqualTo(50);
    assertThatThrownBy(
            () ->
                MAIL.configure(
                    "office",
                    Map.of("host", "h", "password_env", "PW", "batch_size", "abc"),
                    values -> values.get(BATCH_SIZE)))
        .isInstanceOf(InvalidSourceException.class)
        .hasMessage(
            "Cannot configure imap source \"office\": option batch_size must be an integer from 1"
                + " to 5000, got \"abc\"")
        .hasCauseInstanceOf(InvalidOptionException.class);
    assertThatThrownBy(
            () ->
                MAIL.configure(
                    "office",
                    Map.of("host", "h", "password_env", "PW"),
                    values -> {
                      throw values.invalid(HOST, "must not be h");
                    }))
        .hasMessage("Cannot configure imap source \"office\": option host must not be h");
  }

  @Test
  void aSetIsDeclaredWithDescribedOptionsOnceAndRulesOnItsOwnOptions() {
    assertThatThrownBy(() -> OptionSet.of("x", Option.string("host")))
        .hasMessage("Option host of x has no description");
    assertThatThrownBy(
            () -> OptionSet.of("x", HOST, Option.string("host").withDescription("again")))
        .hasMessage("Option host is declared twice in x");
    assertThatThrownBy(() -> OptionSet.of("x", HOST).exactlyOneOf(HOST, PASSWORD_ENV))
        .hasMessage("Option password_env is not declared in x");
    assertThatThrownBy(() -> MAIL.read(Map.of("host", "h", "password_env", "P")).get(APPROVE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theDocsTableListsEveryOptionWithItsTypeDefaultAndMeaningThenTheRules() {
    OptionSet set =
        OptionSet.of(
                "imap",
                HOST,
                BATCH_SIZE,
                Option.string("pipe").withDescription("a | b"),
                SNAPSHOT_DIR,
                STATE_FILE)
            .requires(STATE_FILE, SNAPSHOT_DIR, "the state is about the snapshot");

    assertThat(OptionDocs.block(set))
        .isEqualTo(
            """
            <!-- generated from the option declarations by scripts/docs-options: edit those -->
            | option | type | default | meaning |
            | --- | --- | --- | --- |
            | `host` | text | required | server name |
            | `batch_size` | integer 1–5000 | `200` | per fetch |
            | `pipe` | text |  | a \\| b |
            | `snapshot_dir` | directory |  | where mail is kept |
            | `state_file` | file |  | resume state |

            - `state_file` needs `snapshot_dir`: the state is about the snapshot.
            """);
  }

  @Test
  void regeneratesOnlyTheTablesOfTheSetsItIsGiven() {
    String doc =
        "intro\n<!-- options:imap -->\nold table\n<!-- /options:imap -->\nmiddle\n"
            + "<!-- options:target-policy -->\nkept\n<!-- /options:target-policy -->\nend\n";

    String regenerated = OptionDocs.regenerate(doc, Map.of("imap", OptionSet.of("imap", HOST)));

    assertThat(regenerated)
        .startsWith("intro\n<!-- options:imap -->\n<!-- generated")
        .contains("| `host` | text | required | server name |\n<!-- /options:imap -->\nmiddle\n")
        .endsWith("<!-- options:target-policy -->\nkept\n<!-- /options:target-policy -->\nend\n")
        .doesNotContain("old table");
    assertThat(OptionDocs.markers(doc)).containsExactly("imap", "target-policy");
    assertThat(OptionDocs.regenerate(regenerated, Map.of("imap", OptionSet.of("imap", HOST))))
        .isEqualTo(regenerated);
  }
}
