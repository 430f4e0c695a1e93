package dev.salvage.pipeline.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompactIdsTest {

  @Test
  void packsIntoTwoLongsAndBackAsTheSameText() {
    for (int i = 0; i < 10_000; i++) {
      String id = CompactIds.of("observation " + i);
      long[] packed = CompactIds.pack(id);
      assertThat(CompactIds.unpack(packed[0], packed[1])).isEqualTo(id);
    }
  }

  @Test
  void packedIdsSortAsTheirTexts() {
    List<String> ids = new ArrayList<>(List.of("-AAAAAAAAAAAAAAAAAAAAA", "__________________AAAw"));
    for (int i = 0; i < 2_000; i++) {
      ids.add(CompactIds.of("key " + i));
    }
    for (int i = 1; i < ids.size(); i++) {
      String a = ids.get(i - 1);
      String b = ids.get(i);
      long[] packedA = CompactIds.pack(a);
      long[] packedB = CompactIds.pack(b);
      assertThat(Integer.signum(CompactIds.compare(packedA[0], packedA[1], packedB[0], packedB[1])))
          .as("%s against %s", a, b)
          .isEqualTo(Integer.signum(a.compareTo(b)));
    }
  }

  @Test
  void refusesTextThatIsNotACompactId() {
    assertThatThrownBy(() -> CompactIds.pack("short"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("5 characters");
    assertThatThrownBy(() -> CompactIds.pack("AAAAAAAAAA+AAAAAAAAAAA"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'+' at 10");
    assertThatThrownBy(() -> CompactIds.pack("AAAAAAAAAAAAAAAAAAAAAB"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ends in 'B'");
  }
}
