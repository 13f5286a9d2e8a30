package io.watchfloor.web;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.watchfloor.domain.ConfigException;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Who may scrape /metrics: a caller on an allowed network, or one with the scrape token. The metrics
 * name routes, sites and load, which is more than a stranger should read. By default only loopback
 * is allowed, so a Prometheus on the same host works without configuration.
 */
public final class MetricsGuard {
  private static final JsonArray LOOPBACK = new JsonArray().add("127.0.0.0/8").add("::1/128");

  private final List<IpSubnetFilterRule> networks = new ArrayList<>();
  private final String tokenSha256;

  /** @param config the {@code metrics} section: {@code allowed-networks} (CIDR list), {@code scrape-token-sha256} */
  public MetricsGuard(JsonObject config) {
    for (Object cidr : config.getJsonArray("allowed-networks", LOOPBACK)) {
      networks.add(rule(String.valueOf(cidr)));
    }
    String token = config.getString("scrape-token-sha256", "");
    this.tokenSha256 = token.isBlank() ? null : token.trim().toLowerCase(java.util.Locale.ROOT);
  }

  private static IpSubnetFilterRule rule(String cidr) {
    try {
      return cidr.contains("/") ? new IpSubnetFilterRule(cidr, IpFilterRuleType.ACCEPT)
          : new IpSubnetFilterRule(InetAddress.getByName(ipLiteral(cidr)), cidr.contains(":") ? 128 : 32, IpFilterRuleType.ACCEPT);
    } catch (RuntimeException | UnknownHostException e) {
      throw new ConfigException("http.metrics.allowed-networks: '" + cidr + "' is not an address or a CIDR range");
    }
  }

  /** Refuses host names: a name here would mean a DNS look-up per scrape, and a rule that can change under us. */
  private static String ipLiteral(String text) {
    if (!text.matches("[0-9a-fA-F.:]+")) {
      throw new IllegalArgumentException(text);
    }
    return text;
  }

  public void check(RoutingContext ctx) {
    String authorization = ctx.request().getHeader("Authorization");
    if (authorization != null) {
      if (tokenSha256 != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
          && MessageDigest.isEqual(Authenticator.sha256(authorization.substring(7).trim()).getBytes(StandardCharsets.US_ASCII),
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
    String host = ctx.request().remoteAddress().hostAddress();
    if (host == null) {
      return false;
    }
    try {
      InetSocketAddress peer = new InetSocketAddress(InetAddress.getByName(ipLiteral(host)), 0);
      return networks.stream().anyMatch(rule -> rule.matches(peer));
    } catch (IllegalArgumentException | UnknownHostException e) {
      return false;
    }
  }
}
