package dev.salvage.pipeline.cli;

import dev.salvage.pipeline.evaluate.Evaluation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code salvage evaluate}: measures a run against a scenario's ground truth. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Compares DIR/review/records.jsonl of a run with a generated scenario's truth, prints"
          + " precision, recall and field accuracy, and writes DIR/metrics.json.",
      "A truth directory of your own works too: manifest.json names per entity type its JSON"
          + " Lines file, match_keys, identity and the fields compared (samples/SCENARIO.md,"
          + " \"manifest.json\"); each line of the file is one entity as the application should"
          + " hold it, with lost and recoverable flags."
    })
final class EvaluateCommand implements Callable<Integer> {
  @Option(
      names = "--truth",
      required = true,
      paramLabel = "DIR",
      description = "The scenario's truth directory (SCENARIO/truth).")
  Path truth;

  @Mixin RunDirOption run;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    run.warnIfUnfinished(spec.commandLine().getErr());
    Map<String, Evaluation.Metrics> metrics;
    try {
      metrics = Evaluation.evaluate(truth, run.dir);
    } catch (Evaluation.EvaluationException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return SalvageCli.EXIT_USAGE;
    }
    Path file = run.dir.resolve("metrics.json");
    Files.writeString(
        file,
        Evaluation.toJson(metrics).toPrettyString() + System.lineSeparator(),
        StandardCharsets.UTF_8);
    spec.commandLine().getOut().print(Evaluation.table(metrics));
    spec.commandLine().getOut().println("Wrote " + file);
    return 0;
  }
}
