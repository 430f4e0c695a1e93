package dev.salvage.samples;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** JSON output the way the APIs print it: pretty, "key": value, {} and [] when empty, LF. */
final class JsonFiles {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonFiles() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  /** Writes one pretty document; Stripe indents by two spaces, Google by one. */
  static void write(Path file, JsonNode document, int indent) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        JsonGenerator generator = MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
      generator.setPrettyPrinter(printer(indent));
      MAPPER.writeTree(generator, document);
      generator.writeRaw('\n');
    }
  }

  /**
   * Writes {@code items} as numbered pages ({@code prefix-0001.json}, ...) of {@code pageSize},
   * building each page's document around its items; at least one page, even when empty.
   *
   * @return the number of pages written
   */
  static <T> int writePages(
      Path dir, String prefix, List<T> items, int pageSize, int indent, PageBuilder<T> page)
      throws IOException {
    int pages = Math.max(1, (items.size() + pageSize - 1) / pageSize);
    for (int i = 0; i < pages; i++) {
      List<T> slice = items.subList(i * pageSize, Math.min(items.size(), (i + 1) * pageSize));
      write(
          dir.resolve(String.format("%s-%04d.json", prefix, i + 1)),
          page.build(slice, i, i == pages - 1),
          indent);
    }
    return pages;
  }

  /** Builds one page around its items. */
  interface PageBuilder<T> {
    JsonNode build(List<T> items, int pageIndex, boolean last) throws IOException;
  }

  static <T> ArrayNode arrayOf(List<T> items, Function<T, JsonNode> each) {
    ArrayNode array = array();
    for (T item : items) {
      array.add(each.apply(item));
    }
    return array;
  }

  private static DefaultPrettyPrinter printer(int indent) {
    Separators separators =
        Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");
    DefaultIndenter indenter = new DefaultIndenter(" ".repeat(indent), "\n");
    return new DefaultPrettyPrinter(separators)
        .withObjectIndenter(indenter)
        .withArrayIndenter(indenter);
  }
}
