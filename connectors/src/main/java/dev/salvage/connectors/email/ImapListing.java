package dev.salvage.connectors.email;

import jakarta.mail.FetchProfile;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * The messages of an open folder above a UID, in ascending UID order, listed (UID and size) one
 * window at a time.
 *
 * <p>Listing a whole folder costs about 40 bytes a message before the first message arrives: a link
 * that drops every few hundred kilobytes never got past the listing of a large folder, and a
 * million-message folder listed 40 MB again at every reconnection. A window is listed only when the
 * read reaches it; where it starts is found by a binary search over sequence numbers (UIDs ascend
 * with them), a few one-message {@code FETCH}es instead of a listing of everything read before.
 * Messages that arrive during the read are listed too.
 */
final class ImapListing {
  /** A message to read: its UID and its size in bytes. */
  record Candidate(long uid, long size) {}

  private final IMAPFolder folder;
  // what a date search found, in sequence order; null: every message of the folder
  private final Message[] found;
  private final int window;
  private long above;
  private int nextIndex;
  private Message lastListed;
  private final long total;
  private final long lastUid;

  /**
   * @param found the messages a search found, in sequence order, or null for every message
   * @param above only messages with a UID above this one are listed
   */
  private ImapListing(IMAPFolder folder, Message[] found, long above, int window)
      throws MessagingException {
    this.folder = folder;
    this.found = found;
    this.window = window;
    this.above = above;
    this.nextIndex = firstIndexAbove(above);
    int size = size();
    this.total = Math.max(0, size - nextIndex);
    this.lastUid = total == 0 ? above : folder.getUID(at(size - 1));
  }

  /** Every message of {@code folder} above UID {@code above}. */
  static ImapListing of(IMAPFolder folder, long above, int window) throws MessagingException {
    return new ImapListing(folder, null, above, window);
  }

  /** The messages a search found, in sequence order ({@code Folder.search}), above UID above. */
  static ImapListing ofFound(IMAPFolder folder, Message[] found, long above, int window)
      throws MessagingException {
    return new ImapListing(folder, found.clone(), above, window);
  }

  /** How many messages were above the start UID when the listing began. */
  long total() {
    return total;
  }

  /** The highest UID when the listing began (the start UID when there was none above it). */
  long lastUid() {
    return lastUid;
  }

  /** The next window's messages, ascending by UID; empty when every message was listed. */
  List<Candidate> next() throws MessagingException {
    while (true) {
      if (lastListed != null) {
        nextIndex = lastListed.isExpunged() ? firstIndexAbove(above) : indexAfter(lastListed);
        lastListed = null;
      }
      int size = size();
      if (nextIndex >= size) {
        return List.of();
      }
      int end = Math.min(size, nextIndex + window);
      Message[] messages = new Message[end - nextIndex];
      for (int i = 0; i < messages.length; i++) {
        messages[i] = at(nextIndex + i);
      }
      FetchProfile profile = new FetchProfile();
      profile.add(UIDFolder.FetchProfileItem.UID);
      profile.add(FetchProfile.Item.SIZE);
      folder.fetch(messages, profile);
      List<Candidate> candidates = new ArrayList<>(messages.length);
      for (Message message : messages) {
        if (message == null || message.isExpunged()) {
          continue;
        }
        lastListed = message;
        long uid = folder.getUID(message);
        if (uid > above) {
          candidates.add(new Candidate(uid, message.getSize()));
        }
      }
      if (lastListed == null) {
        // every message of the window was expunged meanwhile: the next window starts past them
        nextIndex = end;
      }
      if (!candidates.isEmpty()) {
        candidates.sort((a, b) -> Long.compare(a.uid(), b.uid()));
        above = candidates.get(candidates.size() - 1).uid();
        return candidates;
      }
    }
  }

  private int size() throws MessagingException {
    return found == null ? folder.getMessageCount() : found.length;
  }

  private Message at(int index) throws MessagingException {
    return found == null ? folder.getMessage(index + 1) : found[index];
  }

  // A message's number follows the expunges the server reported since it was listed
  private int indexAfter(Message message) {
    if (found == null) {
      return message.getMessageNumber();
    }
    for (int i = nextIndex; i < found.length; i++) {
      if (found[i] == message) {
        return i + 1;
      }
    }
    return found.length;
  }

  /**
   * The index of the first message with a UID above {@code uid}, by binary search; a message
   * expunged meanwhile stands for the first one after it that is not.
   */
  private int firstIndexAbove(long uid) throws MessagingException {
    int low = 0;
    int high = size();
    if (uid <= 0) {
      return 0;
    }
    while (low < high) {
      int middle = (low + high) >>> 1;
      int probe = middle;
      while (probe < high && at(probe).isExpunged()) {
        probe++;
      }
      if (probe == high || folder.getUID(at(probe)) > uid) {
        high = middle;
      } else {
        low = probe + 1;
      }
    }
    return low;
  }
}
