package io.watchfloor.http;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Every CSV the service writes goes through here, so none can carry a spreadsheet formula. A text cell
 * that begins with {@code = + - @}, a tab or a carriage return is read by Excel, LibreOffice and Google
 * Sheets as a formula ({@code =HYPERLINK(…)}, {@code =cmd|' /C calc'!A0}); such a cell gets a leading
 * {@code '}, which the spreadsheet shows as text (OWASP's advice on CSV injection). A cell given as a
 * Java number is written as it is: its text is digits, a sign, a point and an exponent only, which no
 * spreadsheet runs, so a negative figure stays a number.
 */
public final class CsvCells {
  private CsvCells() {
  }

  /** The value as a cell: a number as it is, null as empty, any other value as neutralised text. */
  public static Object cell(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Number) {
      return value;
    }
    String text = value.toString();
    return text.isEmpty() || "=+-@\t\r".indexOf(text.charAt(0)) < 0 ? text : "'" + text;
  }

  /**
   * The rows as one CSV text with a byte-order mark (so a spreadsheet opens Chinese names as UTF-8):
   * the header, then each row with every cell through {@link #cell}.
   */
  public static String write(String[] header, Iterable<Object[]> rows) {
    StringBuilder out = new StringBuilder("\uFEFF");
    try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(header).get())) {
      for (Object[] row : rows) {
        Object[] cells = new Object[row.length];
        for (int i = 0; i < row.length; i++) {
          cells[i] = cell(row[i]);
        }
        printer.printRecord(cells);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
