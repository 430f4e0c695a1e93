package dev.salvage.connectors.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class ConnectionFailureTest {
  @Test
  void aRefusedConnectionNamesHostPortAndOptionNeverTheQueryOrUserInfo() {
    IOException wrapped =
        new IOException(
            "IOException during GET /v1/charges", new ConnectException("Connection refused"));

    assertThat(
            ConnectionFailure.describe(
                wrapped,
                "https://user:pw@api.example.test/v1?key=sk_secret",
                "api_base of source s"))
        .isEqualTo("api.example.test:443 refused the connection (api_base of source s)");
  }

  @Test
  void anUnknownHostIsSaidAsSuch() {
    assertThat(
            ConnectionFailure.describe(
                new UnknownHostException("api.exmaple.test"),
                "http://api.exmaple.test/",
                "root_url of source calendar"))
        .isEqualTo(
            "api.exmaple.test:80 is not a host name the resolver knows (unknown host)"
                + " (root_url of source calendar)");
  }

  @Test
  void anAnswerIsLeftToItsCallersWording() {
    assertThat(ConnectionFailure.describe(new IOException("HTTP 500"), "http://h/", "x")).isNull();
  }
}
