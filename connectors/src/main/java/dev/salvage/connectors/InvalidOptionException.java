package dev.salvage.connectors;

/**
 * An option's value is unusable, or the options given do not go together (a missing required one,
 * two that exclude each other, an unknown one). Thrown by {@link OptionSet}; a source reports it as
 * an {@link InvalidSourceException}, the import target as an error in its mapping file.
 */
public final class InvalidOptionException extends Exception {
  private final String option;
  private final String problem;

  /**
   * @param option the option at fault, or null when the problem is about several
   * @param problem what is wrong, to follow the option's name ({@code must be an integer from 1 to
   *     5000, got "abc"}), or on its own when there is no single option
   */
  public InvalidOptionException(String option, String problem) {
    this(option, problem, null);
  }

  public InvalidOptionException(String option, String problem, Throwable cause) {
    super(option == null ? problem : "option " + option + " " + problem, cause);
    this.option = option;
    this.problem = problem;
  }

  /** The option at fault, or null when the problem is about several. */
  public String option() {
    return option;
  }

  /** What is wrong, without the option's name. */
  public String problem() {
    return problem;
  }
}
