package dev.salvage.pipeline.stage;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A stage of a run, in the order records flow through them. */
public enum Stage {
  READ,
  MAP,
  LINK,
  /** Merging each cluster into a record and reconciling it with the backup. */
  RECONCILE,
  MATCH,
  /** Resolving references between entities. */
  RESOLVE,
  WRITE,
  REPORT;

  /** The stages a run can stop after ({@code --stop-after}). */
  public static final List<Stage> STOPPABLE = List.of(READ, MAP, LINK);

  /** The lower-case name used on the command line, in summary.json and on the console. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether a run that stops after {@code last} runs this stage. */
  public boolean runsWhenStoppingAfter(Stage last) {
    return compareTo(last) <= 0;
  }

  /**
   * The stage named {@code label}, for {@code --stop-after}.
   *
   * @throws IllegalArgumentException naming the allowed values when it is not one
   */
  public static Stage stoppable(String label) {
    for (Stage stage : STOPPABLE) {
      if (stage.label().equals(label)) {
        return stage;
      }
    }
    throw new IllegalArgumentException(
        "--stop-after must be one of "
            + String.join("|", STOPPABLE.stream().map(Stage::label).toList())
            + ", got "
            + label);
  }

  /** Every stage's label, in order. */
  public static List<String> labels() {
    return Arrays.stream(values()).map(Stage::label).toList();
  }
}
