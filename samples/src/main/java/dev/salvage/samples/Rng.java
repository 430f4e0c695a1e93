package dev.salvage.samples;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/** The few random draws the generator needs, over a {@link SplittableRandom} for determinism. */
final class Rng {
  private static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final String MIXED_ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String BASE32HEX = "0123456789abcdefghijklmnopqrstuv";
  private static final String HEX = "0123456789abcdef";

  private final SplittableRandom random;

  Rng(long seed) {
    this.random = new SplittableRandom(seed);
  }

  boolean chance(double p) {
    return random.nextDouble() < p;
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  /** Uniform in [from, to); {@code from} when the range is empty. */
  long between(long from, long to) {
    return to <= from ? from : random.nextLong(from, to);
  }

  int between(int from, int to) {
    return to <= from ? from : random.nextInt(from, to);
  }

  long nextLong() {
    return random.nextLong();
  }

  double nextDouble() {
    return random.nextDouble();
  }

  <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  <T> T weighted(List<T> items, ToDoubleFunction<T> weight) {
    double total = 0;
    for (T item : items) {
      total += weight.applyAsDouble(item);
    }
    double target = random.nextDouble() * total;
    for (T item : items) {
      target -= weight.applyAsDouble(item);
      if (target < 0) {
        return item;
      }
    }
    return items.get(items.size() - 1);
  }

  String upperAlnum(int length) {
    return draw(UPPER_ALNUM, length);
  }

  String mixedAlnum(int length) {
    return draw(MIXED_ALNUM, length);
  }

  String base32hex(int length) {
    return draw(BASE32HEX, length);
  }

  String hex(int length) {
    return draw(HEX, length);
  }

  String digits(int length) {
    return draw("0123456789", length);
  }

  String letters(String alphabet, int length) {
    return draw(alphabet, length);
  }

  private String draw(String alphabet, int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = alphabet.charAt(random.nextInt(alphabet.length()));
    }
    return new String(chars);
  }
}
