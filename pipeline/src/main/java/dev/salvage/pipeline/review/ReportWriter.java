package dev.salvage.pipeline.review;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.salvage.pipeline.bundle.Json;
import dev.salvage.pipeline.bundle.QuarantineEntry;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.RunLayout;
import dev.salvage.pipeline.bundle.RunSummary;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code DIR/review/report.html}: one self-contained page (inline CSS, JS and SVG, no
 * network) with the run's counts, per-source accounting, a timeline of evidence per day, the
 * quarantine and a filterable table of every record.
 */
public final class ReportWriter {
  private static final int MAX_QUARANTINE_ROWS = 2000;
  private static final int MAX_EXCERPT = 300;

  private ReportWriter() {}

  /** Writes the report of the run in {@code runDir} and returns its path. */
  public static Path write(Path runDir) throws ReviewSetupException, IOException {
    RunLayout run = ReviewSession.layout(runDir);
    RunSummary summary = RunSummary.readOrEmpty(run.summaryJson());
    String backupTakenAt = summary.backupTakenAt() == null ? "" : summary.backupTakenAt();
    RunModel model = RunModel.of(run);
    Timeline timeline = new Timeline();
    Files.createDirectories(run.reportHtml().getParent());
    // A run of 100k reservations has ~400k rows: they are streamed to a side file and copied into
    // the page, so the report's memory does not grow with the run.
    Path rowsFile = Files.createTempFile(run.reportHtml().getParent(), ".report-rows", ".json");
    try {
      try (Writer rowsOut =
              new ScriptJsonWriter(Files.newBufferedWriter(rowsFile, StandardCharsets.UTF_8));
          JsonGenerator rows = Json.MAPPER.getFactory().createGenerator(rowsOut)) {
        rows.writeStartArray();
        run.records()
            .scan(
                (line, record) -> {
                  timeline.add(record, true);
                  Json.MAPPER.writeValue(rows, Row.of(record, record.action().name(), model));
                });
        run.unlinked()
            .scan(
                (line, record) -> {
                  timeline.add(record, false);
                  Json.MAPPER.writeValue(rows, Row.of(record, RunSummary.UNLINKED, model));
                });
        rows.writeEndArray();
      }
      writePage(run, summary, backupTakenAt, timeline, rowsFile);
    } finally {
      Files.deleteIfExists(rowsFile);
    }
    return run.reportHtml();
  }

  /** One row of the records table; {@code action} is UNLINKED for unlinked evidence. */
  private record Row(
      String id,
      String entity,
      String action,
      double confidence,
      boolean flagged,
      String title,
      int evidence,
      String reasons,
      String competing) {
    static Row of(ReconstructedRecord record, String action, RunModel model) {
      return new Row(
          record.id(),
          record.entity(),
          action,
          record.confidence(),
          record.flagged(),
          model.title(record),
          record.evidence().size(),
          String.join("; ", record.reasons()),
          competing(record));
    }

    /**
     * Each field's chosen value against the values its other claims gave, with their independent
     * sources: a name corrected since the backup and lost, or a stale copy that won, shows here
     * without opening the record (an outside trial's reviewer found the losing claims only in
     * records.jsonl).
     */
    static String competing(ReconstructedRecord record) {
      List<String> fields = new ArrayList<>();
      record
          .fields()
          .forEach(
              (field, value) -> {
                if (value.alternatives().isEmpty()) {
                  return;
                }
                List<String> others = new ArrayList<>();
                value
                    .alternatives()
                    .forEach(
                        alternative ->
                            others.add(
                                alternative.value() + " (" + alternative.support() + " sources)"));
                fields.add(field + ": " + value.value() + " against " + String.join(", ", others));
              });
      return String.join("; ", fields);
    }
  }

  private static void writePage(
      RunLayout run, RunSummary summary, String backupTakenAt, Timeline timeline, Path rowsFile)
      throws IOException {
    List<QuarantineEntry> quarantine = new ArrayList<>();
    long[] quarantined = {0};
    run.quarantine()
        .scan(
            (line, bad) -> {
              quarantined[0]++;
              if (quarantine.size() < MAX_QUARANTINE_ROWS) {
                quarantine.add(bad);
              }
            });

    StringBuilder html = new StringBuilder(1 << 16);
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
                + " style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n")
        .append("<title>Salvage run report</title>\n<style>\n")
        .append(resource("report.css"))
        .append("</style></head><body>\n");
    html.append("<h1>Salvage run report</h1>\n<p class=\"meta\">Run <code>")
        .append(Html.escape(run.root().toString()))
        .append("</code>; backup taken <b>")
        .append(Html.escape(backupTakenAt.isEmpty() ? "unknown" : backupTakenAt))
        .append("</b>; report written ")
        .append(Instant.now().toString(), 0, 19)
        .append("Z.</p>\n");
    notRead(html, summary);
    entities(html, summary.entities());
    sources(html, summary.sources());
    html.append("<h2>Timeline</h2>\n<p class=\"hint\">Evidence per day by source (backup rows by")
        .append(" their own time), and reconstructed records per day by their latest evidence.")
        .append(" Shaded days after the backup have little or no evidence: records of those")
        .append(" days are the likeliest to be missing.</p>\n<div class=\"chart\">")
        .append(TimelineChart.svg(timeline, Timeline.day(backupTakenAt)))
        .append("</div>\n")
        .append(TimelineChart.legend(timeline))
        .append('\n');
    quarantine(html, quarantine, quarantined[0]);
    html.append(resource("report-records.html"));
    html.append("<script id=\"records-data\" type=\"application/json\">");
    String tail = "</script>\n<script>\n" + resource("report.js") + "</script>\n</body></html>\n";
    try (OutputStream out = Files.newOutputStream(run.reportHtml())) {
      out.write(html.toString().getBytes(StandardCharsets.UTF_8));
      Files.copy(rowsFile, out);
      out.write(tail.getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * Escapes what would end the script element ({@code </script>}) or break JavaScript parsing
   * (U+2028, U+2029) in JSON embedded in a page; JSON readers decode the escapes back.
   */
  private static final class ScriptJsonWriter extends FilterWriter {
    ScriptJsonWriter(Writer out) {
      super(out);
    }

    @Override
    public void write(int c) throws IOException {
      String escape = escape((char) c);
      if (escape == null) {
        out.write(c);
      } else {
        out.write(escape);
      }
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
      // copies runs between characters to escape, so that megabytes of rows are not written one
      // character at a time
      int run = offset;
      for (int i = offset; i < offset + length; i++) {
        String escape = escape(chars[i]);
        if (escape != null) {
          out.write(chars, run, i - run);
          out.write(escape);
          run = i + 1;
        }
      }
      out.write(chars, run, offset + length - run);
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
      write(text.toCharArray(), offset, length);
    }

    private static String escape(char c) {
      return switch (c) {
        case '<' -> "\\u003c";
        case '\u2028' -> "\\u2028";
        case '\u2029' -> "\\u2029";
        default -> null;
      };
    }
  }

  private static void entities(StringBuilder html, Map<String, Map<String, Long>> entities) {
    html.append("<h2>Records by entity and action</h2>\n");
    if (entities.isEmpty()) {
      html.append("<p class=\"empty\">summary.json has no entity counts.</p>\n");
      return;
    }
    List<String> actions = new ArrayList<>(entities.values().iterator().next().keySet());
    html.append("<table class=\"counts\" id=\"entity-counts\"><tr><th>entity</th>");
    actions.forEach(a -> html.append("<th>").append(Html.escape(a)).append("</th>"));
    html.append("</tr>\n");
    entities.forEach(
        (entity, counts) -> {
          html.append("<tr><th>").append(Html.escape(entity)).append("</th>");
          for (String action : actions) {
            html.append("<td>").append(counts.getOrDefault(action, 0L)).append("</td>");
          }
          html.append("</tr>\n");
        });
    html.append("</table>\n");
  }

  private static void sources(StringBuilder html, Map<String, RunSummary.SourceCounts> sources) {
    html.append("<h2>Sources</h2>\n");
    if (sources.isEmpty()) {
      html.append("<p class=\"empty\">summary.json has no source counts.</p>\n");
      return;
    }
    // a column for copies only when some mail was kept once: without it, an outside trial's mail
    // row lacked 271 and read as lost to an operator checking read = used + ignored + quarantined
    boolean copies = sources.values().stream().anyMatch(counts -> !counts.copiesOf().isEmpty());
    html.append("<table class=\"counts\" id=\"source-counts\"><tr><th>source</th><th>read</th>")
        .append("<th>used</th><th>ignored</th><th>quarantined</th>")
        .append(copies ? "<th>copies</th>" : "")
        .append("<th>rules</th></tr>\n");
    sources.forEach(
        (source, counts) -> {
          html.append("<tr><th>").append(Html.escape(source)).append("</th>");
          for (long n : new long[] {counts.read(), counts.used(), counts.ignored()}) {
            html.append("<td>").append(n).append("</td>");
          }
          html.append(counts.quarantined() > 0 ? "<td class=\"warn\">" : "<td>")
              .append(counts.quarantined())
              .append("</td>");
          if (copies) {
            html.append("<td title=\"mails kept once with a copy read elsewhere\">")
                .append(counts.copiesOf().values().stream().mapToLong(Long::longValue).sum())
                .append("</td>");
          }
          html.append("<td class=\"rules\">");
          counts
              .rules()
              .forEach(
                  (rule, n) ->
                      html.append(Html.escape(rule)).append(": ").append(n).append("<br>"));
          html.append("</td></tr>\n");
        });
    html.append("</table>\n");
  }

  /**
   * What the run did not read, first: an incomplete run must not look complete on the page an
   * operator opens either.
   */
  private static void notRead(StringBuilder html, RunSummary summary) {
    if (!summary.incomplete()) {
      return;
    }
    html.append("<h2 class=\"warn\" id=\"not-read\">Incomplete: not everything was read</h2>\n")
        .append("<p class=\"warn\">")
        .append(
            Boolean.TRUE.equals(summary.incompleteAccepted())
                ? "The operator accepted this run as it is (--allow-incomplete). "
                : "")
        .append("These partitions were not read to their end; what they hold is missing from")
        .append(" every count and record below. summary.json lists them under not_read.</p>\n")
        .append("<table id=\"not-read-table\"><tr><th>source</th><th>partition</th>")
        .append("<th>not read</th><th>records read before</th><th>last error</th>")
        .append("<th>rerun resumes</th></tr>\n");
    summary
        .notRead()
        .forEach(
            (source, partitions) -> {
              for (RunSummary.NotRead part : partitions) {
                html.append("<tr><td>")
                    .append(Html.escape(source))
                    .append("</td><td><code>")
                    .append(Html.escape(part.partition()))
                    .append("</code></td><td>")
                    .append(Html.escape(part.notRead()))
                    .append("</td><td>")
                    .append(part.recordsRead())
                    .append("</td><td>")
                    .append(Html.escape(part.lastError()))
                    .append("</td><td>")
                    .append(part.resumable() ? "yes" : "no")
                    .append("</td></tr>\n");
              }
            });
    html.append("</table>\n");
  }

  private static void quarantine(StringBuilder html, List<QuarantineEntry> rows, long total) {
    html.append("<h2>Quarantine (").append(total).append(")</h2>\n");
    if (total == 0) {
      html.append("<p class=\"empty\">Nothing was quarantined.</p>\n");
      return;
    }
    if (total > rows.size()) {
      html.append("<p class=\"hint\">Showing the first ")
          .append(rows.size())
          .append("; all are in quarantine.jsonl.</p>\n");
    }
    html.append("<table id=\"quarantine\"><tr><th>source</th><th>location</th><th>reason</th>")
        .append("<th>excerpt</th></tr>\n");
    for (QuarantineEntry bad : rows) {
      String excerpt = bad.excerpt();
      if (excerpt.length() > MAX_EXCERPT) {
        excerpt = excerpt.substring(0, MAX_EXCERPT) + "…";
      }
      html.append("<tr><td>")
          .append(Html.escape(bad.source()))
          .append("</td><td><code>")
          .append(Html.escape(bad.location()))
          .append("</code></td><td>")
          .append(Html.escape(bad.reason()))
          .append("</td><td><code class=\"excerpt\">")
          .append(Html.escape(excerpt))
          .append("</code></td></tr>\n");
    }
    html.append("</table>\n");
  }

  static String resource(String name) throws IOException {
    try (InputStream in = ReportWriter.class.getResourceAsStream("ui/" + name)) {
      if (in == null) {
        throw new IOException("The report resource ui/" + name + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
