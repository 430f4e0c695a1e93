package dev.salvage.pipeline.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * What the console is written through: control characters other than tab, line feed and carriage
 * return are written as {@code \x1b}, visible and inert. The console shows text from the inputs (a
 * file name, a mail's subject or sender in a message that names the record), which anyone who can
 * send the business a mail writes: an ESC there starts a terminal's escape sequence (moving the
 * cursor over the lines above, setting the window's title, on some terminals far worse), a NUL or a
 * backspace hides what follows. The carriage return stays: the progress line is redrawn with it.
 */
final class ConsoleText extends FilterWriter {
  ConsoleText(Writer out) {
    super(out);
  }

  @Override
  public void write(int c) throws IOException {
    if (inert((char) c)) {
      out.write(c);
    } else {
      out.write(visible((char) c));
    }
  }

  @Override
  public void write(char[] chars, int offset, int length) throws IOException {
    int start = offset;
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      if (!inert(chars[i])) {
        out.write(chars, start, i - start);
        out.write(visible(chars[i]));
        start = i + 1;
      }
    }
    out.write(chars, start, end - start);
  }

  @Override
  public void write(String text, int offset, int length) throws IOException {
    write(text.toCharArray(), offset, length);
  }

  private static boolean inert(char c) {
    if (c >= 0x20 && c < 0x7F || c > 0x9F) {
      return true;
    }
    return c == '\t' || c == '\n' || c == '\r';
  }

  private static String visible(char c) {
    return String.format("\\x%02x", (int) c);
  }
}
