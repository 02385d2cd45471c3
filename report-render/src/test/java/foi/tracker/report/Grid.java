package foi.tracker.report;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** An HTML table read back into grid positions, resolving rowspan and colspan as a browser does. */
final class Grid {
  /** One cell as read: top-left position, spans, tag and text. */
  record Read(int row, int column, int rowSpan, int columnSpan, String tag, String text) {}

  private Grid() {}

  static List<Read> read(final String html) {
    final Document doc = Jsoup.parse(html);
    final Element table = doc.selectFirst("table");
    final List<Element> trs = table.select("tr");
    final boolean[][] taken = new boolean[trs.size() + 30][64];
    final List<Read> out = new ArrayList<>();
    for (int r = 0; r < trs.size(); r++) {
      int c = 0;
      for (final Element cell : trs.get(r).children()) {
        while (taken[r][c]) {
          c++;
        }
        final int rs = cell.hasAttr("rowspan") ? Integer.parseInt(cell.attr("rowspan")) : 1;
        final int cs = cell.hasAttr("colspan") ? Integer.parseInt(cell.attr("colspan")) : 1;
        for (int i = r; i < r + rs; i++) {
          for (int j = c; j < c + cs; j++) {
            taken[i][j] = true;
          }
        }
        out.add(new Read(r, c, rs, cs, cell.tagName(), cell.text()));
        c += cs;
      }
    }
    return out;
  }
}
