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
}
