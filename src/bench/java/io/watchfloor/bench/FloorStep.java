package io.watchfloor.bench;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The ingest benchmark's final rate against {@link FloorServer}, a bare Vert.x HTTP server with the server's
 * number of event loops, from generators of its own: what HTTP alone costs in CPU and latency on this machine.
 */
final class FloorStep {
  /** The floor server starts cold: long enough at the rate for its JIT to settle before it is measured. */
  private static final int LEAD_IN_S = 10;

  /** One fixed-rate run of these generators, with this process's CPU as the server's. */
  interface Stepper {
    StepResult step(List<Shooter> shooters, CpuSampler cpu, double rate, int seconds) throws InterruptedException;
  }

  private final Vertx vertx;
  private final JsonObject serverConfig;
  private final Function<String, List<Shooter>> deployShooters;
  private final Stepper stepper;
  private final Consumer<String> say;

  FloorStep(Vertx vertx, JsonObject serverConfig, Function<String, List<Shooter>> deployShooters, Stepper stepper, Consumer<String> say) {
    this.vertx = vertx;
    this.serverConfig = serverConfig;
    this.deployShooters = deployShooters;
    this.stepper = stepper;
    this.say = say;
  }

  /** A lead-in of {@link #LEAD_IN_S} s, then {@code seconds} measured; the generators are undeployed after. */
  StepResult measure(double rate, int seconds) throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port;
    int instances = serverConfig.getJsonObject("http").getInteger("instances", Runtime.getRuntime().availableProcessors());
    say.accept(String.format("floor: a bare Vert.x HTTP server (%d event loops, log target/bench-floor.log) at %,.0f/s",
        instances, rate));
    try (ServerProcess floor = ServerProcess.startFloor(port, instances, Path.of("target/bench-floor.log"))) {
      floor.awaitReady(url, Duration.ofSeconds(30));
      CpuSampler cpu = new CpuSampler(floor.pid());
      List<Shooter> shooters = deployShooters.apply(url);
      try {
        say.accept(String.format("  lead-in (not measured): %d s", LEAD_IN_S));
        stepper.step(shooters, cpu, rate, LEAD_IN_S);
        say.accept(String.format("  measured: %d s", seconds));
        return stepper.step(shooters, cpu, rate, seconds);
      } finally {
        for (Shooter shooter : shooters) {
          vertx.undeploy(shooter.deploymentID()).await();
        }
      }
    }
  }
}
