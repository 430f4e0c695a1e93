package dev.salvage.connectors;

import java.io.Serializable;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/**
 * Which files of a source's directory are read: a source's {@code include} and {@code exclude}
 * globs. A glob without {@code /} matches a file's name at any depth ({@code *.json}); one with
 * {@code /} matches its path relative to the directory ({@code 2026/*.json}, {@code **}{@code
 * /pages/*}). A file is read when it matches some include glob (or there is none) and no exclude
 * glob.
 *
 * @param include globs of files to read; empty for every file
 * @param exclude globs of files not to read
 */
public record FileSelection(List<String> include, List<String> exclude) implements Serializable {
  /** Every file. */
  public static final FileSelection ALL = new FileSelection(List.of(), List.of());

  public FileSelection {
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
    include.forEach(FileSelection::check);
    exclude.forEach(FileSelection::check);
  }

  /**
   * Checks that {@code glob} compiles.
   *
   * @throws IllegalArgumentException saying why it does not
   */
  public static void check(String glob) {
    if (glob == null || glob.isBlank()) {
      throw new IllegalArgumentException("a glob must not be empty");
    }
    try {
      FileSystems.getDefault().getPathMatcher("glob:" + glob);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "\"" + glob + "\" is not a glob: " + e.getDescription(), e);
    }
  }

  /** Whether every file is read. */
  public boolean all() {
    return include.isEmpty() && exclude.isEmpty();
  }

  /**
   * The files of {@code files} (under {@code root}) this selection reads, in their order, and the
   * others.
   */
  public Chosen choose(Path root, List<Path> files) {
    List<PathMatcher> includes = matchers(include);
    List<PathMatcher> excludes = matchers(exclude);
    List<Path> chosen = new ArrayList<>();
    List<Path> left = new ArrayList<>();
    for (Path file : files) {
      Path relative = root.relativize(file);
      boolean in =
          (include.isEmpty() || matches(includes, include, relative))
              && !matches(excludes, exclude, relative);
      (in ? chosen : left).add(file);
    }
    return new Chosen(List.copyOf(chosen), List.copyOf(left));
  }

  /** The files read and the files left out. */
  public record Chosen(List<Path> read, List<Path> left) {}

  private static List<PathMatcher> matchers(List<String> globs) {
    List<PathMatcher> matchers = new ArrayList<>();
    for (String glob : globs) {
      matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
    }
    return matchers;
  }

  private static boolean matches(List<PathMatcher> matchers, List<String> globs, Path relative) {
    for (int i = 0; i < matchers.size(); i++) {
      Path subject = globs.get(i).contains("/") ? relative : relative.getFileName();
      if (subject != null && matchers.get(i).matches(subject)) {
        return true;
      }
    }
    return false;
  }
}
