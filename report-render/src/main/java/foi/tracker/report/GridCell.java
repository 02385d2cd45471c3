package foi.tracker.report;

/**
 * One cell (单元格) of a table in the official layout: its top-left grid position, its span and either
 * a text or a number. Header and label cells carry text; data cells carry a number.
 *
 * @param header true for the column headings above the data (rendered as {@code <th>})
 */
public record GridCell(
    int row, int column, int rowSpan, int columnSpan, String text, Long number, boolean header) {

  public GridCell {
    if (row < 0 || column < 0) {
      throw new IllegalArgumentException("row and column must be >= 0, got " + row + "," + column);
    }
    if (rowSpan < 1 || columnSpan < 1) {
      throw new IllegalArgumentException(
          "rowSpan and columnSpan must be >= 1, got " + rowSpan + "," + columnSpan);
    }
    if ((text == null) == (number == null)) {
      throw new IllegalArgumentException(
          "exactly one of text and number must be set at " + row + "," + column);
    }
  }

  static GridCell text(
      final int row,
      final int column,
      final int rowSpan,
      final int columnSpan,
      final String text,
      final boolean header) {
    return new GridCell(row, column, rowSpan, columnSpan, text, null, header);
  }

  static GridCell number(final int row, final int column, final long number) {
    return new GridCell(row, column, 1, 1, null, number, false);
  }

  public boolean merged() {
    return rowSpan > 1 || columnSpan > 1;
  }
}
