package io.watchfloor.web;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.vertx.core.http.HttpServerRequest;
import io.watchfloor.domain.ConfigException;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A list of address ranges from the config (CIDR, or a single address), IPv4 and IPv6. */
final class Networks {
  /** Literal addresses only: a host name here would mean a DNS look-up per request, and a rule that can change under us. */
  private static final Pattern IP_LITERAL = Pattern.compile("[0-9a-fA-F.:]+");

  private final List<IpSubnetFilterRule> rules;

  private Networks(List<IpSubnetFilterRule> rules) {
    this.rules = rules;
  }

  static Networks parse(String field, List<String> cidrs) {
    List<IpSubnetFilterRule> rules = new ArrayList<>();
    for (String cidr : cidrs) {
      rules.add(rule(field, cidr));
    }
    return new Networks(List.copyOf(rules));
  }

  private static IpSubnetFilterRule rule(String field, String cidr) {
    try {
      if (cidr.contains("/")) {
        return new IpSubnetFilterRule(cidr, IpFilterRuleType.ACCEPT);
      }
      return new IpSubnetFilterRule(address(cidr), cidr.contains(":") ? 128 : 32, IpFilterRuleType.ACCEPT);
    } catch (RuntimeException | UnknownHostException e) {
      throw new ConfigException(field + ": '" + cidr + "' is not an address or a CIDR range");
    }
  }

  private static InetAddress address(String text) throws UnknownHostException {
    if (!IP_LITERAL.matcher(text).matches()) {
      throw new UnknownHostException(text);
    }
    return InetAddress.getByName(text);
  }

  boolean isEmpty() {
    return rules.isEmpty();
  }

  boolean contains(String ip) {
    if (ip == null || rules.isEmpty()) {
      return false;
    }
    try {
      InetSocketAddress peer = new InetSocketAddress(address(ip.trim()), 0);
      return rules.stream().anyMatch(rule -> rule.matches(peer));
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * The address a request came from. X-Forwarded-For is believed only when the peer is one of these
   * (trusted proxies), and then only up to the first hop that is not: anyone can write the header,
   * so without a configured proxy it would hand every request a fresh budget.
   */
  String client(HttpServerRequest request) {
    String peer = request.remoteAddress().hostAddress();
    String forwarded = request.getHeader("X-Forwarded-For");
    if (forwarded == null || !contains(peer)) {
      return peer;
    }
    String[] hops = forwarded.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].trim();
      if (!IP_LITERAL.matcher(hop).matches()) {
        return peer;
      }
      if (!contains(hop)) {
        return hop;
      }
    }
    return peer;
  }
}
