package dev.salvage.connectors.stripe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the page that follows a list page saying {@code has_more: true}. A Stripe page does not
 * name its successor (the next request only passes the last object's id), so the pages of one list
 * are told apart by their file names: the same name with the trailing number one higher ({@code
 * charges-0003.json} after {@code charges-0002.json}, {@code page-<from>-<to>-0002.json} in a
 * {@code stripe-api} snapshot). A page whose next page is not there ends its list early: every
 * object after its last one is missing, which a run must not take for the whole list.
 */
final class NextPage {
  private static final Pattern NUMBERED =
      Pattern.compile("(.*?)(\\d+)(\\.json(?:\\.gz)?)", Pattern.CASE_INSENSITIVE);

  private NextPage() {}

  /**
   * What a page claims to be followed by.
   *
   * @param url the list's {@code url} ("/v1/charges"), or blank
   * @param lastId the id of the page's last object, after which the next page starts; null when the
   *     page is empty
   */
  record Claim(String url, String lastId) {}

  /** Fails, naming what was not read, when no next page of {@code page} is beside it. */
  static void check(Path page, Claim claim) throws IOException {
    List<Path> candidates = candidates(page);
    for (Path next : candidates) {
      if (Files.isRegularFile(next)) {
        return;
      }
    }
    String list = claim.url().isBlank() ? "the list" : "list " + claim.url();
    String after = claim.lastId() == null ? "this page" : claim.lastId();
    throw new IOException(
        "Cannot read Stripe "
            + list
            + " to its end: page "
            + page
            + " says has_more: true, but "
            + (candidates.isEmpty()
                ? "its name has no page number to find the next page by"
                : "its next page " + candidates.get(0).getFileName() + " is not beside it")
            + "; the list's objects after "
            + after
            + " were not read. Add the missing pages (numbered NAME-0001.json, NAME-0002.json,"
            + " ... in the order Stripe returned them), or fetch the list again with a stripe-api"
            + " source (docs/stripe.md)");
  }

  /** The names the next page may have: the number one higher, padded as this one or not. */
  static List<Path> candidates(Path page) {
    Matcher name = NUMBERED.matcher(page.getFileName().toString());
    List<Path> candidates = new ArrayList<>();
    if (!name.matches()) {
      return candidates;
    }
    String digits = name.group(2);
    String next;
    try {
      next = String.valueOf(Long.parseLong(digits) + 1);
    } catch (NumberFormatException e) {
      return candidates;
    }
    String padded = "0".repeat(Math.max(0, digits.length() - next.length())) + next;
    candidates.add(page.resolveSibling(name.group(1) + padded + name.group(3)));
    if (!padded.equals(next)) {
      candidates.add(page.resolveSibling(name.group(1) + next + name.group(3)));
    }
    return candidates;
  }
}
