package dev.salvage.connectors.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A limit on the whole of one HTTP exchange, from sending the request to the last byte of the
 * answer. A read timeout bounds each read only: a server sending its answer a byte at a time, each
 * within the timeout, was never timed out. Reading the answer through {@link #guard} fails like a
 * timeout once the deadline has passed, so the caller retries it as one.
 *
 * <p>The answer is checked between reads rather than cut by another thread: closing a keep-alive
 * connection from another thread hands its rest to the JDK's cleaner, which drains it holding the
 * stream's lock, so the reader waited on the trickle all the same.
 */
public final class RequestDeadline {
  private final Duration limit;

  public RequestDeadline(Duration limit) {
    if (limit.isNegative() || limit.isZero()) {
      throw new IllegalArgumentException("a request deadline must be positive, got " + limit);
    }
    this.limit = limit;
  }

  /** An answer read after its deadline: said as such, and retried like a timeout. */
  public static final class Exceeded extends SocketTimeoutException {
    private static final long serialVersionUID = 1L;

    Exceeded(String message) {
      super(message);
    }
  }

  /**
   * {@code answer}, failing with {@link Exceeded} once {@code option}'s limit has passed since
   * {@code startNanos} ({@link System#nanoTime()} when the request was sent).
   */
  public InputStream guard(InputStream answer, long startNanos, String option) {
    long end = startNanos + limit.toNanos();
    String message =
        "no whole answer within " + option + " (" + limit + "): the server sent it too slowly";
    return new FilterInputStream(answer) {
      @Override
      public int read() throws IOException {
        check();
        int b = super.read();
        check();
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        check();
        int n = super.read(buffer, offset, length);
        check();
        return n;
      }

      private void check() throws Exceeded {
        if (System.nanoTime() - end > 0) {
          throw new Exceeded(message);
        }
      }
    };
  }
}
