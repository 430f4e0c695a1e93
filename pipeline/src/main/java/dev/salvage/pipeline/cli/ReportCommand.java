package dev.salvage.pipeline.cli;

import dev.salvage.pipeline.review.ReportWriter;
import dev.salvage.pipeline.review.ReviewSetupException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code salvage report}: (re)writes the static HTML report of a run. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Writes DIR/review/report.html: counts, per-source accounting, a timeline of evidence per"
          + " day, the quarantine and a filterable table of records. Opens from disk, no network."
    })
public final class ReportCommand implements Callable<Integer> {
  @Mixin RunDirOption run;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    run.warnIfUnfinished(spec.commandLine().getErr());
    try {
      Path report = ReportWriter.write(run.dir);
      spec.commandLine().getOut().println("Wrote " + report);
      return 0;
    } catch (ReviewSetupException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 2;
    }
  }
}
