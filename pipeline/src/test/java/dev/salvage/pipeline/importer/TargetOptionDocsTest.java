package dev.salvage.pipeline.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.connectors.OptionDocs;
import dev.salvage.connectors.OptionSet;
import dev.salvage.connectors.SourceReaders;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The import target's option tables in docs/*.md are those its declarations generate, and every
 * option table of the docs belongs to a declared option set (the connectors' OptionDocsTest checks
 * the source types' tables). Run with {@code -Dsalvage.updateDocs=true} (scripts/docs-options) to
 * rewrite them.
 */
class TargetOptionDocsTest {
  private static final Path DOCS = Path.of("..", "docs");

  /** The import target's option sets, by the name of their table in the docs. */
  private static final Map<String, OptionSet> TARGET =
      Map.of(
          "target-policy",
          TargetMapping.Policy.OPTIONS,
          "target-time-zone",
          TargetMapping.WallTimeZone.OPTIONS,
          "target-soft-delete",
          TargetMapping.TableMapping.OPTIONS);

  @Test
  void theTargetsOptionTablesAreGeneratedFromItsDeclarations() throws Exception {
    boolean update = Boolean.getBoolean("salvage.updateDocs");

    List<Path> differing =
        update ? OptionDocs.rewrite(DOCS, TARGET) : OptionDocs.differing(DOCS, TARGET);

    if (!update) {
      assertThat(differing)
          .as("docs whose option tables differ from the declarations: run scripts/docs-options")
          .isEmpty();
    }
  }

  @Test
  void everyOptionTableOfTheDocsHasItsDeclarations() throws Exception {
    List<String> markers = OptionDocs.markers(DOCS);
    List<String> declared = new ArrayList<>(SourceReaders.types());
    declared.addAll(TARGET.keySet());

    assertThat(markers).containsAll(TARGET.keySet());
    assertThat(declared).containsAll(markers);
  }
}
