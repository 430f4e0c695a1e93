package dev.salvage.connectors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes the option tables of docs/*.md from the declarations, so that the docs cannot drift from
 * what the code accepts. A table lives between two marker comments naming its option set, {@code
 * <!-- options:imap -->} and {@code <!-- /options:imap -->}; everything between them is generated.
 * {@code scripts/docs-options} regenerates them, and a test in each module that declares options
 * fails when a doc differs.
 */
public final class OptionDocs {
  private static final Pattern REGION =
      Pattern.compile(
          "(<!-- options:([a-z0-9-]+) -->\n)(.*?)(<!-- /options:\\2 -->)", Pattern.DOTALL);

  private OptionDocs() {}

  /** The generated block of a set: a note, the table, and its rules between options. */
  public static String block(OptionSet set) {
    StringBuilder out = new StringBuilder();
    out.append(
        "<!-- generated from the option declarations by scripts/docs-options: edit those -->\n");
    out.append("| option | type | default | meaning |\n");
    out.append("| --- | --- | --- | --- |\n");
    for (Option<?> option : set.options()) {
      out.append("| `")
          .append(option.name())
          .append("` | ")
          .append(cell(option.type()))
          .append(" | ")
          .append(cell(option.documentedDefault()))
          .append(" | ")
          .append(cell(option.description()))
          .append(" |\n");
    }
    List<String> rules = set.rules();
    if (!rules.isEmpty()) {
      out.append('\n');
      rules.forEach(rule -> out.append("- ").append(rule).append('\n'));
    }
    return out.toString();
  }

  /** The names of the option sets whose tables {@code doc} holds, in order. */
  public static List<String> markers(String doc) {
    List<String> names = new ArrayList<>();
    Matcher matcher = REGION.matcher(doc);
    while (matcher.find()) {
      names.add(matcher.group(2));
    }
    return names;
  }

  /** The names of the option sets whose tables the docs under {@code docsDir} hold. */
  public static List<String> markers(Path docsDir) throws IOException {
    List<String> names = new ArrayList<>();
    for (Path doc : docs(docsDir)) {
      names.addAll(markers(Files.readString(doc, StandardCharsets.UTF_8)));
    }
    return names;
  }

  /**
   * {@code doc} with the tables of the sets in {@code sets} (by marker name) regenerated; tables of
   * other sets are left as they are.
   */
  public static String regenerate(String doc, Map<String, OptionSet> sets) {
    Matcher matcher = REGION.matcher(doc);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      OptionSet set = sets.get(matcher.group(2));
      String body = set == null ? matcher.group(3) : block(set);
      matcher.appendReplacement(
          out, Matcher.quoteReplacement(matcher.group(1) + body + matcher.group(4)));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /**
   * The docs under {@code docsDir} ({@code *.md}) whose tables of {@code sets} differ from them.
   */
  public static List<Path> differing(Path docsDir, Map<String, OptionSet> sets) throws IOException {
    return sync(docsDir, sets, false);
  }

  /**
   * Rewrites the docs under {@code docsDir} whose tables of {@code sets} differ from the
   * declarations with the generated tables; the docs rewritten.
   */
  public static List<Path> rewrite(Path docsDir, Map<String, OptionSet> sets) throws IOException {
    return sync(docsDir, sets, true);
  }

  private static List<Path> sync(Path docsDir, Map<String, OptionSet> sets, boolean write)
      throws IOException {
    List<Path> differing = new ArrayList<>();
    for (Path doc : docs(docsDir)) {
      String text = Files.readString(doc, StandardCharsets.UTF_8);
      String generated = regenerate(text, sets);
      if (!generated.equals(text)) {
        differing.add(doc);
        if (write) {
          Files.writeString(doc, generated, StandardCharsets.UTF_8);
        }
      }
    }
    return differing;
  }

  private static List<Path> docs(Path docsDir) throws IOException {
    try (Stream<Path> files = Files.list(docsDir)) {
      return files.filter(file -> file.toString().endsWith(".md")).sorted().toList();
    }
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
