package dev.salvage.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GreenMail does not offer AUTHENTICATE XOAUTH2, so a scripted IMAP peer checks what the client
 * sends: the SASL XOAUTH2 initial response with the user and the bearer token, and no LOGIN.
 */
class ImapXoauth2Test {
  @TempDir Path temp;

  @Test
  void logsInWithXoauth2AndTheBearerToken() throws Exception {
    Path token = temp.resolve("token");
    Files.writeString(token, "ya29.test-access-token\n");
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<List<String>> commands =
          CompletableFuture.supplyAsync(() -> serveOneSession(listener));
      ImapOptions options =
          ImapOptions.parse(
              "mail",
              Map.of(
                  "host", "127.0.0.1",
                  "port", Integer.toString(listener.getLocalPort()),
                  "security", "none",
                  "user", "office@rentwise.example",
                  "oauth2_token_file", token.toString(),
                  "connect_timeout_seconds", "5",
                  "read_timeout_seconds", "5"));
      ImapSession.connect(options).close();

      List<String> sent = commands.get(10, TimeUnit.SECONDS);
      String authenticate =
          sent.stream().filter(line -> line.contains("AUTHENTICATE")).findFirst().orElseThrow();
      assertThat(authenticate).contains("AUTHENTICATE XOAUTH2");
      String response =
          sent.get(sent.indexOf(authenticate) + (authenticate.endsWith("XOAUTH2") ? 1 : 0));
      String payload = response.substring(response.lastIndexOf(' ') + 1);
      assertThat(new String(Base64.getDecoder().decode(payload), StandardCharsets.UTF_8))
          .isEqualTo(
              "user=office@rentwise.example\u0001auth=Bearer ya29.test-access-token\u0001\u0001");
      assertThat(sent).noneMatch(line -> line.contains(" LOGIN "));
    }
  }

  @Test
  void asksForXoauth2OnlyWhenATokenIsConfigured() throws Exception {
    Map<String, String> common =
        Map.of("host", "imap.gmail.com", "user", "office@rentwise.example");
    Map<String, String> token = new java.util.HashMap<>(common);
    token.put("oauth2_token_env", "GMAIL_TOKEN");
    Map<String, String> password = new java.util.HashMap<>(common);
    password.put("password_env", "GMAIL_APP_PASSWORD");

    Properties withToken = ImapSession.properties(ImapOptions.parse("mail", token));
    assertThat(withToken)
        .containsEntry("mail.imaps.auth.mechanisms", "XOAUTH2")
        .containsEntry("mail.imaps.port", "993")
        .containsEntry("mail.imaps.ssl.checkserveridentity", "true")
        .containsEntry("mail.imaps.peek", "true");
    assertThat(ImapSession.properties(ImapOptions.parse("mail", password)))
        .doesNotContainKey("mail.imaps.auth.mechanisms");
  }

  /** Plays one IMAP session: greeting, CAPABILITY, AUTHENTICATE, LOGOUT; returns what it got. */
  private static List<String> serveOneSession(ServerSocket listener) {
    List<String> received = new ArrayList<>();
    try (Socket socket = listener.accept()) {
      socket.setSoTimeout(10_000);
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      OutputStream out = socket.getOutputStream();
      write(out, "* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=XOAUTH2 AUTH=PLAIN] ready");
      String line;
      while ((line = in.readLine()) != null) {
        received.add(line);
        String[] parts = line.split(" ", 3);
        String tag = parts[0];
        String command = parts.length > 1 ? parts[1].toUpperCase() : "";
        switch (command) {
          case "CAPABILITY" -> {
            write(out, "* CAPABILITY IMAP4rev1 SASL-IR AUTH=XOAUTH2 AUTH=PLAIN");
            write(out, tag + " OK done");
          }
          case "AUTHENTICATE" -> {
            if (!line.contains(" XOAUTH2 ")) {
              // no initial response: ask for it and read it
              write(out, "+ ");
              received.add(in.readLine());
            }
            write(out, tag + " OK [CAPABILITY IMAP4rev1] authenticated");
          }
          case "LOGOUT" -> {
            write(out, "* BYE");
            write(out, tag + " OK bye");
            return received;
          }
          default -> write(out, tag + " OK");
        }
      }
    } catch (Exception e) {
      received.add("server error: " + e);
    }
    return received;
  }

  private static void write(OutputStream out, String line) throws java.io.IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }
}
