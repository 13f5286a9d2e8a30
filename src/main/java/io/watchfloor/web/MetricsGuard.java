package io.watchfloor.web;

import io.watchfloor.config.HttpConfig;
import io.watchfloor.ops.HashSecret;

import io.watchfloor.http.ApiError;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who may scrape /metrics: a caller on an allowed network, or one with the scrape token. The metrics
 * name routes, sites and load, which is more than a stranger should read. By default only loopback
 * is allowed, so a Prometheus on the same host works without configuration.
 */
public final class MetricsGuard {
  private final Networks networks;
  private final String tokenSha256;

  public MetricsGuard(HttpConfig.Metrics config) {
    this.networks = Networks.parse("http.metrics.allowed-networks", config.allowedNetworks());
    String token = config.scrapeTokenSha256();
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
