package dev.salvage.pipeline.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A local HTTP server standing in for a Flink JobManager's REST API: each request under a path is
 * answered with JSON by the test's function, and recorded as {@code METHOD URI}.
 */
final class LocalRestServer implements AutoCloseable {
  /** What the server answers one request. */
  record Answer(int status, String json) {}

  private final HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();

  private LocalRestServer(String path, Function<HttpExchange, Answer> answer) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        path,
        exchange -> {
          requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
          Answer reply = answer.apply(exchange);
          byte[] bytes = reply.json().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
          exchange.sendResponseHeaders(reply.status(), bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
  }

  /** A server answering every request under {@code path} with {@code answer}'s reply. */
  static LocalRestServer start(String path, Function<HttpExchange, Answer> answer)
      throws IOException {
    return new LocalRestServer(path, answer);
  }

  /** The address to pass as {@code --flink-master}. */
  String master() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** The requests received so far, {@code METHOD URI} each. */
  List<String> requests() {
    return requests;
  }

  /** Stops answering: the cluster is gone. */
  @Override
  public void close() {
    server.stop(0);
  }
}
