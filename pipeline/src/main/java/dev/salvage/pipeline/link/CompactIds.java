package dev.salvage.pipeline.link;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Short stand-ins for the observation ids and key values that label propagation shuffles every
 * round: 22 characters (128 bits of MD5) instead of ids of 80 to 110 characters, so each round
 * moves and sorts about a third of the bytes. 128 bits make a collision (which would join two
 * clusters) negligible: about 10^-26 for a million observations. Not for secrets.
 */
final class CompactIds {
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
}
