package dev.salvage.connectors.email;

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
