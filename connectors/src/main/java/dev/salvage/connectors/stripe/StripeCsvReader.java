package dev.salvage.connectors.stripe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salvage.connectors.DateOrder;
import dev.salvage.connectors.ExcelSeparatorLine;
import dev.salvage.connectors.ExportEncodings;
import dev.salvage.connectors.ExportFileReader;
import dev.salvage.connectors.Option;
import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.RecordSink;
import dev.salvage.connectors.io.InputFiles;
import dev.salvage.connectors.io.JsonInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Stripe Dashboard CSV exports (source type {@code stripe-csv}): payments (the unified
 * payments export), customers and refunds. Columns are found by their header names, whichever were
 * exported; each row becomes the record the API would give for the same object ({@code
 * stripe.charge}, {@code stripe.customer}, {@code stripe.refund}) with amounts in minor units,
 * {@code created} in epoch seconds and a {@code metadata} map from the {@code "<key> (metadata)"}
 * columns, so that one mapping serves the API, its snapshots and the exports.
 *
 * <p>A row that cannot be converted is quarantined at {@code file:line}; a file whose header is not
 * a known export is quarantined whole.
 */
public final class StripeCsvReader implements ExportFileReader {
  private static final Logger LOG = LoggerFactory.getLogger(StripeCsvReader.class);
  private static final String METADATA_SUFFIX = " (metadata)";

  /** The date and time forms {@link Row#time} reads, for the reason of a value it cannot. */
  static final String DATE_FORMS =
      "yyyy-MM-dd HH:mm[:ss] (Stripe's), ISO 8601 (2026-01-05T14:03:00Z), seconds since 1970,"
          + " d.M.yyyy H:mm[:ss], and d/M/yyyy or M/d/yyyy H:mm[:ss] with slashes or dashes"
          + " (12-11-2025 7:03), whose order the file's dates tell (a day over 12) or the source"
          + " option date_order (day_first or month_first) says; each time in UTC, as the"
          + " export's columns say";

  /** The record's object holding every column of the row, by {@link #columnKey}. */
  static final String COLUMNS = "_csv";

  // one or two digits for day, month and hour: a spreadsheet's re-save writes its locale's short
  // date (Czech Excel: 3.5.2026 0:42), and two-digit-only patterns quarantined most of such a file.
  // Strict: the default resolving read 31.04.2026 as April 30 without a word.
  private static final java.util.regex.Pattern DASHED_DAY_ONLY =
      java.util.regex.Pattern.compile("\\d{4}-\\d{1,2}-\\d{1,2}");
  private static final DateTimeFormatter DASHED_DAY =
      DateTimeFormatter.ofPattern("uuuu-M-d", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter DASHBOARD_TIME =
      DateTimeFormatter.ofPattern("uuuu-M-d H:mm[:ss][.SSS]", Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);
  private static final java.util.regex.Pattern DOTTED_DATE =
      java.util.regex.Pattern.compile("\\d{1,2}\\.\\d{1,2}\\.\\d{4}");
  private static final DateTimeFormatter DOTTED_DAY =
      DateTimeFormatter.ofPattern("d.M.uuuu", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter DOTTED_TIME =
      DateTimeFormatter.ofPattern("d.M.uuuu H:mm[:ss]", Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);

  /**
   * The option saying the order of the slashed dates of the files ({@code 05/01/2026}), which a
   * spreadsheet's re-save writes in its locale's order.
   */
  public static final Option<DateOrder> DATE_ORDER =
      Option.choice("date_order", DateOrder.class)
          .withDefaultDescribed("told by the file's own dates")
          .withDescription(
              "the order of day and month in slashed dates (`05/01/2026`), or dashed ones with"
                  + " the year last (`05-01-2026`, Dutch Excel's), which a spreadsheet"
                  + " saving the export writes in its locale's order: `day_first` (UK, most of"
                  + " Europe), `month_first` (US). Unset, a file's dates tell it (a `25/01/2026`"
                  + " in its date columns means day first, a `01/25/2026` month first); when none"
                  + " tells, as in a month whose every date falls on a day up to 12, the rows with"
                  + " such dates are quarantined naming this option. Dates written"
                  + " `yyyy-MM-dd` or dotted (`05.01.2026`) are read whatever this says");

  @Override
  public void read(
      Path file, String sourceName, RecordSink sink, Charset declared, DateOrder dateOrder)
      throws IOException {
    // an export opened and saved again in Excel on Windows
    Charset charset = ExportEncodings.of(file, declared);
    Optional<Character> declaredSeparator = separatorLine(file, charset);
    char delimiter = declaredSeparator.orElse(delimiter(file, charset));
    // Excel's "sep=;" line is no header: the rows' lines are one further down
    int skipped = declaredSeparator.isPresent() ? 1 : 0;
    if (delimiter != ',') {
      LOG.warn(
          "Source {}: {} is separated by '{}', not ',' (saved again by a spreadsheet); read so",
          sourceName,
          file,
          delimiter == '\t' ? "tab" : String.valueOf(delimiter));
    }
    // read only when a row has a slashed date: an export as Stripe writes it has none
    Supplier<SlashedDates> slashed =
        new Supplier<>() {
          private SlashedDates learnt;

          @Override
          public SlashedDates get() {
            if (learnt == null && dateOrder != null) {
              learnt = new SlashedDates(dateOrder);
            } else if (learnt == null) {
              try {
                learnt = slashedDates(file, charset, delimiter, skipped > 0);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }
            return learnt;
          }
        };
    try (InputStream in = InputFiles.open(file)) {
      skipByteOrderMark(in);
      Reader reader = new InputStreamReader(in, charset);
      if (skipped > 0) {
        ExcelSeparatorLine.skipLine(reader);
      }
      CSVParser parser;
      try {
        parser = CSVParser.parse(reader, format(delimiter));
      } catch (IllegalArgumentException | UncheckedIOException e) {
        sink.quarantine(
            new Quarantined(
                sourceName,
                file + ":1",
                "Cannot read Stripe CSV export " + file + ": its header: " + e.getMessage(),
                ""));
        return;
      }
      try (parser) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        // metadata keys keep their case: booking_ref and Booking_Ref are two keys in Stripe
        Map<String, Integer> metadata = new LinkedHashMap<>();
        parser
            .getHeaderMap()
            .forEach(
                (name, index) -> {
                  String key = name.trim().toLowerCase(Locale.ROOT);
                  columns.put(key, index);
                  if (key.endsWith(METADATA_SUFFIX)) {
                    String original = name.trim();
                    metadata.put(
                        original.substring(0, original.length() - METADATA_SUFFIX.length()), index);
                  }
                });
        CsvExport export = CsvExport.recognise(columns.keySet());
        if (columns.isEmpty()) {
          throw new IOException(
              "Cannot read Stripe CSV export "
                  + file
                  + ": "
                  + InputFiles.nothingIn(file)
                  + " (not even a header line; cut before anything was written?); what it should"
                  + " hold was not read");
        }
        if (export == null || !columns.containsKey("id")) {
          // nothing of the file is read: the run lists it as not read, not as one bad record
          throw new IOException(
              "Cannot read Stripe CSV export "
                  + file
                  + ": its header is not a payments, customers or refunds export (it needs an id"
                  + " column and Amount or Email): "
                  + String.join(String.valueOf(delimiter), parser.getHeaderNames()));
        }
        Iterator<CSVRecord> records = parser.iterator();
        Map<String, Seen> seen = new HashMap<>();
        while (true) {
          // a quoted field may span lines: the row starts after the previous one ended
          long line = parser.getCurrentLineNumber() + 1 + skipped;
          if (!records.hasNext()) {
            break;
          }
          readRow(
              new Row(records.next(), columns, metadata, slashed),
              export,
              file + ":" + line,
              sourceName,
              seen,
              sink);
        }
      } catch (UncheckedIOException e) {
        // commons-csv reports a broken quote as an unchecked error; what was read is kept, the
        // rest is not read (it is inside the quote), and the run must say so
        sink.quarantine(
            new Quarantined(
                sourceName,
                file.toString(),
                "Cannot parse Stripe CSV export " + file + ": " + e.getCause().getMessage(),
                ""));
        throw new IOException(
            "Cannot read Stripe CSV export "
                + file
                + " to its end: "
                + e.getCause().getMessage()
                + "; the rows before it were read",
            e.getCause());
      }
    }
  }

  /** Where a row of an id was first read in a file, and a digest of its values. */
  private record Seen(String location, long values) {}

  private static void readRow(
      Row row,
      CsvExport export,
      String location,
      String sourceName,
      Map<String, Seen> seen,
      RecordSink sink) {
    String where = export.label() + " export row " + row.record.getRecordNumber();
    if (row.record.size() == 1 && row.record.get(0).isEmpty()) {
      return;
    }
    String rowId = row.text("id");
    Seen earlier =
        rowId == null || rowId.isBlank()
            ? null
            : seen.putIfAbsent(rowId, new Seen(location, digest(row.record.values())));
    if (earlier != null) {
      if (earlier.values() != digest(row.record.values())) {
        // two exports of overlapping periods, the object changed between them: which row is
        // right is the operator's to say, and one taken for the other would pass unsaid
        sink.quarantine(
            new Quarantined(
                sourceName,
                location,
                "Cannot read Stripe "
                    + where
                    + " ("
                    + rowId
                    + "): the row at "
                    + earlier.location()
                    + " has the same id with other values (two exports of overlapping periods,"
                    + " the object changed between them?); that one is read, this one kept out:"
                    + " compare the two",
                String.join(",", row.record.values())));
        return;
      }
      RecordSink copies =
          new RecordSink() {
            @Override
            public void accept(RawRecord record) {
              sink.copy(record, earlier.location());
            }

            @Override
            public void quarantine(Quarantined bad) {
              sink.quarantine(bad);
            }
          };
      convert(row, export, location, sourceName, copies);
      return;
    }
    convert(row, export, location, sourceName, sink);
  }

  /** Emits the row as the object of its export, or quarantines it when it cannot be converted. */
  private static void convert(
      Row row, CsvExport export, String location, String sourceName, RecordSink sink) {
    String where = export.label() + " export row " + row.record.getRecordNumber();
    try {
      ObjectNode object =
          switch (export) {
            case PAYMENTS -> charge(row);
            case CUSTOMERS -> customer(row);
            case REFUNDS -> refund(row);
          };
      StripeRecords.emit(object, sourceName, location, where, sink);
    } catch (IllegalArgumentException e) {
      String id = row.text("id");
      sink.quarantine(
          new Quarantined(
              sourceName,
              location,
              "Cannot read Stripe "
                  + where
                  + (id == null ? "" : " (" + id + ")")
                  + ": "
                  + e.getMessage(),
              String.join(",", row.record.values())));
    }
  }

  /**
   * 64 bits of the SHA-256 of a row's values: rows of one id are told apart by it without holding
   * every row of the file.
   */
  private static long digest(String[] values) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String value : values) {
        sha.update(value.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return ByteBuffer.wrap(sha.digest()).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot digest a row: no SHA-256 in this JVM", e);
    }
  }

  private static ObjectNode charge(Row row) {
    ObjectNode charge = base(row, CsvExport.PAYMENTS);
    String currency = row.currency();
    Long amount = row.amount(currency, "amount");
    Long refunded = row.amount(currency, "amount refunded");
    putLong(charge, "amount", amount);
    putLong(charge, "amount_refunded", refunded == null ? 0L : refunded);
    ObjectNode billing = charge.putObject("billing_details");
    billing.putNull("address");
    billing.put("email", row.text("customer email"));
    billing.put("name", row.text("card name", "customer name"));
    billing.putNull("phone");
    String captured = row.text("captured");
    // the Dashboard's "Uncaptured" is the API's succeeded charge with captured false: authorised,
    // not yet taken
    boolean uncaptured = "uncaptured".equalsIgnoreCase(row.text("status"));
    charge.put("captured", captured == null ? !uncaptured : truth("Captured", captured));
    charge.put("currency", currency);
    charge.put("customer", row.text("customer id"));
    charge.put("description", row.text("description"));
    charge.put("invoice", row.text("invoice id"));
    charge.put("payment_intent", row.text("paymentintent id", "payment intent id"));
    String status = row.text("status");
    charge.put("status", chargeStatus(status));
    charge.put("paid", "succeeded".equals(chargeStatus(status)));
    charge.put(
        "refunded", amount != null && refunded != null && refunded > 0 && refunded >= amount);
    ObjectNode refunds = charge.putObject("refunds");
    refunds.put("object", "list");
    ArrayNode data = refunds.putArray("data");
    Long refundedAt = row.time("refunded date (utc)", "refunded (utc)");
    if (refunded != null && refunded > 0 && refundedAt != null) {
      // the export knows that and when a charge was refunded, not the refund's id
      ObjectNode refund = data.addObject();
      refund.put("object", "refund");
      refund.put("amount", refunded);
      refund.put("charge", charge.path("id").asText());
      refund.put("created", refundedAt);
      refund.put("currency", currency);
      refund.put("status", "succeeded");
    }
    refunds.put("has_more", false);
    charge.put("receipt_email", row.text("customer email"));
    return charge;
  }

  private static ObjectNode customer(Row row) {
    ObjectNode customer = base(row, CsvExport.CUSTOMERS);
    customer.put("currency", row.optionalCurrency());
    customer.put("description", row.text("description"));
    customer.put("email", row.text("email", "customer email"));
    customer.put("name", row.text("name", "customer name"));
    customer.put("phone", row.text("phone"));
    return customer;
  }

  private static ObjectNode refund(Row row) {
    ObjectNode refund = base(row, CsvExport.REFUNDS);
    String currency = row.currency();
    putLong(refund, "amount", row.amount(currency, "amount"));
    refund.put("charge", row.text("charge id", "charge"));
    refund.put("currency", currency);
    refund.put("payment_intent", row.text("payment intent id", "paymentintent id"));
    refund.put("reason", lower(row.text("reason")));
    refund.put("status", lower(row.text("status")));
    return refund;
  }

  private static ObjectNode base(Row row, CsvExport export) {
    String id = row.text("id");
    if (id == null) {
      throw new IllegalArgumentException("column id is empty");
    }
    if (!export.hasIdOf(id)) {
      // balance history, payouts, disputes, invoices and subscriptions exports have the columns a
      // payments or customers export is recognised by; their rows are not charges or customers
      throw new IllegalArgumentException(
          "id "
              + id
              + " is not a "
              + export.object()
              + " id ("
              + export.idPrefixes()
              + "): is this file another export?");
    }
    ObjectNode node = JsonInput.MAPPER.createObjectNode();
    node.put("id", id);
    node.put("object", export.object());
    putLong(node, "created", row.time("created date (utc)", "created (utc)", "created"));
    node.put("livemode", !id.contains("_test_"));
    ObjectNode metadata = node.putObject("metadata");
    row.metadata.forEach(
        (key, column) -> {
          String value = row.at(column);
          if (value != null) {
            metadata.put(key, value);
          }
        });
    // every column as the export wrote it, converted or not: a column this reader does not know
    // (Disputed Amount, Dispute Status, a column Stripe adds later) was dropped, and a lost
    // dispute was read as a plain succeeded charge that no mapping could tell from one
    ObjectNode written = node.putObject(COLUMNS);
    row.record
        .toMap()
        .forEach(
            (name, value) -> {
              if (name != null && value != null && !value.isBlank()) {
                written.put(columnKey(name), value.strip());
              }
            });
    return node;
  }

  /** The key of a column under {@value #COLUMNS}: its header lower-cased, words joined by _. */
  static String columnKey(String header) {
    return header
        .strip()
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{N}]+", "_")
        .replaceAll("^_+|_+$", "");
  }

  /**
   * Stripe writes {@code true} and {@code false}; a spreadsheet that saved the export again writes
   * its own language's TRUE and FALSE (Dutch Excel's WAAR and ONWAAR), or 1 and 0.
   */
  private static final Map<String, Boolean> TRUTHS =
      Map.ofEntries(
          Map.entry("true", true),
          Map.entry("false", false),
          Map.entry("1", true),
          Map.entry("0", false),
          Map.entry("waar", true), // nl
          Map.entry("onwaar", false),
          Map.entry("wahr", true), // de
          Map.entry("falsch", false),
          Map.entry("vrai", true), // fr
          Map.entry("faux", false),
          Map.entry("verdadero", true), // es
          Map.entry("verdadeiro", true), // pt
          Map.entry("falso", false), // es, pt, it
          Map.entry("vero", true), // it
          Map.entry("prawda", true), // pl
          Map.entry("fałsz", false),
          Map.entry("pravda", true), // cs, sk
          Map.entry("nepravda", false),
          Map.entry("sand", true), // da, nb
          Map.entry("sant", true), // sv
          Map.entry("falsk", false), // da, nb
          Map.entry("falskt", false), // sv
          Map.entry("tosi", true), // fi
          Map.entry("epätosi", false));

  /**
   * A true-or-false column's value; a word that is neither (nor a spreadsheet's word for either)
   * fails the row, naming the column, where it was read as false.
   */
  private static boolean truth(String column, String text) {
    Boolean value = TRUTHS.get(text.strip().toLowerCase(Locale.ROOT));
    if (value == null) {
      throw new IllegalArgumentException(
          "column "
              + column
              + " is '"
              + text
              + "', which is neither true nor false (nor a spreadsheet's word for them, such as"
              + " WAAR/ONWAAR, WAHR/FALSCH, VRAI/FAUX, or 1/0)");
    }
    return value;
  }

  /** The API's charge status for a Dashboard status (Paid, Refunded, Failed, Uncaptured...). */
  private static String chargeStatus(String dashboard) {
    if (dashboard == null) {
      return null;
    }
    String status = dashboard.toLowerCase(Locale.ROOT);
    return switch (status) {
      case "paid", "succeeded", "refunded", "partially refunded", "disputed", "uncaptured" ->
          "succeeded";
      case "pending", "incomplete" -> "pending";
      case "failed", "blocked", "canceled", "cancelled", "expired" -> "failed";
      default -> status;
    };
  }

  private static String lower(String text) {
    return text == null ? null : text.toLowerCase(Locale.ROOT).replace(' ', '_');
  }

  private static void putLong(ObjectNode node, String field, Long value) {
    if (value == null) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }

  /** Whether the whole file decodes as UTF-8 (read once, streaming). */
  private static CSVFormat format(char delimiter) {
    return CSVFormat.RFC4180
        .builder()
        .setDelimiter(delimiter)
        .setHeader()
        .setSkipHeaderRecord(true)
        .setTrim(true)
        // a trailing separator in the header is an empty column, not a reason to drop the file
        .setAllowMissingColumnNames(true)
        .build();
  }

  /**
   * What the file's date columns (those whose name says date, created or UTC) tell of the order of
   * their slashed dates; one more read of the file, when its first slashed date is met.
   */
  private static SlashedDates slashedDates(
      Path file, Charset charset, char delimiter, boolean separatorLine) throws IOException {
    SlashedDates slashed = new SlashedDates(null);
    try (InputStream in = InputFiles.open(file)) {
      skipByteOrderMark(in);
      Reader reader = new InputStreamReader(in, charset);
      if (separatorLine) {
        ExcelSeparatorLine.skipLine(reader);
      }
      try (CSVParser parser = CSVParser.parse(reader, format(delimiter))) {
        List<Integer> dates = new ArrayList<>();
        parser
            .getHeaderMap()
            .forEach(
                (name, index) -> {
                  String key = name.toLowerCase(Locale.ROOT);
                  if (key.contains("date") || key.contains("created") || key.contains("(utc)")) {
                    dates.add(index);
                  }
                });
        for (CSVRecord record : parser) {
          for (int index : dates) {
            if (index < record.size()) {
              slashed.see(record.get(index));
            }
          }
        }
      } catch (IllegalArgumentException | UncheckedIOException unreadable) {
        // the read proper meets the same problem and says it where it is
      }
    }
    return slashed;
  }

  /** The separator Excel's first line {@code sep=;} declares, when the file starts with one. */
  private static Optional<Character> separatorLine(Path file, Charset charset) throws IOException {
    try (InputStream in = InputFiles.open(file)) {
      skipByteOrderMark(in);
      return ExcelSeparatorLine.declared(
          ExcelSeparatorLine.skipLine(new InputStreamReader(in, charset)));
    }
  }

  /**
   * The file's field separator: Stripe writes ',', but an export saved again by a spreadsheet in a
   * locale with a decimal comma is separated by ';' (or a tab); the separator is the one of these
   * the header line, outside quotes, holds most of.
   */
  private static char delimiter(Path file, Charset charset) throws IOException {
    String header;
    try (java.io.BufferedReader lines =
        new java.io.BufferedReader(new InputStreamReader(InputFiles.open(file), charset))) {
      header = lines.readLine();
    }
    if (header == null) {
      return ',';
    }
    int commas = 0;
    int semicolons = 0;
    int tabs = 0;
    boolean quoted = false;
    for (char c : header.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted) {
        commas += c == ',' ? 1 : 0;
        semicolons += c == ';' ? 1 : 0;
        tabs += c == '\t' ? 1 : 0;
      }
    }
    if (semicolons > commas && semicolons >= tabs) {
      return ';';
    }
    return tabs > commas ? '\t' : ',';
  }

  private static void skipByteOrderMark(InputStream in) throws IOException {
    if (InputFiles.startsWith(in, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF})) {
      in.skipNBytes(3);
    }
  }

  /** One CSV row, read by column name. */
  private static final class Row {
    private final CSVRecord record;
    private final Map<String, Integer> columns;
    private final Map<String, Integer> metadata;
    private final Supplier<SlashedDates> slashed;

    Row(
        CSVRecord record,
        Map<String, Integer> columns,
        Map<String, Integer> metadata,
        Supplier<SlashedDates> slashed) {
      this.record = record;
      this.columns = columns;
      this.metadata = metadata;
      this.slashed = slashed;
    }

    /** The value of column {@code index}, trimmed, or null when blank or absent. */
    String at(int index) {
      if (index >= record.size()) {
        return null;
      }
      String value = record.get(index).trim();
      return value.isEmpty() ? null : value;
    }

    /**
     * The first of the named columns that has a value in this row, else the first name: where
     * {@link #text} takes its value from, and the file's own column for messages.
     */
    private String columnOf(String... names) {
      for (String name : names) {
        Integer index = columns.get(name);
        if (index != null && at(index) != null) {
          return name;
        }
      }
      return names[0];
    }

    /** The first non-blank value of the named columns (lower-case), or null. */
    String text(String... names) {
      String column = columnOf(names);
      Integer index = columns.get(column);
      return index == null ? null : at(index);
    }

    String currency() {
      String currency = optionalCurrency();
      if (currency == null && columns.containsKey("amount")) {
        throw new IllegalArgumentException("column Currency is missing or empty");
      }
      return currency;
    }

    String optionalCurrency() {
      String currency = text("currency");
      if (currency != null && !currency.matches("[A-Za-z]{3}")) {
        throw new IllegalArgumentException("column Currency '" + currency + "' is not a currency");
      }
      return currency == null ? null : currency.toLowerCase(Locale.ROOT);
    }

    Long amount(String currency, String column) {
      String text = text(column);
      if (text == null) {
        return null;
      }
      try {
        return Currencies.toMinor(text, currency);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("column " + column + ": " + e.getMessage());
      }
    }

    Long time(String... names) {
      String text = text(names);
      if (text == null) {
        return null;
      }
      try {
        if (SlashedDates.isSlashed(text)) {
          return slashed.get().parse(text).getEpochSecond();
        }
        return parseTime(text).getEpochSecond();
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "column "
                + columnOf(names)
                + ": '"
                + text
                + "' is not a date and time in a form this reader reads: "
                + DATE_FORMS);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("column " + columnOf(names) + ": " + e.getMessage());
      }
    }

    private static Instant parseTime(String text) {
      if (text.chars().allMatch(Character::isDigit)) {
        return Instant.ofEpochSecond(Long.parseLong(text));
      }
      if (text.contains("T")) {
        return text.endsWith("Z") ? Instant.parse(text) : OffsetDateTime.parse(text).toInstant();
      }
      if (DOTTED_DATE.matcher(text).lookingAt()) {
        // a spreadsheet's re-save in a day-first locale (pl, de, cs): 10.01.2026 11:03
        return DOTTED_DATE.matcher(text).matches()
            ? LocalDate.parse(text, DOTTED_DAY).atStartOfDay(ZoneOffset.UTC).toInstant()
            : LocalDateTime.parse(text, DOTTED_TIME).toInstant(ZoneOffset.UTC);
      }
      if (DASHED_DAY_ONLY.matcher(text).matches()) {
        return LocalDate.parse(text, DASHED_DAY).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return LocalDateTime.parse(text, DASHBOARD_TIME).toInstant(ZoneOffset.UTC);
    }
  }
}
