package dev.xhsopenapi.cli.notes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.cli.testing.CsvReader;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** CSV fields: RFC 4180 quoting, and cells a spreadsheet would run as formulas neutralised. */
class CsvTest {

  @Test
  void formulaCells_getAQuoteInFront_andStillProperQuoting() {
    assertThat(Csv.field("=HYPERLINK(\"http://x\",\"y\")"))
        .isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    assertThat(Csv.field("+cmd")).isEqualTo("'+cmd");
    assertThat(Csv.field("-1+1")).isEqualTo("'-1+1");
    assertThat(Csv.field("@user")).isEqualTo("'@user");
    assertThat(Csv.field("\tx")).isEqualTo("'\tx");
    assertThat(Csv.field("\rx")).isEqualTo("\"'\rx\"");
    assertThat(Csv.field("=1,2")).isEqualTo("\"'=1,2\"");
  }

  @Test
  void otherCells_areUnchanged() {
    assertThat(Csv.field("2024 好物")).isEqualTo("2024 好物");
    assertThat(Csv.field("a=b")).isEqualTo("a=b");
    assertThat(Csv.field("1-1")).isEqualTo("1-1");
    assertThat(Csv.field("'quoted already")).isEqualTo("'quoted already");
    assertThat(Csv.field("")).isEmpty();
    assertThat(Csv.field("red, white")).isEqualTo("\"red, white\"");
    assertThat(Csv.field(" =lead space")).isEqualTo(" =lead space");
  }

  @Test
  void record_neutralisesEveryField_andEndsWithCrlf() {
    assertThat(Csv.record(List.of("id", "=1", "@a", "ok"))).isEqualTo("id,'=1,'@a,ok\r\n");
  }

  @Property
  void anyText_readsBackAsItself_orWithTheQuote_whenItStartsLikeAFormula(
      @ForAll String a, @ForAll String b) {
    List<List<String>> rows = CsvReader.read(Csv.record(List.of(a, b)));

    assertThat(rows).hasSize(1);
    assertThat(rows.get(0)).containsExactly(expected(a), expected(b));
  }

  private static String expected(String value) {
    return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
  }
}
