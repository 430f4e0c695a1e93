package dev.salvage.samples;

import java.nio.file.Path;

/**
 * Regenerates {@code samples/scenario}, the scenario kept in the repository, with the options of
 * {@code salvage samples generate} in {@link #OPTIONS}. Run from the {@code samples} directory
 * after changing the generator:
 *
 * <pre>
 * mvn -q -o -pl samples -am test-compile
 * java -cp "samples/target/classes:samples/target/test-classes:$(cat cp.txt)" \
 *   dev.salvage.samples.CheckedInScenario samples/scenario
 * </pre>
 */
final class CheckedInScenario {
  static final String[] OPTIONS = {"--seed", "7", "--reservations", "200"};

  private CheckedInScenario() {}

  public static void main(String[] args) throws java.io.IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "scenario");
    ScenarioSummary summary =
        ScenarioGenerator.generate(Scenarios.fromOptions(OPTIONS), dir, message -> {});
    System.out.print(summary.report());
  }
}
