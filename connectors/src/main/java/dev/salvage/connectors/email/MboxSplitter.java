package dev.salvage.connectors.email;

import dev.salvage.connectors.io.ByteLineReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Splits an mbox stream into raw messages one at a time, so that a mailbox of any size is read with
 * one message in memory. A message starts at a {@code From } separator line that carries a time and
 * a year (so that an unquoted "From here..." in a body does not split it); the separator line is
 * dropped, {@code >From } quoting is undone (mboxrd, which also reads mboxo correctly for all but
 * quoted {@code >From} lines) and the blank line the writer adds after each message is removed.
 */
final class MboxSplitter {
  /** One message: the byte offset of its separator line and its bytes. */
  record Message(long offset, byte[] bytes, boolean tooLarge) {}

  /** Receives the messages in order. */
  interface Consumer {
    void accept(Message message) throws IOException;
  }

  private static final Pattern SEPARATOR =
      Pattern.compile("^From \\S*\\s(?=.*\\d{1,2}:\\d{2})(?=.*\\b(19|20)\\d{2}\\b).*");
  private static final int MAX_LINE = 1 << 20;

  private final int maxMessageBytes;

  MboxSplitter(int maxMessageBytes) {
    this.maxMessageBytes = maxMessageBytes;
  }

  void split(InputStream in, Consumer consumer) throws IOException {
    ByteLineReader lines = new ByteLineReader(in, MAX_LINE);
    ByteArrayOutputStream current = null;
    long offset = 0;
    boolean tooLarge = false;
    for (ByteLineReader.Line line = lines.next(); line != null; line = lines.next()) {
      if (isSeparator(line)) {
        if (current != null) {
          consumer.accept(finish(offset, current, tooLarge));
        }
        current = new ByteArrayOutputStream();
        offset = line.offset();
        tooLarge = false;
        continue;
      }
      if (current == null) {
        if (line.contentLength() == 0) {
          continue;
        }
        // content before the first separator is kept as a message rather than lost
        current = new ByteArrayOutputStream();
        offset = line.offset();
      }
      int skip = isQuotedFrom(line) ? 1 : 0;
      int length = line.bytes().length - skip;
      if (tooLarge || current.size() + (long) length > maxMessageBytes || line.truncated()) {
        tooLarge = true;
        continue;
      }
      current.write(line.bytes(), skip, length);
    }
    if (current != null) {
      consumer.accept(finish(offset, current, tooLarge));
    }
  }

  private static boolean isSeparator(ByteLineReader.Line line) {
    return line.startsWith("From ")
        && SEPARATOR
            .matcher(new String(line.bytes(), 0, line.contentLength(), StandardCharsets.ISO_8859_1))
            .matches();
  }

  private static boolean isQuotedFrom(ByteLineReader.Line line) {
    byte[] bytes = line.bytes();
    int i = 0;
    while (i < line.contentLength() && bytes[i] == '>') {
      i++;
    }
    return i > 0
        && line.contentLength() - i >= 5
        && new String(bytes, i, 5, StandardCharsets.US_ASCII).equals("From ");
  }

  private static Message finish(long offset, ByteArrayOutputStream buffer, boolean tooLarge) {
    byte[] bytes = buffer.toByteArray();
    int end = bytes.length;
    // the blank line before the next separator belongs to the mbox, not to the message
    if (endsWith(bytes, end, "\r\n\r\n")) {
      end -= 2;
    } else if (endsWith(bytes, end, "\n\n")) {
      end -= 1;
    }
    return new Message(offset, end == bytes.length ? bytes : Arrays.copyOf(bytes, end), tooLarge);
  }

  private static boolean endsWith(byte[] bytes, int end, String suffix) {
    if (end < suffix.length()) {
      return false;
    }
    for (int i = 0; i < suffix.length(); i++) {
      if (bytes[end - suffix.length() + i] != suffix.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
