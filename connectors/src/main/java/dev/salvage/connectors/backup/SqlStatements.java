package dev.salvage.connectors.backup;

import dev.salvage.connectors.backup.SqlTokenizer.SqlSyntaxException;
import dev.salvage.connectors.backup.SqlTokenizer.Token;
import dev.salvage.connectors.backup.SqlTokenizer.Type;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads the few statements of a plain pg_dump that carry table structure and rows. */
final class SqlStatements {
  /**
   * A table and its columns, from CREATE TABLE or a COPY/INSERT column list.
   *
   * @param primaryKey the primary key CREATE TABLE declares inline; empty when it declares none
   * @param notNull the columns CREATE TABLE declares NOT NULL
   */
  record Table(String name, List<String> columns, List<String> primaryKey, List<String> notNull) {
    Table {
      primaryKey = List.copyOf(primaryKey);
      notNull = List.copyOf(notNull);
    }

    Table(String name, List<String> columns, List<String> primaryKey) {
      this(name, columns, primaryKey, List.of());
    }

    Table(String name, List<String> columns) {
      this(name, columns, List.of());
    }
  }

  /** One VALUES tuple: its values (text or null) and its offset in the statement. */
  record Row(List<String> values, int offset) {}

  /** An INSERT: the table, its column list (null when not written) and its rows. */
  record Insert(String table, List<String> columns, List<Row> rows) {}

  private static final Set<String> TABLE_CONSTRAINTS =
      Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "EXCLUDE", "LIKE");
  private static final Set<String> CREATE_TABLE_MODIFIERS =
      Set.of("UNLOGGED", "TEMP", "TEMPORARY", "GLOBAL", "LOCAL", "IF", "NOT", "EXISTS", "ONLY");

  private SqlStatements() {}

  /** {@code COPY name [(columns)] FROM stdin;}; columns are null when no list is written. */
  static Table copy(String line, Charset charset, boolean standardStrings)
      throws SqlSyntaxException {
    Cursor cursor = new Cursor(SqlTokenizer.tokenize(line, charset, standardStrings));
    cursor.expectWord("COPY");
    String table = cursor.qualifiedName();
    List<String> columns = cursor.peekSymbol("(") ? cursor.nameList() : null;
    cursor.expectWord("FROM");
    cursor.expectWord("stdin");
    return new Table(table, columns);
  }

  /** {@code CREATE TABLE name (column type ..., constraint ...)}; null for other forms. */
  static Table createTable(String sql, Charset charset, boolean standardStrings)
      throws SqlSyntaxException {
    Cursor cursor = new Cursor(SqlTokenizer.tokenize(sql, charset, standardStrings));
    cursor.expectWord("CREATE");
    while (cursor.peekWordIn(CREATE_TABLE_MODIFIERS)) {
      cursor.next();
    }
    cursor.expectWord("TABLE");
    while (cursor.peekWordIn(CREATE_TABLE_MODIFIERS)) {
      cursor.next();
    }
    String name = cursor.qualifiedName();
    if (!cursor.peekSymbol("(")) {
      return null; // PARTITION OF, OF type, AS SELECT: no column list to learn from
    }
    cursor.next();
    List<String> columns = new ArrayList<>();
    List<String> primaryKey = List.of();
    List<String> notNull = new ArrayList<>();
    while (!cursor.peekSymbol(")")) {
      Token first = cursor.next();
      boolean constraint =
          first.type() == Type.WORD
              && TABLE_CONSTRAINTS.contains(first.text().toUpperCase(Locale.ROOT));
      if (!constraint) {
        columns.add(identifier(first));
        if (cursor.itemSays("NOT", "NULL")) {
          notNull.add(identifier(first));
        }
      }
      if (first.isWord("PRIMARY")) {
        cursor.expectWord("KEY");
        primaryKey = cursor.keyColumns();
      } else if (cursor.skipToPrimaryKey()) {
        // "id integer PRIMARY KEY" or "CONSTRAINT t_pkey PRIMARY KEY (a, b)"
        primaryKey = constraint ? cursor.keyColumns() : List.of(columns.get(columns.size() - 1));
      }
      cursor.skipToTopLevel(",", ")");
      if (cursor.peekSymbol(",")) {
        cursor.next();
      }
    }
    return new Table(name, columns, primaryKey, notNull);
  }

  /**
   * {@code ALTER TABLE [ONLY] name ADD [CONSTRAINT c] PRIMARY KEY (a, b)} or {@code ... UNIQUE (a,
   * b)}, which pg_dump writes after a table's data; null for any other ALTER TABLE (and for a key
   * {@code USING INDEX}, whose columns are not written in it).
   */
  static DeclaredKeys.Key alterTableKey(String sql, Charset charset, boolean standardStrings)
      throws SqlSyntaxException {
    Cursor cursor = new Cursor(SqlTokenizer.tokenize(sql, charset, standardStrings));
    cursor.expectWord("ALTER");
    cursor.expectWord("TABLE");
    while (cursor.peekWordIn(CREATE_TABLE_MODIFIERS)) {
      cursor.next();
    }
    String name = cursor.qualifiedName();
    if (!cursor.peekWordIn(Set.of("ADD"))) {
      return null;
    }
    cursor.next();
    String constraint = "";
    if (cursor.peekWordIn(Set.of("CONSTRAINT"))) {
      cursor.next();
      constraint = identifier(cursor.next());
    }
    boolean primary;
    if (cursor.peekWordIn(Set.of("PRIMARY"))) {
      cursor.next();
      cursor.expectWord("KEY");
      primary = true;
    } else if (cursor.peekWordIn(Set.of("UNIQUE"))) {
      cursor.next();
      // NULLS NOT DISTINCT (PostgreSQL 15) makes NULLs equal; the columns must still be NOT NULL
      while (cursor.peekWordIn(Set.of("NULLS", "NOT", "DISTINCT"))) {
        cursor.next();
      }
      primary = false;
    } else {
      return null;
    }
    if (!cursor.peekSymbol("(")) {
      return null;
    }
    return new DeclaredKeys.Key(name, constraint, cursor.keyColumns(), primary);
  }

  /** A partition and the partitioned table whose rows it holds. */
  record Partition(String table, String parent) {}

  /**
   * {@code ALTER TABLE [ONLY] parent ATTACH PARTITION child FOR VALUES ...}, as pg_dump 11 and
   * later write a partition, or {@code CREATE TABLE child PARTITION OF parent ...}, as pg_dump 10
   * did; null for any other statement.
   */
  static Partition partition(String sql, Charset charset, boolean standardStrings)
      throws SqlSyntaxException {
    Cursor cursor = new Cursor(SqlTokenizer.tokenize(sql, charset, standardStrings));
    boolean alter = cursor.peekWordIn(Set.of("ALTER"));
    cursor.next();
    while (cursor.peekWordIn(CREATE_TABLE_MODIFIERS)) {
      cursor.next();
    }
    cursor.expectWord("TABLE");
    while (cursor.peekWordIn(CREATE_TABLE_MODIFIERS)) {
      cursor.next();
    }
    String first = cursor.qualifiedName();
    if (alter) {
      if (!cursor.peekWordIn(Set.of("ATTACH"))) {
        return null;
      }
      cursor.next();
      cursor.expectWord("PARTITION");
      return new Partition(cursor.qualifiedName(), first);
    }
    if (!cursor.peekWordIn(Set.of("PARTITION"))) {
      return null;
    }
    cursor.next();
    cursor.expectWord("OF");
    return new Partition(first, cursor.qualifiedName());
  }

  /**
   * {@code CREATE UNIQUE INDEX [CONCURRENTLY] [IF NOT EXISTS] name ON [ONLY] table [USING m] (a, b)
   * ...}, as pg_dump writes a unique index: the table and its columns; null for an index that is
   * not unique, is partial ({@code WHERE}) or indexes an expression ({@code lower(email)}), which
   * cannot tell rows apart by their columns.
   */
  static DeclaredKeys.Key uniqueIndex(String sql, Charset charset, boolean standardStrings)
      throws SqlSyntaxException {
    Cursor cursor = new Cursor(SqlTokenizer.tokenize(sql, charset, standardStrings));
    cursor.expectWord("CREATE");
    if (!cursor.peekWordIn(Set.of("UNIQUE"))) {
      return null;
    }
    cursor.next();
    cursor.expectWord("INDEX");
    while (cursor.peekWordIn(Set.of("CONCURRENTLY", "IF", "NOT", "EXISTS"))) {
      cursor.next();
    }
    String index = cursor.peekWordIn(Set.of("ON")) ? "" : identifier(cursor.next());
    cursor.expectWord("ON");
    if (cursor.peekWordIn(Set.of("ONLY"))) {
      cursor.next();
    }
    String table = cursor.qualifiedName();
    if (cursor.peekWordIn(Set.of("USING"))) {
      cursor.next();
      cursor.next();
    }
    List<String> columns = cursor.plainColumns();
    if (columns == null || cursor.restSays("WHERE")) {
      return null;
    }
    return new DeclaredKeys.Key(table, index, columns, false);
  }

  /**
   * {@code INSERT INTO name [(columns)] [OVERRIDING ...] VALUES (...), (...) [ON CONFLICT ...]}.
   */
  /** The table of an INSERT from its head ({@code INSERT INTO name [(columns)]}), values unread. */
  static String insertTable(String head, Charset charset, boolean standardStrings)
      throws SqlSyntaxException {
    Cursor cursor = new Cursor(SqlTokenizer.tokenize(head, charset, standardStrings));
    cursor.expectWord("INSERT");
    cursor.expectWord("INTO");
    return cursor.qualifiedName();
  }

  static Insert insert(String sql, Charset charset, boolean standardStrings)
      throws SqlSyntaxException {
    Cursor cursor = new Cursor(SqlTokenizer.tokenize(sql, charset, standardStrings));
    cursor.expectWord("INSERT");
    cursor.expectWord("INTO");
    String table = cursor.qualifiedName();
    List<String> columns = cursor.peekSymbol("(") ? cursor.nameList() : null;
    while (!cursor.peekWord("VALUES")) {
      Token token = cursor.next();
      if (token.isWord("SELECT") || token.isWord("DEFAULT")) {
        throw new SqlSyntaxException("only INSERT ... VALUES can be read", token.start());
      }
    }
    cursor.next();
    List<Row> rows = new ArrayList<>();
    while (true) {
      Token open = cursor.expectSymbol("(");
      List<String> values = new ArrayList<>();
      while (true) {
        values.add(cursor.value(sql));
        Token separator = cursor.next();
        if (separator.isSymbol(")")) {
          break;
        }
        if (!separator.isSymbol(",")) {
          throw new SqlSyntaxException("expected , or ) after a value", separator.start());
        }
      }
      rows.add(new Row(values, open.start()));
      if (!cursor.peekSymbol(",")) {
        return new Insert(table, columns, rows);
      }
      cursor.next();
    }
  }

  /** A table name as used in refs: unquoted, without the default {@code public} schema. */
  static String tableName(List<String> parts) {
    if (parts.size() == 2 && parts.get(0).equals("public")) {
      return parts.get(1);
    }
    return String.join(".", parts);
  }

  private static String identifier(Token token) throws SqlSyntaxException {
    return switch (token.type()) {
      case QUOTED_IDENTIFIER -> token.text();
      case WORD -> token.text().toLowerCase(Locale.ROOT);
      default ->
          throw new SqlSyntaxException("expected a name, found " + token.text(), token.start());
    };
  }

  /** Walks a token list. */
  private static final class Cursor {
    private final List<Token> tokens;
    private int position;

    Cursor(List<Token> tokens) {
      this.tokens = tokens;
    }

    Token next() throws SqlSyntaxException {
      if (position >= tokens.size()) {
        int end = tokens.isEmpty() ? 0 : tokens.get(tokens.size() - 1).end();
        throw new SqlSyntaxException("unexpected end of statement", end);
      }
      return tokens.get(position++);
    }

    private Token peek() {
      return position < tokens.size() ? tokens.get(position) : null;
    }

    boolean peekSymbol(String symbol) {
      return peek() != null && peek().isSymbol(symbol);
    }

    boolean peekWord(String word) throws SqlSyntaxException {
      if (peek() == null) {
        throw new SqlSyntaxException(
            "expected " + word, tokens.isEmpty() ? 0 : tokens.get(tokens.size() - 1).end());
      }
      return peek().isWord(word);
    }

    boolean peekWordIn(Set<String> words) {
      return peek() != null
          && peek().type() == Type.WORD
          && words.contains(peek().text().toUpperCase(Locale.ROOT));
    }

    void expectWord(String word) throws SqlSyntaxException {
      Token token = next();
      if (!token.isWord(word)) {
        throw new SqlSyntaxException("expected " + word + ", found " + token.text(), token.start());
      }
    }

    Token expectSymbol(String symbol) throws SqlSyntaxException {
      Token token = next();
      if (!token.isSymbol(symbol)) {
        throw new SqlSyntaxException(
            "expected " + symbol + ", found " + token.text(), token.start());
      }
      return token;
    }

    String qualifiedName() throws SqlSyntaxException {
      List<String> parts = new ArrayList<>();
      parts.add(identifier(next()));
      while (peekSymbol(".")) {
        next();
        parts.add(identifier(next()));
      }
      return tableName(parts);
    }

    List<String> nameList() throws SqlSyntaxException {
      expectSymbol("(");
      List<String> names = new ArrayList<>();
      while (true) {
        names.add(identifier(next()));
        Token separator = next();
        if (separator.isSymbol(")")) {
          return names;
        }
        if (!separator.isSymbol(",")) {
          throw new SqlSyntaxException("expected , or ) in a column list", separator.start());
        }
      }
    }

    /**
     * A key's column list, {@code (a, b)}: the first name of each item, so that {@code (id,
     * valid_at WITHOUT OVERLAPS)} is {@code [id, valid_at]}.
     */
    List<String> keyColumns() throws SqlSyntaxException {
      expectSymbol("(");
      List<String> names = new ArrayList<>();
      while (true) {
        names.add(identifier(next()));
        skipToTopLevel(",", ")");
        if (next().isSymbol(")")) {
          return names;
        }
      }
    }

    /**
     * An index's column list {@code (a, b DESC, c text_pattern_ops)}: the columns; null when an
     * item is an expression ({@code (lower(email))}, {@code lower(email)}).
     */
    List<String> plainColumns() throws SqlSyntaxException {
      expectSymbol("(");
      List<String> names = new ArrayList<>();
      while (true) {
        Token first = next();
        if (first.isSymbol("(") || peekSymbol("(")) {
          return null;
        }
        names.add(identifier(first));
        skipToTopLevel(",", ")");
        if (next().isSymbol(")")) {
          return names;
        }
      }
    }

    /**
     * Whether the current CREATE TABLE item, up to the next {@code ,} or {@code )} outside
     * parentheses, holds the words {@code first second} in a row outside parentheses; the cursor
     * does not move.
     */
    boolean itemSays(String first, String second) {
      return itemWords(first, second) >= 0;
    }

    /**
     * Where the words {@code first second} stand in a row in the current CREATE TABLE item, outside
     * parentheses, up to the next {@code ,} or {@code )}; -1 when they do not.
     */
    private int itemWords(String first, String second) {
      int depth = 0;
      for (int i = position; i < tokens.size(); i++) {
        Token token = tokens.get(i);
        if (depth == 0 && (token.isSymbol(",") || token.isSymbol(")"))) {
          return -1;
        }
        if (token.isSymbol("(")) {
          depth++;
        } else if (token.isSymbol(")")) {
          depth--;
        } else if (depth == 0
            && token.isWord(first)
            && i + 1 < tokens.size()
            && tokens.get(i + 1).isWord(second)) {
          return i;
        }
      }
      return -1;
    }

    /** Whether {@code word} follows anywhere after the cursor outside parentheses. */
    boolean restSays(String word) {
      int depth = 0;
      for (int i = position; i < tokens.size(); i++) {
        Token token = tokens.get(i);
        if (token.isSymbol("(")) {
          depth++;
        } else if (token.isSymbol(")")) {
          depth--;
        } else if (depth == 0 && token.isWord(word)) {
          return true;
        }
      }
      return false;
    }

    /**
     * Moves past {@code PRIMARY KEY} when the rest of the current CREATE TABLE item, up to the next
     * {@code ,} or {@code )} outside parentheses, says it; otherwise leaves the cursor where it is.
     */
    boolean skipToPrimaryKey() {
      int at = itemWords("PRIMARY", "KEY");
      if (at < 0) {
        return false;
      }
      position = at + 2;
      return true;
    }

    /** Skips to the next of {@code stops} outside parentheses, leaving the cursor on it. */
    void skipToTopLevel(String... stops) throws SqlSyntaxException {
      int depth = 0;
      List<String> stopList = Arrays.asList(stops);
      while (true) {
        Token token = peek();
        if (token == null) {
          throw new SqlSyntaxException(
              "unexpected end of statement",
              tokens.isEmpty() ? 0 : tokens.get(tokens.size() - 1).end());
        }
        if (depth == 0 && token.type() == Type.SYMBOL && stopList.contains(token.text())) {
          return;
        }
        if (token.isSymbol("(")) {
          depth++;
        } else if (token.isSymbol(")")) {
          depth--;
        }
        position++;
      }
    }

    /**
     * One value of a VALUES tuple as text: a string's content, NULL as null, true/false as t/f (as
     * COPY writes them), a number or other expression as written; {@code ::type} casts are dropped.
     */
    String value(String sql) throws SqlSyntaxException {
      int start = position;
      skipToTopLevel(",", ")");
      List<Token> value = tokens.subList(start, position);
      if (value.isEmpty()) {
        throw new SqlSyntaxException("missing value", peek().start());
      }
      int castAt = indexOfCast(value);
      List<Token> literal = castAt < 0 ? value : value.subList(0, castAt);
      if (literal.size() == 1) {
        Token token = literal.get(0);
        if (token.type() == Type.STRING) {
          return token.text();
        }
        if (token.isWord("NULL")) {
          return null;
        }
        if (token.isWord("TRUE")) {
          return "t";
        }
        if (token.isWord("FALSE")) {
          return "f";
        }
      }
      if (literal.size() == 2
          && (literal.get(0).isSymbol("-") || literal.get(0).isSymbol("+"))
          && literal.get(1).type() == Type.NUMBER) {
        return (literal.get(0).isSymbol("-") ? "-" : "") + literal.get(1).text();
      }
      return sql.substring(literal.get(0).start(), literal.get(literal.size() - 1).end());
    }

    private static int indexOfCast(List<Token> value) {
      for (int i = 0; i < value.size(); i++) {
        if (value.get(i).isSymbol("::")) {
          return i;
        }
      }
      return -1;
    }
  }
}
