package dev.salvage.connectors;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The digests of content and keys: the one readers put in copy keys, so that copies of one content
 * share a key, and a short one for sets of keys held in memory.
 */
public final class ContentDigest {
  private ContentDigest() {}

  /** SHA-256 of {@code text} in UTF-8, in hex. */
  public static String of(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /**
   * A 64-bit hash of {@code key} (FNV-1a of its UTF-8 bytes, mixed so that the low bits index
   * well), for sets of keys held as longs where two keys sharing a hash costs no more than a second
   * look.
   */
  public static long hash64(String key) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    hash ^= hash >>> 33;
    hash *= 0xff51afd7ed558ccdL;
    hash ^= hash >>> 33;
    return hash;
  }
}
