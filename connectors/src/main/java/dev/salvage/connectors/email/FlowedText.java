package dev.salvage.connectors.email;

/**
 * Undoes the soft line breaks of a {@code text/plain; format=flowed} part (RFC 3676), as a mail
 * client shows it: Thunderbird and Apple Mail send their text so, wrapping a long line at about 72
 * characters where it ends in a space. Read as written, a value on such a line ("Name: Maria da
 * Conceição ...") was cut at the wrap, and a rule's pattern read half of it.
 *
 * <p>A line ending in a space (but the signature line {@code "-- "}) flows into the next line of
 * the same quote depth; with {@code delsp=yes} that space is the writer's, added to wrap a word,
 * and is removed. The space a writer stuffs before a line that starts with a space, {@code >} or
 * {@code From } is removed. A paragraph's first line keeps its quote marks as written; the lines
 * that flow into it give their text only.
 */
final class FlowedText {
  private FlowedText() {}

  /**
   * The text with its flowed lines joined.
   *
   * @param delSp whether the part declares {@code delsp=yes}
   */
  static String unflow(String text, boolean delSp) {
    StringBuilder out = new StringBuilder(text.length());
    boolean joining = false;
    int joiningDepth = -1;
    for (int start = 0; start < text.length(); ) {
      int end = text.indexOf('\n', start);
      int next = end < 0 ? text.length() : end + 1;
      int content = end < 0 ? text.length() : end;
      if (content > start && text.charAt(content - 1) == '\r') {
        content--;
      }
      String lineEnd = text.substring(content, next);
      String line = text.substring(start, content);
      int depth = 0;
      while (depth < line.length() && line.charAt(depth) == '>') {
        depth++;
      }
      String body = line.substring(depth);
      if (body.startsWith(" ")) {
        body = body.substring(1); // space-stuffed (RFC 3676 4.4), or the space after quote marks
      }
      if (joining && depth != joiningDepth) {
        // a flowed line followed by one of another quote depth: it ends its paragraph (4.5)
        out.append(lineEnd.isEmpty() ? "\n" : lineEnd);
        joining = false;
      }
      if (!joining && depth > 0) {
        out.append(line, 0, line.length() - body.length());
      }
      boolean flowed = body.endsWith(" ") && !body.equals("-- ") && next < text.length();
      if (flowed) {
        out.append(body, 0, delSp ? body.length() - 1 : body.length());
        joining = true;
        joiningDepth = depth;
      } else {
        out.append(body).append(lineEnd);
        joining = false;
      }
      start = next;
    }
    return out.toString();
  }
}
