package dev.salvage.connectors.backup;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits one SQL statement into tokens: words, quoted identifiers, string constants (standard, E''
 * with backslash escapes, dollar-quoted), numbers and symbols. Comments are dropped. Each token
 * keeps its offset in the statement so that rows can be located in the file.
 */
final class SqlTokenizer {
  enum Type {
    WORD,
    QUOTED_IDENTIFIER,
    STRING,
    NUMBER,
    SYMBOL
  }

  /** A token; {@code text} is the value (unquoted, unescaped) for identifiers and strings. */
  record Token(Type type, String text, int start, int end) {
    boolean isWord(String word) {
      return type == Type.WORD && text.equalsIgnoreCase(word);
    }

    boolean isSymbol(String symbol) {
      return type == Type.SYMBOL && text.equals(symbol);
    }
  }

  /** A statement that is not valid SQL, with the offset of the problem. */
  static final class SqlSyntaxException extends Exception {
    private final int offset;

    SqlSyntaxException(String message, int offset) {
      super(message);
      this.offset = offset;
    }

    int offset() {
      return offset;
    }
  }

  private SqlTokenizer() {}

  /**
   * @param standardStrings whether {@code '...'} constants are standard (backslash is an ordinary
   *     character), as pg_dump's {@code SET standard_conforming_strings} says; when off they take
   *     backslash escapes like {@code E'...'}
   */
  static List<Token> tokenize(String sql, Charset charset, boolean standardStrings)
      throws SqlSyntaxException {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        i = skipBlockComment(sql, i);
      } else if (c == '\'') {
        i = string(sql, i, i, !standardStrings, charset, tokens);
      } else if ((c == 'E' || c == 'e') && i + 1 < n && sql.charAt(i + 1) == '\'') {
        i = string(sql, i, i + 1, true, charset, tokens);
      } else if ((c == 'B' || c == 'b' || c == 'X' || c == 'x')
          && i + 1 < n
          && sql.charAt(i + 1) == '\'') {
        // bit-string constants, which pg_dump --inserts writes as B'0101'
        i = string(sql, i, i + 1, false, charset, tokens);
        if (c == 'X' || c == 'x') {
          Token hex = tokens.remove(tokens.size() - 1);
          tokens.add(new Token(Type.STRING, bits(hex.text(), hex.start()), hex.start(), i));
        }
      } else if (c == '"') {
        i = quotedIdentifier(sql, i, tokens);
      } else if (c == '$' && dollarTag(sql, i) != null) {
        String tag = dollarTag(sql, i);
        int close = sql.indexOf(tag, i + tag.length());
        if (close < 0) {
          throw new SqlSyntaxException("unterminated dollar-quoted string", i);
        }
        tokens.add(
            new Token(
                Type.STRING, sql.substring(i + tag.length(), close), i, close + tag.length()));
        i = close + tag.length();
      } else if (Character.isLetter(c) || c == '_') {
        int end = i + 1;
        while (end < n && isIdentifierPart(sql.charAt(end))) {
          end++;
        }
        tokens.add(new Token(Type.WORD, sql.substring(i, end), i, end));
        i = end;
      } else if (Character.isDigit(c)
          || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
        int end = number(sql, i);
        tokens.add(new Token(Type.NUMBER, sql.substring(i, end), i, end));
        i = end;
      } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
        tokens.add(new Token(Type.SYMBOL, "::", i, i + 2));
        i += 2;
      } else {
        tokens.add(new Token(Type.SYMBOL, String.valueOf(c), i, i + 1));
        i++;
      }
    }
    return tokens;
  }

  /** The binary digits of a hexadecimal bit-string constant, as PostgreSQL prints bit values. */
  private static String bits(String hex, int start) throws SqlSyntaxException {
    StringBuilder bits = new StringBuilder(hex.length() * 4);
    for (int i = 0; i < hex.length(); i++) {
      int digit = Character.digit(hex.charAt(i), 16);
      if (digit < 0) {
        throw new SqlSyntaxException("not a hexadecimal bit string: X'" + hex + "'", start);
      }
      for (int bit = 3; bit >= 0; bit--) {
        bits.append((digit >> bit) & 1);
      }
    }
    return bits.toString();
  }

  static boolean isIdentifierPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

  /** The {@code $tag$} opening a dollar-quoted string at {@code i}, or null. */
  static String dollarTag(String sql, int i) {
    if (i > 0 && isIdentifierPart(sql.charAt(i - 1))) {
      return null;
    }
    int end = i + 1;
    while (end < sql.length()
        && (Character.isLetter(sql.charAt(end))
            || sql.charAt(end) == '_'
            || (end > i + 1 && Character.isDigit(sql.charAt(end))))) {
      end++;
    }
    return end < sql.length() && sql.charAt(end) == '$' ? sql.substring(i, end + 1) : null;
  }

  private static int string(
      String sql, int start, int quote, boolean escapes, Charset charset, List<Token> tokens)
      throws SqlSyntaxException {
    StringBuilder raw = new StringBuilder();
    int i = quote + 1;
    while (true) {
      if (i >= sql.length()) {
        throw new SqlSyntaxException("unterminated string constant", start);
      }
      char c = sql.charAt(i);
      if (escapes && c == '\\' && i + 1 < sql.length()) {
        raw.append(c).append(sql.charAt(i + 1));
        i += 2;
      } else if (c == '\'') {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
          raw.append(escapes ? "\\'" : "'");
          i += 2;
        } else {
          i++;
          break;
        }
      } else {
        raw.append(c);
        i++;
      }
    }
    String value =
        escapes ? BackslashEscapes.decode(raw.toString(), charset, true) : raw.toString();
    tokens.add(new Token(Type.STRING, value, start, i));
    return i;
  }

  private static int quotedIdentifier(String sql, int start, List<Token> tokens)
      throws SqlSyntaxException {
    StringBuilder name = new StringBuilder();
    int i = start + 1;
    while (true) {
      int close = sql.indexOf('"', i);
      if (close < 0) {
        throw new SqlSyntaxException("unterminated quoted identifier", start);
      }
      name.append(sql, i, close);
      if (close + 1 < sql.length() && sql.charAt(close + 1) == '"') {
        name.append('"');
        i = close + 2;
      } else {
        tokens.add(new Token(Type.QUOTED_IDENTIFIER, name.toString(), start, close + 1));
        return close + 1;
      }
    }
  }

  private static int number(String sql, int i) {
    int end = i;
    while (end < sql.length() && (Character.isDigit(sql.charAt(end)) || sql.charAt(end) == '.')) {
      end++;
    }
    if (end < sql.length() && (sql.charAt(end) == 'e' || sql.charAt(end) == 'E')) {
      int exponent = end + 1;
      if (exponent < sql.length() && (sql.charAt(exponent) == '+' || sql.charAt(exponent) == '-')) {
        exponent++;
      }
      if (exponent < sql.length() && Character.isDigit(sql.charAt(exponent))) {
        end = exponent;
        while (end < sql.length() && Character.isDigit(sql.charAt(end))) {
          end++;
        }
      }
    }
    return end;
  }

  private static int skipBlockComment(String sql, int start) {
    int depth = 0;
    int i = start;
    while (i < sql.length()) {
      if (sql.startsWith("/*", i)) {
        depth++;
        i += 2;
      } else if (sql.startsWith("*/", i)) {
        depth--;
        i += 2;
        if (depth == 0) {
          return i;
        }
      } else {
        i++;
      }
    }
    return i;
  }
}
