package dev.salvage.pipeline.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.pipeline.bundle.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A test client of the review server's JSON API, and a reader of decisions.jsonl. */
final class ReviewApi {
  record Answer(int status, JsonNode json) {}

  private final HttpClient http = HttpClient.newHttpClient();
  private final ReviewServer server;

  ReviewApi(ReviewServer server) {
    this.server = server;
  }

  Answer get(String pathAndQuery) throws IOException, InterruptedException {
    return send(request(pathAndQuery, server.token()).GET().build());
  }

  /** The value of header {@code name} of the answer to a GET, if it has one. */
  java.util.Optional<String> header(String pathAndQuery, String name)
      throws IOException, InterruptedException {
    return http.send(
            request(pathAndQuery, server.token()).GET().build(),
            HttpResponse.BodyHandlers.discarding())
        .headers()
        .firstValue(name);
  }

  Answer post(String path, String json) throws IOException, InterruptedException {
    return send(
        request(path, server.token())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  Answer postWithToken(String path, String json, String token)
      throws IOException, InterruptedException {
    return send(request(path, token).POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  /** A POST with the token, as a page of {@code origin} sends it. */
  Answer postFrom(String origin, String path, String json)
      throws IOException, InterruptedException {
    return send(
        request(path, server.token())
            .header("Origin", origin)
            .header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  private HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    if (token != null) {
      builder.header("X-Salvage-Token", token);
    }
    return builder;
  }

  private Answer send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Answer(response.statusCode(), Json.MAPPER.readTree(response.body()));
  }

  static List<JsonNode> decisions(Path run) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    Path file = run.resolve("review/decisions.jsonl");
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        lines.add(Json.MAPPER.readTree(line));
      }
    }
    return lines;
  }
}
