package dev.salvage.pipeline.beam;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.beam.sdk.util.VarInt;
import org.junit.jupiter.api.Test;

class BinaryCodecTest {
  @Test
  void writesVarintsAndStringsByteForByteAsBeamsVarIntAndUtf8Do() throws Exception {
    List<Long> numbers =
        List.of(0L, 1L, 127L, 128L, 300L, 16_383L, 16_384L, Long.MAX_VALUE, -1L, Long.MIN_VALUE);
    List<Integer> sizes = List.of(0, 1, 127, 128, 70_000, Integer.MAX_VALUE, -1, Integer.MIN_VALUE);
    List<String> strings =
        List.of("", "plain ascii", "Zoë Brown", "日本語", "emoji \uD83D\uDE97", "x".repeat(5000));

    ByteArrayOutputStream written = new ByteArrayOutputStream();
    BinaryCodec.Writer writer = new BinaryCodec.Writer(written);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    for (long number : numbers) {
      writer.number(number);
      VarInt.encode(number, expected);
    }
    for (int size : sizes) {
      writer.size(size);
      VarInt.encode(size, expected);
    }
    for (String string : strings) {
      writer.string(string);
      byte[] bytes = string.getBytes(StandardCharsets.UTF_8);
      VarInt.encode(1, expected); // a new string
      VarInt.encode(bytes.length, expected);
      expected.write(bytes);
    }
    writer.string("Zoë Brown"); // the second time, a reference to the third string written
    VarInt.encode(2 + 2, expected);
    writer.flush();

    assertThat(written.toByteArray()).isEqualTo(expected.toByteArray());
    BinaryCodec.Reader reader =
        new BinaryCodec.Reader(new ByteArrayInputStream(written.toByteArray()));
    for (long number : numbers) {
      assertThat(reader.longNumber()).isEqualTo(number);
    }
    for (int size : sizes) {
      assertThat(reader.size()).isEqualTo(size);
    }
    for (String string : strings) {
      assertThat(reader.string()).isEqualTo(string);
    }
    assertThat(reader.string()).isEqualTo("Zoë Brown");
  }

  @Test
  void refersBackToEveryRepeatedStringOfAValueWithHundredsOfThem() throws Exception {
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    BinaryCodec.Writer writer = new BinaryCodec.Writer(written);
    List<String> values = new java.util.ArrayList<>();
    for (int i = 0; i < 500; i++) {
      // new instances each time: equal strings, not the same object, must still meet
      values.add(new String("evidence:" + (i % 130)));
    }
    writer.strings(values);
    writer.flush();

    BinaryCodec.Reader reader =
        new BinaryCodec.Reader(new ByteArrayInputStream(written.toByteArray()));
    assertThat(reader.strings()).isEqualTo(values);
    // 130 distinct strings written once; the other 370 as references of one or two bytes
    int once = 130 * (1 + 1 + "evidence:129".length());
    assertThat(written.size()).isLessThan(once + 370 * 2 + 3);
  }

  private record Pair(String left, String right) {}

  private static final BinaryCodec.Encoding<Pair> PAIR =
      (out, pair) -> {
        out.string(pair.left());
        out.text(pair.right());
      };

  private static final BinaryCodec.Encoding<Pair> PAIR_SWAPPED =
      (out, pair) -> {
        out.string(pair.right());
        out.text(pair.left());
      };

  private static Pair read(byte[] bytes, int offset) throws Exception {
    BinaryCodec.Reader reader =
        new BinaryCodec.Reader(new ByteArrayInputStream(bytes, offset, bytes.length - offset));
    return new Pair(reader.string(), reader.text());
  }

  @Test
  void writesTheSameValueAgainAsTheFirstTimeAndEachOtherValueAfreshWhateverTheOrder()
      throws Exception {
    Pair first = new Pair("a", "x".repeat(300));
    Pair second = new Pair("b", "y");
    ByteArrayOutputStream once = new ByteArrayOutputStream();
    BinaryCodec.encode(first, once, PAIR);
    ByteArrayOutputStream alone = new ByteArrayOutputStream();
    BinaryCodec.encode(second, alone, PAIR);

    // as a multi-output DoFn's element goes to each consumer: the same instance again and again
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    BinaryCodec.encode(first, stream, PAIR);
    BinaryCodec.encode(first, stream, PAIR);
    BinaryCodec.encode(second, stream, PAIR);
    BinaryCodec.encode(first, stream, PAIR);
    // the same instance through another encoding is not the bytes of the first
    BinaryCodec.encode(first, stream, PAIR_SWAPPED);
    byte[] bytes = stream.toByteArray();

    int a = once.size();
    int b = alone.size();
    assertThat(bytes).hasSize(4 * a + b);
    assertThat(read(bytes, 0)).isEqualTo(first);
    assertThat(read(bytes, a)).isEqualTo(first);
    assertThat(read(bytes, 2 * a)).isEqualTo(second);
    assertThat(read(bytes, 2 * a + b)).isEqualTo(first);
    assertThat(read(bytes, 3 * a + b)).isEqualTo(new Pair(first.right(), first.left()));
  }

  @Test
  void aValueEncodedInsideAnothersEncodingIsWrittenWholeAndLeavesTheOuterIntact() throws Exception {
    Pair inner = new Pair("in", "side");
    BinaryCodec.Encoding<Pair> nesting =
        (out, pair) -> {
          out.string(pair.left());
          ByteArrayOutputStream nested = new ByteArrayOutputStream();
          BinaryCodec.encode(inner, nested, PAIR);
          out.text(nested.toString(StandardCharsets.ISO_8859_1));
          out.text(pair.right());
        };
    Pair outer = new Pair("out", "er");
    ByteArrayOutputStream stream = new ByteArrayOutputStream();

    BinaryCodec.encode(outer, stream, nesting);
    BinaryCodec.encode(outer, stream, nesting);

    byte[] bytes = stream.toByteArray();
    BinaryCodec.Reader reader = new BinaryCodec.Reader(new ByteArrayInputStream(bytes));
    for (int i = 0; i < 2; i++) {
      assertThat(reader.string()).isEqualTo("out");
      byte[] nested = reader.text().getBytes(StandardCharsets.ISO_8859_1);
      assertThat(read(nested, 0)).isEqualTo(inner);
      assertThat(reader.text()).isEqualTo("er");
    }
  }
}
