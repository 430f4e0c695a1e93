package dev.salvage.pipeline.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlFileTest {
  @TempDir Path dir;

  private JsonlFile<QuarantineEntry> quarantine(String text) throws Exception {
    Path file = dir.resolve("quarantine.jsonl");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return new JsonlFile<>(file, QuarantineEntry.class);
  }

  private static String line(String location, String excerpt) {
    return Json.line(new QuarantineEntry("mail", location, "Cannot parse mail", excerpt));
  }

  @Test
  void anUnfinishedLastLineIsHandedToTheTornTailAndSetAsideWithoutTouchingTheLinesBeforeIt()
      throws Exception {
    String whole = line("a#1", "ok");
    String cut = line("a#2", "cut off");
    JsonlFile<QuarantineEntry> file = quarantine(whole + "\n" + cut.substring(0, cut.length() - 9));
    List<String> read = new ArrayList<>();
    List<JsonlFile.Line> torn = new ArrayList<>();

    file.scan((place, entry) -> read.add(entry.location()), (place, problem) -> torn.add(place));

    assertThat(read).containsExactly("a#1");
    assertThat(torn).extracting(JsonlFile.Line::number).containsExactly(2L);
    assertThat(file.unfinished()).isTrue();
    Path aside = file.setAside(torn.get(0));
    assertThat(Files.readString(file.path())).isEqualTo(whole + "\n");
    assertThat(Files.readString(aside)).isEqualTo(cut.substring(0, cut.length() - 9) + "\n");
    assertThat(file.unfinished()).isFalse();
    // without a torn-tail handler the read still fails, naming the line
    Files.writeString(file.path(), whole + "\n{\"source\":");
    assertThatThrownBy(() -> file.scan((place, entry) -> {}))
        .hasMessageContaining("quarantine.jsonl:2");
  }

  @Test
  void anAppendAfterALastLineWithoutItsLineBreakStartsANewLine() throws Exception {
    // a decisions file edited by hand, its editor writing no line break at the end
    JsonlFile<QuarantineEntry> file = quarantine(line("a#1", "by hand"));

    file.append(List.of(new QuarantineEntry("mail", "a#2", "Cannot parse mail", "appended")));

    assertThat(file.readAll()).extracting(QuarantineEntry::location).containsExactly("a#1", "a#2");
  }

  @Test
  void readsEveryLineAgainByThePlaceTheScanFoundIt() throws Exception {
    // multi-byte characters shift byte offsets from char offsets; a line longer than the read
    // buffer spans several reads; a blank line still counts; the last line has no line break
    String longExcerpt = "é".repeat(50_000);
    JsonlFile<QuarantineEntry> file =
        quarantine(
            line("a#1", "Fábio")
                + "\n\n"
                + line("a#2", longExcerpt)
                + "\r\n"
                + line("a#3", "ok")
                + "\n"
                + line("a#4", "no line break at the end"));
    List<JsonlFile.Line> places = new ArrayList<>();
    List<QuarantineEntry> scanned = new ArrayList<>();
    try (JsonlFile.LineReader<QuarantineEntry> reader =
        file.open(
            (place, entry) -> {
              places.add(place);
              scanned.add(entry);
            })) {
      assertThat(scanned)
          .extracting(QuarantineEntry::location)
          .containsExactly("a#1", "a#2", "a#3", "a#4");
      assertThat(places).extracting(JsonlFile.Line::number).containsExactly(1L, 3L, 4L, 5L);
      assertThat(scanned.get(1).excerpt()).isEqualTo(longExcerpt);
      for (int i = places.size() - 1; i >= 0; i--) {
        assertThat(reader.read(places.get(i))).isEqualTo(scanned.get(i));
      }
    }
  }

  @Test
  void aMissingFileHasNoLines() throws Exception {
    JsonlFile<QuarantineEntry> file =
        new JsonlFile<>(dir.resolve("absent.jsonl"), QuarantineEntry.class);

    assertThat(file.exists()).isFalse();
    assertThat(file.readAll()).isEmpty();
  }

  @Test
  void aLineThatIsNotJsonIsNamedByFileAndLine() throws Exception {
    JsonlFile<QuarantineEntry> file = quarantine(line("a#1", "") + "\n\n{\"source\": \"mail\",\n");

    assertThatThrownBy(file::readAll)
        .isInstanceOf(BundleFormatException.class)
        .hasMessageStartingWith("Cannot read " + file.path() + ":3: ")
        .satisfies(e -> assertThat(((BundleFormatException) e).line()).isEqualTo(3));
  }

  @Test
  void aLineWithoutARequiredFieldNamesTheField() throws Exception {
    JsonlFile<QuarantineEntry> file =
        quarantine("{\"source\": \"mail\", \"location\": \"a#1\", \"excerpt\": \"\"}\n");

    assertThatThrownBy(file::readAll)
        .isInstanceOf(BundleFormatException.class)
        .hasMessage("Cannot read " + file.path() + ":1: field reason is missing");
  }

  @Test
  void aJsonNullLineIsRefused() throws Exception {
    JsonlFile<QuarantineEntry> file = quarantine(line("a#1", "") + "\nnull\n");

    assertThatThrownBy(file::readAll)
        .isInstanceOf(BundleFormatException.class)
        .hasMessageContaining(":2: expected a JSON object");
  }

  @Test
  void appendsAfterWhatIsThereAndCreatesTheFolder() throws Exception {
    JsonlFile<QuarantineEntry> file =
        new JsonlFile<>(dir.resolve("new/quarantine.jsonl"), QuarantineEntry.class);
    QuarantineEntry first = new QuarantineEntry("mail", "a#1", "bad", null);
    QuarantineEntry second = new QuarantineEntry("stripe", "b#2", "worse", "{");

    file.append(List.of(first));
    file.append(List.of(second));

    assertThat(file.readAll()).containsExactly(first, second);
    assertThat(Files.readString(file.path()))
        .isEqualTo(
            "{\"source\":\"mail\",\"location\":\"a#1\",\"reason\":\"bad\",\"excerpt\":\"\"}\n"
                + "{\"source\":\"stripe\",\"location\":\"b#2\",\"reason\":\"worse\",\"excerpt\":\"{\"}\n");
  }
}
