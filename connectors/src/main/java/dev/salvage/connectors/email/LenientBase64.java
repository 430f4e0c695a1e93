package dev.salvage.connectors.email;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Base64 decoding that never fails: characters outside the alphabet (line breaks, garbage) are
 * skipped, padding closes a group wherever it is, and a truncated group yields the bytes it can.
 */
final class LenientBase64 {
  private static final int[] VALUES = new int[256];

  static {
    Arrays.fill(VALUES, -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      VALUES[alphabet.charAt(i)] = i;
    }
    // URL-safe variants are seen in the wild too
    VALUES['-'] = 62;
    VALUES['_'] = 63;
  }

  private LenientBase64() {}

  static byte[] decode(byte[] encoded) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length * 3 / 4 + 3);
    int group = 0;
    int count = 0;
    for (byte b : encoded) {
      if (b == '=') {
        // padding ends a group: what follows is a new chunk (senders concatenate encoded parts)
        writePartial(out, group, count);
        group = 0;
        count = 0;
        continue;
      }
      int value = VALUES[b & 0xff];
      if (value < 0) {
        continue;
      }
      group = (group << 6) | value;
      count++;
      if (count == 4) {
        out.write(group >> 16);
        out.write(group >> 8);
        out.write(group);
        group = 0;
        count = 0;
      }
    }
    writePartial(out, group, count);
    return out.toByteArray();
  }

  private static void writePartial(ByteArrayOutputStream out, int group, int count) {
    if (count == 3) {
      out.write(group >> 10);
      out.write(group >> 2);
    } else if (count == 2) {
      out.write(group >> 4);
    }
  }
}
