package dev.salvage.connectors.email;

import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.SourceReaders;
import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/** A GreenMail IMAP server on a free loopback port with one user whose password is in a file. */
final class ImapTestServer implements AutoCloseable {
  static final String USER = "office@rentals.example";

  private final String password;
  private final Path passwordFile;
  private final int port;
  private GreenMail greenMail;
  private GreenMailUser user;

  ImapTestServer(Path directory) throws Exception {
    greenMail = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
    greenMail.start();
    port = greenMail.getImap().getPort();
    password = UUID.randomUUID().toString();
    user = greenMail.setUser(USER, USER, password);
    passwordFile = directory.resolve("imap-password");
    Files.writeString(passwordFile, password + "\n");
  }

  /** Stops the server, the way a host being restarted refuses connections; see {@link #restart}. */
  void stop() {
    greenMail.stop();
  }

  /** Starts an empty server again on the same port, with the same user and password. */
  void restart() {
    greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
    greenMail.start();
    user = greenMail.setUser(USER, USER, password);
  }

  int port() {
    return port;
  }

  /** The options of an imap source reading this server, plus {@code extra}. */
  Map<String, String> options(String folders, Map<String, String> extra) {
    Map<String, String> options = new HashMap<>();
    options.put("host", "127.0.0.1");
    options.put("port", Integer.toString(port()));
    options.put("security", "none");
    options.put("user", USER);
    options.put("password_file", passwordFile.toString());
    options.put("folders", folders);
    options.putAll(extra);
    return options;
  }

  PartitionedSource source(String folders, Map<String, String> extra) throws Exception {
    return SourceReaders.open("mail", "imap", null, options(folders, extra));
  }

  MailFolder folder(String name) throws Exception {
    ImapHostManager manager = greenMail.getManagers().getImapHostManager();
    if (name.equals("INBOX")) {
      return manager.getInbox(user);
    }
    MailFolder existing = manager.getFolder(user, name);
    return existing != null ? existing : manager.createMailbox(user, name);
  }

  /**
   * Makes the server forget its UID list the way a rebuilt index does: the folder's messages go and
   * its next UID is 1 again, under the same UIDVALIDITY. GreenMail has no API for a server losing
   * its UIDs, so its counter is reset directly.
   */
  void renumber(String name) throws Exception {
    MailFolder folder = folder(name);
    folder.deleteAllMessages();
    java.lang.reflect.Field nextUid = folder.getClass().getDeclaredField("nextUid");
    nextUid.setAccessible(true);
    ((java.util.concurrent.atomic.AtomicLong) nextUid.get(folder)).set(1);
  }

  /** Deletes and expunges the message with this UID, as a mail client would. */
  void expunge(String name, long uid) throws Exception {
    MailFolder folder = folder(name);
    folder.setFlags(new Flags(Flags.Flag.DELETED), true, uid, null, false);
    folder.expunge();
  }

  /**
   * Makes the server list the folder {@code \Noselect}, as Dovecot lists a folder whose directory
   * it may not open. GreenMail's folder class is not public, so its setter is called reflectively.
   */
  void unselectable(String name) throws Exception {
    MailFolder folder = folder(name);
    java.lang.reflect.Method setter = folder.getClass().getMethod("setSelectable", boolean.class);
    setter.setAccessible(true);
    setter.invoke(folder, false);
  }

  void deleteFolder(String name) throws Exception {
    greenMail.getManagers().getImapHostManager().deleteMailbox(user, name);
  }

  /** Appends a message with the given internal (received) date; returns its UID. */
  long append(String folder, String raw, Instant received, Flags flags) throws Exception {
    MimeMessage message =
        new MimeMessage(
            Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    return folder(folder).appendMessage(message, flags, java.util.Date.from(received));
  }

  static String mail(String messageId, String subject, Instant date) {
    return "Message-ID: <"
        + messageId
        + ">\r\n"
        + "From: Rentals <bookings@rentals.example>\r\n"
        + "To: customer-"
        + Math.abs(messageId.hashCode() % 97)
        + "@mail.example\r\n"
        + "Subject: "
        + subject
        + "\r\n"
        + "Date: "
        + java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
            date.atOffset(java.time.ZoneOffset.UTC))
        + "\r\n"
        + "MIME-Version: 1.0\r\n"
        + "Content-Type: text/plain; charset=utf-8\r\n"
        + "\r\n"
        + "Your reservation "
        + messageId
        + " is confirmed.\r\n";
  }

  List<StoredMessage> stored(String folder) throws Exception {
    return folder(folder).getMessages();
  }

  @Override
  public void close() {
    greenMail.stop();
  }
}
