package dev.salvage.pipeline.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.salvage.mappings.EntityModel;
import dev.salvage.mappings.Observation;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Alternative;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The rules by which a field's value is chosen among its claims, one test each. */
class ValueResolutionTest {
  static final String MODEL =
      """
      entities:
        client:
          keys: [email, client_id, backup_id]
          fields:
            backup_id: text
            client_id: text
            email: email
            full_name: text
            phone: phone
            plate: text
      """;
  static final Instant T0 = Instant.parse("2026-05-01T03:00:00Z");
  static final Map<String, List<String>> BACKUP_FIELDS =
      Map.of("client", List.of("backup_id", "email", "full_name", "phone"));

  static EntityMerger merger(Set<String> currentRules) throws Exception {
    return merger(MODEL, currentRules);
  }

  static EntityMerger merger(String model, Set<String> currentRules) throws Exception {
    return merger(model, currentRules, BACKUP_FIELDS);
  }

  static EntityMerger merger(
      String model, Set<String> currentRules, Map<String, List<String>> backupFields)
      throws Exception {
    MergeSettings settings =
        new MergeSettings(
            model,
            "entities.yaml",
            List.of("mail", "stripe", "calendar", "backup"),
            "backup",
            T0,
            backupFields,
            T0,
            ZoneOffset.UTC,
            currentRules);
    return new EntityMerger(EntityModel.parse(model, "entities.yaml"), settings);
  }

  static Observation claim(String source, String rule, String ref, String at, String... fields) {
    Map<String, String> values = new TreeMap<>();
    for (int i = 0; i < fields.length; i += 2) {
      values.put(fields[i], fields[i + 1]);
    }
    Map<String, String> keys = new TreeMap<>();
    for (String key : List.of("email", "client_id", "backup_id")) {
      if (values.containsKey(key)) {
        keys.put(key, values.get(key));
      }
    }
    return new Observation("client", keys, values, Instant.parse(at), source, ref, rule);
  }

  static Observation backupRow(String... fields) {
    return claim("backup", "row", "backup:clients#7", "2026-01-10T09:00:00Z", fields);
  }

  static ReconstructedRecord record(EntityMerger merger, Observation... cluster) {
    EntityMerger.Merged merged = merger.merge(List.of(cluster));
    assertThat(merged).isInstanceOf(EntityMerger.Emitted.class);
    return ((EntityMerger.Emitted) merged).record();
  }

  @Test
  void aFieldOfTypeNameIsResolvedAsAPersonsNameWhateverItIsCalled() throws Exception {
    String french = MODEL.replace("full_name: text", "nom: name");
    String plainText = MODEL.replace("full_name: text", "nom: text");
    Observation[] cluster = {
      claim(
          "mail",
          "m",
          "mail:1",
          "2026-05-10T10:00:00Z",
          "client_id",
          "c1",
          "nom",
          "François Bonnet"),
      claim(
          "stripe",
          "s",
          "stripe:1",
          "2026-05-10T10:01:00Z",
          "client_id",
          "c1",
          "nom",
          "FRANCOIS BONNET"),
      claim(
          "mail",
          "m",
          "mail:2",
          "2026-05-11T10:00:00Z",
          "client_id",
          "c1",
          "nom",
          "François Bonnet"),
      claim(
          "calendar",
          "c",
          "cal:1",
          "2026-05-12T08:00:00Z",
          "client_id",
          "c1",
          "nom",
          "Francois Bonet")
    };

    ReconstructedRecord asName = record(merger(french, Set.of()), cluster);
    ReconstructedRecord asText = record(merger(plainText, Set.of()), cluster);

    assertThat(asName.value("nom")).isEqualTo("François Bonnet");
    assertThat(asName.fields().get("nom").confidence()).isEqualTo(1.0);
    assertThat(asText.value("nom"))
        .as("a text field not called a name: the newest spelling wins")
        .isEqualTo("Francois Bonet");
  }

  @Test
  void underPrecedenceTheTrustedSourceSpellsTheNameAsMostOfItsClaimsDoNotAsItsNewestTypo()
      throws Exception {
    String model =
        MODEL
            + "    merge:\n"
            + "      full_name: {strategy: precedence, order: [backup, mail, calendar]}\n";
    ReconstructedRecord record =
        record(
            merger(model, Set.of()),
            claim(
                "mail",
                "m",
                "mail:1",
                "2026-05-10T10:00:00Z",
                "client_id",
                "c1",
                "full_name",
                "Hugo Lefèvre"),
            claim(
                "mail",
                "m",
                "mail:2",
                "2026-05-11T10:00:00Z",
                "client_id",
                "c1",
                "full_name",
                "Hugo Lefèvre"),
            claim(
                "calendar",
                "c",
                "cal:1",
                "2026-05-12T10:00:00Z",
                "client_id",
                "c1",
                "full_name",
                "Hugo Lefevre"),
            claim(
                "mail",
                "m",
                "mail:3",
                "2026-05-13T10:00:00Z",
                "client_id",
                "c1",
                "full_name",
                "Hugs Lefèvre"));

    assertThat(record.value("full_name")).isEqualTo("Hugo Lefèvre");
  }

  @Test
  void aOneSourceTypoOfANameLosesToTwoAgreeingSourcesEvenWhenNewest() throws Exception {
    ReconstructedRecord record =
        record(
            merger(Set.of()),
            claim(
                "mail",
                "m",
                "mail:1",
                "2026-05-10T10:00:00Z",
                "client_id",
                "c1",
                "full_name",
                "Hauke Peters"),
            claim(
                "stripe",
                "s",
                "stripe:1",
                "2026-05-10T10:01:00Z",
                "client_id",
                "c1",
                "full_name",
                "Hauke Peters"),
            claim(
                "calendar",
                "c",
                "cal:1",
                "2026-05-12T08:00:00Z",
                "client_id",
                "c1",
                "full_name",
                "Huke Peters"));

    assertThat(record.value("full_name")).isEqualTo("Hauke Peters");
    assertThat(record.fields().get("full_name").alternatives())
        .extracting(Alternative::value, Alternative::sources, Alternative::note)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "Huke Peters", List.of("cal:1"), "another spelling of Hauke Peters"));
  }

  @Test
  void aNameTypoInTheNewestSourceIsNotAChangeFromTheBackup() throws Exception {
    ReconstructedRecord record =
        record(
            merger(Set.of()),
            backupRow("backup_id", "7", "email", "anna@example.com", "full_name", "Anna Schmidt"),
            claim(
                "mail",
                "m",
                "mail:1",
                "2026-05-10T10:00:00Z",
                "email",
                "anna@example.com",
                "full_name",
                "Anna Schmidt"),
            claim(
                "calendar",
                "c",
                "cal:1",
                "2026-05-12T08:00:00Z",
                "email",
                "anna@example.com",
                "full_name",
                "Anan Schmidt"));

    assertThat(record.value("full_name")).isEqualTo("Anna Schmidt");
    assertThat(record.action()).isEqualTo(Action.UNCHANGED);
    assertThat(record.changes()).isEmpty();
  }

  @Test
  void aVariantKanjiALossyMailWritesInItsCommonFormIsNotAChange() throws Exception {
    // the mailer's ISO-2022-JP cannot write 髙: two newer mails say 高, and the backup's 髙 stays
    ReconstructedRecord record =
        record(
            merger(Set.of()),
            backupRow("backup_id", "7", "email", "ichiro@example.jp", "full_name", "髙橋 一郎"),
            claim(
                "mail",
                "m",
                "mail:1",
                "2026-05-10T10:00:00Z",
                "email",
                "ichiro@example.jp",
                "full_name",
                "高橋 一郎"),
            claim(
                "mail",
                "m",
                "mail:2",
                "2026-05-12T08:00:00Z",
                "email",
                "ichiro@example.jp",
                "full_name",
                "高橋 一郎"));

    assertThat(record.value("full_name")).isEqualTo("髙橋 一郎");
    assertThat(record.action()).isEqualTo(Action.UNCHANGED);
    assertThat(record.changes()).isEmpty();
    assertThat(record.fields().get("full_name").alternatives())
        .extracting(Alternative::value, Alternative::note)
        .containsExactly(tuple("高橋 一郎", "another spelling of 髙橋 一郎"));
  }

  @Test
  void aCjkNameWrittenWithoutItsSpaceIsNotAChangeWhileAnotherNameIs() throws Exception {
    // Japanese names are often written unspaced: a newer mail's 佐藤花子 made the client UPDATED
    ReconstructedRecord same =
        record(
            merger(Set.of()),
            backupRow("backup_id", "7", "email", "hanako@example.jp", "full_name", "佐藤 花子"),
            mailClaim("mail:1", "2026-05-10T10:00:00Z", "佐藤花子"),
            mailClaim("mail:2", "2026-05-12T08:00:00Z", "佐藤花子"));
    ReconstructedRecord other =
        record(
            merger(Set.of()),
            backupRow("backup_id", "7", "email", "hanako@example.jp", "full_name", "佐藤 花子"),
            mailClaim("mail:1", "2026-05-10T10:00:00Z", "佐藤花江"));

    assertThat(same.value("full_name")).isEqualTo("佐藤 花子");
    assertThat(same.action()).isEqualTo(Action.UNCHANGED);
    assertThat(same.changes()).isEmpty();
    assertThat(other.value("full_name")).isEqualTo("佐藤花江");
    assertThat(other.action()).isEqualTo(Action.UPDATED);
  }

  private static Observation mailClaim(String ref, String at, String name) {
    return claim("mail", "m", ref, at, "email", "hanako@example.jp", "full_name", name);
  }

  @Test
  void aNewNameWrittenInScriptsAsManySourcesWriteTakesTheWrittenOneOverTranscriptions()
      throws Exception {
    // a guest in kanji in three mails, in Latin on two charges, in katakana in one calendar event:
    // one source per script, and the newest (the event) was taken unflagged; kanji is the name as
    // written, the others transcribe it
    ReconstructedRecord record =
        record(
            merger(Set.of()),
            scriptClaim("mail", "mail:1", "2026-05-10T10:00:00Z", "髙橋 一郎"),
            scriptClaim("stripe", "stripe:1", "2026-05-10T10:01:00Z", "ICHIRO TAKAHASHI"),
            scriptClaim("calendar", "calendar:1", "2026-05-12T08:00:00Z", "タカハシ イチロウ"));

    assertThat(record.value("full_name")).isEqualTo("髙橋 一郎");
    assertThat(record.flagged()).as("%s", record.reasons()).isFalse();
  }

  @Test
  void aNewNameWrittenInTwoScriptsOfOneRankByAsManySourcesIsFlagged() throws Exception {
    // Greek in the mails, Cyrillic on the charges: neither transcribes the other by rule (nor
    // would Latin and Devanagari: which one an application stores depends on the business)
    Observation[] cluster = {
      scriptClaim("mail", "mail:1", "2026-05-10T10:00:00Z", "Ελένη Παππά"),
      scriptClaim("mail", "mail:2", "2026-05-11T10:00:00Z", "Ελένη Παππά"),
      scriptClaim("stripe", "stripe:1", "2026-05-12T10:01:00Z", "Елена Паппа")
    };

    ReconstructedRecord record = record(merger(Set.of()), cluster);
    ReconstructedRecord byPrecedence =
        record(
            merger(
                MODEL
                    + "    merge:\n"
                    + "      full_name: {strategy: precedence, order: [mail, stripe, calendar]}\n",
                Set.of()),
            cluster);

    assertThat(record.action()).isEqualTo(Action.NEW);
    assertThat(record.flagged()).isTrue();
    assertThat(record.reasons())
        .contains(
            "full_name: written in different scripts by as many independent sources (Ελένη Παππά"
                + " (Greek: mail), Елена Паппа (Cyrillic: stripe)); Елена Паппа was chosen by"
                + " recency, not by agreement: no merge rule of the field says whose writing to"
                + " keep; add a precedence rule to the entity's merge, the source that writes"
                + " names as the application stores them first: full_name: {strategy:"
                + " precedence, order: [mail, stripe]}");
    assertThat(byPrecedence.value("full_name")).isEqualTo("Ελένη Παππά");
    assertThat(byPrecedence.flagged()).as("%s", byPrecedence.reasons()).isFalse();
  }

  @Test
  void aNewNameWhoseScriptMostSourcesWriteIsNotFlagged() throws Exception {
    ReconstructedRecord record =
        record(
            merger(Set.of()),
            scriptClaim("mail", "mail:1", "2026-05-10T10:00:00Z", "髙橋 一郎"),
            scriptClaim("stripe", "stripe:1", "2026-05-10T10:01:00Z", "ICHIRO TAKAHASHI"),
            scriptClaim("calendar", "calendar:1", "2026-05-12T08:00:00Z", "髙橋 一郎"));

    assertThat(record.value("full_name")).isEqualTo("髙橋 一郎");
    assertThat(record.flagged()).as("%s", record.reasons()).isFalse();
  }

  private static Observation scriptClaim(String source, String ref, String at, String name) {
    return claim(source, "r", ref, at, "email", "ichiro@example.jp", "full_name", name);
  }

  @Test
  void aNameWrittenInHalfWidthKanaIsNotAChange() throws Exception {
    // a text field called a name is not canonicalised as a name, yet half-width and full-width
    // katakana are one spelling of it
    ReconstructedRecord record =
        record(
            merger(Set.of()),
            backupRow("backup_id", "7", "email", "taro@example.jp", "full_name", "ヤマダ タロウ"),
            claim(
                "stripe",
                "s",
                "stripe:1",
                "2026-05-10T10:00:00Z",
                "email",
                "taro@example.jp",
                "full_name",
                "ヤマダ タロウ"),
            claim(
                "mail",
                "m",
                "mail:1",
                "2026-05-12T08:00:00Z",
                "email",
                "taro@example.jp",
                "full_name",
                "ﾔﾏﾀﾞ ﾀﾛｳ"));

    assertThat(record.value("full_name")).isEqualTo("ヤマダ タロウ");
    assertThat(record.action()).isEqualTo(Action.UNCHANGED);
  }

  static final String NAMED = MODEL.replace("full_name: text", "full_name: name");

  static Observation named(String source, String ref, String at, String fullName) {
    return claim(source, source, ref, at, "email", "priya@example.in", "full_name", fullName);
  }

  @Test
  void aNameInDevanagariAfterTheBackupsLatinNameIsNotAChangeButACompetingClaim() throws Exception {
    // a Marathi greeting writes the learner's name for its reader, not a new name
    ReconstructedRecord record =
        record(
            merger(NAMED, Set.of()),
            backupRow("backup_id", "7", "email", "priya@example.in", "full_name", "Priya Deshmukh"),
            named("mail", "mail:1", "2026-05-10T10:00:00Z", "प्रिया देशमुख"));

    assertThat(record.value("full_name")).isEqualTo("Priya Deshmukh");
    assertThat(record.action()).isEqualTo(Action.UNCHANGED);
    assertThat(record.changes()).isEmpty();
    assertThat(record.flagged()).isFalse();
    assertThat(record.fields().get("full_name").sources()).containsExactly("backup:clients#7");
    assertThat(record.fields().get("full_name").alternatives())
        .extracting(Alternative::value, Alternative::sources, Alternative::note)
        .containsExactly(
            tuple(
                "प्रिया देशमुख",
                List.of("mail:1"),
                "written in Devanagari, not in the Latin of Priya Deshmukh: a name in another"
                    + " script is not evidence that it changed"));
  }

  @Test
  void aLatinNameAfterTheBackupsKanjiIsNotAChangeNorTheReverse() throws Exception {
    ReconstructedRecord latinLater =
        record(
            merger(NAMED, Set.of()),
            backupRow("backup_id", "7", "email", "priya@example.in", "full_name", "近藤 葵"),
            named("stripe", "stripe:1", "2026-05-10T10:00:00Z", "Aoi Kondo"),
            named("calendar", "cal:1", "2026-05-12T08:00:00Z", "Kondo Aoi"));
    ReconstructedRecord kanjiLater =
        record(
            merger(NAMED, Set.of()),
            backupRow("backup_id", "7", "email", "priya@example.in", "full_name", "Aoi Kondo"),
            named("mail", "mail:1", "2026-05-10T10:00:00Z", "近藤 葵"),
            named("calendar", "cal:1", "2026-05-12T08:00:00Z", "こんどう あおい"));

    assertThat(latinLater.value("full_name")).isEqualTo("近藤 葵");
    assertThat(latinLater.action()).isEqualTo(Action.UNCHANGED);
    assertThat(latinLater.fields().get("full_name").alternatives())
        .extracting(Alternative::value, Alternative::note)
        .containsExactly(
            tuple(
                "Aoi Kondo",
                "written in Latin, not in the Han of 近藤 葵: a name in another script is not"
                    + " evidence that it changed"),
            tuple("Kondo Aoi", "another spelling of Aoi Kondo"));
    assertThat(kanjiLater.value("full_name")).isEqualTo("Aoi Kondo");
    assertThat(kanjiLater.action()).isEqualTo(Action.UNCHANGED);
    assertThat(kanjiLater.fields().get("full_name").alternatives())
        .extracting(Alternative::value)
        .containsExactlyInAnyOrder("近藤 葵", "こんどう あおい");
  }

  @Test
  void aChangeInTheBackupsScriptStillWinsOverANewerNameInAnotherScript() throws Exception {
    ReconstructedRecord record =
        record(
            merger(NAMED, Set.of()),
            backupRow("backup_id", "7", "email", "priya@example.in", "full_name", "Priya Deshmukh"),
            named("stripe", "stripe:1", "2026-05-10T10:00:00Z", "Priya Patil"),
            named("mail", "mail:1", "2026-05-12T08:00:00Z", "प्रिया पाटील"));

    assertThat(record.value("full_name")).isEqualTo("Priya Patil");
    assertThat(record.action()).isEqualTo(Action.UPDATED);
    assertThat(record.changes())
        .extracting(ReconstructedRecord.Change::after)
        .containsExactly("Priya Patil");
    assertThat(record.fields().get("full_name").alternatives())
        .extracting(Alternative::value)
        .containsExactly("Priya Deshmukh", "प्रिया पाटील");
  }

  @Test
  void withoutABackupTheScriptMostSourcesWriteHoldsAndANameInOneScriptIsTakenAsIs()
      throws Exception {
    ReconstructedRecord mixed =
        record(
            merger(NAMED, Set.of()),
            named("stripe", "stripe:1", "2026-05-10T10:00:00Z", "Priya Deshmukh"),
            named("calendar", "cal:1", "2026-05-10T10:02:00Z", "Priya Deshmukh"),
            named("mail", "mail:1", "2026-05-12T08:00:00Z", "प्रिया देशमुख"));
    ReconstructedRecord asManyEach =
        record(
            merger(NAMED, Set.of()),
            named("mail", "mail:1", "2026-05-10T10:00:00Z", "प्रिया देशमुख"),
            named("calendar", "cal:1", "2026-05-12T08:00:00Z", "Priya Deshmukh"));
    ReconstructedRecord devanagariOnly =
        record(
            merger(NAMED, Set.of()),
            named("mail", "mail:1", "2026-05-12T08:00:00Z", "प्रिया देशमुख"));

    assertThat(mixed.value("full_name")).isEqualTo("Priya Deshmukh");
    assertThat(mixed.fields().get("full_name").alternatives())
        .extracting(Alternative::value)
        .containsExactly("प्रिया देशमुख");
    assertThat(asManyEach.value("full_name"))
        .as("one source each: the value all the claims choose (here the newest) gives the script")
        .isEqualTo("Priya Deshmukh");
    assertThat(asManyEach.fields().get("full_name").alternatives())
        .extracting(Alternative::note)
        .containsExactly(
            "the name written in Devanagari (mail); Priya Deshmukh, in Latin, was chosen by"
                + " recency among as many independent sources");
    assertThat(devanagariOnly.value("full_name")).isEqualTo("प्रिया देशमुख");
    assertThat(devanagariOnly.action()).isEqualTo(Action.NEW);
  }

  @Test
  void anotherKanjiInTheNewestClaimIsAChange() throws Exception {
    // 一郎 to 二郎 is not a typo: the newest claim wins as any change does
    ReconstructedRecord record =
        record(
            merger(Set.of()),
            backupRow("backup_id", "7", "email", "ichiro@example.jp", "full_name", "長谷川 一郎太"),
            claim(
                "mail",
                "m",
                "mail:1",
                "2026-05-10T10:00:00Z",
                "email",
                "ichiro@example.jp",
                "full_name",
                "長谷川 二郎太"));

    assertThat(record.value("full_name")).isEqualTo("長谷川 二郎太");
    assertThat(record.action()).isEqualTo(Action.UPDATED);
  }

  @Test
  void aPostBackupChangeSeenInOneSourceWinsOverTheBackupAndOlderClaims() throws Exception {
    ReconstructedRecord record =
        record(
            merger(Set.of()),
            backupRow("backup_id", "7", "email", "old@example.com", "phone", "+351911111111"),
            claim(
                "mail",
                "m",
                "mail:1",
                "2026-04-20T10:00:00Z",
                "email",
                "old@example.com",
                "phone",
                "+351911111111"),
            claim(
                "stripe",
                "s",
                "stripe:1",
                "2026-04-20T10:00:30Z",
                "email",
                "old@example.com",
                "phone",
                "+351911111111"),
            claim(
                "mail",
                "m",
                "mail:2",
                "2026-06-01T12:00:00Z",
                "email",
                "old@example.com",
                "phone",
                "+351922222222"));

    assertThat(record.value("phone")).isEqualTo("+351922222222");
    assertThat(record.action()).isEqualTo(Action.UPDATED);
    assertThat(record.changes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.field()).isEqualTo("phone");
              assertThat(c.before()).isEqualTo("+351911111111");
            });
    Alternative older = record.fields().get("phone").alternatives().get(0);
    assertThat(older.value()).isEqualTo("+351911111111");
    assertThat(older.support()).isEqualTo(3);
    assertThat(older.note()).startsWith("older: superseded by +351922222222");
  }

  @Test
  void anUnchangedEntityWithASourceMissingAFieldIsUnchanged() throws Exception {
    ReconstructedRecord record =
        record(
            merger(Set.of()),
            backupRow("backup_id", "7", "email", "anna@example.com", "phone", "+351911111111"),
            claim("calendar", "c", "cal:1", "2026-05-12T08:00:00Z", "email", "anna@example.com"));

    assertThat(record.action()).isEqualTo(Action.UNCHANGED);
    assertThat(record.value("phone")).isEqualTo("+351911111111");
  }

  @Test
  void aValueOnlyAnOlderSourceKnowsIsNoChangeWhenTheBackupHoldsNone() throws Exception {
    ReconstructedRecord record =
        record(
            merger(Set.of()),
            claim(
                "stripe",
                "s",
                "stripe:1",
                "2026-01-05T10:00:00Z",
                "email",
                "anna@example.com",
                "phone",
                "+351933333333"),
            backupRow("backup_id", "7", "email", "anna@example.com"),
            claim("mail", "m", "mail:1", "2026-05-12T08:00:00Z", "email", "anna@example.com"));

    assertThat(record.action()).isEqualTo(Action.UNCHANGED);
    assertThat(record.value("phone")).isNull();
  }

  @Test
  void aRuleMarkedCurrentHoldsAsReadAndSupportsAChange() throws Exception {
    Observation stripe =
        claim(
            "stripe",
            "customer",
            "stripe:cus_1",
            "2025-11-01T10:00:00Z",
            "email",
            "anna@example.com",
            "phone",
            "+351944444444");
    Observation backup =
        backupRow("backup_id", "7", "email", "anna@example.com", "phone", "+351911111111");
    Observation mail =
        claim(
            "mail",
            "m",
            "mail:1",
            "2026-05-12T08:00:00Z",
            "email",
            "anna@example.com",
            "phone",
            "+351911111111");

    ReconstructedRecord dated = record(merger(Set.of()), stripe, backup, mail);
    ReconstructedRecord current = record(merger(Set.of("stripe/customer")), stripe, backup, mail);

    assertThat(dated.value("phone")).isEqualTo("+351911111111");
    assertThat(dated.action()).isEqualTo(Action.UNCHANGED);
    assertThat(current.value("phone")).isEqualTo("+351944444444");
    assertThat(current.action()).isEqualTo(Action.UPDATED);
    assertThat(current.flagged()).isFalse();
    assertThat(current.fields().get("phone").alternatives().get(0).note())
        .isEqualTo("older: superseded by +351944444444 (current)");
  }

  @Test
  void atOneMomentTheValueMoreIndependentSourcesClaimWins() throws Exception {
    ReconstructedRecord record =
        record(
            merger(Set.of()),
            claim(
                "mail",
                "m",
                "mail:1",
                "2026-05-10T10:00:00Z",
                "client_id",
                "c1",
                "plate",
                "AB-12-CD"),
            claim(
                "stripe",
                "s",
                "stripe:1",
                "2026-05-10T10:00:20Z",
                "client_id",
                "c1",
                "plate",
                "AB-12-CD"),
            claim(
                "calendar",
                "c",
                "cal:1",
                "2026-05-10T10:03:00Z",
                "client_id",
                "c1",
                "plate",
                "AB-12-DC"));

    assertThat(record.value("plate")).isEqualTo("AB-12-CD");
    assertThat(record.fields().get("plate").alternatives())
        .singleElement()
        .satisfies(a -> assertThat(a.note()).startsWith("fewer independent sources"));
  }

  @Test
  void oneSourceAgainstOneAtOneMomentIsFlaggedAndSaysTheLaterClaimWonNotThatItHadMoreSources()
      throws Exception {
    ReconstructedRecord record =
        record(
            merger(Set.of()),
            claim(
                "mail",
                "m",
                "mail:1",
                "2026-05-10T10:00:00Z",
                "client_id",
                "c1",
                "email",
                "f@free.example"),
            claim(
                "stripe",
                "s",
                "stripe:1",
                "2026-05-10T10:02:00Z",
                "client_id",
                "c1",
                "email",
                "f@work.example"));

    assertThat(record.value("email")).isEqualTo("f@work.example");
    assertThat(record.fields().get("email").alternatives())
        .singleElement()
        .satisfies(
            a ->
                assertThat(a.note())
                    .isEqualTo(
                        "as many independent sources within an hour as f@work.example, which"
                            + " was claimed later, at 2026-05-10T10:02:00Z"));
    assertThat(record.flagged()).as("newest-wins is a guess here").isTrue();
    assertThat(record.reasons())
        .contains(
            "email: f@work.example and f@free.example were claimed within an hour of each other"
                + " by as many independent sources; the later one, claimed at 2026-05-10T10:02:00Z,"
                + " was taken");
  }

  @Test
  void aValueClaimedBeforeTheDecidingMomentLostAsOlderAndIsNotSaidToHaveTied() throws Exception {
    // the newest claim (the calendar's, 10:20) sets the moment 09:20-10:20 (one step, an hour),
    // where the work address has two sources; the free address's two claims at 09:12 are older
    // than that moment, though within an hour of the work address's own claims. The backup holds
    // client ids here, so
    // the record is not flagged for being known only by a key the backup's rows lack.
    ReconstructedRecord record =
        record(
            merger(
                MODEL,
                Set.of(),
                Map.of("client", List.of("backup_id", "client_id", "email", "full_name", "phone"))),
            claim(
                "mail",
                "m",
                "mail:1",
                "2026-05-10T09:12:00Z",
                "client_id",
                "c1",
                "phone",
                "+49301111111"),
            claim(
                "stripe",
                "s",
                "stripe:1",
                "2026-05-10T09:12:00Z",
                "client_id",
                "c1",
                "phone",
                "+49301111111"),
            claim(
                "mail",
                "m",
                "mail:2",
                "2026-05-10T10:15:00Z",
                "client_id",
                "c1",
                "phone",
                "+49302222222"),
            claim(
                "stripe",
                "s",
                "stripe:2",
                "2026-05-10T10:15:00Z",
                "client_id",
                "c1",
                "phone",
                "+49302222222"),
            claim(
                "calendar",
                "c",
                "cal:1",
                "2026-05-10T10:20:00Z",
                "client_id",
                "c1",
                "phone",
                "+49303333333"));

    assertThat(record.value("phone")).isEqualTo("+49302222222");
    assertThat(record.fields().get("phone").alternatives())
        .extracting(Alternative::value, Alternative::note)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                "+49301111111", "older: superseded by +49302222222 from 2026-05-10T10:15:00Z"),
            org.assertj.core.groups.Tuple.tuple(
                "+49303333333", "fewer independent sources within an hour than +49302222222"));
    assertThat(record.reasons()).noneMatch(reason -> reason.startsWith("phone:"));
    assertThat(record.flagged()).isFalse();
  }

  @Test
  void twoMailsOfOneSourceAreOneVoiceAndAPlateIsNotFoldedLikeAName() throws Exception {
    ReconstructedRecord record =
        record(
            merger(Set.of()),
            claim(
                "mail",
                "m",
                "mail:1",
                "2026-05-10T10:00:00Z",
                "client_id",
                "c1",
                "plate",
                "AB-12-CD"),
            claim(
                "mail",
                "m",
                "mail:2",
                "2026-05-10T10:00:10Z",
                "client_id",
                "c1",
                "plate",
                "AB-12-CD"),
            claim(
                "stripe",
                "s",
                "stripe:1",
                "2026-05-10T10:02:00Z",
                "client_id",
                "c1",
                "plate",
                "AB-12-CE"));

    // one source against one: the newest wins
    assertThat(record.value("plate")).isEqualTo("AB-12-CE");
  }

  @Test
  void anEarliestFieldKeepsTheFirstTimeAnyEvidenceGivesWhateverIsNewer() throws Exception {
    String model =
        MODEL.replace("      plate: text\n", "      plate: text\n      signed_up: datetime\n")
            + "    merge:\n      signed_up: {strategy: earliest}\n";
    ReconstructedRecord record =
        record(
            merger(model, Set.of()),
            claim(
                "stripe",
                "s",
                "stripe:1",
                "2026-05-10T10:00:00Z",
                "client_id",
                "c1",
                "signed_up",
                "2026-05-10T10:00:00Z"),
            // the calendar event was edited a week later; its creation is the earliest claim
            claim(
                "calendar",
                "c",
                "calendar:1",
                "2026-05-17T08:00:00Z",
                "client_id",
                "c1",
                "signed_up",
                "2026-05-10T09:59:40.250Z"),
            claim(
                "mail",
                "m",
                "mail:1",
                "2026-05-18T08:00:00Z",
                "client_id",
                "c1",
                "signed_up",
                "2026-05-18T08:00:00Z"));

    assertThat(record.value("signed_up")).isEqualTo("2026-05-10T09:59:40.250Z");
    assertThat(record.fields().get("signed_up").alternatives())
        .hasSize(2)
        .allSatisfy(a -> assertThat(a.note()).contains("earliest"));
  }

  @Test
  void anEarliestFieldOfTheBackupIsNotMovedByEvidenceFromBeforeTheBackup() throws Exception {
    // the booking row is written when the payment completes: the checkout session is older
    String model =
        MODEL.replace("      plate: text\n", "      plate: text\n      signed_up: datetime\n")
            + "    merge:\n      signed_up: {strategy: earliest}\n";
    Map<String, List<String>> backupFields =
        Map.of("client", List.of("backup_id", "email", "full_name", "phone", "signed_up"));
    Observation row =
        backupRow("backup_id", "7", "client_id", "c1", "signed_up", "2026-04-02T10:04:00Z");
    Observation session =
        claim(
            "stripe",
            "s",
            "stripe:cs_1",
            "2026-04-02T10:01:00Z",
            "client_id",
            "c1",
            "signed_up",
            "2026-04-02T10:01:00Z");

    EntityMerger.Merged before = merger(model, Set.of(), backupFields).merge(List.of(row, session));
    assertThat(before)
        .as("evidence from before the backup tells nothing the backup does not hold")
        .isInstanceOf(EntityMerger.CarriedOver.class);

    // an event edited after the backup, created before it: its claim holds from the edit, and an
    // earlier value claimed after the backup still wins
    ReconstructedRecord record =
        record(
            merger(model, Set.of(), backupFields),
            row,
            session,
            claim(
                "calendar",
                "c",
                "calendar:1",
                "2026-05-12T08:00:00Z",
                "client_id",
                "c1",
                "signed_up",
                "2026-04-02T10:00:00Z"));
    assertThat(record.value("signed_up")).isEqualTo("2026-04-02T10:00:00Z");
    assertThat(record.action()).isEqualTo(Action.UPDATED);

    ReconstructedRecord unchanged =
        record(
            merger(model, Set.of(), backupFields),
            row,
            session,
            claim(
                "calendar",
                "c",
                "calendar:1",
                "2026-05-12T08:00:00Z",
                "client_id",
                "c1",
                "signed_up",
                "2026-04-02T10:04:05Z"));
    assertThat(unchanged.value("signed_up")).isEqualTo("2026-04-02T10:04:00Z");
    assertThat(unchanged.action()).isEqualTo(Action.UNCHANGED);
    assertThat(unchanged.fields().get("signed_up").alternatives())
        .extracting(Alternative::note)
        .allSatisfy(note -> assertThat(note).contains("claimed before the backup"));
  }

  static final String CHARSET_GUESSED =
      "part 1 (text/plain) declares no charset but holds 8-bit bytes: read as windows-1250";

  @Test
  void aNameReadFromAMailInAGuessedCharsetThatOtherEvidenceContradictsIsFlaggedNamingTheMail()
      throws Exception {
    // an outside trial's newest claim, from a mail read in a charset guessed wrong, won over
    // three pieces of evidence agreeing on the right spelling, unflagged at confidence 1.0
    ReconstructedRecord record =
        record(
            merger(Set.of()),
            claim(
                "calendar",
                "c",
                "calendar:1",
                "2026-05-10T10:00:00Z",
                "email",
                "eliska@example.cz",
                "full_name",
                "Eliška Šťastná"),
            claim(
                "mail",
                "confirmed",
                "email:1",
                "2026-05-11T10:00:00Z",
                "email",
                "eliska@example.cz",
                "full_name",
                "Eliška Šťastná"),
            claim(
                    "mail",
                    "changed",
                    "email:2",
                    "2026-05-12T10:00:00Z",
                    "email",
                    "eliska@example.cz",
                    "full_name",
                    "EliĹˇka Ĺ ĹĄastnĂˇ")
                .withNotes(List.of(CHARSET_GUESSED)));

    assertThat(record.fields().get("full_name").value()).isEqualTo("EliĹˇka Ĺ ĹĄastnĂˇ");
    assertThat(record.flagged()).as("%s", record.reasons()).isTrue();
    assertThat(record.reasons())
        .anySatisfy(
            reason ->
                assertThat(reason)
                    .startsWith("full_name: ")
                    .contains(
                        "read in a charset guessed",
                        "email:2",
                        "read as windows-1250",
                        "\"Eliška Šťastná\" (calendar:1, email:1)"));
  }

  @Test
  void aSendersNameReadFromAHeaderInAGuessedCharsetThatOtherEvidenceContradictsIsFlagged()
      throws Exception {
    // a From header's raw bytes read in the charset the mail's text part declares: right as a
    // rule, but a guess, and a sender who wrote in another charset gives mojibake
    String headerGuessed =
        "header from holds 8-bit bytes that are not UTF-8, with no charset named (no encoded word):"
            + " read as windows-1252, the charset part 1 (text/plain) declares";
    ReconstructedRecord record =
        record(
            merger(Set.of()),
            claim(
                "calendar",
                "c",
                "calendar:1",
                "2026-05-10T10:00:00Z",
                "email",
                "ivan@example.ru",
                "full_name",
                "Иван Петров"),
            claim(
                    "mail",
                    "changed",
                    "email:2",
                    "2026-05-12T10:00:00Z",
                    "email",
                    "ivan@example.ru",
                    "full_name",
                    "Èâàí Ïåòðîâ")
                .withNotes(List.of(headerGuessed)));

    assertThat(record.flagged()).as("%s", record.reasons()).isTrue();
    assertThat(record.reasons())
        .anySatisfy(
            reason ->
                assertThat(reason)
                    .startsWith("full_name: ")
                    .contains(
                        "read in a charset guessed",
                        "email:2: header from",
                        "\"Иван Петров\" (calendar:1)"));
  }

  @Test
  void aValueReadInAGuessedCharsetThatOtherEvidenceConfirmsIsNotFlaggedForIt() throws Exception {
    ReconstructedRecord record =
        record(
            merger(Set.of()),
            claim(
                "calendar",
                "c",
                "calendar:1",
                "2026-05-10T10:00:00Z",
                "email",
                "eliska@example.cz",
                "full_name",
                "Eliška Šťastná"),
            claim(
                    "mail",
                    "changed",
                    "email:2",
                    "2026-05-12T10:00:00Z",
                    "email",
                    "eliska@example.cz",
                    "full_name",
                    "Eliška Šťastná")
                .withNotes(List.of(CHARSET_GUESSED)));

    assertThat(record.flagged()).as("%s", record.reasons()).isFalse();
  }

  @Test
  void aNameHoldingAControlCharacterIsNeverWrittenUnflagged() throws Exception {
    // ISO-8859-1 reads windows-1250's ž (0x9E) as U+009E, which import wrote into PostgreSQL
    ReconstructedRecord record =
        record(
            merger(MODEL.replace("full_name: text", "full_name: name"), Set.of()),
            claim(
                "mail",
                "m",
                "email:2",
                "2026-05-12T10:00:00Z",
                "email",
                "tereza@example.cz",
                "full_name",
                "Tereza R\u00f9\u009ei\u00e8kov\u00e1"));

    assertThat(record.flagged()).as("%s", record.reasons()).isTrue();
    assertThat(record.reasons())
        .anySatisfy(
            reason -> assertThat(reason).startsWith("full_name: ").contains("U+009E", "email:2"));
  }
}
