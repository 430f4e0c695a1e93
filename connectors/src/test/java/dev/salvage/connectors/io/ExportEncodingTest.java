package dev.salvage.connectors.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salvage.connectors.EncodingFixtures;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixtures are {@link EncodingFixtures}'. */
class ExportEncodingTest {
  @TempDir Path dir;

  private static Path fixture(String name) {
    return EncodingFixtures.of(name);
  }

  @Test
  void refusesAShiftJisCsvWithNoEncodingDeclaredNamingWhatItReadsAndTheOptionToSet()
      throws Exception {
    Path file = fixture("reservations-cp932.csv");

    assertThatThrownBy(() -> ExportEncoding.decide(file, null))
        .isInstanceOf(ExportEncoding.UndeclaredEncodingException.class)
        .hasMessageStartingWith("Cannot read " + file + ": it is not UTF-8")
        .hasMessageContaining("As Shift_JIS it reads '氏名', '店舗', '車種'")
        // what a run read without a word before
        .hasMessageContaining("as windows-1252 it would read 'Ž�–¼'")
        .hasMessageContaining("Set the option encoding: Shift_JIS");
  }

  @Test
  void refusesAGbkCsvWithNoEncodingDeclaredNamingGbkFirst() throws Exception {
    Path file = fixture("customers-gbk.csv");

    assertThatThrownBy(() -> ExportEncoding.decide(file, null))
        .isInstanceOf(ExportEncoding.UndeclaredEncodingException.class)
        .hasMessageContaining("As GBK it reads '姓名', '城市', '状态'")
        .hasMessageContaining("Set the option encoding: GBK");
  }

  @Test
  void refusesAnExportWhoseOnlyWideTextIsNamesOfTwoCharacters() throws Exception {
    // no word of three: told from windows-1252 by its bytes, not by its words
    String[][] cases = {
      {"windows-31j", "id,name\n1,山田 太郎\n2,佐藤 花子\n", "Shift_JIS"},
      {"GBK", "id,name\n1,张伟\n2,李娜\n", "GBK"},
      {"x-windows-949", "id,name\n1,김민\n2,이서\n", "EUC-KR"},
    };
    for (String[] c : cases) {
      Path file = dir.resolve("names.csv");
      Files.write(file, c[1].getBytes(Charset.forName(c[0])));

      assertThatThrownBy(() -> ExportEncoding.decide(file, null))
          .as(c[0])
          .hasMessageContaining("Set the option encoding: " + c[2]);
    }
  }

  @Test
  void readsAWindows1252CsvAsBeforeButSaysItWasAssumed() throws Exception {
    Path file = fixture("customers-1252.csv");

    ExportEncoding.Decision decision = ExportEncoding.decide(file, null);

    assertThat(decision.charset()).isEqualTo(Charset.forName("windows-1252"));
    assertThat(decision.basis()).isEqualTo(ExportEncoding.Basis.ASSUMED);
    assertThat(decision.malformed()).isZero();
    assertThat(decision.note(file.toString()))
        .hasValue(
            file
                + " is not UTF-8 and no encoding is declared: read as windows-1252 (what Excel on"
                + " Windows saves CSV files in), an assumption. If it was written in another"
                + " encoding, set the option encoding (docs/backup.md)");
    assertThat(Files.readString(file, decision.charset()))
        .contains("Jürgen Müller,Köln,\"12,50 €\"", "Hélène Lefèvre", "Bjørn Ødegård,Tromsø");
  }

  @Test
  void readsAUtf8CsvWithItsByteOrderMarkAsUtf8WithoutANoteWhateverIsDeclared() throws Exception {
    Path file = fixture("customers-utf8-bom.csv");

    for (Charset declared : new Charset[] {null, ExportEncoding.named("Shift_JIS")}) {
      ExportEncoding.Decision decision = ExportEncoding.decide(file, declared);
      assertThat(decision.charset()).isEqualTo(StandardCharsets.UTF_8);
      assertThat(decision.note(file.toString())).isEmpty();
    }
  }

  @Test
  void aDeclaredEncodingReadsTheFilesThatAreNotUtf8() throws Exception {
    Path file = fixture("reservations-cp932.csv");

    ExportEncoding.Decision decision =
        ExportEncoding.decide(file, ExportEncoding.named("Shift_JIS"));

    assertThat(decision.charset().name()).isEqualTo("windows-31j");
    assertThat(decision.basis()).isEqualTo(ExportEncoding.Basis.DECLARED);
    assertThat(decision.note(file.toString())).isEmpty();
    assertThat(Files.readString(file, decision.charset()))
        .contains("1,山田 太郎,博多駅前店,コンパクト,予約確定,㈱さくら商事 ①", "髙橋 一郎");
  }

  @Test
  void bytesNotValidInTheDeclaredEncodingAreCountedInANote() throws Exception {
    Path file = dir.resolve("customers.csv");
    byte[] good = "id,name\n1,山田\n".getBytes(ExportEncoding.named("Shift_JIS"));
    byte[] bad = {'2', ',', (byte) 0x85, (byte) 0x40, '\n'}; // 0x8540: no character in cp932
    Files.write(file, concat(good, bad));

    ExportEncoding.Decision decision =
        ExportEncoding.decide(file, ExportEncoding.named("Shift_JIS"));

    assertThat(decision.malformed()).isEqualTo(1);
    assertThat(decision.note(file.toString()))
        .hasValueSatisfying(
            note ->
                assertThat(note)
                    .isEqualTo(
                        file
                            + " is read as Shift_JIS (windows-31j), the declared encoding; 1 byte"
                            + " sequence(s) in it are not valid Shift_JIS (windows-31j) and each"
                            + " became the replacement character U+FFFD: check that it is the"
                            + " encoding the file was written in"));
  }

  @Test
  void shortWesternTextsThatHappenToBeValidDoubleByteAreNotRefused() throws Exception {
    // é+l, è+n are each a valid Shift_JIS and GBK character, two in a row; Á, Ñ are half-width
    // katakana in Shift_JIS: as windows-1252 text they are what they look like
    for (String text :
        new String[] {
          "id,name\n1,Hélène\n", "id,name\n1,IBÁÑEZ\n", "id,name\n1,Jérôme\n", "1,CONCEIÇÃO\n"
        }) {
      Path file = dir.resolve("t.csv");
      Files.write(file, text.getBytes(Charset.forName("windows-1252")));

      ExportEncoding.Decision decision = ExportEncoding.decide(file, null);

      assertThat(decision.basis()).as(text).isEqualTo(ExportEncoding.Basis.ASSUMED);
      assertThat(Files.readString(file, decision.charset())).isEqualTo(text);
    }
  }

  @Test
  void familiarNamesAreTheWindowsEncodingsExcelWrites() {
    assertThat(ExportEncoding.named("Shift_JIS").name()).isEqualTo("windows-31j");
    // Java's own cp932 is IBM's
    assertThat(ExportEncoding.named("cp932").name()).isEqualTo("windows-31j");
    assertThat(ExportEncoding.named("euc-kr").name()).isEqualTo("x-windows-949");
    assertThat(ExportEncoding.named("Big5").name()).isEqualTo("x-windows-950");
    assertThat(ExportEncoding.named("GB2312").name()).isEqualTo("GBK");
    assertThat(ExportEncoding.named("ISO-8859-2").name()).isEqualTo("ISO-8859-2");
    assertThatThrownBy(() -> ExportEncoding.named("klingon"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("must name a character encoding");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = new byte[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
