package dev.salvage.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * A plain NO to EXAMINE was retried like a dropped connection, spending the whole retry budget on
 * an answer that could not change; the response codes of RFC 5530 say which refusals are final.
 */
class ImapRefusalsTest {
  private static MessagingException answered(String response) {
    return new MessagingException("A4 NO " + response, new RuntimeException("A4 NO " + response));
  }

  @Test
  void takesAPlainNoToExamineAsFinal() {
    assertThat(ImapRefusals.finalRefusal(answered("Mailbox cannot be opened"), true))
        .isEqualTo("NO to EXAMINE");
  }

  @Test
  void takesTheFinalCodesOfRfc5530AsFinalWhateverTheCommand() {
    for (String code :
        new String[] {"NOPERM", "NONEXISTENT", "CANNOT", "AUTHORIZATIONFAILED", "CLIENTBUG"}) {
      assertThat(ImapRefusals.finalRefusal(answered("[" + code + "] refused"), false))
          .as(code)
          .isEqualTo(code);
    }
  }

  @Test
  void retriesANoToExamineWhoseCodeSaysItMayPassLater() {
    for (String code : new String[] {"UNAVAILABLE", "INUSE", "LIMIT", "SERVERBUG"}) {
      assertThat(ImapRefusals.finalRefusal(answered("[" + code + "] try later"), true))
          .as(code)
          .isNull();
    }
  }

  @Test
  void retriesWhatIsNoAnswerAtAll() {
    MessagingException dropped =
        new MessagingException("connection lost", new SocketTimeoutException("Read timed out"));

    assertThat(ImapRefusals.finalRefusal(dropped, false)).isNull();
  }
}
