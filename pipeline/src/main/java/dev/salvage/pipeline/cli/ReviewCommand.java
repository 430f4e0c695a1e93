package dev.salvage.pipeline.cli;

import dev.salvage.pipeline.review.ReviewServer;
import dev.salvage.pipeline.review.ReviewSetupException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code salvage review}: serves the local review UI of a run until interrupted. */
@Command(
    name = "review",
    mixinStandardHelpOptions = true,
    description = {
      "Serves a local web UI to approve, reject or edit the reconstructed records of a run."
          + " Decisions are appended to DIR/review/decisions.jsonl as they are made. Open the"
          + " URL printed at start (it carries the session token); stop with Ctrl-C."
    })
public final class ReviewCommand implements Callable<Integer> {
  @Mixin RunDirOption run;

  @Option(
      names = "--port",
      defaultValue = "0",
      paramLabel = "P",
      description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      paramLabel = "ADDRESS",
      description =
          "Address to listen on (default: ${DEFAULT-VALUE}, loopback only). Anything else lets"
              + " other machines reach the UI; the token still guards it.")
  String bind;

  @Option(
      names = "--who",
      paramLabel = "NAME",
      description = "Reviewer name written into every decision (default: the login name).")
  String who;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (port < 0 || port > 65535) {
      err.println("--port must be between 0 and 65535, got " + port);
      return 2;
    }
    String reviewer = who == null || who.isBlank() ? System.getProperty("user.name") : who.trim();
    if (!InetAddress.getByName(bind).isLoopbackAddress()) {
      err.println(
          "Warning: listening on "
              + bind
              + ", not loopback: other machines can reach the review UI (the token still guards it)");
    }
    String unfinished = run.refusedAsUnfinished("review");
    if (unfinished != null) {
      err.println(unfinished);
      return 2;
    }
    // held while the server runs: a run into this directory would rewrite what it shows
    RunDirLock held = null;
    if (Files.isDirectory(run.dir)) {
      try {
        held = RunDirLock.forReview(run.dir);
      } catch (ConfigException e) {
        err.println(e.getMessage());
        return 2;
      }
    }
    RunDirLock lock = held;
    ReviewServer server;
    try {
      server = ReviewServer.start(run.dir, bind, port, reviewer);
    } catch (ReviewSetupException e) {
      if (lock != null) {
        lock.close();
      }
      err.println(e.getMessage());
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try (lock) {
                    server.close();
                  } catch (java.io.IOException e) {
                    // The decisions are already on disk; nothing to save here.
                  }
                  stopped.countDown();
                }));
    out.printf(
        "Reviewing %d record(s) of %s as %s.%nOpen %s%nDecisions go to %s; stop with Ctrl-C.%n",
        server.records(),
        run.dir.toAbsolutePath().normalize(),
        reviewer,
        server.url(),
        run.dir.toAbsolutePath().normalize().resolve("review/decisions.jsonl"));
    if (server.typeCheckUnavailable() != null) {
      err.println(
          "Warning: edited values are not checked against their field types: "
              + server.typeCheckUnavailable());
    }
    if (server.decidedOnAnotherVersion() > 0) {
      out.printf(
          "%d record(s) were decided on another version (the run was made again since): that"
              + " decision is not in force, import keeps them out; filter the queue by state"
              + " \"decided on another version\" to review them again.%n",
          server.decidedOnAnotherVersion());
    }
    server
        .decisionsNotAppliedShown()
        .forEach(
            line ->
                err.println(
                    "Warning: "
                        + line
                        + (line.endsWith("fix or remove them")
                            ? ""
                            : " (fix or remove the line)")));
    out.flush();
    stopped.await();
    return 0;
  }
}
