package dev.salvage.pipeline.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import org.junit.jupiter.api.Test;

class NotReadTest {
  @Test
  void aSourceWhoseFolderMayNotBeOpenedSaysPermissionDeniedNotThePathAlone() {
    RunSummary.NotRead denied =
        RunSummary.NotRead.wholeSource(new AccessDeniedException("/srv/mail/archive"));
    RunSummary.NotRead unanswered =
        RunSummary.NotRead.wholeSource(new IOException("imap.example.com did not answer"));

    assertThat(denied.lastError()).isEqualTo("Cannot list /srv/mail/archive: permission denied");
    assertThat(denied.notRead()).isEqualTo("the whole source: its partitions could not be listed");
    assertThat(unanswered.lastError()).isEqualTo("imap.example.com did not answer");
  }
}
