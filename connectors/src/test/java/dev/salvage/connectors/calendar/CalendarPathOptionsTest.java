package dev.salvage.connectors.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.connectors.PathOptions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CalendarPathOptionsTest {
  @Test
  void exactlyTheFileAndDirectoryOptionsAreResolvedAsPaths() {
    for (CalendarApiOption option : CalendarApiOption.values()) {
      boolean path =
          option.type() == CalendarApiOption.Type.FILE
              || option.type() == CalendarApiOption.Type.PATH;
      assertThat(PathOptions.isPath(option.key())).as(option.key()).isEqualTo(path);
    }
    assertThat(Arrays.stream(CalendarApiOption.values()).filter(o -> PathOptions.isPath(o.key())))
        .hasSize(3);
  }
}
