package dev.salvage.connectors.email;

/** RFC 5322 comments: text in parentheses, nested, with quoted brackets, outside quoted strings. */
final class HeaderComments {
  private HeaderComments() {}

  /** The text with each comment turned into a space; a comment left open runs to the end. */
  static String strip(String text) {
    return strip(text, false);
  }

  /**
   * The text with each comment turned into a space, or null when a comment or a quoted string is
   * not closed or a parenthesis closes no comment: a header a parser must not guess at (an {@code
   * Authentication-Results} whose verdicts would be read from inside a comment).
   */
  static String stripStrictly(String text) {
    return text == null ? null : strip(text, true);
  }

  private static String strip(String text, boolean strictly) {
    StringBuilder out = new StringBuilder(text.length());
    int depth = 0;
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && (depth > 0 || quoted)) {
        // a quoted pair: the next character stands for itself, even a quote or a bracket
        if (depth == 0) {
          out.append(c);
          if (i + 1 < text.length()) {
            out.append(text.charAt(i + 1));
          }
        }
        i++;
        continue;
      }
      if (depth > 0) {
        if (c == '(') {
          depth++;
        } else if (c == ')') {
          depth--;
          if (depth == 0) {
            out.append(' ');
          }
        }
        continue;
      }
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '(' && !quoted) {
        depth = 1;
        continue;
      } else if (c == ')' && !quoted && strictly) {
        return null;
      }
      out.append(c);
    }
    return strictly && (depth > 0 || quoted) ? null : out.toString();
  }
}
