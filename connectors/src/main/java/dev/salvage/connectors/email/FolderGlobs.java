package dev.salvage.connectors.email;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Selects folders by name or glob ({@code *} any text including the hierarchy separator, {@code ?}
 * one character). Names are case-sensitive except INBOX, which IMAP defines as case-insensitive.
 */
final class FolderGlobs {
  private static final String INBOX = "INBOX";

  private FolderGlobs() {}

  static boolean isGlob(String pattern) {
    return pattern.contains("*") || pattern.contains("?");
  }

  static boolean matches(String pattern, String folder) {
    return regex(canonical(pattern)).matcher(canonical(folder)).matches();
  }

  /** The folders matching the patterns, in pattern order, each once. */
  static List<String> select(List<String> patterns, List<String> folders) {
    Set<String> selected = new LinkedHashSet<>();
    for (String pattern : patterns) {
      List<String> matching = new ArrayList<>();
      for (String folder : folders) {
        if (matches(pattern, folder)) {
          matching.add(folder);
        }
      }
      matching.sort(String::compareTo);
      selected.addAll(matching);
    }
    return List.copyOf(selected);
  }

  private static String canonical(String name) {
    if (name.length() >= INBOX.length()
        && name.substring(0, INBOX.length()).toUpperCase(Locale.ROOT).equals(INBOX)
        && (name.length() == INBOX.length() || !Character.isLetterOrDigit(name.charAt(5)))) {
      return INBOX + name.substring(INBOX.length());
    }
    return name;
  }

  private static Pattern regex(String glob) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : glob.toCharArray()) {
      if (c == '*' || c == '?') {
        regex.append(Pattern.quote(literal.toString())).append(c == '*' ? ".*" : ".");
        literal.setLength(0);
      } else {
        literal.append(c);
      }
    }
    regex.append(Pattern.quote(literal.toString()));
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
