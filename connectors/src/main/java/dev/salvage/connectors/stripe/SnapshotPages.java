package dev.salvage.connectors.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.connectors.io.JsonInput;
import dev.salvage.connectors.io.Superseded;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps every list page read, byte for byte, as {@code <dir>/<object>/page-<from>-<to>-NNNN.json}
 * (the slice's created-time bounds in epoch seconds, the page's number in the slice) so that a
 * {@code stripe-json} source can read the same objects again without calling Stripe, and a rerun of
 * the same window can resume a slice after its last stored page. A page is written whole or not at
 * all.
 */
final class SnapshotPages {
  private static final Pattern PAGE = Pattern.compile("page-(\\d+)-(?:(\\d+)-)?(\\d{4,})\\.json");
  private static final Pattern NAMED = Pattern.compile("named-by-([a-z_]+)-(\\d+)-(\\d+)\\.json");

  private final Path dir;

  SnapshotPages(Path dir) {
    this.dir = dir;
  }

  void write(Slice slice, int page, String body) throws IOException {
    writeWhole(folder(slice.type()).resolve(name(slice, page)), body);
  }

  private static void writeWhole(Path target, String body) throws IOException {
    Files.createDirectories(target.getParent());
    Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
    Files.writeString(partial, body, StandardCharsets.UTF_8);
    Files.move(
        partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Where the customers the objects of {@code slice} name, created outside the window and so
   * fetched by id, are kept: one list page among the customers' pages, {@code
   * customers/named-by-<list>-<from>-<to>.json}, which a {@code stripe-json} run reads with them.
   */
  Path named(Slice slice) {
    return folder(StripeObjectType.CUSTOMERS)
        .resolve(
            String.format(
                "named-by-%s-%d-%d.json", slice.type().optionName(), slice.from(), slice.to()));
  }

  /** Writes the named customers' page of {@code slice}, whole or not at all. */
  void writeNamed(Slice slice, String body) throws IOException {
    writeWhole(named(slice), body);
  }

  /**
   * The ids of the customers the named customers' pages stored hold, passed on or gone: a fetch
   * resuming into the folder does not ask for them again, since the slice whose page holds one
   * passes it on from there. A page that cannot be read adds none.
   */
  Set<String> namedIds() throws IOException {
    Set<String> ids = new java.util.HashSet<>();
    Path folder = folder(StripeObjectType.CUSTOMERS);
    if (!Files.isDirectory(folder)) {
      return ids;
    }
    try (DirectoryStream<Path> pages = Files.newDirectoryStream(folder, "named-by-*.json")) {
      for (Path page : pages) {
        JsonNode list;
        try {
          list = JsonInput.MAPPER.readTree(Files.readString(page, StandardCharsets.UTF_8));
        } catch (IOException unreadable) {
          continue;
        }
        for (JsonNode customer : list.path("data")) {
          ids.add(customer.path("id").asText());
        }
        for (JsonNode gone : list.path(SliceReader.GONE)) {
          ids.add(gone.path("id").asText());
        }
      }
    }
    ids.remove("");
    return ids;
  }

  /**
   * The ids of the customers the customers list's stored pages hold. Called after {@link
   * #keepOnly}, these are pages of this window's slices, which the customers list of this run
   * passes on (replayed from here, or fetched again if set aside), so asking for one by id would
   * only be dropped as the list's. A page that cannot be read adds none.
   */
  Set<String> listedCustomerIds() throws IOException {
    Set<String> ids = new java.util.HashSet<>();
    Path folder = folder(StripeObjectType.CUSTOMERS);
    if (!Files.isDirectory(folder)) {
      return ids;
    }
    try (DirectoryStream<Path> pages = Files.newDirectoryStream(folder, "page-*.json")) {
      for (Path page : pages) {
        try {
          for (JsonNode customer :
              JsonInput.MAPPER
                  .readTree(Files.readString(page, StandardCharsets.UTF_8))
                  .path("data")) {
            ids.add(customer.path("id").asText());
          }
        } catch (IOException unreadable) {
          // read again from Stripe by its slice, which passes its customers on
        }
      }
    }
    ids.remove("");
    return ids;
  }

  /** The stored pages of {@code slice} numbered 1, 2, ... without a gap, in order. */
  List<Path> stored(Slice slice) {
    List<Path> pages = new ArrayList<>();
    Path folder = folder(slice.type());
    for (int page = 1; Files.isRegularFile(folder.resolve(name(slice, page))); page++) {
      pages.add(folder.resolve(name(slice, page)));
    }
    return pages;
  }

  /**
   * Sets the stored pages of {@code slice} from number {@code first} on aside under hidden {@code
   * .superseded-*} names (a newer read replaces them; they may hold objects Stripe no longer
   * lists).
   */
  void setAsideFrom(Slice slice, int first) throws IOException {
    Path folder = folder(slice.type());
    List<Path> replaced = new ArrayList<>();
    try (DirectoryStream<Path> pages = Files.newDirectoryStream(folder, "page-*.json")) {
      for (Path page : pages) {
        Matcher name = PAGE.matcher(page.getFileName().toString());
        if (name.matches()
            && Long.parseLong(name.group(1)) == slice.from()
            && name.group(2) != null
            && Long.parseLong(name.group(2)) == slice.to()
            && Integer.parseInt(name.group(3)) >= first) {
          replaced.add(page);
        }
      }
    }
    Superseded.setAside(replaced);
  }

  /**
   * Sets aside (under hidden {@code .superseded-*} names) the pages of the lists of {@code slices}
   * that belong to none of them: pages of an earlier window or split (the last slice of a window
   * ending at "now" changes with each fetch), which a {@code stripe-json} run over the folder would
   * otherwise read beside the new ones. They are kept: they may hold objects Stripe no longer
   * lists.
   */
  void keepOnly(Collection<Slice> slices) throws IOException {
    Set<StripeObjectType> types = new java.util.HashSet<>();
    Set<String> kept = new java.util.HashSet<>();
    for (Slice slice : slices) {
      types.add(slice.type());
      kept.add(slice.type().optionName() + "/" + slice.from() + "-" + slice.to());
    }
    if (types.contains(StripeObjectType.CUSTOMERS)) {
      setAsideNamedOfNo(kept);
    }
    for (StripeObjectType type : types) {
      Path folder = folder(type);
      if (!Files.isDirectory(folder)) {
        continue;
      }
      List<Path> earlier = new ArrayList<>();
      try (DirectoryStream<Path> pages = Files.newDirectoryStream(folder, "page-*.json")) {
        for (Path page : pages) {
          Matcher name = PAGE.matcher(page.getFileName().toString());
          boolean current =
              name.matches()
                  && name.group(2) != null
                  && kept.contains(type.optionName() + "/" + name.group(1) + "-" + name.group(2));
          if (!current) {
            earlier.add(page);
          }
        }
      }
      Superseded.setAside(earlier);
    }
  }

  /** Sets aside the named customers' pages of slices not {@code kept}: an earlier window's. */
  private void setAsideNamedOfNo(Set<String> kept) throws IOException {
    Path folder = folder(StripeObjectType.CUSTOMERS);
    if (!Files.isDirectory(folder)) {
      return;
    }
    List<Path> earlier = new ArrayList<>();
    try (DirectoryStream<Path> pages = Files.newDirectoryStream(folder, "named-by-*.json")) {
      for (Path page : pages) {
        Matcher name = NAMED.matcher(page.getFileName().toString());
        if (!name.matches()
            || !kept.contains(name.group(1) + "/" + name.group(2) + "-" + name.group(3))) {
          earlier.add(page);
        }
      }
    }
    Superseded.setAside(earlier);
  }

  private Path folder(StripeObjectType type) {
    return dir.resolve(type.optionName());
  }

  static String name(Slice slice, int page) {
    return String.format("page-%d-%d-%04d.json", slice.from(), slice.to(), page);
  }
}
