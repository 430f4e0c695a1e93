package dev.salvage.connectors;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy on loopback in front of a real server that can drop a connection part-way, the way a
 * server that crashes or a network that fails does: once a connection has carried a given number of
 * bytes from the server, it is cut (both sockets closed mid-stream), and the server then seems down
 * for a number of connections (each closed at once, before the server's greeting).
 */
public final class DroppingProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int targetPort;
  private final AtomicLong cutAfter = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong cutEachAfter = new AtomicLong(Long.MAX_VALUE);
  private final AtomicInteger refusalsAfterCut = new AtomicInteger();
  private final AtomicInteger refusalsLeft = new AtomicInteger();
  private final AtomicInteger cuts = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicInteger openingsRefused = new AtomicInteger();
  private volatile String refusedFolder;
  private final AtomicInteger loginsToRefuse = new AtomicInteger();
  private final AtomicInteger loginsRefused = new AtomicInteger();
  private final AtomicReference<Map.Entry<String, Runnable>> beforeOpening =
      new AtomicReference<>();

  public DroppingProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::acceptLoop, "dropping-proxy-accept");
    accept.setDaemon(true);
    accept.start();
  }

  public int port() {
    return listener.getLocalPort();
  }

  /**
   * The next connection to carry more than {@code bytes} from the server is cut there (once); the
   * {@code refusals} connections after it are closed at once ({@link Integer#MAX_VALUE}: the server
   * never comes back).
   */
  public DroppingProxy cutAfter(long bytes, int refusals) {
    refusalsAfterCut.set(refusals);
    cutAfter.set(bytes);
    return this;
  }

  /**
   * Every connection that carries more than {@code bytes} from the server is cut there, the way a
   * link that fails on large transfers does; the server itself stays up.
   */
  public DroppingProxy cutEachConnectionAfter(long bytes) {
    cutEachAfter.set(bytes);
    return this;
  }

  /**
   * Answers every SELECT or EXAMINE of {@code folder} itself with {@code NO [NOPERM]}, the way a
   * server refuses a folder the user may not read; the command never reaches the server.
   */
  public DroppingProxy refuseOpening(String folder) {
    refusedFolder = folder;
    return this;
  }

  /**
   * Runs {@code action} once, before the first SELECT or EXAMINE of {@code folder} reaches the
   * server: after the folders were listed and counted (LIST, STATUS) and before the folder is read,
   * the moment another client's deletion leaves the read short of what the listing counted.
   */
  public DroppingProxy beforeOpening(String folder, Runnable action) {
    beforeOpening.set(Map.entry(folder, action));
    return this;
  }

  /**
   * Answers the next {@code count} logins (LOGIN or AUTHENTICATE) with {@code NO [LIMIT]}, as
   * Dovecot answers a user whose {@code mail_max_userip_connections} are all taken: the password is
   * right, the server is full for now. The command never reaches the server.
   */
  public DroppingProxy refuseLoginsWithLimit(int count) {
    loginsToRefuse.set(count);
    return this;
  }

  /** How many logins were answered {@code NO [LIMIT]}. */
  public int loginsRefused() {
    return loginsRefused.get();
  }

  /** Lets connections through again after {@link #cutAfter}'s refusals, as a server back up. */
  public DroppingProxy serverBack() {
    refusalsLeft.set(0);
    return this;
  }

  /** How many SELECT or EXAMINE commands were refused. */
  public int openingsRefused() {
    return openingsRefused.get();
  }

  /** How many connections were cut part-way. */
  public int cuts() {
    return cuts.get();
  }

  /** How many connections were closed at once because the server seemed down. */
  public int refused() {
    return refused.get();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException closed) {
        return;
      }
      if (refusalsLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
        refused.incrementAndGet();
        closeQuietly(client);
        continue;
      }
      try {
        Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        // without, Nagle's algorithm meets the delayed ACK: ~40 ms on every command's round trip
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        start(() -> pump(client, server, false), "dropping-proxy-up");
        start(() -> pump(server, client, true), "dropping-proxy-down");
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  private void pump(Socket from, Socket to, boolean fromServer) {
    byte[] buffer = new byte[8192];
    long carried = 0;
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        from.setOption(jdk.net.ExtendedSocketOptions.TCP_QUICKACK, true);
        long limit = fromServer ? cutAfter.get() : Long.MAX_VALUE;
        if (carried + n > limit && cutAfter.compareAndSet(limit, Long.MAX_VALUE)) {
          out.write(buffer, 0, (int) (limit - carried));
          out.flush();
          refusalsLeft.set(refusalsAfterCut.get());
          cuts.incrementAndGet();
          break;
        }
        long eachLimit = fromServer ? cutEachAfter.get() : Long.MAX_VALUE;
        if (carried + n > eachLimit) {
          out.write(buffer, 0, (int) (eachLimit - carried));
          out.flush();
          cuts.incrementAndGet();
          break;
        }
        if (!fromServer) {
          runBeforeOpening(new String(buffer, 0, n, ISO_8859_1));
        }
        String refusal = fromServer ? null : refusal(new String(buffer, 0, n, ISO_8859_1));
        if (refusal != null) {
          OutputStream back = from.getOutputStream();
          back.write(refusal.getBytes(ISO_8859_1));
          back.flush();
          if (!refusal.contains("[LIMIT]")) {
            openingsRefused.incrementAndGet();
          }
          continue;
        }
        out.write(buffer, 0, n);
        out.flush();
        carried += n;
      }
    } catch (IOException closed) {
      // the other direction closed the sockets
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private void runBeforeOpening(String command) {
    Map.Entry<String, Runnable> hook = beforeOpening.get();
    if (hook != null && opens(command, hook.getKey()) && beforeOpening.compareAndSet(hook, null)) {
      hook.getValue().run();
    }
  }

  private static boolean opens(String command, String folder) {
    String[] words = command.strip().split(" ", 3);
    return words.length == 3
        && (words[1].equalsIgnoreCase("SELECT") || words[1].equalsIgnoreCase("EXAMINE"))
        && words[2].replace("\"", "").equals(folder);
  }

  /** The answer to a command that opens the refused folder, or null to pass it on. */
  private String refusal(String command) {
    String[] words = command.strip().split(" ", 3);
    if (words.length >= 2
        && (words[1].equalsIgnoreCase("LOGIN") || words[1].equalsIgnoreCase("AUTHENTICATE"))
        && loginsToRefuse.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
      loginsRefused.incrementAndGet();
      return words[0]
          + " NO [LIMIT] Maximum number of connections from user+IP exceeded"
          + " (mail_max_userip_connections=1)\r\n";
    }
    String folder = refusedFolder;
    if (folder == null) {
      return null;
    }
    return opens(command, folder)
        ? command.strip().split(" ", 2)[0] + " NO [NOPERM] Permission denied\r\n"
        : null;
  }

  private static void start(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
