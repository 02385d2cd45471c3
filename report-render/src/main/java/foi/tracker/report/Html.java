package foi.tracker.report;

/** HTML escaping (转义) for text and attribute values. */
public final class Html {
  private Html() {}

  /**
   * {@code text} with &amp; &lt; &gt; &quot; and &#39; escaped; safe in element content and quoted
   * attributes.
   */
  public static String escape(final String text) {
    if (text == null) {
      return "";
    }
    final StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      final char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
