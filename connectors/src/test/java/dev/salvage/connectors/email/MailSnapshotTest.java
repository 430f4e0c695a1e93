package dev.salvage.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Where an IMAP folder's messages go in a snapshot. */
class MailSnapshotTest {
  private final MailSnapshot snapshot = new MailSnapshot(Path.of("snap"));

  @Test
  void foldersWhoseNamesDifferOnlyInCharactersAFileNameCannotHoldGetDirectoriesOfTheirOwn() {
    List<String> folders =
        List.of(
            "INBOX.Res:2024",
            "INBOX.Res_2024",
            "INBOX.Res*2024",
            "INBOX.Re: bookings",
            "INBOX.Re_ bookings",
            "INBOX..hidden",
            "INBOX._hidden",
            "INBOX._");

    Set<Path> directories =
        folders.stream().map(f -> snapshot.directory(f, '.')).collect(Collectors.toSet());

    assertThat(directories).hasSize(folders.size());
  }

  @Test
  void aNameAFileCanHoldIsKeptAsItIsSoEarlierSnapshotsStillResume() {
    assertThat(snapshot.directory("INBOX.Réservations", '.'))
        .isEqualTo(Path.of("snap", "INBOX", "Réservations"));
    assertThat(snapshot.directory("INBOX/Sent Items", '/'))
        .isEqualTo(Path.of("snap", "INBOX", "Sent Items"));
    assertThat(snapshot.directory("INBOX.Res:2024", '.').getFileName().toString())
        .startsWith("Res_2024~")
        .hasSize("Res_2024~".length() + 8);
  }
}
