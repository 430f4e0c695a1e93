package dev.salvage.pipeline.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.pipeline.bundle.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The small shop the rerun and decision tests share: one customer per mail sent to its desk, and
 * the customer's record found again in a run by its email.
 */
final class ShopMail {
  private ShopMail() {}

  /**
   * Writes {@code dir/mail/ID.eml}, from {@code name <from>}, sent on {@code date} (d MMM y H:mm).
   */
  static void write(Path dir, String id, String from, String name, String subject, String date)
      throws IOException {
    Files.writeString(
        dir.resolve("mail/" + id + ".eml"),
        "Message-ID: <"
            + id
            + "@shop.example>\r\nFrom: "
            + name
            + " <"
            + from
            + ">\r\nTo: desk@shop.example\r\nDate: Tue, "
            + date
            + ":00 +0000\r\nSubject: "
            + subject
            + "\r\n\r\nHello\r\n");
  }

  /** The id of the record of run {@code out} whose email key is {@code email}. */
  static String customerWith(Path out, String email) throws IOException {
    for (String line : Files.readAllLines(out.resolve("review/records.jsonl"))) {
      JsonNode record = Json.MAPPER.readTree(line);
      if (record.path("keys").path("email").toString().contains(email)) {
        return record.path("id").asText();
      }
    }
    throw new AssertionError("no record holds " + email);
  }
}
