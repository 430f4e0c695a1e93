package dev.salvage.connectors.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowKeyTest {
  private static final List<String> COLUMNS = List.of("a", "b", "id");

  @Test
  void aDeclaredKeyComesBeforeIdAndIdBeforeTheFirstColumn() {
    assertThat(RowKey.of(List.of("b"), COLUMNS)).isEqualTo(new RowKey(List.of("b"), true));
    assertThat(RowKey.of(List.of(), COLUMNS)).isEqualTo(new RowKey(List.of("id"), false));
    assertThat(RowKey.of(null, List.of("a", "b"))).isEqualTo(new RowKey(List.of("a"), false));
  }

  @Test
  void compositeKeyValuesAreJoinedSoThatNoTwoKeysGiveTheSameText() {
    RowKey key = RowKey.of(List.of("a", "b"), COLUMNS);

    assertThat(key.pk(COLUMNS, List.of("1", "10", "x"))).isEqualTo("1,10");
    assertThat(key.pk(COLUMNS, List.of("1,1", "0", "x"))).isEqualTo("1%2C1,0");
    assertThat(key.pk(COLUMNS, List.of("1", "1,0", "x"))).isEqualTo("1,1%2C0");
    assertThat(key.pk(COLUMNS, List.of("%2C", "", "x"))).isEqualTo("%252C,");
    assertThat(key.pk(COLUMNS, Arrays.asList("1", null, "x"))).isNull();
  }

  @Test
  void aOneColumnKeyKeepsItsValueAsItIs() {
    assertThat(RowKey.of(List.of("a"), COLUMNS).pk(COLUMNS, List.of("a,b%", "", "")))
        .isEqualTo("a,b%");
  }
}
