package dev.salvage.pipeline.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The most a pair of one entity type could weigh under the model the run fitted: the prior of an
 * attachment to an identified record plus what an exact agreement on each compared field adds, as a
 * piece of evidence agreeing on every compared field with an identified record would weigh. When it
 * is below the type's {@code review} threshold no piece can ever be attached; below {@code link},
 * only flagged for review. An outside trial (a yoga studio) compared four fields of its membership
 * mails that reached 5.5 at most against the default link of 8, and all 12 stayed unlinked with
 * nothing said: hence {@link #note}, in {@code summary.json} and last on the console.
 *
 * <p>The pipeline counts the figures as counters (everything a run says of itself travels so, see
 * {@code Counts}), weights and thresholds in thousandths of a bit; {@link #fromCounts} reads them
 * back.
 *
 * @param weight the prior plus every part, rounded as a link's weight is
 * @param parts {@value #PRIOR} first, then what each compared field's exact agreement adds, in the
 *     order compared
 * @param note what it means and what to do, when {@code weight} is below review or link; else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BestPossibleWeight(double weight, Map<String, Double> parts, String note) {
  /** The prefix of the counters: {@code best_possible.<entity>.<name>}. */
  public static final String PREFIX = "best_possible.";

  /** The prior's name among the parts, as in a link's waterfall. */
  public static final String PRIOR = "(prior)";

  /** Counter: how many identified records the prior counts (1 in n). */
  public static final String POPULATION = "population";

  /** Counter: the prior's weight (thousandths). */
  public static final String PRIOR_WEIGHT = "prior";

  /** Counter: the type's link threshold (thousandths). */
  public static final String LINK = "link";

  /** Counter: the type's review threshold (thousandths). */
  public static final String REVIEW = "review";

  private static final String FIELD = "field.";

  public BestPossibleWeight {
    parts = parts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parts));
  }

  /** The counter {@code name} of {@code entity}. */
  public static String counter(String entity, String name) {
    return PREFIX + entity + "." + name;
  }

  /**
   * The counter of the {@code index}th compared field: the index keeps the compare order, which the
   * counters' sorting by name would lose.
   */
  public static String fieldCounter(String entity, int index, String field) {
    return counter(entity, FIELD + index + "." + field);
  }

  /** A weight or threshold as a counter's value. */
  public static long thousandths(double weight) {
    return Math.round(weight * 1000);
  }

  /**
   * The figures of {@code entity} among a run's counters ({@code best_possible.<entity>.*}), or
   * null when it has none (no model was fitted: no linking section, or no candidate pair).
   */
  static BestPossibleWeight fromCounts(String entity, Map<String, Long> counts) {
    String prefix = PREFIX + entity + ".";
    Map<String, Long> own = new TreeMap<>();
    counts.forEach(
        (name, n) -> {
          if (name.startsWith(prefix)) {
            own.put(name.substring(prefix.length()), n);
          }
        });
    if (!own.containsKey(POPULATION)) {
      return null;
    }
    Map<Integer, Map.Entry<String, Double>> fields = new TreeMap<>();
    own.forEach(
        (name, n) -> {
          if (name.startsWith(FIELD)) {
            String[] indexAndField = name.substring(FIELD.length()).split("\\.", 2);
            fields.put(Integer.valueOf(indexAndField[0]), Map.entry(indexAndField[1], n / 1000.0));
          }
        });
    Map<String, Double> parts = new LinkedHashMap<>();
    double prior = own.getOrDefault(PRIOR_WEIGHT, 0L) / 1000.0;
    parts.put(PRIOR, prior);
    fields.values().forEach(field -> parts.put(field.getKey(), field.getValue()));
    double weight = round(parts.values().stream().mapToDouble(Double::doubleValue).sum());
    return new BestPossibleWeight(
        weight,
        parts,
        note(
            entity,
            weight,
            own.get(POPULATION),
            parts,
            own.getOrDefault(LINK, 0L) / 1000.0,
            own.getOrDefault(REVIEW, 0L) / 1000.0));
  }

  private static String note(
      String entity,
      double weight,
      long population,
      Map<String, Double> parts,
      double link,
      double review) {
    if (weight >= link) {
      return null;
    }
    List<String> said = new ArrayList<>();
    parts.forEach(
        (part, w) ->
            said.add(
                part.equals(PRIOR)
                    ? PRIOR
                        + " 1 in "
                        + population
                        + " identified "
                        + entity
                        + " records "
                        + bits(w)
                    : part + " " + bits(w)));
    String figures =
        "the most a pair can weigh under the model fitted on this run's evidence is "
            + bits(weight)
            + " ("
            + String.join(", ", said)
            + ": every compared field agreeing exactly)";
    // below review nothing attaches; between the two every attachment waits for a person
    String what =
        weight < review
            ? entity
                + ": no evidence without its keys can be attached to an identified "
                + entity
                + " record: "
                + figures
                + ", below the review threshold "
                + review
                + " (link "
                + link
                + "), so none was, whatever it agreed on."
            : entity
                + ": evidence without its keys can be attached to an identified "
                + entity
                + " record only for review: "
                + figures
                + ", below the link threshold "
                + link
                + " (review "
                + review
                + "), so every such attachment is flagged.";
    return what
        + " To have it matched, compare more fields the evidence holds (the linking: section's"
        + " compare), or lower link"
        + (weight < review ? " and review" : "")
        + " to "
        + bits(weight)
        + " or less"
        + " once this run's weighed pairs show that a right match clears it and a wrong one"
        + " does not (docs/linking.md, When no pair can reach link).";
  }

  private static String bits(double weight) {
    return String.format(Locale.ROOT, "%.3f", weight);
  }

  private static double round(double x) {
    return Math.round(x * 1000) / 1000.0;
  }
}
