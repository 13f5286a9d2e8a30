package io.watchfloor.admin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.watchfloor.storage.Storage;
import io.watchfloor.config.Settings;
import io.watchfloor.ops.HashSecret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A one-time link that makes an admin of the whole jurisdiction: at a first start (the store has no operator,
 * so nobody could sign in) it is printed in the log, for the person who started the server; on an instance
 * left with no enabled admin of the whole jurisdiction, {@code java -jar watchfloor.jar --setup-link} prints
 * one ({@link #recover}). Valid {@link #VALID}, usable once, 256 random bits, kept only as a hash; a new link
 * retires every unused older one. The secret is in the fragment ({@code #}), which browsers never send to a
 * server or a proxy log; the setup page posts it.
 */
public final class SetupLink {
  /** Tests read the link from this logger. */
  static final Logger LOG = LoggerFactory.getLogger(SetupLink.class);
  static final Duration VALID = Duration.ofHours(24);

  private final Clock clock;
  private final AccessStore store;
  private final Settings settings;

  SetupLink(Clock clock, AccessStore store, Settings settings) {
    this.clock = clock;
    this.store = store;
    this.settings = settings;
  }

  Future<Void> offer() {
    return issue().onSuccess(link -> LOG.warn(
        "FIRST START: no operator exists yet. Open {} (valid until {}, usable once) to choose the first"
            + " administrator's username and password. 首次启动：尚无操作员，请在 24 小时内打开上述链接设置第一位管理员（仅可使用一次）。",
        link, clock.instant().plus(VALID))).mapEmpty();
  }

  private Future<String> issue() {
    String secret = Secrets.token();
    return store.addSetup(HashSecret.sha256(secret), clock.instant().plus(VALID)).map(v -> publicBase() + "/setup#" + secret);
  }

  /**
   * For an instance whose every admin of the whole jurisdiction is disabled: a new link, from the PostgreSQL
   * store the configuration names, while the server runs or not. Fails when such an admin is still enabled
   * (they should sign in and act) or when the store is the embedded one, which lives inside the server.
   */
  public static Future<String> recover(Vertx vertx, Settings settings, Clock clock) {
    if (!settings.app().store().postgres()) {
      return Future.failedFuture(new IllegalStateException("the embedded store lives inside the running server:"
          + " restart it with an empty store, which prints a setup link"));
    }
    AccessStore store = new PgAccessStore(Storage.postgres(vertx, settings.app().store().pg()).pg().orElseThrow(),
        settings.catalogue().root().id(), false);
    return store.open()
        .compose(v -> store.hasRootAdmin())
        .compose(has -> has ? Future.failedFuture(new IllegalStateException("an admin of the whole jurisdiction is"
            + " enabled: sign in as them and enable or reset the others")) : new SetupLink(clock, store, settings).issue())
        .onSuccess(link -> LOG.warn("RECOVERY: no enabled admin of the whole jurisdiction. Open {} (valid until {},"
            + " usable once) to create one. 恢复：尚无可用的全区管理员，请在 24 小时内打开上述链接创建一位（仅可使用一次）。",
            link, clock.instant().plus(VALID)))
        .eventually(store::close);
  }

  private String publicBase() {
    String host = settings.app().http().host();
    return "http://" + ("0.0.0.0".equals(host) || "::".equals(host) ? "127.0.0.1" : host) + ":" + settings.app().http().port();
  }
}
