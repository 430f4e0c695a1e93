package dev.salvage.connectors;

import dev.salvage.connectors.backup.PgDumpReader;
import dev.salvage.connectors.calendar.CalendarEventsJsonReader;
import dev.salvage.connectors.calendar.IcsReader;
import dev.salvage.connectors.email.EmlDirectoryReader;
import dev.salvage.connectors.email.MboxReader;
import dev.salvage.connectors.stripe.StripeListJsonReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** The file readers by source type, and the input files a configured path stands for. */
public final class SourceReaders {
  private static final Map<String, Supplier<SourceReader>> READERS = new LinkedHashMap<>();

  static {
    READERS.put("mbox", MboxReader::new);
    READERS.put("eml", EmlDirectoryReader::new);
    // the name the run config documentation uses for the same reader
    READERS.put("eml-dir", EmlDirectoryReader::new);
    READERS.put("stripe-json", StripeListJsonReader::new);
    READERS.put("calendar-json", CalendarEventsJsonReader::new);
    READERS.put("ics", IcsReader::new);
    READERS.put("pgdump", PgDumpReader::new);
  }

  private SourceReaders() {}

  /**
   * The reader for a source type.
   *
   * @throws IllegalArgumentException naming the type and the known ones when it is unknown
   */
  public static SourceReader forType(String type) {
    Supplier<SourceReader> reader = type == null ? null : READERS.get(type);
    if (reader == null) {
      throw new IllegalArgumentException(
          "Unknown source type '" + type + "'; known types: " + String.join(", ", types()));
    }
    return reader.get();
  }

  /** The known source types. */
  public static List<String> types() {
    return List.copyOf(READERS.keySet());
  }

  /**
   * The files to read for a configured path: the file itself, or every regular file below a
   * directory, recursively, sorted by path. Hidden files ({@code .DS_Store}) are left out; hidden
   * directories are not, since Maildir++ keeps its folders in them ({@code .Sent/cur}).
   *
   * @throws IOException naming the path when it does not exist or cannot be listed
   */
  public static List<Path> inputFiles(Path fileOrDirectory) throws IOException {
    if (!Files.exists(fileOrDirectory)) {
      throw new NoSuchFileException(fileOrDirectory.toString(), null, "Input path does not exist");
    }
    if (!Files.isDirectory(fileOrDirectory)) {
      return List.of(fileOrDirectory);
    }
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(fileOrDirectory)) {
      walk.filter(Files::isRegularFile)
          .filter(path -> !path.getFileName().toString().startsWith("."))
          .sorted()
          .forEach(files::add);
    }
    return List.copyOf(files);
  }
}
