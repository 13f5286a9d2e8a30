package io.watchfloor.bench;

/** Sample values read from the server's {@code /metrics} (Prometheus text): the benchmarks' one reader of it. */
final class PromSamples {
  private PromSamples() {
  }

  /**
   * The sum of every sample of metric {@code name} whose labels hold {@code label} (null: any), over the
   * hubs, pools or memory areas it is split by; 0 when there is none.
   */
  static double sum(String metrics, String name, String label) {
    return metrics.lines()
        .filter(line -> line.startsWith(name) && line.length() > name.length()
            && (line.charAt(name.length()) == '{' || line.charAt(name.length()) == ' '))
        .filter(line -> label == null || line.contains(label))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }
}
