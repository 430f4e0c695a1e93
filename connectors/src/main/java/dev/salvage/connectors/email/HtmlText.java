package dev.salvage.connectors.email;

import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The readable text of an HTML mail body, for mails that have no text/plain part. Unlike jsoup's
 * {@code Element.text()} it keeps line breaks at {@code <br>} and block ends so that line-based
 * patterns in mappings still work. A table row is one line, its cells separated by a space: mail
 * templates lay out "Label: value" pairs as two cells of a row, and a pattern such as {@code
 * ^Termin: (.+)$} must find the value on the label's line, as it does in the text/plain part.
 */
final class HtmlText {
  private HtmlText() {}

  // a table's end tag is one HTML never lets a writer leave out; a cell's, a row's, a
  // paragraph's, the body's and the document's it does
  private static final Pattern TABLE_OPEN = Pattern.compile("<table[\\s>/]");
  private static final Pattern TABLE_CLOSE = Pattern.compile("</table\\s*>");
  private static final Pattern DOCUMENT_CLOSE = Pattern.compile("</(body|html)\\s*>");

  /**
   * How {@code html} shows that it stops short of its end, for a note ({@code "ends inside a tag
   * (...)"}, {@code "ends inside an open <table> ..."}), or null when it ends as written HTML ends.
   * Mail writers close what they open; a text cut on disk or in transit stops in the middle of
   * whatever it was in, and the value in its last cell is cut short without a word. Only what HTML
   * itself requires counts: a closed {@code </body>} or {@code </html>} anywhere means the writer
   * finished, whatever it left open before.
   */
  static String cutInside(String html) {
    String text = html.stripTrailing();
    int tag = text.lastIndexOf('<');
    if (tag >= 0 && tag > text.lastIndexOf('>')) {
      return "ends inside a tag (\"" + shortened(text.substring(tag)) + "\")";
    }
    int comment = text.lastIndexOf("<!--");
    if (comment >= 0 && text.indexOf("-->", comment + 4) < 0) {
      return "ends inside a comment";
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (DOCUMENT_CLOSE.matcher(lower).find()) {
      return null;
    }
    long open = TABLE_OPEN.matcher(lower).results().count();
    long closed = TABLE_CLOSE.matcher(lower).results().count();
    if (open > closed) {
      return "ends inside an open <table> (its </table>, which HTML requires, never comes, nor"
          + " </body> or </html>; its last text: \""
          + shortened(lastText(text))
          + "\")";
    }
    return null;
  }

  /** The text after the last tag of {@code html}, or the last tag when none follows it. */
  private static String lastText(String html) {
    int end = html.lastIndexOf('>');
    String after = html.substring(end + 1).strip();
    return after.isEmpty() ? html.substring(Math.max(0, html.lastIndexOf('<'))) : after;
  }

  private static String shortened(String text) {
    return text.length() <= 40 ? text : "…" + text.substring(text.length() - 40);
  }

  static String of(String html) {
    return of(Jsoup.parse(html).body());
  }

  /** The text of {@code body}, an HTML document's body as parsed. */
  static String of(Element body) {
    StringBuilder out = new StringBuilder();
    NodeTraversor.traverse(
        new NodeVisitor() {
          @Override
          public void head(Node node, int depth) {
            if (node instanceof TextNode text) {
              String value = text.text();
              if (!value.isBlank() || (out.length() > 0 && !endsWithSpace(out))) {
                out.append(value);
              }
            } else if (node.nameIs("br")) {
              out.append('\n');
            }
          }

          @Override
          public void tail(Node node, int depth) {
            if (node instanceof Element element) {
              if (isCell(element)) {
                if (!endsWithSpace(out)) {
                  out.append(' ');
                }
              } else if (element.isBlock() && !endsWithNewline(out)) {
                out.append('\n');
              }
            }
          }
        },
        body);
    return out.toString()
        .replaceAll("[ \\t\\u00a0]+\\n", "\n")
        .replaceAll("\\n[ \\t\\u00a0]+", "\n")
        .replaceAll("\\n{3,}", "\n\n")
        .strip();
  }

  private static boolean isCell(Element element) {
    return element.nameIs("td") || element.nameIs("th");
  }

  private static boolean endsWithNewline(StringBuilder out) {
    return out.length() == 0 || out.charAt(out.length() - 1) == '\n';
  }

  private static boolean endsWithSpace(StringBuilder out) {
    if (out.length() == 0) {
      return true;
    }
    char last = out.charAt(out.length() - 1);
    return last == ' ' || last == '\n';
  }
}
