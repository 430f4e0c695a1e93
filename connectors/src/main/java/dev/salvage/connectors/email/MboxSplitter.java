package dev.salvage.connectors.email;

import dev.salvage.connectors.io.ByteLineReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits an mbox stream into raw messages one at a time, so that a mailbox of any size is read with
 * one message in memory. The rule, for every dialect (mboxo, mboxrd, mboxcl, mboxcl2, Thunderbird,
 * Gmail Takeout, LF or CRLF), is in {@code docs/mail.md#mbox}; in short, a line starting with
 * {@code From } is a separator when
 *
 * <ol>
 *   <li>it ends the body a message's {@code Content-Length} announced, when that length is
 *       consistent (it ends on a line boundary followed by blank lines and a {@code From } line or
 *       the end of the file); no line inside such a body is a separator; or
 *   <li>the lines after it are a header block naming at least one mail header field (From, Date,
 *       Message-ID, Received, X-Mozilla-Status, ...), whatever the rest of the line says (an
 *       asctime date, {@code -}, a Gmail id, nothing), unless none of them is one a stored mail has
 *       (To and Subject only) and the line is not {@code From sender asctime-date}, or the line is
 *       inside the open multipart of the message before it and that multipart's boundary lines go
 *       on after it, or the header block has neither the Message-ID nor any other trace field (To,
 *       Received, Status...) of the message before it and is dated over 14 hours before it (a mail
 *       pasted into it: each noted in that message; without the date, the split is kept and noted
 *       in both as doubtful); or
 *   <li>it has the classic form {@code From sender asctime-date}, starts the file or follows a
 *       blank line, and is followed by a blank line or the end of the file (an empty message).
 * </ol>
 *
 * <p>The separator line is dropped, {@code >From } quoting is undone (mboxrd, which also reads
 * mboxo correctly for all but quoted {@code >From} lines) and the blank line the writer adds after
 * each message is removed (after a Content-Length body, every blank line up to the next separator).
 * A message whose header block or multipart is not closed when the input ends shows the input was
 * cut inside it; a multipart that the next message follows is noted.
 */
final class MboxSplitter {
  /**
   * One message.
   *
   * @param offset the byte offset of its separator line (of its first line when it has none)
   * @param separator its separator line without the line break, or null when it has none
   * @param notes what the operator should know about how it was split (separator-like lines read as
   *     text)
   * @param cut how the input shows that it ends inside this message, as a file cut while it was
   *     written or copied does (its last line has no line break, its header block has no blank line
   *     ending it, its body is shorter than its {@code Content-Length} announced, or its
   *     multipart's closing boundary line never comes), or null when it does not
   * @param startDoubted whether its separator may be a body line of the message before, pasted
   *     there unquoted ({@link MailNotes#DOUBTFUL_SPLIT}): no byte range starts at it, since its
   *     notes depend on that message
   */
  record Message(
      long offset,
      byte[] bytes,
      boolean tooLarge,
      String separator,
      List<String> notes,
      Cut cut,
      boolean startDoubted) {
    Message {
      notes = List.copyOf(notes);
    }
  }

  /**
   * How a message shows that the input was cut inside it.
   *
   * @param what what the file shows, e.g. "the file ends inside its last line"
   * @param fix what to do when the file is complete as it is
   */
  record Cut(String what, String fix) {}

  /** Receives the messages in order. */
  interface Consumer {
    void accept(Message message) throws IOException;
  }

  /** Header fields that only a mail (or an mbox writer) puts in a header block. */
  private static final Set<String> MAIL_FIELDS =
      Set.of(
          "from",
          "sender",
          "reply-to",
          "to",
          "cc",
          "bcc",
          "date",
          "subject",
          "message-id",
          "in-reply-to",
          "references",
          "received",
          "return-path",
          "delivered-to",
          "envelope-to",
          "x-original-to",
          "resent-from",
          "resent-date",
          "resent-message-id",
          "mime-version",
          "content-type",
          "content-transfer-encoding",
          "status",
          "x-status",
          "x-mozilla-status",
          "x-mozilla-status2",
          "x-gm-thrid",
          "x-gmail-labels");

  /** {@code From sender Www Mmm dd hh:mm[:ss] [zone] yyyy [zone]}: what mbox writers write. */
  private static final Pattern CLASSIC =
      Pattern.compile(
          "From \\S+\\s+[A-Za-z]{3}\\s+[A-Za-z]{3}\\s+\\d{1,2}\\s+\\d{1,2}:\\d{2}(:\\d{2})?"
              + "(\\s+\\S+)?\\s+\\d{4}(\\s.*)?");

  /**
   * Of {@link #MAIL_FIELDS}, those a mail stored in a mailbox always has at least one of: a letter
   * quoted in a body after a {@code From } line has To and Subject at most.
   */
  private static final Set<String> STORED_MAIL_FIELDS =
      Set.of(
          "from",
          "sender",
          "date",
          "message-id",
          "received",
          "return-path",
          "delivered-to",
          "envelope-to",
          "x-original-to",
          "resent-from",
          "resent-date",
          "resent-message-id",
          "status",
          "x-status",
          "x-mozilla-status",
          "x-mozilla-status2",
          "x-gm-thrid",
          "x-gmail-labels");

  /**
   * Header fields a mail gets on its way or in its mailbox, not from its writer: a mail pasted into
   * another after an unquoted {@code From } line has none of those that the mails around it have.
   */
  private static final Set<String> TRACE_FIELDS =
      Set.of(
          "message-id",
          "to",
          "received",
          "return-path",
          "delivered-to",
          "envelope-to",
          "x-original-to",
          "status",
          "x-status",
          "x-mozilla-status",
          "x-mozilla-status2",
          "x-gm-thrid",
          "x-gmail-labels");

  /**
   * How much earlier than the mail it would end a pasted header block's date must be to be read as
   * text of that mail: a separator line's date is in its writer's unknown zone, up to 14 hours off.
   */
  private static final Duration PASTED_DATE_MARGIN = Duration.ofHours(14);

  private static final Pattern BOUNDARY =
      Pattern.compile("(?i);\\s*boundary\\s*=\\s*(?:\"([^\"]*)\"|([^\\s;\"]+))");

  /** How much of a folded Content-Type or Date field is kept to find its boundary or date. */
  private static final int MAX_FIELD_CHARS = 8192;

  private static final Pattern FIELD_NAME = Pattern.compile("[!-9;-~]+");
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  /** How far a separator's header block is looked at: enough for any real one. */
  private static final int MAX_HEADER_LINES = 1000;

  private static final long MAX_HEADER_BYTES = 1 << 20;

  private final int maxMessageBytes;

  MboxSplitter(int maxMessageBytes) {
    this.maxMessageBytes = maxMessageBytes;
  }

  /** Splits a whole stream (a file from its first byte). */
  void split(InputStream in, Consumer consumer) throws IOException {
    run(in, 0, Long.MAX_VALUE, true, consumer);
  }

  /**
   * The offsets where {@link #split} starts a message in the stream, found by the very same rule
   * without keeping any message's bytes: where a file may be cut into ranges that {@link
   * #splitRange} reads into exactly the messages a whole read gives.
   */
  void messageStarts(InputStream in, LongConsumer starts) throws IOException {
    run(
        in,
        0,
        Long.MAX_VALUE,
        false,
        message -> {
          // a range started there would not know the message before, which its notes name
          if (!message.startDoubted()) {
            starts.accept(message.offset());
          }
        });
  }

  /**
   * Splits the messages that start in bytes {@code [start, end)} of a file, {@code in} positioned
   * at {@code start}. A {@code start} past 0 must be one of the {@link #messageStarts} of the same
   * bytes: once the rule has started a message at a line, what it does next depends only on that
   * line and the ones after it (the decision about the previous message is made), so a split
   * started there gives the same messages as a whole read. The stream is read past {@code end} as
   * far as the rule looks ahead to decide about the last message (a header block, a Content-Length
   * body), like a whole read; messages starting at {@code end} or after are not passed on.
   *
   * @return where the split stopped: the offset of the first message starting at or after {@code
   *     end}, or the end of the input; {@code end} itself when the bytes are those the starts were
   *     found in
   * @throws IOException when {@code start} is past 0 and the line there starts no message
   */
  long splitRange(InputStream in, long start, long end, Consumer consumer) throws IOException {
    return run(in, start, end, true, consumer);
  }

  private long run(InputStream in, long start, long end, boolean keepBytes, Consumer consumer)
      throws IOException {
    // a line is never cut below the message limit: a 30 MB line is read whole
    Lookahead lines = new Lookahead(new ByteLineReader(in, maxMessageBytes + 1, start));
    Current current = null;
    boolean previousBlank = true;
    ByteLineReader.Line line = lines.next();
    if (start == 0 && line != null && fromAt(line) >= 0 && loneCarriageReturns(line) > 1) {
      // classic Mac OS line ends: the whole file is one line, and would pass for one message
      throw new IOException(
          "its lines end in a lone carriage return (classic Mac OS), so its messages cannot be"
              + " told apart; convert the line ends first, e.g. tr '\\r' '\\n' < in.mbox >"
              + " out.mbox");
    }
    if (start > 0) {
      if (line == null || fromAt(line) < 0) {
        // only the bytes the start was found in have a message there
        throw new IOException(
            "no message starts at byte "
                + start
                + (line == null
                    ? " (the input ends there)"
                    : " (the line there is \"" + excerpt(line) + "\")")
                + ": the bytes are not those its start was found in");
      }
      // the state a whole read is in right after it started a message at this line
      current = new Current(line.offset(), separatorText(line), keepBytes);
      previousBlank = false;
      line = lines.next();
    }
    for (; line != null; line = lines.next()) {
      boolean blank = line.contentLength() == 0;
      if (current != null && current.bodyEnd >= 0 && line.offset() >= current.bodyEnd) {
        // after a Content-Length body: blank lines, then a separator (checked when it was set)
        if (!blank) {
          consumer.accept(current.finish(false));
          if (line.offset() >= end) {
            return line.offset();
          }
          current = new Current(line.offset(), separatorText(line), keepBytes);
        }
        previousBlank = blank;
        continue;
      }
      boolean insideLengthBody =
          current != null && current.bodyEnd >= 0 && line.offset() < current.bodyEnd;
      String refused = null;
      Block block = insideLengthBody || fromAt(line) < 0 ? Block.NONE : headerBlock(lines);
      if (current != null
          && block == Block.WEAK
          && !CLASSIC.matcher(separatorText(line)).matches()) {
        // "From the desk of ..." followed by "To:" and "Subject:" lines: a letter quoted in a body,
        // not a stored mail, which carries one of these or has a writer's separator line
        refused =
            "the line at byte "
                + line.offset()
                + " (\""
                + separatorText(line)
                + "\") is followed by header fields, but by none a stored mail has (From, Date,"
                + " Message-ID, Received, Return-Path, Status...) and it does not have the form of"
                + " an mbox separator (From sender date): read as text of this message";
      } else if (current != null && block == Block.MAIL && current.multipartContinuesAfter(lines)) {
        refused =
            "the line at byte "
                + line.offset()
                + " (\""
                + separatorText(line)
                + "\") is followed by a header block, but it lies inside this mail's multipart"
                + " (boundary \""
                + current.boundary
                + "\"), whose boundary lines go on after it: an unquoted From line in a part, read"
                + " as text of this message";
      }
      Pasted pasted =
          refused == null && current != null && block == Block.MAIL
              ? current.pasted(line, lines)
              : null;
      if (pasted != null && pasted.datedBefore()) {
        refused = pasted.readAsText();
      }
      if (refused == null && isSeparator(line, block, previousBlank, lines)) {
        if (current != null) {
          if (pasted != null) {
            current.notes.add(pasted.beforeNote());
          }
          consumer.accept(current.finish(false));
        }
        if (line.offset() >= end) {
          return line.offset();
        }
        current = new Current(line.offset(), separatorText(line), keepBytes);
        if (pasted != null) {
          current.notes.add(pasted.splitOffNote());
          current.startDoubted = true;
        }
        previousBlank = false;
        continue;
      }
      boolean looksLikeSeparator =
          !insideLengthBody
              && refused == null
              && previousBlank
              && fromAt(line) >= 0
              && CLASSIC.matcher(separatorText(line)).matches();
      // mboxcl2 keeps such lines in bodies by design; a Content-Length that is stale by exactly
      // whole messages would hide real separators the same way: said, never silent
      String hiddenByLength =
          insideLengthBody && previousBlank && fromAt(line) >= 0 && headerBlockFollows(lines)
              ? "the line at byte "
                  + line.offset()
                  + " (\""
                  + separatorText(line)
                  + "\") would start a message, but it is inside the body the Content-Length"
                  + " header announced: read as text of this message"
              : null;
      previousBlank = blank;
      if (current == null) {
        if (blank) {
          continue;
        }
        if (line.offset() >= end) {
          return line.offset();
        }
        // content before the first separator is kept as a message rather than lost, and said:
        // ignored by every rule, a preamble (a cut copy, a note pasted at the top) was in no output
        current = new Current(line.offset(), null, keepBytes);
        current.notes.add(
            "the text from byte "
                + line.offset()
                + " (\""
                + excerpt(line)
                + "\") comes before the file's first mbox separator (a From line): read as a"
                + " message of its own; a file cut at its start, or not an mbox, looks so");
      }
      if (hiddenByLength != null) {
        current.notes.add(hiddenByLength);
      }
      if (refused != null) {
        if (current.inHeaders) {
          // the line and what follows it are the text the refusal says, not more header fields:
          // the header block is taken to end before it, or the parser would take them for headers
          current.endHeadersBefore(line);
          refused +=
              "; it comes before this mail's first blank line, so this mail's header block is taken"
                  + " to end there";
        }
        current.notes.add(refused);
      }
      if (looksLikeSeparator) {
        // by the rule not a separator (no header block follows), but a message without headers
        // would look the same: said, so that a merge is never silent
        current.notes.add(
            "the line at byte "
                + line.offset()
                + " (\""
                + separatorText(line)
                + "\") has the form of an mbox separator but no header block follows it: read"
                + " as text of this message");
      }
      current.append(line);
      if (current.inHeaders && blank) {
        current.inHeaders = false;
        current.boundary = multipartBoundary(current.contentType);
        long bodyStart = line.offset() + line.bytes().length;
        if (current.contentLength >= 0 && current.contentLength <= maxMessageBytes) {
          long announcedEnd = bodyStart + current.contentLength;
          long inputEnd = inputEndBefore(lines, bodyStart, announcedEnd);
          if (inputEnd >= 0) {
            // the body the header announced runs past the end of the input
            current.shortBy = announcedEnd - inputEnd;
          } else if (lengthIsConsistent(lines, bodyStart, announcedEnd)) {
            current.bodyEnd = announcedEnd;
          }
        }
      }
    }
    if (current != null) {
      consumer.accept(current.finish(true));
    }
    return lines.reader.offset();
  }

  /** How much of a message past the size limit is kept: its quarantine entry's excerpt. */
  private static final int HEAD_OF_TOO_LARGE = 64 * 1024;

  /**
   * A message's bytes, held in blocks rather than one array: a contiguous buffer grown as the
   * message grows holds the old array and the new one at once, and for a mail near the size limit
   * that was 85 MB beside 128 MB, past a 384 MB heap (an outside trial's 213 MB mail, four runs out
   * of four). A message past the limit keeps only its head.
   */
  private static final class MessageBuffer {
    private static final int FIRST_BLOCK = 8192;
    private static final int LARGEST_BLOCK = 1 << 20;

    private final List<byte[]> blocks = new ArrayList<>();
    private int used; // of the last block
    private int count;

    int size() {
      return count;
    }

    void write(byte[] from, int offset, int length) {
      while (length > 0) {
        if (blocks.isEmpty() || used == blocks.get(blocks.size() - 1).length) {
          int next =
              blocks.isEmpty()
                  ? FIRST_BLOCK
                  : Math.min(LARGEST_BLOCK, blocks.get(blocks.size() - 1).length * 2);
          blocks.add(new byte[next]);
          used = 0;
        }
        byte[] block = blocks.get(blocks.size() - 1);
        int n = Math.min(length, block.length - used);
        System.arraycopy(from, offset, block, used, n);
        used += n;
        count += n;
        offset += n;
        length -= n;
      }
    }

    byte[] toByteArray() {
      return toByteArrayUpTo(count);
    }

    void keepHead(int head) {
      byte[] kept = toByteArrayUpTo(head);
      blocks.clear();
      blocks.add(kept);
      used = kept.length;
      count = kept.length;
    }

    private byte[] toByteArrayUpTo(int limit) {
      byte[] all = new byte[Math.min(count, limit)];
      int at = 0;
      for (int i = 0; i < blocks.size() && at < all.length; i++) {
        byte[] block = blocks.get(i);
        int n = Math.min(i == blocks.size() - 1 ? used : block.length, all.length - at);
        System.arraycopy(block, 0, all, at, n);
        at += n;
      }
      return all;
    }
  }

  /** The message being read. */
  private final class Current {
    final long offset;
    final String separator;
    final boolean keepBytes;
    final MessageBuffer bytes = new MessageBuffer();
    final List<String> notes = new ArrayList<>(0);
    boolean tooLarge;
    boolean inHeaders = true;
    long contentLength = -1;
    long bodyEnd = -1;
    long shortBy = -1;
    boolean lastLineUnended;
    // after the separator line
    int linesRead;
    // the first Content-Type field of the header block, unfolded
    StringBuilder contentType;
    // the boundary of the mail's own multipart, and whether its closing line came
    String boundary;
    boolean closed;
    // whether any boundary line of it came: a multipart none of whose boundary lines ever comes
    // declared a boundary its parts do not use (MimeBody says so), which says nothing of a cut
    boolean delimiterSeen;
    // the trace fields of its header block, and its Date field unfolded, to tell a mail pasted
    // into it after an unquoted From line from the next mail
    final Set<String> traceFields = new TreeSet<>();
    StringBuilder date;
    // the field whose continuation lines come next, if one of those above
    StringBuilder unfolding;
    boolean startDoubted;

    Current(long offset, String separator, boolean keepBytes) {
      this.offset = offset;
      this.separator = separator;
      this.keepBytes = keepBytes;
    }

    void append(ByteLineReader.Line line) {
      linesRead++;
      // a line longer than the reader's limit is cut by the reader, not by the file's end
      lastLineUnended = !line.truncated() && line.contentLength() == line.bytes().length;
      if (inHeaders) {
        long length = contentLengthField(line);
        if (length >= 0) {
          contentLength = length;
        }
        readFields(line);
      } else if (boundary != null && !closed) {
        Delimiter delimiter = delimiter(line, boundary);
        delimiterSeen |= delimiter != Delimiter.NONE;
        closed = delimiter == Delimiter.CLOSE;
      }
      if (!keepBytes) {
        return;
      }
      int skip = isQuotedFrom(line) ? 1 : 0;
      int length = line.bytes().length - skip;
      if (tooLarge || bytes.size() + (long) length > maxMessageBytes || line.truncated()) {
        if (!tooLarge) {
          // only its head is kept, for the quarantine's excerpt: holding the rest up to the limit
          // and copying it at the end took a 384 MB heap past its end for one 213 MB mail
          bytes.keepHead(HEAD_OF_TOO_LARGE);
        }
        tooLarge = true;
        return;
      }
      bytes.write(line.bytes(), skip, length);
    }

    /**
     * Ends the header block before {@code line}, a line starting with {@code From } that is read as
     * text before the mail's first blank line: a blank line, with the line's own line end, is put
     * before it, so that it and what follows are the mail's body.
     */
    void endHeadersBefore(ByteLineReader.Line line) {
      inHeaders = false;
      boundary = multipartBoundary(contentType);
      if (!keepBytes || tooLarge) {
        return;
      }
      byte[] blank =
          line.contentLength() == line.bytes().length
              ? new byte[] {'\n'}
              : Arrays.copyOfRange(line.bytes(), line.contentLength(), line.bytes().length);
      bytes.write(blank, 0, blank.length);
    }

    /**
     * Reads the header fields the split depends on: the first Content-Type and Date, unfolded, and
     * which trace fields there are.
     */
    private void readFields(ByteLineReader.Line line) {
      if (line.contentLength() == 0) {
        return;
      }
      byte first = line.bytes()[0];
      if (first == ' ' || first == '\t') {
        if (unfolding != null && unfolding.length() < MAX_FIELD_CHARS) {
          unfolding.append(text(line, 0));
        }
        return;
      }
      unfolding = null;
      String name = fieldName(line, 0);
      if (name == null) {
        return;
      }
      if (TRACE_FIELDS.contains(name)) {
        traceFields.add(name);
      }
      if (contentType == null && name.equals("content-type")) {
        contentType = unfolding = value(line);
      } else if (date == null && name.equals("date")) {
        date = unfolding = value(line);
      }
    }

    private static StringBuilder value(ByteLineReader.Line line) {
      String text = text(line, 0);
      return new StringBuilder(text.substring(text.indexOf(':') + 1));
    }

    /** When the mail was written, by its Date field, else its separator line; null if neither. */
    private Instant written() {
      Optional<Instant> header =
          date == null ? Optional.empty() : MailDates.parse(date.toString().strip());
      return header.or(() -> MailDates.separator(separator)).orElse(null);
    }

    /**
     * What a {@code From } line followed by a mail's header block, after this mail's header block,
     * is when it looks pasted into this mail: this mail has a Message-ID, and that header block has
     * none, nor any other of the trace fields this mail has (To, Received, Return-Path,
     * Delivered-To, Status...), as a mail a customer pasted into a reply, its From line unquoted,
     * has not. Null when it does not look so: an ordinary next mail.
     */
    Pasted pasted(ByteLineReader.Line line, Lookahead lines) throws IOException {
      // in its header block too: a mail with headers and no body yet is a mail all the same
      if (!traceFields.contains("message-id")) {
        return null;
      }
      Current block = new Current(-1, separatorText(line), false);
      ByteLineReader.Line next = lines.peek(0);
      for (int i = 0; next != null && next.contentLength() > 0 && i < MAX_HEADER_LINES; ) {
        block.readFields(next);
        next = lines.peek(++i);
      }
      for (String field : block.traceFields) {
        if (traceFields.contains(field)) {
          return null;
        }
      }
      Instant pastedDate = block.written();
      Instant mailDate = written();
      return new Pasted(
          line.offset(),
          separatorText(line),
          offset,
          traceFields,
          pastedDate,
          mailDate,
          pastedDate != null
              && mailDate != null
              && pastedDate.isBefore(mailDate.minus(PASTED_DATE_MARGIN)));
    }

    /** Whether the mail's multipart is open (its closing boundary line has not come yet). */
    boolean multipartOpen() {
      return boundary != null && !closed && !inHeaders;
    }

    /**
     * Whether a line starting with {@code From } and a header block, coming while this mail's
     * multipart is open, lies inside it: a boundary line of it comes after the header block, before
     * any other line starting with {@code From }, and the header block does not declare that same
     * boundary (a mail of its own from the same writer). A mail cut in the middle of the file is
     * followed by other mails, not by its own boundary lines, so it is not joined to them.
     */
    boolean multipartContinuesAfter(Lookahead lines) throws IOException {
      if (!multipartOpen()) {
        return false;
      }
      Current block = new Current(-1, null, false);
      int i = 0;
      long bytes = 0;
      ByteLineReader.Line next = lines.peek(i);
      // the header block after the From line
      while (next != null && next.contentLength() > 0 && i < MAX_HEADER_LINES) {
        block.readFields(next);
        next = lines.peek(++i);
      }
      if (boundary.equals(multipartBoundary(block.contentType))) {
        return false;
      }
      while (next != null && bytes < maxMessageBytes) {
        if (fromAt(next) >= 0) {
          return false;
        }
        if (delimiter(next, boundary) != Delimiter.NONE) {
          return true;
        }
        bytes += next.bytes().length;
        next = lines.peek(++i);
      }
      return false;
    }

    /**
     * @param endOfInput whether the input ends with this message: only then does a body shorter
     *     than its Content-Length say the input was cut (a message after it says the length is
     *     stale)
     */
    Message finish(boolean endOfInput) {
      byte[] content = bytes.toByteArray();
      int end = content.length;
      // the blank line before the next separator belongs to the mbox, not to the message; a body
      // whose Content-Length was honoured ends exactly where it said
      if (bodyEnd < 0) {
        if (endsWith(content, end, "\r\n\r\n")) {
          end -= 2;
        } else if (endsWith(content, end, "\n\n")) {
          end -= 1;
        }
      }
      Cut cut = null;
      if (lastLineUnended) {
        cut =
            new Cut("the file ends inside its last line", "end it with a line break and run again");
      } else if (inHeaders && endOfInput && separator != null) {
        // every mail's header block ends with a blank line, even one without a body: a file that
        // ends before it was cut there, whatever rules would make of the header lines it kept
        cut =
            new Cut(
                linesRead == 0
                    ? "the file ends inside this mail's headers: nothing follows its separator line"
                    : "the file ends inside this mail's headers: no blank line ends them and no body"
                        + " follows",
                "end that mail's header block with a blank line (or remove a separator line"
                    + " nothing follows) and run again");
      } else if (shortBy > 0 && endOfInput) {
        cut =
            new Cut(
                "the file ends "
                    + shortBy
                    + " byte(s) before the end of the body its Content-Length header announced ("
                    + contentLength
                    + " bytes)",
                "correct or remove that mail's Content-Length header and run again");
      } else if (multipartOpen() && endOfInput) {
        cut =
            new Cut(
                "the file ends inside the multipart of its last mail (its closing boundary line"
                    + " \"--"
                    + boundary
                    + "--\" never comes"
                    + (delimiterSeen
                        ? ")"
                        : ", nor any other line of that boundary: cut before its first part, or"
                            + " its declared boundary is not the one its parts use)"),
                "add that closing boundary line at the end of the file (or correct the declared"
                    + " boundary) and run again");
      } else if (multipartOpen() && delimiterSeen) {
        notes.add(
            "the multipart of the mail at byte "
                + offset
                + " (boundary \""
                + boundary
                + "\") is not closed before the next mail starts: the mail may be cut (its end"
                + " lost while it was written or copied) or its writer left the closing boundary"
                + " line out");
      }
      return new Message(
          offset,
          end == content.length ? content : Arrays.copyOf(content, end),
          tooLarge,
          separator,
          notes,
          cut,
          startDoubted);
    }
  }

  /**
   * A {@code From } line whose header block looks pasted into the mail before it ({@link
   * Current#pasted}).
   *
   * @param offset where the line is
   * @param line the line
   * @param mailOffset where the mail before it starts
   * @param mailFields the trace fields of that mail, none of which the pasted block has
   * @param pastedDate the date of the line, else of the pasted block's Date field, or null
   * @param mailDate the date of that mail's Date field, else of its separator line, or null
   * @param datedBefore whether the pasted date is more than {@link #PASTED_DATE_MARGIN} before the
   *     mail's: a pasted older mail, read as text of the mail, where a mail of its own would be
   *     kept apart with notes
   */
  private record Pasted(
      long offset,
      String line,
      long mailOffset,
      Set<String> mailFields,
      Instant pastedDate,
      Instant mailDate,
      boolean datedBefore) {
    Pasted {
      mailFields = Set.copyOf(mailFields);
    }

    private String lacking() {
      Set<String> others = new TreeSet<>(mailFields);
      others.remove("message-id");
      return others.isEmpty()
          ? "no Message-ID, which the mail before it has"
          : "no Message-ID and none of the other fields the mail before it has ("
              + String.join(", ", others)
              + ")";
    }

    String readAsText() {
      return "the line at byte "
          + offset
          + " (\""
          + line
          + "\") is followed by a header block with "
          + lacking()
          + ", dated "
          + pastedDate
          + ", more than 14 hours before this mail ("
          + mailDate
          + "): a mail pasted into this one after a From line its writer failed to quote, read as"
          + " text of this message";
    }

    String beforeNote() {
      return "the mail that starts at byte "
          + offset
          + " (\""
          + line
          + "\"), right after this one, may be a mail pasted into this one after a From line its"
          + " writer failed to quote: its header block has "
          + lacking()
          + "; kept as a mail of its own, and noted so";
    }

    String splitOffNote() {
      return MailNotes.DOUBTFUL_SPLIT
          + "this mail's separator line (\""
          + line
          + "\") may be a body line of the mail at byte "
          + mailOffset
          + ", pasted there unquoted with what follows: its header block has "
          + lacking()
          + (pastedDate == null || mailDate == null
              ? ""
              : " (dated " + pastedDate + ", that mail " + mailDate + ")")
          + "; kept as a mail of its own";
    }
  }

  /**
   * @param block the header block after the line ({@link #headerBlock}): a weak one starts a
   *     message only at the start of the input, where there is no message to be text of
   */
  private static boolean isSeparator(
      ByteLineReader.Line line, Block block, boolean previousBlank, Lookahead lines)
      throws IOException {
    int start = fromAt(line);
    if (start < 0) {
      return false;
    }
    if (block != Block.NONE) {
      return true;
    }
    if (!previousBlank || !CLASSIC.matcher(text(line, start)).matches()) {
      return false;
    }
    ByteLineReader.Line next = lines.peek(0);
    return next == null || next.contentLength() == 0;
  }

  private static int loneCarriageReturns(ByteLineReader.Line line) {
    byte[] bytes = line.bytes();
    int count = 0;
    for (int i = 0; i < line.contentLength(); i++) {
      if (bytes[i] == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n')) {
        count++;
      }
    }
    return count;
  }

  /** Where {@code From } starts in the line (after a byte order mark on the first), or -1. */
  private static int fromAt(ByteLineReader.Line line) {
    // by offset, not line number: a range read's first line is not the file's
    int start = line.offset() == 0 && startsWith(line, 0, BOM) ? BOM.length : 0;
    return startsWith(line, start, "From ".getBytes(StandardCharsets.US_ASCII)) ? start : -1;
  }

  /** Whether the coming lines are header fields, at least one of them a mail's. */
  private static boolean headerBlockFollows(Lookahead lines) throws IOException {
    return headerBlock(lines) != Block.NONE;
  }

  /** What the lines after a {@code From } line are. */
  private enum Block {
    /** not header fields, or none of them a mail's */
    NONE,
    /** header fields of a mail, but none a stored mail always has (To and Subject only) */
    WEAK,
    /** header fields, one of them a stored mail's (From, Date, Message-ID, Received...) */
    MAIL
  }

  /** What the coming lines are: a header block of a stored mail, of a quoted letter, or neither. */
  private static Block headerBlock(Lookahead lines) throws IOException {
    int fields = 0;
    boolean mail = false;
    boolean stored = false;
    long bytes = 0;
    for (int i = 0; i < MAX_HEADER_LINES && bytes < MAX_HEADER_BYTES; i++) {
      ByteLineReader.Line next = lines.peek(i);
      if (next == null || next.contentLength() == 0) {
        break;
      }
      bytes += next.bytes().length;
      byte first = next.bytes()[0];
      if (first == ' ' || first == '\t') {
        if (fields == 0) {
          return Block.NONE;
        }
        continue;
      }
      // a message file with a byte order mark, concatenated into the mbox as it was
      String name = fieldName(next, i == 0 && startsWith(next, 0, BOM) ? BOM.length : 0);
      if (name == null) {
        break;
      }
      fields++;
      mail |= MAIL_FIELDS.contains(name);
      stored |= STORED_MAIL_FIELDS.contains(name);
    }
    return !mail ? Block.NONE : stored ? Block.MAIL : Block.WEAK;
  }

  /** How a line stands to a multipart's boundary. */
  private enum Delimiter {
    NONE,
    /** {@code --boundary}: a part starts */
    PART,
    /** {@code --boundary--}: the multipart ends */
    CLOSE
  }

  /** Whether the line is a boundary line of {@code boundary} (trailing blanks allowed). */
  private static Delimiter delimiter(ByteLineReader.Line line, String boundary) {
    int length = line.contentLength();
    if (length < boundary.length() + 2
        || line.bytes()[0] != '-'
        || line.bytes()[1] != '-'
        || !startsWith(line, 2, boundary.getBytes(StandardCharsets.ISO_8859_1))) {
      return Delimiter.NONE;
    }
    String rest = text(line, boundary.length() + 2).stripTrailing();
    return rest.isEmpty() ? Delimiter.PART : rest.equals("--") ? Delimiter.CLOSE : Delimiter.NONE;
  }

  /** The boundary of a multipart Content-Type value, or null when it is not one with a boundary. */
  static String multipartBoundary(CharSequence contentType) {
    if (contentType == null) {
      return null;
    }
    String value = contentType.toString().strip();
    if (!value.regionMatches(true, 0, "multipart/", 0, "multipart/".length())) {
      return null;
    }
    Matcher boundary = BOUNDARY.matcher(value);
    if (!boundary.find()) {
      return null;
    }
    String found = boundary.group(1) != null ? boundary.group(1) : boundary.group(2);
    return found.isEmpty() ? null : found;
  }

  /** The lower-case name of a header field line ({@code Name:} or obsolete {@code Name :}). */
  private static String fieldName(ByteLineReader.Line line, int from) {
    byte[] bytes = line.bytes();
    int length = line.contentLength();
    int colon = -1;
    for (int i = from; i < length && i < from + 200; i++) {
      if (bytes[i] == ':') {
        colon = i;
        break;
      }
    }
    if (colon <= from) {
      return null;
    }
    int end = colon;
    while (end > from && (bytes[end - 1] == ' ' || bytes[end - 1] == '\t')) {
      end--;
    }
    String name = new String(bytes, from, end - from, StandardCharsets.ISO_8859_1);
    return FIELD_NAME.matcher(name).matches() ? name.toLowerCase(Locale.ROOT) : null;
  }

  private static long contentLengthField(ByteLineReader.Line line) {
    String name = fieldName(line, 0);
    if (!"content-length".equals(name)) {
      return -1;
    }
    String text = text(line, 0);
    String value = text.substring(text.indexOf(':') + 1).strip();
    if (value.isEmpty() || value.length() > 12 || !value.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    return Long.parseLong(value);
  }

  /**
   * Where the input ends, when it ends before {@code end}; -1 when it goes on at least that far.
   * Looks ahead from {@code start}, the next line's offset, as far as {@code end} (at most the
   * message size limit).
   */
  private static long inputEndBefore(Lookahead lines, long start, long end) throws IOException {
    long position = start;
    for (int i = 0; ; i++) {
      if (position >= end) {
        return -1;
      }
      ByteLineReader.Line next = lines.peek(i);
      if (next == null) {
        return position;
      }
      position = next.offset() + next.bytes().length;
    }
  }

  /**
   * Whether a body announced to span {@code [start, end)} ends there: on a line boundary, followed
   * by blank lines and then a {@code From } line or the end of the input. Looks ahead as far as the
   * body goes (at most the message size limit).
   */
  private static boolean lengthIsConsistent(Lookahead lines, long start, long end)
      throws IOException {
    long position = start;
    int i = 0;
    while (position < end) {
      ByteLineReader.Line next = lines.peek(i++);
      if (next == null) {
        return false;
      }
      position = next.offset() + next.bytes().length;
    }
    if (position != end) {
      return false;
    }
    ByteLineReader.Line next = lines.peek(i);
    while (next != null && next.contentLength() == 0) {
      next = lines.peek(++i);
    }
    return next == null || fromAt(next) >= 0;
  }

  /** The start of a line, for an error message. */
  private static String excerpt(ByteLineReader.Line line) {
    String text = text(line, 0);
    return text.length() > 80 ? text.substring(0, 80) + "..." : text;
  }

  private static String separatorText(ByteLineReader.Line line) {
    return text(line, Math.max(fromAt(line), 0));
  }

  private static String text(ByteLineReader.Line line, int from) {
    return new String(line.bytes(), from, line.contentLength() - from, StandardCharsets.ISO_8859_1);
  }

  private static boolean startsWith(ByteLineReader.Line line, int at, byte[] prefix) {
    if (line.contentLength() - at < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (line.bytes()[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean isQuotedFrom(ByteLineReader.Line line) {
    byte[] bytes = line.bytes();
    int i = 0;
    while (i < line.contentLength() && bytes[i] == '>') {
      i++;
    }
    return i > 0
        && line.contentLength() - i >= 5
        && new String(bytes, i, 5, StandardCharsets.US_ASCII).equals("From ");
  }

  private static boolean endsWith(byte[] bytes, int end, String suffix) {
    if (end < suffix.length()) {
      return false;
    }
    for (int i = 0; i < suffix.length(); i++) {
      if (bytes[end - suffix.length() + i] != suffix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The lines of the input with as many of the coming ones as a decision needs held back. */
  private static final class Lookahead {
    private final ByteLineReader reader;
    private final List<ByteLineReader.Line> ahead = new ArrayList<>();
    private int first;

    Lookahead(ByteLineReader reader) {
      this.reader = reader;
    }

    ByteLineReader.Line next() throws IOException {
      if (first < ahead.size()) {
        ByteLineReader.Line line = ahead.get(first);
        ahead.set(first++, null);
        if (first == ahead.size()) {
          ahead.clear();
          first = 0;
        }
        return line;
      }
      return reader.next();
    }

    /** The {@code i}-th line after the last one {@link #next} returned, or null past the end. */
    ByteLineReader.Line peek(int i) throws IOException {
      while (ahead.size() - first <= i) {
        ByteLineReader.Line line = reader.next();
        if (line == null) {
          return null;
        }
        ahead.add(line);
      }
      return ahead.get(first + i);
    }
  }
}
