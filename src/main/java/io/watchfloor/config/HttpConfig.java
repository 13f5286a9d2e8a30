package io.watchfloor.config;

import io.watchfloor.domain.ConfigNode;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * The {@code http} section.
 *
 * @param tcpSendBufferBytes empty keeps the operating system's default
 */
public record HttpConfig(String host, int port, int instances, boolean cookieSecure, List<String> allowedOrigins,
                         Duration session, int maxSessions, int idleTimeoutSeconds, OptionalInt tcpSendBufferBytes,
                         long readyTimeoutMs, SignIn signIn, Metrics metrics) {
  public HttpConfig {
    allowedOrigins = List.copyOf(allowedOrigins);
  }

  /**
   * {@code http.sign-in}: budgets per address and per user at an address, and the bound on hashing work.
   *
   * @param trustedProxies networks whose X-Forwarded-For is believed; none by default
   */
  public record SignIn(int perAddressPerMinute, int perUserPerAddressPerMinute, int hashThreads, int maxQueuedHashes,
                       int trackedKeys, List<String> trustedProxies) {
    public SignIn {
      trustedProxies = List.copyOf(trustedProxies);
    }

    static SignIn read(ConfigNode signIn) {
      return new SignIn(Fields.integer(signIn, "per-address-per-minute", 30, 1, 100_000),
          Fields.integer(signIn, "per-user-per-address-per-minute", 10, 1, 100_000),
          Fields.integer(signIn, "hash-threads", 1, 1, 64),
          Fields.integer(signIn, "max-queued-hashes", 8, 1, 10_000),
          Fields.integer(signIn, "tracked-keys", 10_000, 100, 10_000_000),
          Fields.texts(signIn, "trusted-proxies"));
    }
  }

  /**
   * {@code http.metrics}: who may scrape.
   *
   * @param scrapeTokenSha256 empty: no token opens it
   */
  public record Metrics(List<String> allowedNetworks, String scrapeTokenSha256) {
    public Metrics {
      allowedNetworks = List.copyOf(allowedNetworks);
    }

    static Metrics read(ConfigNode metrics) {
      return new Metrics(metrics.has("allowed-networks") ? Fields.texts(metrics, "allowed-networks")
          : List.of("127.0.0.0/8", "::1/128"), metrics.has("scrape-token-sha256")
          ? metrics.field("scrape-token-sha256").textOrEmpty() : "");
    }
  }

  static HttpConfig read(ConfigNode http) {
    return new HttpConfig(
        Fields.text(http, "host", "0.0.0.0"),
        Fields.integer(http, "port", 8080, 0, 65535),
        // one server per core: a single instance keeps all HTTP and socket work on one event loop
        Fields.integer(http, "instances", Math.min(64, Runtime.getRuntime().availableProcessors()), 1, 64),
        Fields.bool(http, "cookie-secure", false),
        Fields.texts(http, "allowed-origins"),
        Duration.ofHours(Fields.integer(http, "session-hours", 12, 1, 24 * 30)),
        Fields.integer(http, "max-sessions", 10_000, 1, 10_000_000),
        Fields.integer(http, "idle-timeout-seconds", 120, 1, 3600),
        http.has("tcp-send-buffer-bytes")
            ? OptionalInt.of(Fields.integer(http, "tcp-send-buffer-bytes", 0, 1024, 64 << 20)) : OptionalInt.empty(),
        Fields.longInt(http, "ready-timeout-ms", 2000, 10, 60_000),
        SignIn.read(http.field("sign-in")),
        Metrics.read(http.field("metrics")));
  }

  /** Where the demo's simulated units post: this node's own port on loopback. */
  public String loopbackUrl() {
    return "http://127.0.0.1:" + port;
  }
}
