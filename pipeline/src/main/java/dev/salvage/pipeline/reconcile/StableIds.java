package dev.salvage.pipeline.reconcile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Ids of records the backup does not have: a hash of what identifies them, so a rerun on the same
 * inputs gives the same id and an operator's decisions still apply.
 */
public final class StableIds {
  private StableIds() {}

  /** {@code <entity>:new-<16 hex digits of SHA-256(identity)>}. */
  public static String newId(String entity, String identity) {
    return entity + ":new-" + sha256(identity).substring(0, 16);
  }

  static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
