package dev.salvage.pipeline.review;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Draws a {@link Timeline} as inline SVG: evidence per day stacked by source, reconstructed records
 * per day as a line, the backup time as a rule, and days after it with no evidence (red) or little
 * evidence (amber) shaded, since records of those days are the likeliest to be missing.
 */
final class TimelineChart {
  private static final String[] PALETTE = {
    "#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948", "#ff9da7", "#9c755f"
  };
  private static final String BACKUP_COLOUR = "#a0a0a0";
  private static final int MAX_DAYS = 400;
  private static final int HEIGHT = 220;
  private static final int TOP = 20;
  private static final int LEFT = 40;

  private TimelineChart() {}

  static String svg(Timeline timeline, LocalDate backupDay) {
    List<LocalDate> days = days(timeline, backupDay);
    if (days.isEmpty()) {
      return "<p class=\"empty\">No dated evidence in this run.</p>";
    }
    int barWidth = Math.max(3, Math.min(14, 1100 / days.size()));
    int width = LEFT + days.size() * barWidth + 10;
    int max = 1;
    for (LocalDate day : days) {
      max = Math.max(max, timeline.evidenceOn(day, true));
      max = Math.max(max, timeline.reconstructed().getOrDefault(day, 0));
    }
    double scale = (HEIGHT - TOP) / (double) max;
    double littleEvidence = littleEvidenceThreshold(timeline, days, backupDay);
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            "<svg id=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"Records per day\">%n",
            width, HEIGHT + 40, width, HEIGHT + 40));
    svg.append(
        String.format(
            "<text x=\"2\" y=\"%d\" class=\"axis\">%d</text>"
                + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"axisline\"/>%n",
            TOP + 4, max, LEFT - 2, HEIGHT, width, HEIGHT));
    int x = LEFT;
    StringBuilder line = new StringBuilder();
    for (LocalDate day : days) {
      int evidence = timeline.evidenceOn(day, false);
      boolean afterBackup = backupDay != null && !day.isBefore(backupDay);
      if (afterBackup && evidence == 0) {
        svg.append(gap(x, barWidth, "gap-none", day + ": no evidence"));
      } else if (afterBackup && evidence < littleEvidence) {
        svg.append(gap(x, barWidth, "gap-little", day + ": little evidence (" + evidence + ")"));
      }
      double y = HEIGHT;
      int colour = 0;
      for (String source : timeline.sources()) {
        int n = timeline.evidence().getOrDefault(day, Map.of()).getOrDefault(source, 0);
        String fill = source.equals(Timeline.BACKUP) ? BACKUP_COLOUR : PALETTE[colour];
        if (!source.equals(Timeline.BACKUP)) {
          colour = (colour + 1) % PALETTE.length;
        }
        if (n > 0) {
          double h = n * scale;
          y -= h;
          svg.append(
              String.format(
                  "<rect class=\"bar\" x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\""
                      + " fill=\"%s\"><title>%s %s: %d</title></rect>%n",
                  x, y, Math.max(1, barWidth - 1), h, fill, day, Html.escape(source), n));
        }
      }
      int made = timeline.reconstructed().getOrDefault(day, 0);
      line.append(String.format("%.1f,%.1f ", x + barWidth / 2.0, HEIGHT - made * scale));
      if (day.getDayOfMonth() == 1 || day.equals(days.get(0))) {
        svg.append(
            String.format(
                "<text x=\"%d\" y=\"%d\" class=\"axis\">%s</text>%n", x, HEIGHT + 14, day));
      }
      if (day.equals(backupDay)) {
        svg.append(
            String.format(
                "<line class=\"t0\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>"
                    + "<text x=\"%d\" y=\"%d\" class=\"axis t0label\">backup (T0)</text>%n",
                x, TOP - 10, x, HEIGHT, x + 3, TOP - 2));
      }
      x += barWidth;
    }
    svg.append("<polyline class=\"reconstructed\" points=\"")
        .append(line.toString().trim())
        .append("\"><title>reconstructed records per day</title></polyline>\n");
    svg.append("</svg>\n");
    return svg.toString();
  }

  /** The legend, coloured as the chart. */
  static String legend(Timeline timeline) {
    StringBuilder legend = new StringBuilder("<ul class=\"legend\">");
    int colour = 0;
    for (String source : timeline.sources()) {
      String fill = source.equals(Timeline.BACKUP) ? BACKUP_COLOUR : PALETTE[colour];
      if (!source.equals(Timeline.BACKUP)) {
        colour = (colour + 1) % PALETTE.length;
      }
      legend
          .append("<li><span class=\"swatch\" style=\"background:")
          .append(fill)
          .append("\"></span>")
          .append(Html.escape(source))
          .append(source.equals(Timeline.BACKUP) ? " rows" : " evidence")
          .append("</li>");
    }
    legend.append("<li><span class=\"swatch line\"></span>reconstructed records</li>");
    legend.append("<li><span class=\"swatch gap-none\"></span>after T0, no evidence</li>");
    legend.append("<li><span class=\"swatch gap-little\"></span>after T0, little evidence</li>");
    return legend.append("</ul>").toString();
  }

  private static String gap(int x, int width, String kind, String title) {
    return String.format(
        "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"><title>%s</title></rect>%n",
        kind, x, TOP, width, HEIGHT - TOP, title);
  }

  /** A quarter of the median non-backup evidence per day after the backup. */
  private static double littleEvidenceThreshold(
      Timeline timeline, List<LocalDate> days, LocalDate backupDay) {
    List<Integer> counts = new ArrayList<>();
    for (LocalDate day : days) {
      if (backupDay == null || !day.isBefore(backupDay)) {
        counts.add(timeline.evidenceOn(day, false));
      }
    }
    if (counts.isEmpty()) {
      return 0;
    }
    counts.sort(Integer::compare);
    return counts.get(counts.size() / 2) / 4.0;
  }

  /** Every day from the first to the last with evidence (at most {@link #MAX_DAYS}, the latest). */
  private static List<LocalDate> days(Timeline timeline, LocalDate backupDay) {
    List<LocalDate> days = new ArrayList<>();
    if (timeline.evidence().isEmpty()) {
      return days;
    }
    LocalDate first = timeline.evidence().firstKey();
    LocalDate last = timeline.evidence().lastKey();
    if (backupDay != null && backupDay.isAfter(last)) {
      last = backupDay;
    }
    if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
      first = last.minusDays(MAX_DAYS - 1);
    }
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      days.add(day);
    }
    return days;
  }
}
