package dev.salvage.pipeline.link;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Short stand-ins for the observation ids and key values that linking shuffles: 22 characters (128
 * bits of MD5) instead of ids of 80 to 110 characters, so each shuffle moves and sorts about a
 * third of the bytes. 128 bits make a collision (which would join two clusters) negligible: about
 * 10^-26 for a million observations. Not for secrets.
 *
 * <p>A compact id also packs into two longs ({@link #pack}) for the union-find of {@link
 * LinkObservations}, in an order-preserving way: comparing the two longs unsigned, high first,
 * orders ids as {@link String#compareTo} does, so the smallest id of a cluster (its label) is the
 * same whichever form it was picked in.
 */
final class CompactIds {
  /** Characters an id is made of (URL-safe Base64), in the order String.compareTo puts them. */
  private static final String SORTED_ALPHABET =
      "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

  /** 16 bytes leave 2 bits for the last of the 22 characters: it is one of these four. */
  private static final String LAST_CHARACTERS = "AQgw";

  private static final int LENGTH = 22;
  private static final int[] RANK = new int[128];

  static {
    Arrays.fill(RANK, -1);
    for (int i = 0; i < SORTED_ALPHABET.length(); i++) {
      RANK[SORTED_ALPHABET.charAt(i)] = i;
    }
  }

  private static final ThreadLocal<MessageDigest> MD5 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("Every Java runtime has MD5", e);
            }
          });
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private CompactIds() {}

  /** The compact id of {@code text}: equal texts, equal ids. */
  static String of(String text) {
    return ENCODER.encodeToString(MD5.get().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The 128 bits of compact id {@code id} as {high, low}: the rank of each of the first 21
   * characters in {@link #SORTED_ALPHABET} (6 bits each), then the last character's 2 bits.
   */
  static long[] pack(String id) {
    if (id.length() != LENGTH) {
      throw new IllegalArgumentException(
          "Compact id has " + id.length() + " characters, not " + LENGTH + ": " + id);
    }
    long high = 0;
    long low = 0;
    for (int i = 0; i < LENGTH - 1; i++) {
      char c = id.charAt(i);
      int rank = c < RANK.length ? RANK[c] : -1;
      if (rank < 0) {
        throw new IllegalArgumentException(
            "Compact id has '" + c + "' at " + i + ", not a URL-safe Base64 character: " + id);
      }
      high = (high << 6) | (low >>> 58);
      low = (low << 6) | rank;
    }
    int last = LAST_CHARACTERS.indexOf(id.charAt(LENGTH - 1));
    if (last < 0) {
      throw new IllegalArgumentException(
          "Compact id ends in '" + id.charAt(LENGTH - 1) + "', not one of AQgw: " + id);
    }
    high = (high << 2) | (low >>> 62);
    low = (low << 2) | last;
    return new long[] {high, low};
  }

  /** The compact id whose {@link #pack packed} form is {@code high}, {@code low}. */
  static String unpack(long high, long low) {
    char[] id = new char[LENGTH];
    for (int i = 0; i < LENGTH - 1; i++) {
      int bit = 6 * i; // from the top of the 128 bits
      int rank;
      if (bit + 6 <= 64) {
        rank = (int) (high >>> (58 - bit)) & 63;
      } else if (bit >= 64) {
        rank = (int) (low >>> (58 - (bit - 64))) & 63;
      } else {
        int fromHigh = 64 - bit;
        rank =
            (int) (((high & ((1L << fromHigh) - 1)) << (6 - fromHigh)) | (low >>> (58 + fromHigh)));
      }
      id[i] = SORTED_ALPHABET.charAt(rank);
    }
    id[LENGTH - 1] = LAST_CHARACTERS.charAt((int) (low & 3));
    return new String(id);
  }

  /** Orders packed ids as their texts: unsigned, high first. */
  static int compare(long highA, long lowA, long highB, long lowB) {
    int byHigh = Long.compareUnsigned(highA, highB);
    return byHigh != 0 ? byHigh : Long.compareUnsigned(lowA, lowB);
  }
}
