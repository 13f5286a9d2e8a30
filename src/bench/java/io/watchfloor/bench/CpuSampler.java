package io.watchfloor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU split between the server, PostgreSQL and the load generator, from /proc. On two shared cores
 * the split says who the bottleneck is; without it a low figure cannot be told from a busy generator.
 */
final class CpuSampler {
  /** Jiffies per second; USER_HZ is 100 on every Linux build that matters here. */
  private static final double HZ = 100.0;

  record Sample(long at, long server, long postgres, long postmaster, long generator, long busy) {
  }

  /** Percent of one core each; "other" is everything else on the machine, i.e. noise from outside the benchmark. */
  record Split(double server, double postgres, double generator, double total, boolean postgresRestarted) {
    double other() {
      return total - known(postgres) - generator - known(server);
    }

    private static double known(double value) {
      return Double.isNaN(value) ? 0 : value;
    }

    /**
     * CPU microseconds each accepted report cost the server, PostgreSQL and the generator. Unlike a rate
     * this hardly moves when other processes share the machine, so runs on a busy box still compare.
     */
    String perReport(double acceptedPerSecond) {
      if (Double.isNaN(total) || acceptedPerSecond <= 0) {
        return "n/a";
      }
      return String.format("server %s, postgres %s, generator %.0f µs", perReport(server, acceptedPerSecond),
          perReport(postgres, acceptedPerSecond), microsEach(generator, acceptedPerSecond));
    }

    private static String perReport(double percent, double acceptedPerSecond) {
      return Double.isNaN(percent) ? "n/a" : String.format("%.0f", microsEach(percent, acceptedPerSecond));
    }

    /** Reports/s the machine's cores could carry at these per-report costs if nothing else ran on them. */
    double cpuBoundRate(double acceptedPerSecond) {
      double used = known(postgres) + generator + known(server);
      return used <= 0 || Double.isNaN(postgres) ? Double.NaN : acceptedPerSecond * Runtime.getRuntime().availableProcessors() * 100 / used;
    }

    @Override
    public String toString() {
      return Double.isNaN(total) ? "cpu n/a"
          : String.format("cpu%%: server %s  postgres %s  generator %3.0f  other %3.0f  machine %3.0f of %d%s",
              percent(server), percent(postgres), generator, Math.max(0, other()),
              total, Runtime.getRuntime().availableProcessors() * 100,
              postgresRestarted ? "  (PostgreSQL RESTARTED during this window)" : "");
    }

    private static String percent(double value) {
      return Double.isNaN(value) ? "n/a" : String.format("%3.0f", value);
    }
  }

  private final long serverPid;
  private final boolean available = Files.isReadable(Path.of("/proc/self/stat"));

  /** @param serverPid the child server's pid, or -1 when benchmarking a server started elsewhere */
  CpuSampler(long serverPid) {
    this.serverPid = serverPid;
  }

  Sample sample() {
    if (!available) {
      return null;
    }
    // Clock and machine total first and together: the /proc walk below can take a while on a busy box.
    long at = System.nanoTime();
    long busy = machineBusy();
    long server = serverPid < 0 ? -1 : ticks(serverPid);
    long generator = ticks(ProcessHandle.current().pid());
    Set<Long> postgres = ourCluster(postgresPids());
    long postgresTicks = postgres.stream().mapToLong(pid -> ticks(pid, true)).sum();
    long postmaster = postgres.stream().filter(pid -> !postgres.contains(parent(pid))).mapToLong(Long::longValue)
        .min().orElse(-1);
    return new Sample(at, server, postgresTicks, postmaster, generator, busy);
  }

  Split between(Sample from, Sample to) {
    if (from == null || to == null) {
      return new Split(Double.NaN, Double.NaN, Double.NaN, Double.NaN, false);
    }
    double seconds = (to.at() - from.at()) / 1e9;
    // A restart takes the old postmaster's counters with it, so PostgreSQL's share is unknown for this window.
    boolean restarted = from.postmaster() != to.postmaster();
    return new Split(from.server() < 0 ? Double.NaN : pct(to.server() - from.server(), seconds),
        restarted ? Double.NaN : pct(to.postgres() - from.postgres(), seconds),
        pct(to.generator() - from.generator(), seconds),
        pct(to.busy() - from.busy(), seconds), restarted);
  }

  /** CPU in percent of one core, spread over {@code perSecond} things a second: µs of CPU each. */
  static double microsEach(double percentOfCore, double perSecond) {
    return percentOfCore * 1e4 / perSecond;
  }

  private static double pct(long ticks, double seconds) {
    return ticks / HZ / seconds * 100;
  }

  /** utime + stime of a process, all its threads included. */
  private static long ticks(long pid) {
    return ticks(pid, false);
  }

  /** @param reaped also count children that have exited, e.g. a postmaster's closed backends */
  private static long ticks(long pid, boolean reaped) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The command name may hold spaces and parentheses; the fields that follow the last ')' do not.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      return reaped ? own + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : own;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /**
   * Every postgres process: the backends serving the server and the bench, the WAL writer, the
   * checkpointer; a backend that closed during the window is counted in its postmaster's children time.
   */
  private static Set<Long> postgresPids() {
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .filter(CpuSampler::isPostgres)
          .map(p -> Long.parseLong(p.getFileName().toString()))
          .collect(Collectors.toSet());
    } catch (IOException e) {
      return Set.of();
    }
  }

  /**
   * The processes of the cluster the benchmark uses (port {@code BENCH_PG_PORT}, default 5432): its postmaster
   * and the backends and workers it forked. Another cluster on the machine (a data tier's nodes, a restore
   * drill) is another postmaster; counting it would charge its work, and its restarts, to this benchmark.
   */
  private static Set<Long> ourCluster(Set<Long> postgres) {
    String port = System.getenv().getOrDefault("BENCH_PG_PORT", "5432");
    Set<Long> postmasters = postgres.stream().filter(pid -> !postgres.contains(parent(pid))).collect(Collectors.toSet());
    if (postmasters.size() < 2) {
      return postgres;
    }
    Long ours = postmasters.stream().filter(pid -> port.equals(portOf(pid))).findFirst().orElse(null);
    return ours == null ? postgres
        : postgres.stream().filter(pid -> pid.equals(ours) || parent(pid) == ours).collect(Collectors.toSet());
  }

  /** A postmaster works in its data directory, whose postmaster.pid names its port on the fourth line. */
  private static String portOf(long postmaster) {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(postmaster), "cwd", "postmaster.pid"));
      return lines.size() > 3 ? lines.get(3).trim() : "";
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static long parent(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static boolean isPostgres(Path proc) {
    try {
      return Files.readString(proc.resolve("comm")).trim().equals("postgres");
    } catch (IOException e) {
      return false;
    }
  }

  /** Busy jiffies of the whole machine, all cores: everything but idle and iowait. */
  private static long machineBusy() {
    try {
      String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < cpu.length && i <= 8; i++) {
        if (i != 4 && i != 5) {
          busy += Long.parseLong(cpu[i]);
        }
      }
      return busy;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
