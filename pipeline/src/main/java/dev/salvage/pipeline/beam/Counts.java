package dev.salvage.pipeline.beam;

import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.KV;

/**
 * Summary counters travel as ordinary elements ({@code name -> n}), summed at the end, so they are
 * exact on every runner (Beam metrics are best effort on some).
 */
public final class Counts {
  private Counts() {}

  public static KV<String, Long> of(String name, long n) {
    return KV.of(name, n);
  }

  public static KvCoder<String, Long> coder() {
    return KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of());
  }
}
