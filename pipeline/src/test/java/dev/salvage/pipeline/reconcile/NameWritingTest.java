package dev.salvage.pipeline.reconcile;

import static dev.salvage.pipeline.reconcile.ValueResolutionTest.NAMED;
import static dev.salvage.pipeline.reconcile.ValueResolutionTest.backupRow;
import static dev.salvage.pipeline.reconcile.ValueResolutionTest.merger;
import static dev.salvage.pipeline.reconcile.ValueResolutionTest.named;
import static dev.salvage.pipeline.reconcile.ValueResolutionTest.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.salvage.mappings.Observation;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Alternative;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which writing of a person's name a record keeps when its sources write it in two scripts, two
 * transliterations or two cases: the rules an outside trial (a Greek boat rental: Greek mails,
 * Latin cards and calendar) found wrong.
 */
class NameWritingTest {
  static final String MAIL_FIRST =
      NAMED.replace(
          "      plate: text\n",
          "      plate: text\n"
              + "    merge:\n"
              + "      full_name: {strategy: precedence, order: [backup, mail, stripe, calendar]}\n");

  @Test
  void aPrecedenceRuleKeepsTheWritingOfItsFirstSourceAcrossScripts() throws Exception {
    assertThat(MAIL_FIRST).contains("order: [backup, mail");
    ReconstructedRecord greek =
        record(
            merger(MAIL_FIRST, Set.of()),
            named("mail", "mail:1", "2026-05-10T10:00:00Z", "Σοφία Δημητρίου"),
            named("stripe", "stripe:1", "2026-05-10T10:01:00Z", "Sophia Dimitriou"),
            named("calendar", "cal:1", "2026-05-10T10:02:00Z", "Sofia Dimitriou"));
    ReconstructedRecord cyrillic =
        record(
            merger(MAIL_FIRST, Set.of()),
            named("mail", "mail:1", "2026-05-10T10:00:00Z", "Елена Попова"),
            named("stripe", "stripe:1", "2026-05-10T10:01:00Z", "ELENA POPOVA"),
            named("calendar", "cal:1", "2026-05-12T08:00:00Z", "Elena Popova"));

    assertThat(greek.value("full_name")).isEqualTo("Σοφία Δημητρίου");
    assertThat(greek.action()).isEqualTo(Action.NEW);
    assertThat(greek.fields().get("full_name").alternatives())
        .extracting(Alternative::value)
        .containsExactlyInAnyOrder("Sophia Dimitriou", "Sofia Dimitriou");
    assertThat(cyrillic.value("full_name")).isEqualTo("Елена Попова");
  }

  @Test
  void aTransliterationKeptByPrecedenceAgainstAsManyClaimsWritingTheNameIsFlaggedNamingBoth()
      throws Exception {
    // a guest's reply gives the romaji of the mail client's display name; the confirmation mail
    // that wrote the kanji is lost, and the calendar writes the kanji twice
    ReconstructedRecord outnumbered =
        record(
            merger(MAIL_FIRST, Set.of()),
            named("calendar", "cal:1", "2026-05-10T10:00:00Z", "林 美咲"),
            named("calendar", "cal:2", "2026-05-20T10:00:00Z", "林美咲"),
            named("mail", "mail:1", "2026-05-21T10:00:00Z", "HAYASHI Misaki"));
    ReconstructedRecord asMany =
        record(
            merger(MAIL_FIRST, Set.of()),
            named("calendar", "cal:1", "2026-05-10T10:00:00Z", "林 美咲"),
            named("mail", "mail:1", "2026-05-21T10:00:00Z", "Misaki Hayashi"));

    assertThat(outnumbered.value("full_name")).isEqualTo("HAYASHI Misaki");
    assertThat(outnumbered.flagged()).as("%s", outnumbered.reasons()).isTrue();
    assertThat(outnumbered.confidence()).isLessThan(1.0);
    assertThat(outnumbered.reasons())
        .anySatisfy(
            reason ->
                assertThat(reason)
                    .startsWith("full_name: HAYASHI Misaki (Latin: mail, 1 piece of evidence)")
                    .contains("林 美咲 / 林美咲 (Han: calendar, 2 pieces of evidence)")
                    .contains("backup > mail > stripe > calendar"));
    assertThat(asMany.value("full_name")).isEqualTo("Misaki Hayashi");
    assertThat(asMany.flagged()).as("%s", asMany.reasons()).isTrue();
  }

  @Test
  void aNameKeptByPrecedenceIsNotFlaggedForItsTransliterationsOrWhenItOutnumbersTheOtherScript()
      throws Exception {
    ReconstructedRecord greek =
        record(
            merger(MAIL_FIRST, Set.of()),
            named("mail", "mail:1", "2026-05-10T10:00:00Z", "Σοφία Δημητρίου"),
            named("stripe", "stripe:1", "2026-05-10T10:01:00Z", "Sophia Dimitriou"),
            named("calendar", "cal:1", "2026-05-10T10:02:00Z", "Sofia Dimitriou"));
    ReconstructedRecord latin =
        record(
            merger(MAIL_FIRST, Set.of()),
            named("mail", "mail:1", "2026-05-10T10:00:00Z", "Misaki Hayashi"),
            named("mail", "mail:2", "2026-05-12T10:00:00Z", "Misaki Hayashi"),
            named("calendar", "cal:1", "2026-05-10T10:02:00Z", "林 美咲"));

    assertThat(greek.flagged()).as("%s", greek.reasons()).isFalse();
    assertThat(latin.value("full_name")).isEqualTo("Misaki Hayashi");
    assertThat(latin.flagged()).as("%s", latin.reasons()).isFalse();
  }

  @Test
  void aBackupNameKeptByPrecedenceIsNotFlaggedForTheKanjiOfLaterEvidence() throws Exception {
    // the backup holds the name as the application stores it, whatever later evidence writes
    EntityMerger.Merged merged =
        merger(MAIL_FIRST, Set.of())
            .merge(
                List.of(
                    backupRow(
                        "backup_id",
                        "7",
                        "email",
                        "priya@example.in",
                        "full_name",
                        "Misaki Hayashi"),
                    named("calendar", "cal:1", "2026-05-10T10:00:00Z", "林 美咲"),
                    named("calendar", "cal:2", "2026-05-20T10:00:00Z", "林美咲")));

    if (merged instanceof EntityMerger.Emitted emitted) {
      assertThat(emitted.record().value("full_name")).isEqualTo("Misaki Hayashi");
      assertThat(emitted.record().flagged()).as("%s", emitted.record().reasons()).isFalse();
    } else {
      assertThat(merged).isInstanceOf(EntityMerger.CarriedOver.class);
    }
  }

  @Test
  void aPrecedenceRuleWhoseFirstSourceWritesTwoScriptsDoesNotChooseTheScriptAndFlagsTheRecord()
      throws Exception {
    // the welcome mail writes the name as the application stores it, the booking mail in Greek
    ReconstructedRecord record =
        record(
            merger(MAIL_FIRST, Set.of()),
            named("mail", "mail:1", "2026-05-10T10:00:00Z", "Panayiotis Alexiou"),
            named("stripe", "stripe:1", "2026-05-10T10:01:00Z", "Panagiotis Alexiou"),
            named("mail", "mail:2", "2026-05-11T10:00:00Z", "Παναγιώτης Αλεξίου"));

    assertThat(record.value("full_name")).isEqualTo("Panayiotis Alexiou");
    assertThat(record.flagged()).as("%s", record.reasons()).isTrue();
    assertThat(record.reasons())
        .anySatisfy(
            reason ->
                assertThat(reason)
                    .contains("ranks first writes it in different scripts")
                    .contains("Παναγιώτης Αλεξίου (Greek: mail)")
                    .contains("Panayiotis Alexiou (Latin: mail)"));
  }

  @Test
  void aNewNameWhoseOtherScriptWasOutvotedIsFlaggedNamingBothWritingsAndTheRule() throws Exception {
    ReconstructedRecord greek =
        record(
            merger(NAMED, Set.of()),
            named("mail", "mail:1", "2026-05-10T10:00:00Z", "Σοφία Δημητρίου"),
            named("stripe", "stripe:1", "2026-05-10T10:01:00Z", "Sophia Dimitriou"),
            named("calendar", "cal:1", "2026-05-10T10:02:00Z", "Sophia Dimitriou"));
    ReconstructedRecord japanese =
        record(
            merger(NAMED, Set.of()),
            named("mail", "mail:1", "2026-05-10T10:00:00Z", "山田 花子"),
            named("stripe", "stripe:1", "2026-05-10T10:01:00Z", "HANAKO YAMADA"),
            named("calendar", "cal:1", "2026-05-10T10:02:00Z", "Hanako Yamada"));

    assertThat(greek.value("full_name")).isEqualTo("Sophia Dimitriou");
    assertThat(greek.action()).isEqualTo(Action.NEW);
    assertThat(greek.flagged()).as("%s", greek.reasons()).isTrue();
    assertThat(greek.reasons())
        .anySatisfy(
            reason ->
                assertThat(reason)
                    .contains("Σοφία Δημητρίου (Greek: mail)")
                    .contains("Sophia Dimitriou (Latin: stripe, calendar)")
                    .contains(
                        "full_name: {strategy: precedence, order: [mail, calendar, stripe]}"));
    assertThat(japanese.value("full_name")).isEqualTo("Hanako Yamada");
    assertThat(japanese.flagged()).as("%s", japanese.reasons()).isTrue();
    assertThat(japanese.reasons())
        .anySatisfy(reason -> assertThat(reason).contains("山田 花子 (Han: mail)"));
  }

  @Test
  void aNewRecordsNameInAnotherScriptIsNotedAsAnotherWritingNotAsNoChange() throws Exception {
    ReconstructedRecord record =
        record(
            merger(NAMED, Set.of()),
            named("mail", "mail:1", "2026-05-10T10:00:00Z", "Σοφία Δημητρίου"),
            named("stripe", "stripe:1", "2026-05-10T10:01:00Z", "Sophia Dimitriou"),
            named("calendar", "cal:1", "2026-05-10T10:02:00Z", "Sophia Dimitriou"));

    assertThat(record.fields().get("full_name").alternatives())
        .extracting(Alternative::value, Alternative::note)
        .containsExactly(
            tuple(
                "Σοφία Δημητρίου",
                "the name written in Greek (mail); Sophia Dimitriou, in Latin, is written by more"
                    + " independent sources"));
  }

  @Test
  void aTransliterationOnlyEvidenceOlderThanTheBackupWritesIsNotAChange() throws Exception {
    // Georgios and Giorgos are one name a typo apart; no claim since the backup writes Giorgos
    EntityMerger.Merged merged =
        merger(NAMED, Set.of())
            .merge(
                List.of(
                    backupRow(
                        "backup_id",
                        "7",
                        "email",
                        "priya@example.in",
                        "full_name",
                        "Georgios Vasileiou"),
                    named("mail", "mail:1", "2026-03-10T10:00:00Z", "Georgios Vasileiou"),
                    named("stripe", "stripe:1", "2026-03-10T10:01:00Z", "Giorgos Vasileiou"),
                    named("stripe", "stripe:2", "2026-03-18T10:01:00Z", "Giorgos Vasileiou"),
                    named("calendar", "cal:1", "2026-03-10T10:02:00Z", "Giorgos Vasileiou")));

    assertThat(merged)
        .as("the backup holds it and nothing since says otherwise")
        .isInstanceOf(EntityMerger.CarriedOver.class);
    ReconstructedRecord record = ((EntityMerger.CarriedOver) merged).record();
    assertThat(record.value("full_name")).isEqualTo("Georgios Vasileiou");
    assertThat(record.action()).isEqualTo(Action.UNCHANGED);
    assertThat(record.changes()).isEmpty();
  }

  @Test
  void aTransliterationOneNewerSourceWritesIsNotAChangeButTwoNewerSourcesMakeOne()
      throws Exception {
    ReconstructedRecord oneSource =
        record(
            merger(NAMED, Set.of()),
            backupRow(
                "backup_id", "7", "email", "priya@example.in", "full_name", "Georgios Vasileiou"),
            named("stripe", "stripe:1", "2026-05-10T10:01:00Z", "Giorgos Vasileiou"),
            named("stripe", "stripe:2", "2026-05-18T10:01:00Z", "Giorgos Vasileiou"),
            named("stripe", "stripe:3", "2026-05-20T10:01:00Z", "Giorgos Vasileiou"));
    ReconstructedRecord twoSources =
        record(
            merger(NAMED, Set.of()),
            backupRow(
                "backup_id", "7", "email", "priya@example.in", "full_name", "Georgios Vasileiou"),
            named("stripe", "stripe:1", "2026-05-10T10:01:00Z", "Giorgos Vasileiou"),
            named("calendar", "cal:1", "2026-05-10T10:02:00Z", "Giorgos Vasileiou"));

    assertThat(oneSource.value("full_name")).isEqualTo("Georgios Vasileiou");
    assertThat(oneSource.changes()).isEmpty();
    assertThat(twoSources.value("full_name")).isEqualTo("Giorgos Vasileiou");
    assertThat(twoSources.action()).isEqualTo(Action.UPDATED);
  }

  @Test
  void theFirstSourcesEquallyWrittenSpellingsGoToTheOneOtherSourcesWriteNotTheNewest()
      throws Exception {
    // a new customer: the welcome mail and the calendar write the space, the newer booking mail not
    ReconstructedRecord spaced =
        record(
            merger(MAIL_FIRST, Set.of()),
            named("mail", "mail:1", "2026-11-21T03:52:20Z", "山口 さくら"),
            named("stripe", "stripe:1", "2026-11-21T04:15:05Z", "Sakura Yamaguchi"),
            named("mail", "mail:2", "2026-11-21T04:15:25Z", "山口さくら"),
            named("calendar", "cal:1", "2026-11-21T04:16:05Z", "山口 さくら"));
    ReconstructedRecord twiceInMail =
        record(
            merger(MAIL_FIRST, Set.of()),
            named("mail", "mail:1", "2026-11-21T03:52:20Z", "山口さくら"),
            named("mail", "mail:2", "2026-11-21T04:15:25Z", "山口さくら"),
            named("mail", "mail:3", "2026-11-21T04:20:25Z", "山口 さくら"),
            named("calendar", "cal:1", "2026-11-21T04:16:05Z", "山口 さくら"));

    assertThat(spaced.value("full_name")).isEqualTo("山口 さくら");
    assertThat(spaced.fields().get("full_name").alternatives())
        .extracting(a -> a.value() + ": " + a.note())
        .contains("山口さくら: another spelling of 山口 さくら");
    assertThat(twiceInMail.value("full_name"))
        .as("the first source's own count still decides before the others")
        .isEqualTo("山口さくら");
  }

  @Test
  void aCorrectionTwoSourcesWriteSinceTheBackupWinsThoughOlderClaimsWriteTheBackupsSpellingMore()
      throws Exception {
    // older mail, card and calendar claims write the backup's Dabrowski: what it already holds
    Observation[] before = {
      backupRow("backup_id", "7", "email", "priya@example.in", "full_name", "Bartosz Dabrowski"),
      named("stripe", "stripe:1", "2026-02-10T10:00:00Z", "Bartosz Dabrowski"),
      named("mail", "mail:1", "2026-03-10T10:00:00Z", "Bartosz Dabrowski"),
      named("mail", "mail:2", "2026-03-20T10:00:00Z", "Bartosz Dabrowski"),
      named("calendar", "cal:1", "2026-03-10T10:02:00Z", "Bartosz Dabrowski")
    };
    ReconstructedRecord corrected =
        record(
            merger(NAMED, Set.of()),
            concat(
                before,
                named("mail", "mail:3", "2026-05-15T10:00:00Z", "Bartosz Dąbrowski"),
                named("calendar", "cal:2", "2026-05-16T10:00:00Z", "Bartosz Dąbrowski")));
    ReconstructedRecord oneSource =
        record(
            merger(NAMED, Set.of()),
            concat(
                before,
                named("mail", "mail:3", "2026-05-15T10:00:00Z", "Bartosz Dąbrowski"),
                named("mail", "mail:4", "2026-05-16T10:00:00Z", "Bartosz Dąbrowski")));

    String mailFirst = MAIL_FIRST.replace("order: [backup, mail,", "order: [mail, backup,");
    assertThat(mailFirst).contains("order: [mail, backup,");
    ReconstructedRecord byPrecedence =
        record(
            merger(mailFirst, Set.of()),
            concat(
                before,
                // three older mails against two newer ones
                named("mail", "mail:0", "2026-01-20T10:00:00Z", "Bartosz Dabrowski"),
                named("mail", "mail:3", "2026-05-15T10:00:00Z", "Bartosz Dąbrowski"),
                named("mail", "mail:4", "2026-05-16T10:00:00Z", "Bartosz Dąbrowski")));

    assertThat(corrected.value("full_name")).isEqualTo("Bartosz Dąbrowski");
    assertThat(corrected.action()).isEqualTo(Action.UPDATED);
    assertThat(byPrecedence.value("full_name"))
        .as("the first source's writing since the backup, not its older mails' count")
        .isEqualTo("Bartosz Dąbrowski");
    assertThat(corrected.changes()).hasSize(1);
    assertThat(oneSource.value("full_name")).isEqualTo("Bartosz Dabrowski");
    assertThat(oneSource.action()).isEqualTo(Action.UNCHANGED);
    assertThat(oneSource.reasons())
        .as("the letter only mail writes since is said, not agreement")
        .contains(
            "later evidence agrees with the backup (mail) but for spelling: full_name: backup"
                + " \"Bartosz Dabrowski\", later \"Bartosz Dąbrowski\" (mail)");
  }

  private static Observation[] concat(Observation[] first, Observation... more) {
    Observation[] all = Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }

  @Test
  void aChangeOnlyOlderEvidenceMakesSaysWhatMadeItWin() throws Exception {
    // the rule ranks the mail above the backup: that, not "a source", is why the older mail wins
    String mailOverBackup = MAIL_FIRST.replace("order: [backup, mail,", "order: [mail, backup,");
    assertThat(mailOverBackup).contains("order: [mail, backup,");
    ReconstructedRecord record =
        record(
            merger(mailOverBackup, Set.of()),
            backupRow("backup_id", "7", "email", "priya@example.in", "full_name", "Priya Deshmukh"),
            named("mail", "mail:1", "2026-03-10T10:00:00Z", "Priya Patil"));

    assertThat(record.action()).isEqualTo(Action.UPDATED);
    assertThat(record.reasons())
        .anySatisfy(
            reason ->
                assertThat(reason)
                    .contains("yet disagrees with it")
                    .contains("full_name: the backup's Priya Deshmukh lost to Priya Patil")
                    .contains("precedence mail > backup")
                    .doesNotContain("a source preferred over the backup"));
  }

  @Test
  void aMixedCaseWritingWinsOverTheSameNameInCapitalsHoweverNew() throws Exception {
    ReconstructedRecord latin =
        record(
            merger(MAIL_FIRST, Set.of()),
            named("mail", "mail:1", "2026-05-10T10:00:00Z", "Anastasia Oikonomou"),
            named("stripe", "stripe:1", "2026-05-10T10:01:00Z", "Anastasia Oikonomou"),
            named("mail", "mail:2", "2026-05-20T10:00:00Z", "ANASTASIA OIKONOMOU"));
    ReconstructedRecord greek =
        record(
            merger(NAMED, Set.of()),
            named("mail", "mail:1", "2026-05-10T10:00:00Z", "Γιάννης Αλεξίου"),
            named("mail", "mail:2", "2026-05-20T10:00:00Z", "ΓΙΑΝΝΗΣ ΑΛΕΞΙΟΥ"),
            named("stripe", "stripe:1", "2026-05-20T10:01:00Z", "ΓΙΑΝΝΗΣ ΑΛΕΞΙΟΥ"));

    assertThat(latin.value("full_name")).isEqualTo("Anastasia Oikonomou");
    assertThat(greek.value("full_name")).isEqualTo("Γιάννης Αλεξίου");
  }
}
