package dev.salvage.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionTest {
  @TempDir Path dir;

  enum Colour {
    RED,
    DARK_BLUE
  }

  @Test
  void anIntegerOutsideItsRangeOrNotANumberSaysTheRangeAndWhatWasGiven() throws Exception {
    Option<Integer> batch = Option.integer("batch_size", 1, 5000);

    assertThat(batch.parse(" 250 ")).isEqualTo(250);
    assertThatThrownBy(() -> batch.parse("abc"))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessage("option batch_size must be an integer from 1 to 5000, got \"abc\"")
        .extracting(e -> ((InvalidOptionException) e).option())
        .isEqualTo("batch_size");
    assertThatThrownBy(() -> batch.parse("5001"))
        .hasMessage("option batch_size must be an integer from 1 to 5000, got \"5001\"");
    assertThatThrownBy(() -> Option.integer("rows", 0, Integer.MAX_VALUE).parse("-1"))
        .hasMessage("option rows must be an integer of at least 0, got \"-1\"");
  }

  @Test
  void durationsAreIsoOrANumberWithAUnitOrMilliseconds() throws Exception {
    Option<Duration> wait = Option.duration("backoff");

    assertThat(wait.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(wait.parse("2s")).isEqualTo(Duration.ofSeconds(2));
    assertThat(wait.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(wait.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(wait.parse("30d")).isEqualTo(Duration.ofDays(30));
    assertThat(wait.parse("PT0.5S")).isEqualTo(Duration.ofMillis(500));
    assertThat(wait.parse("pt2s")).isEqualTo(Duration.ofSeconds(2));
    assertThat(wait.parse("P30D")).isEqualTo(Duration.ofDays(30));
    assertThat(wait.parse("1500")).isEqualTo(Duration.ofMillis(1500));
    for (String bad : List.of("fast", "-1s", "PT-1S", "2 weeks", "s", "1.5s")) {
      assertThatThrownBy(() -> wait.parse(bad))
          .as(bad)
          .hasMessageStartingWith("option backoff must be a duration such as 250ms")
          .hasMessageEndingWith("got \"" + bad + "\"");
    }
  }

  @Test
  void anInstantIsAnOffsetDateTimeADateAtMidnightUtcOrEpochSeconds() throws Exception {
    Option<Instant> from = Option.instant("created_from");
    Instant march = Instant.parse("2026-03-01T00:00:00Z");

    assertThat(from.parse("2026-03-01T00:00:00Z")).isEqualTo(march);
    assertThat(from.parse("2026-03-01T01:00:00+01:00")).isEqualTo(march);
    assertThat(from.parse("2026-03-01")).isEqualTo(march);
    assertThat(from.parse(Long.toString(march.getEpochSecond()))).isEqualTo(march);
    assertThatThrownBy(() -> from.parse("yesterday"))
        .hasMessageStartingWith("option created_from must be an instant with an offset");
    assertThatThrownBy(() -> Option.date("since").parse("01/03/2026"))
        .hasMessage("option since must be a date like 2026-03-01, got \"01/03/2026\"");
    assertThat(Option.date("since").parse("2026-03-01")).isEqualTo(LocalDate.of(2026, 3, 1));
  }

  @Test
  void aChoiceIsAnEnumConstantInLowerCaseWrittenInAnyCase() throws Exception {
    Option<Colour> colour = Option.choice("colour", Colour.class);

    assertThat(colour.parse("Dark_Blue")).isEqualTo(Colour.DARK_BLUE);
    assertThat(colour.type()).isEqualTo("one of `red`, `dark_blue`");
    assertThatThrownBy(() -> colour.parse("green"))
        .hasMessage("option colour must be red or dark_blue, got \"green\"");
  }

  @Test
  void aListKeepsTheOrderDropsRepeatsAndNamesTheBadItem() throws Exception {
    assertThat(Option.list("folders").parse(" INBOX, Sent ,,INBOX"))
        .containsExactly("INBOX", "Sent");
    Option<List<Integer>> ports = Option.listOf("ports", "list of ports", Integer::valueOf);
    assertThat(ports.parse("3,1,3")).containsExactly(3, 1);
    assertThatThrownBy(() -> ports.parse("3,x"))
        .hasMessage("option ports For input string: \"x\", got \"3,x\"");
    assertThatThrownBy(() -> Option.list("folders").parse(","))
        .hasMessage("option folders must name at least one item, got \",\"");
    assertThat(Option.list("approve").allowingEmpty().parse("")).isEmpty();
    assertThatThrownBy(() -> Option.string("name").allowingEmpty())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void flagsUrlsAndRegexesSayWhatTheyExpect() throws Exception {
    assertThat(Option.flag("allow").parse("YES")).isTrue();
    assertThat(Option.flag("allow").parse("false")).isFalse();
    assertThatThrownBy(() -> Option.flag("allow").parse("maybe"))
        .hasMessage("option allow must be true or false, got \"maybe\"");
    assertThat(Option.url("api_base").parse("http://127.0.0.1:8080"))
        .isEqualTo("http://127.0.0.1:8080");
    assertThatThrownBy(() -> Option.url("api_base").parse("ftp://example.com"))
        .hasMessage("option api_base must be an http(s) URL, got \"ftp://example.com\"");
    assertThatThrownBy(() -> Option.url("api_base").parse("https://"))
        .hasMessageContaining("must be an http(s) URL");
    assertThatThrownBy(() -> Option.regex("pattern").parse("(unclosed"))
        .hasMessageStartingWith("option pattern must be a regular expression (");
    assertThatThrownBy(() -> Option.decimal("min_confidence", 0, 1).parse("1.5"))
        .hasMessage("option min_confidence must be a number from 0 to 1, got \"1.5\"");
  }

  @Test
  void pathsBecomeAbsoluteAndAReadableFileMustExist() throws Exception {
    Path key = Files.writeString(dir.resolve("key.json"), "{}");

    assertThat(Option.file("state_file").parse("a/../b.json"))
        .isEqualTo(Path.of("b.json").toAbsolutePath().toString());
    assertThat(Option.readableFile("credentials_file").parse(key.toString()))
        .isEqualTo(key.toString());
    assertThatThrownBy(
            () -> Option.readableFile("credentials_file").parse(dir.resolve("gone").toString()))
        .hasMessageStartingWith("option credentials_file must name a readable file, got");
    assertThatThrownBy(() -> Option.readableFile("credentials_file").parse(dir.toString()))
        .hasMessageStartingWith("option credentials_file must name a readable file");
    assertThat(Option.directory("snapshot_dir").isPath()).isTrue();
    assertThat(Option.secretFile("password_file").isPath()).isTrue();
    assertThat(Option.secretEnv("password_env").isPath()).isFalse();
  }

  @Test
  void theNameOfASecretsVariableIsCheckedWithoutRepeatingWhatWasGiven() throws Exception {
    Option<String> env = Option.secretEnv("api_key_env");

    assertThat(env.parse("STRIPE_API_KEY")).isEqualTo("STRIPE_API_KEY");
    assertThatThrownBy(() -> env.parse("rk_live_51Habc+def"))
        .hasMessageContaining("option api_key_env must name an environment variable")
        .hasMessageNotContaining("rk_live");
    assertThatThrownBy(() -> Option.url("proxy").hidingValue().parse("ftp://ops:s3cret@host"))
        .hasMessage("option proxy must be an http(s) URL");
  }

  @Test
  void theNameShowsWhetherAnOptionIsAPathOrASecretsVariable() {
    assertThatThrownBy(() -> Option.string("key_file"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("_file or _dir");
    assertThatThrownBy(() -> Option.integer("cache_dir", 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Option.file("key")).hasMessageContaining("must end in _file");
    assertThatThrownBy(() -> Option.directory("snapshot")).hasMessageContaining("must end in _dir");
    assertThatThrownBy(() -> Option.secretEnv("password")).hasMessageContaining("must end in _env");
    assertThatThrownBy(() -> Option.string("Batch-Size")).hasMessageContaining("lower case");
  }

  @Test
  void aDefaultIsCheckedWhenTheOptionIsDeclared() {
    assertThatThrownBy(() -> Option.integer("slices", 1, 64).withDefault("65"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Option slices: its default '65' must be an integer from 1 to 64");
    assertThatThrownBy(() -> Option.string("host").withDefault("localhost").required())
        .hasMessage("Option host is required and has a default");
  }

  @Test
  void theDocumentedDefaultIsRequiredTheDescribedOrTheWrittenOne() {
    assertThat(Option.string("host").required().documentedDefault()).isEqualTo("required");
    assertThat(
            Option.integer("port", 1, 9).withDefaultDescribed("993 with ssl").documentedDefault())
        .isEqualTo("993 with ssl");
    assertThat(Option.integer("slices", 1, 9).withDefault("4").documentedDefault())
        .isEqualTo("`4`");
    assertThat(Option.string("subject").documentedDefault()).isEmpty();
  }
}
