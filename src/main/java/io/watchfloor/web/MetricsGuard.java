package io.watchfloor.web;

import io.watchfloor.ops.HashSecret;

import io.watchfloor.http.ApiError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who may scrape /metrics: a caller on an allowed network, or one with the scrape token. The metrics
 * name routes, sites and load, which is more than a stranger should read. By default only loopback
 * is allowed, so a Prometheus on the same host works without configuration.
 */
public final class MetricsGuard {
  private static final JsonArray LOOPBACK = new JsonArray().add("127.0.0.0/8").add("::1/128");

  private final Networks networks;
  private final String tokenSha256;

  /** @param config the {@code metrics} section: {@code allowed-networks} (CIDR list), {@code scrape-token-sha256} */
  public MetricsGuard(JsonObject config) {
    this.networks = Networks.parse("http.metrics.allowed-networks", config.getJsonArray("allowed-networks", LOOPBACK));
    String token = config.getString("scrape-token-sha256", "");
    this.tokenSha256 = token.isBlank() ? null : token.trim().toLowerCase(java.util.Locale.ROOT);
  }

  public void check(RoutingContext ctx) {
    String authorization = ctx.request().getHeader("Authorization");
    if (authorization != null) {
      if (tokenSha256 != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
          && MessageDigest.isEqual(HashSecret.sha256(authorization.substring(7).trim()).getBytes(StandardCharsets.US_ASCII),
          tokenSha256.getBytes(StandardCharsets.US_ASCII))) {
        ctx.next();
      } else {
        ctx.fail(ApiError.unauthorized("unknown scrape token"));
      }
    } else if (fromAllowedNetwork(ctx)) {
      ctx.next();
    } else {
      ctx.fail(ApiError.forbidden("metrics are open to the configured networks, or with the scrape token"));
    }
  }

  private boolean fromAllowedNetwork(RoutingContext ctx) {
    return networks.contains(ctx.request().remoteAddress().hostAddress());
  }
}
