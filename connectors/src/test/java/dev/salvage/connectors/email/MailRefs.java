package dev.salvage.connectors.email;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.connectors.CollectingSink;
import dev.salvage.connectors.RawRecord;
import java.util.List;

/**
 * Mail evidence ids without their content hash ({@code email:<Message-ID>}), for tests that name
 * mails by Message-ID; what the hash is is tested in {@code MailIdentityTest}.
 */
final class MailRefs {
  private MailRefs() {}

  static String withoutHash(String ref) {
    int hash = ref.lastIndexOf('#');
    return hash < 0 ? ref : ref.substring(0, hash);
  }

  /** The refs of the records read, in order, without their content hash. */
  static List<String> of(CollectingSink sink) {
    return sink.refs().stream().map(MailRefs::withoutHash).toList();
  }

  /** The one record whose ref is {@code messageRef} plus a content hash. */
  static RawRecord record(CollectingSink sink, String messageRef) {
    List<RawRecord> found =
        sink.records.stream().filter(r -> withoutHash(r.ref()).equals(messageRef)).toList();
    if (found.size() != 1) {
      throw new AssertionError(
          found.size() + " records " + messageRef + "#... among " + sink.refs());
    }
    return found.get(0);
  }

  static JsonNode json(CollectingSink sink, String messageRef) {
    return CollectingSink.json(record(sink, messageRef));
  }
}
