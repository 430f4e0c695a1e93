package dev.salvage.samples;

import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Regenerates {@code samples/scenario}, the scenario kept in the repository, with the generator
 * command itself. Run from the {@code samples} directory after changing the generator:
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

  public static void main(String[] args) {
    Path dir = Path.of(args.length > 0 ? args[0] : "scenario");
    String[] command = new String[OPTIONS.length + 2];
    command[0] = "--out";
    command[1] = dir.toString();
    System.arraycopy(OPTIONS, 0, command, 2, OPTIONS.length);
    System.exit(new CommandLine(new GenerateCommand()).execute(command));
  }
}
