package dev.salvage.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The option tables of docs/*.md are those the declarations generate. Run with {@code
 * -Dsalvage.updateDocs=true} (scripts/docs-options) to rewrite them.
 */
class OptionDocsTest {
  static final Path DOCS = Path.of("..", "docs");

  /** The option sets of the source types that take options, by type. */
  static Map<String, OptionSet> sourceOptionSets() {
    Map<String, OptionSet> sets = new LinkedHashMap<>();
    for (String type : SourceReaders.types()) {
      OptionSet set = SourceReaders.options(type);
      if (!set.options().isEmpty()) {
        sets.put(type, set);
      }
    }
    return sets;
  }

  @Test
  void theOptionTablesOfTheDocsAreGeneratedFromTheDeclarations() throws Exception {
    boolean update = Boolean.getBoolean("salvage.updateDocs");

    List<Path> differing =
        update
            ? OptionDocs.rewrite(DOCS, sourceOptionSets())
            : OptionDocs.differing(DOCS, sourceOptionSets());

    if (!update) {
      assertThat(differing)
          .as("docs whose option tables differ from the declarations: run scripts/docs-options")
          .isEmpty();
    }
  }

  @Test
  void everySourceTypeWithOptionsHasItsTableInTheDocs() throws Exception {
    List<String> markers = OptionDocs.markers(DOCS);

    assertThat(markers).containsAll(sourceOptionSets().keySet());
    assertThat(markers).doesNotHaveDuplicates();
  }
}
