package io.watchfloor.bus;

import io.vertx.core.eventbus.DeliveryOptions;

/**
 * Delivery for the node-local addresses (every one but those {@link Addresses} marks cluster-wide). Their
 * consumers are {@code localConsumer}s, so a message goes where it went before; what it saves is the
 * clustered event bus looking each message's address up in the cluster's subscription map, a Hazelcast
 * call, several times per report (the append, its acceptance, its counting). Without a cluster it changes
 * nothing.
 */
public final class Local {
  private Local() {
  }

  /** A fresh options object for a node-local address: the one way a send or request to one is spelled. */
  public static DeliveryOptions only() {
    return new DeliveryOptions().setLocalOnly(true);
  }

  /** {@link #only()} with a reply awaited at most {@code sendTimeoutMs}. */
  public static DeliveryOptions only(long sendTimeoutMs) {
    return only().setSendTimeout(sendTimeoutMs);
  }
}
