package io.watchfloor.bench;

/** Command-line options of {@link IngestBench}; every one has a default so a bare run is the reference run. */
record BenchOptions(
    int connections,
    int generators,
    int stepSeconds,
    int finalSeconds,
    int finalLeadInSeconds,
    int floorSeconds,
    int warmupSeconds,
    int warmupRate,
    int startRate,
    double stepFactor,
    int finalRate,
    int ceilingSeconds,
    int ceilingBatch,
    String url,
    String serverConfig,
    String jar,
    String pgUrl) {

  static final String USAGE = """
      usage: bench/ingest.sh [options]
        --connections C     HTTP/1.1 keep-alive connections, one request in flight each (default 64)
        --generators N      load generator event loops sharing the connections (default 1)
        --duration-s S      length of each step of the rate search (default 8)
        --final-s S         length of the run at 80 % of the maximum (default 15)
        --final-lead-in-s S the same rate for S seconds right before that run, unmeasured (default 5; 0: none):
                            the run follows an overload step and an idle pause, and its first seconds
                            measured the JIT recompiling and the generator's new connections
        --floor-s S         after the final run, its rate for S seconds (after the lead-in) against a bare Vert.x
                            HTTP server of as many event loops, answering 201 and nothing else: what HTTP
                            alone costs here in CPU and latency (default 10; 0: none)
        --warmup-s S        length of the warm-up, in three equal parts at 1/4, 1/2 and all of
                            the warm-up rate (default 10; 0 skips it)
        --warmup-rate R     offered reports/s at the end of the warm-up (default 5000)
        --start-rate R      first offered rate of the search, reports/s (default 2000)
        --step-factor F     each step offers F times the previous rate (default 1.5)
        --final-rate R      no search: the final run (and the floor) at R reports/s. Builds compared at one
                            offered rate compare their CPU per report; a search's maximum moves by ±20 % here
        --ceiling-s S       length of the PostgreSQL ceiling measurement (default 10)
        --ceiling-batch N   rows per INSERT statement in the ceiling measurement (default 1000)
        --url URL           benchmark a server that is already running; nothing is started or dropped
        --config FILE       server config for the child server (default bench/application.json)
        --jar FILE          server jar to start (default target/watchfloor.jar), e.g. to compare two builds
        --pg-url URL        the database the server writes to (default: store.pg.url of the config)
      """;

  static BenchOptions parse(String[] args) {
    int connections = 64;
    int generators = 1;
    int stepSeconds = 8;
    int finalSeconds = 15;
    int finalLeadInSeconds = 5;
    int floorSeconds = 10;
    int warmupSeconds = 10;
    int warmupRate = 5000;
    int startRate = 2000;
    double stepFactor = 1.5;
    int finalRate = 0;
    int ceilingSeconds = 10;
    int ceilingBatch = 1000;
    String url = null;
    String config = "bench/application.json";
    String jar = "target/watchfloor.jar";
    String pgUrl = null;
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (name.equals("--help") || name.equals("-h")) {
        System.out.print(USAGE);
        System.exit(0);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(name + " needs a value\n" + USAGE);
      }
      String value = args[++i];
      switch (name) {
        case "--connections" -> connections = positive(name, value);
        case "--generators" -> generators = positive(name, value);
        case "--duration-s" -> stepSeconds = positive(name, value);
        case "--final-s" -> finalSeconds = positive(name, value);
        case "--final-lead-in-s" -> finalLeadInSeconds = Integer.parseInt(value);
        case "--floor-s" -> floorSeconds = Integer.parseInt(value);
        case "--warmup-s" -> warmupSeconds = Integer.parseInt(value);
        case "--warmup-rate" -> warmupRate = positive(name, value);
        case "--start-rate" -> startRate = positive(name, value);
        case "--step-factor" -> stepFactor = Double.parseDouble(value);
        case "--final-rate" -> finalRate = positive(name, value);
        case "--ceiling-s" -> ceilingSeconds = positive(name, value);
        case "--ceiling-batch" -> ceilingBatch = positive(name, value);
        case "--url" -> url = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        case "--config" -> config = value;
        case "--jar" -> jar = value;
        case "--pg-url" -> pgUrl = value;
        default -> throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
      }
    }
    if (stepFactor <= 1.0) {
      throw new IllegalArgumentException("--step-factor must be above 1");
    }
    if (generators > connections) {
      throw new IllegalArgumentException("--generators cannot exceed --connections");
    }
    return new BenchOptions(connections, generators, stepSeconds, finalSeconds, finalLeadInSeconds, floorSeconds, warmupSeconds, warmupRate, startRate,
        stepFactor, finalRate, ceilingSeconds, ceilingBatch, url, config, jar, pgUrl);
  }

  private static int positive(String name, String value) {
    int n = Integer.parseInt(value);
    if (n <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
    return n;
  }
}
