package dev.salvage.connectors.backup;

/**
 * Finds where a SQL statement ends when it is fed line by line: at a semicolon outside string
 * constants, quoted identifiers, dollar quotes and comments, which may all span lines (a function
 * body, a text value with newlines).
 */
final class StatementScanner {
  private enum State {
    NORMAL,
    STRING,
    ESCAPE_STRING,
    IDENTIFIER,
    DOLLAR,
    BLOCK_COMMENT
  }

  private final boolean standardStrings;
  private State state = State.NORMAL;
  private String dollarTag;
  private int commentDepth;
  private char previous = ' ';

  /**
   * @param standardStrings whether {@code '...'} constants are standard; when not, a backslash in
   *     them escapes the next character (pg_dump's {@code SET standard_conforming_strings = off})
   */
  StatementScanner(boolean standardStrings) {
    this.standardStrings = standardStrings;
  }

  /** Feeds one line (without its terminator); returns whether the statement ended in it. */
  boolean endsIn(String line) {
    int i = 0;
    int n = line.length();
    while (i < n) {
      char c = line.charAt(i);
      switch (state) {
        case NORMAL -> {
          if (c == ';') {
            return true;
          }
          if (c == '-' && i + 1 < n && line.charAt(i + 1) == '-') {
            i = n;
            continue;
          }
          if (c == '/' && i + 1 < n && line.charAt(i + 1) == '*') {
            state = State.BLOCK_COMMENT;
            commentDepth = 1;
            i += 2;
            continue;
          }
          if (c == '\'') {
            boolean escape =
                !standardStrings
                    || (previous == 'E' || previous == 'e') && !identifierBefore(line, i - 1);
            state = escape ? State.ESCAPE_STRING : State.STRING;
          } else if (c == '"') {
            state = State.IDENTIFIER;
          } else if (c == '$') {
            String tag = SqlTokenizer.dollarTag(line, i);
            if (tag != null) {
              dollarTag = tag;
              state = State.DOLLAR;
              i += tag.length();
              previous = '$';
              continue;
            }
          }
        }
        case STRING -> {
          if (c == '\'') {
            state = State.NORMAL;
          }
        }
        case ESCAPE_STRING -> {
          if (c == '\\') {
            i += 2;
            previous = ' ';
            continue;
          }
          if (c == '\'') {
            state = State.NORMAL;
          }
        }
        case IDENTIFIER -> {
          if (c == '"') {
            state = State.NORMAL;
          }
        }
        case DOLLAR -> {
          if (line.startsWith(dollarTag, i)) {
            state = State.NORMAL;
            i += dollarTag.length();
            previous = '$';
            continue;
          }
        }
        case BLOCK_COMMENT -> {
          if (line.startsWith("*/", i)) {
            commentDepth--;
            state = commentDepth == 0 ? State.NORMAL : State.BLOCK_COMMENT;
            i += 2;
            continue;
          }
          if (line.startsWith("/*", i)) {
            commentDepth++;
            i += 2;
            continue;
          }
        }
      }
      previous = c;
      i++;
    }
    previous = '\n';
    return false;
  }

  /** Whether the text so far is outside any quote or comment. */
  boolean atTopLevel() {
    return state == State.NORMAL;
  }

  /** Whether the character at {@code index} (an E) is the end of a longer word. */
  private static boolean identifierBefore(String line, int index) {
    return index > 0 && SqlTokenizer.isIdentifierPart(line.charAt(index - 1));
  }
}
