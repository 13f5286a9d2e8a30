package io.watchfloor.cluster;

import com.hazelcast.config.Config;
import io.vertx.core.Completable;
import io.vertx.core.spi.cluster.RegistrationInfo;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.watchfloor.bus.Addresses;

import java.util.Set;

/**
 * Until the store, live and alert verticles register their request addresses with {@code localConsumer}
 * (issue 12, the lead's part), this keeps those addresses node-local as {@code localConsumer} would: the
 * registration is kept in this node's own table instead of the cluster's. Without it a report committed
 * on one node would be offered, by reference, to the other's live verticle. Only addresses the files of
 * this helper do not consume are listed, so the web and flag registrations are tested as they are.
 * Remove once those verticles use {@code localConsumer}.
 */
final class LeadAddressesLocal extends HazelcastClusterManager {
  static final Set<String> ADDRESSES = Set.of(
      Addresses.STORE_APPEND, Addresses.STORE_DAY, Addresses.STORE_RECENT, Addresses.STORE_SERIES,
      Addresses.STORE_MONTH_SUMS, Addresses.STORE_DAY_STATS, Addresses.STORE_SITE_DAY_SUMS,
      Addresses.STORE_DAY_STATS_RANGE, Addresses.STORE_PING, Addresses.STORE_ACCEPTING, Addresses.STORE_OPENED,
      Addresses.REPORTS_ACCEPTED, Addresses.ALERTS_FIRE, Addresses.ALERTS_LIST, Addresses.ALERTS_GET,
      Addresses.ALERTS_ACT, Addresses.ALERTS_HANDOVER, Addresses.ALERTS_SEEN, Addresses.ALERTS_DAY,
      Addresses.LIVE_SNAPSHOT, Addresses.LIVE_SNAPSHOT_FRAME);

  LeadAddressesLocal(Config config) {
    super(config);
  }

  @Override
  public void addRegistration(String address, RegistrationInfo info, Completable<Void> promise) {
    super.addRegistration(address, local(address, info), promise);
  }

  @Override
  public void removeRegistration(String address, RegistrationInfo info, Completable<Void> promise) {
    super.removeRegistration(address, local(address, info), promise);
  }

  private static RegistrationInfo local(String address, RegistrationInfo info) {
    return ADDRESSES.contains(address) ? new RegistrationInfo(info.nodeId(), info.seq(), true) : info;
  }
}
