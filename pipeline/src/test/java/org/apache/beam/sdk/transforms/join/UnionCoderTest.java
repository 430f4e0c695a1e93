package org.apache.beam.sdk.transforms.join;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.junit.jupiter.api.Test;

class UnionCoderTest {
  /** Counts its decodes, and fails one of a value it was told to refuse. */
  static final class CountingCoder extends CustomCoder<String> {
    static final AtomicInteger DECODES = new AtomicInteger();

    @Override
    public void encode(String value, OutputStream out) throws IOException {
      StringUtf8Coder.of().encode(value, out);
    }

    @Override
    public String decode(InputStream in) throws IOException {
      DECODES.incrementAndGet();
      String value = StringUtf8Coder.of().decode(in);
      if (value.equals("refused")) {
        throw new CoderException("refused to decode");
      }
      return value;
    }
  }

  private final UnionCoder coder =
      UnionCoder.of(List.of(StringUtf8Coder.of(), new CountingCoder(), VarLongCoder.of()));

  @Test
  void decodesAValueOnlyWhenItIsAskedFor() throws Exception {
    CountingCoder.DECODES.set(0);
    byte[] bytes = CoderUtils.encodeToByteArray(coder, new RawUnionValue(1, "refused"));

    RawUnionValue read = CoderUtils.decodeFromByteArray(coder, bytes);

    // a consumer of another output looks at the tag only: nothing decoded, nothing refused
    assertThat(read.getUnionTag()).isEqualTo(1);
    assertThat(CountingCoder.DECODES).hasValue(0);
    assertThatThrownBy(read::getValue)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("union tag 1");
  }

  @Test
  void writesAValueNotDecodedAsItWasRead() throws Exception {
    CountingCoder.DECODES.set(0);
    byte[] bytes = CoderUtils.encodeToByteArray(coder, new RawUnionValue(1, "Zoë"));

    RawUnionValue read = CoderUtils.decodeFromByteArray(coder, bytes);
    byte[] again = CoderUtils.encodeToByteArray(coder, read);

    assertThat(again).isEqualTo(bytes);
    assertThat(CountingCoder.DECODES).hasValue(0);
    assertThat(CoderUtils.decodeFromByteArray(coder, again).getValue()).isEqualTo("Zoë");
    assertThat(CountingCoder.DECODES).hasValue(1);
  }

  @Test
  void readsBackEveryTagsValueInsideOtherValues() throws Exception {
    KvCoder<String, RawUnionValue> keyed = KvCoder.of(StringUtf8Coder.of(), coder);
    for (RawUnionValue union :
        List.of(
            new RawUnionValue(0, ""),
            new RawUnionValue(1, "ünïcode ✓"),
            new RawUnionValue(2, Long.MIN_VALUE))) {
      CoderProperties.coderDecodeEncodeEqual(coder, union);
      // nested in a KV, as a CoGroupByKey sends it: the value's end is found by its length
      CoderProperties.coderDecodeEncodeEqual(keyed, KV.of("key", union));
    }
  }

  @Test
  void refusesATagItHasNoCoderFor() {
    byte[] bytes = {7, 0};

    assertThatThrownBy(() -> CoderUtils.decodeFromByteArray(coder, bytes))
        .isInstanceOf(CoderException.class)
        .hasMessageContaining("union value index 7 not in range [0..2]");
  }
}
