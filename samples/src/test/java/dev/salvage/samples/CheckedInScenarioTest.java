package dev.salvage.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckedInScenarioTest {
  @Test
  void checkedInScenarioIsExactlyWhatTheGeneratorWrites() throws Exception {
    Path checkedIn = Path.of("scenario");
    Path fresh = Scenarios.generated(Scenarios.fromOptions(CheckedInScenario.OPTIONS));
    List<Path> expected = Scenarios.files(fresh, "*");
    List<Path> actual = Scenarios.files(checkedIn, "*");
    assertThat(actual.stream().map(p -> checkedIn.relativize(p).toString()))
        .containsExactlyElementsOf(
            expected.stream().map(p -> fresh.relativize(p).toString()).toList());
    for (Path file : expected) {
      Path kept = checkedIn.resolve(fresh.relativize(file).toString());
      assertThat(Files.mismatch(file, kept)).as(kept.toString()).isEqualTo(-1L);
    }
  }
}
