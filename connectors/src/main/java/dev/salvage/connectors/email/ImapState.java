package dev.salvage.connectors.email;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The resume state of an IMAP source: per folder, the UIDVALIDITY it was read under, the highest
 * UID fetched with its Message-ID and size (to notice a server that renumbered its UIDs without
 * changing UIDVALIDITY), how many messages the snapshot holds up to that UID and the search
 * criteria used.
 *
 * <p>Folders are read in parallel, possibly by several processes, so every update re-reads the file
 * under a lock and replaces it atomically: a crash leaves the previous state, never half a file.
 */
final class ImapState {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Object JVM_LOCK = new Object();

  private final Path file;

  ImapState(Path file) {
    this.file = file;
  }

  /**
   * What was read of one folder.
   *
   * @param lastUid the highest UID fetched and stored in the snapshot
   * @param lastMessageId the Message-ID of the message at {@code lastUid}, or null (none, or a
   *     state written before it was kept)
   * @param lastSize the size the server gave for the message at {@code lastUid}, or -1 when unknown
   *     (its body was not fetched, or a state written before it was kept): then nothing is compared
   * @param snapshotCount how many messages the snapshot held for the folder up to {@code lastUid}
   */
  record FolderState(
      long uidValidity,
      long lastUid,
      String lastMessageId,
      long lastSize,
      long snapshotCount,
      String criteria) {}

  Optional<FolderState> folder(String folder) throws IOException {
    synchronized (JVM_LOCK) {
      JsonNode entry = load().path("folders").path(folder);
      if (!entry.isObject()) {
        return Optional.empty();
      }
      return Optional.of(
          new FolderState(
              entry.path("uidvalidity").asLong(-1),
              entry.path("last_uid").asLong(0),
              entry.path("last_message_id").isTextual()
                  ? entry.path("last_message_id").asText()
                  : null,
              entry.path("last_size").asLong(-1),
              entry.path("snapshot_count").asLong(0),
              entry.path("criteria").asText("")));
    }
  }

  /** The folders the state holds, in its order. */
  List<String> folders() throws IOException {
    synchronized (JVM_LOCK) {
      List<String> folders = new ArrayList<>();
      load().path("folders").fieldNames().forEachRemaining(folders::add);
      return folders;
    }
  }

  void save(String folder, FolderState state) throws IOException {
    synchronized (JVM_LOCK) {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path lockFile = file.resolveSibling("." + file.getFileName() + ".lock");
      try (FileChannel channel =
              FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        ObjectNode root = load();
        JsonNode folders = root.path("folders");
        ObjectNode updated = folders.isObject() ? (ObjectNode) folders : root.putObject("folders");
        updated
            .putObject(folder)
            .put("uidvalidity", state.uidValidity())
            .put("last_uid", state.lastUid())
            .put("last_message_id", state.lastMessageId())
            .put("last_size", state.lastSize())
            .put("snapshot_count", state.snapshotCount())
            .put("criteria", state.criteria());
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(temporary, root.toPrettyString(), StandardCharsets.UTF_8);
        move(temporary, file);
      }
    }
  }

  private ObjectNode load() throws IOException {
    if (!Files.exists(file)) {
      return JSON.createObjectNode();
    }
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException("Cannot read the IMAP resume state " + file + ": " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IOException("Cannot read the IMAP resume state " + file + ": not a JSON object");
    }
    return (ObjectNode) root;
  }

  static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
