package dev.salvage.connectors.io;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.util.Set;

/**
 * UTF-7 (RFC 2152), which the JVM does not know, for reading only: Outlook and Exchange of the
 * 2000s sent mail in it ({@code charset=unicode-1-1-utf-7}, {@code utf-7}), ASCII with every other
 * character written as {@code +} and the base64 of its UTF-16 ({@code Jo+AOM-o} is João). Read as
 * ASCII, for want of the charset, such a text kept its {@code +AOM-} without a word. A byte over
 * 0x7F is malformed, as it is no UTF-7.
 */
final class Utf7 extends Charset {
  static final Utf7 INSTANCE = new Utf7();

  /** The labels mail writes it under (IANA's UTF-7 and its aliases, and Microsoft's). */
  static final Set<String> LABELS =
      Set.of(
          "utf-7",
          "utf7",
          "unicode-1-1-utf-7",
          "unicode-2-0-utf-7",
          "x-unicode-1-1-utf-7",
          "x-unicode-2-0-utf-7",
          "csunicode11utf7");

  private Utf7() {
    super("UTF-7", new String[] {"unicode-1-1-utf-7", "x-unicode-2-0-utf-7"});
  }

  @Override
  public boolean contains(Charset other) {
    return other instanceof Utf7;
  }

  @Override
  public boolean canEncode() {
    return false;
  }

  @Override
  public CharsetEncoder newEncoder() {
    throw new UnsupportedOperationException("UTF-7 is read here, never written");
  }

  @Override
  public CharsetDecoder newDecoder() {
    return new Decoder(this);
  }

  private static final class Decoder extends CharsetDecoder {
    private boolean shifted;
    private int bits;
    private int bitCount;

    Decoder(Charset charset) {
      super(charset, 1f, 1f);
    }

    @Override
    protected void implReset() {
      shifted = false;
      bits = 0;
      bitCount = 0;
    }

    @Override
    protected CoderResult decodeLoop(ByteBuffer in, CharBuffer out) {
      while (in.hasRemaining()) {
        if (!out.hasRemaining()) {
          return CoderResult.OVERFLOW;
        }
        int position = in.position();
        int b = in.get(position) & 0xFF;
        if (b > 0x7F) {
          return CoderResult.malformedForLength(1);
        }
        if (shifted) {
          int value = base64(b);
          if (value >= 0) {
            bits = (bits << 6) | value;
            bitCount += 6;
            if (bitCount >= 16) {
              bitCount -= 16;
              out.put((char) ((bits >>> bitCount) & 0xFFFF));
            }
            in.position(position + 1);
            continue;
          }
          // any other byte ends the base64; a '-' is absorbed, the rest are characters themselves
          shifted = false;
          bits = 0;
          bitCount = 0;
          if (b == '-') {
            in.position(position + 1);
            continue;
          }
        }
        if (b == '+') {
          if (in.remaining() < 2) {
            // "+-" or "+X": the next byte tells; at the end of the input a lone '+' is malformed
            return CoderResult.UNDERFLOW;
          }
          if (in.get(position + 1) == '-') {
            out.put('+');
            in.position(position + 2);
            continue;
          }
          shifted = true;
          in.position(position + 1);
          continue;
        }
        out.put((char) b);
        in.position(position + 1);
      }
      return CoderResult.UNDERFLOW;
    }

    private static int base64(int b) {
      if (b >= 'A' && b <= 'Z') {
        return b - 'A';
      }
      if (b >= 'a' && b <= 'z') {
        return b - 'a' + 26;
      }
      if (b >= '0' && b <= '9') {
        return b - '0' + 52;
      }
      return b == '+' ? 62 : b == '/' ? 63 : -1;
    }
  }
}
