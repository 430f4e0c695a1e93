package dev.salvage.connectors;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What code prints on {@code System.err} (retry lines, warnings), for assertions. */
public final class CapturedStderr {
  /** Code that may throw anything. */
  public interface Action {
    void run() throws Exception;
  }

  private CapturedStderr() {}

  /** Runs {@code action} and returns what it printed on stderr; exceptions pass through. */
  public static String of(Action action) throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
