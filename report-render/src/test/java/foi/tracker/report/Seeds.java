package foi.tracker.report;

import java.util.List;

/** The five published township reports under src/test/resources/seeds. */
final class Seeds {
  static final List<String> NAMES =
      List.of(
          "000_10b297a2e3f19ee1",
          "001_25d7e7ed77fd949c",
          "002_f4141a8ebd31f87f",
          "003_cfdd1f6bb9b2d072",
          "004_77456f5ba1213ff2");

  /** 固镇县连城镇 2024: the only seed with non-zero numbers, and whose text disagrees with its table. */
  static final String LIANCHENG_2024 = "002_f4141a8ebd31f87f";

  private Seeds() {}

  static String resource(final String name) {
    return "/seeds/" + name + ".txt";
  }
}
