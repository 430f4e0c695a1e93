package dev.salvage.connectors.email;

/** RFC 5322 comments: text in parentheses, nested, with quoted brackets, outside quoted strings. */
final class HeaderComments {
  private HeaderComments() {}

  /** The text with each comment turned into a space. */
  static String strip(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int depth = 0;
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (depth > 0) {
        if (c == '\\') {
          i++;
        } else if (c == '(') {
          depth++;
        } else if (c == ')') {
          depth--;
          if (depth == 0) {
            out.append(' ');
          }
        }
        continue;
      }
      if (c == '"' && (i == 0 || text.charAt(i - 1) != '\\')) {
        quoted = !quoted;
      } else if (c == '(' && !quoted) {
        depth = 1;
        continue;
      }
      out.append(c);
    }
    return out.toString();
  }
}
