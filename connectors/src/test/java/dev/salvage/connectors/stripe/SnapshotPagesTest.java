package dev.salvage.connectors.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotPagesTest {
  @TempDir Path dir;

  @Test
  void pagesOfAnEarlierWindowAreSetAsideNotDeletedAndNotReadBesideTheNewOnes() throws Exception {
    SnapshotPages pages = new SnapshotPages(dir);
    Slice earlier = new Slice(StripeObjectType.CUSTOMERS, 1000, 2000);
    Slice current = new Slice(StripeObjectType.CUSTOMERS, 1000, 3000);
    // a customer deleted in Stripe since is only in the earlier window's page
    pages.write(earlier, 1, "{\"data\":[{\"id\":\"cus_gone\"}]}");
    pages.write(current, 1, "{\"data\":[]}");

    pages.keepOnly(List.of(current));

    Path folder = dir.resolve("customers");
    assertThat(pages.stored(current)).containsExactly(folder.resolve("page-1000-3000-0001.json"));
    try (Stream<Path> files = Files.walk(folder)) {
      List<Path> kept = files.filter(Files::isRegularFile).toList();
      assertThat(kept).hasSize(2);
      assertThat(kept)
          .filteredOn(f -> f.getFileName().toString().endsWith("page-1000-2000-0001.json"))
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.getFileName().toString()).startsWith(".superseded-");
                assertThat(f).content().contains("cus_gone");
              });
    }
  }

  @Test
  void aDamagedPageFetchedAgainIsSetAsideWithThoseAfterIt() throws Exception {
    SnapshotPages pages = new SnapshotPages(dir);
    Slice slice = new Slice(StripeObjectType.CUSTOMERS, 1000, 2000);
    pages.write(slice, 1, "{\"data\":[]}");
    pages.write(slice, 2, "{broken");
    pages.write(slice, 3, "{\"data\":[]}");

    pages.setAsideFrom(slice, 2);

    assertThat(pages.stored(slice)).hasSize(1);
    try (Stream<Path> files = Files.walk(dir.resolve("customers"))) {
      assertThat(
              files
                  .filter(Files::isRegularFile)
                  .filter(f -> f.getFileName().toString().startsWith(".superseded-")))
          .hasSize(2);
    }
  }
}
