package io.watchfloor.admin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.watchfloor.config.Settings;
import io.watchfloor.ops.HashSecret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A first start: the store has no operator, so nobody could sign in. A one-time link is printed in the
 * log (the person who started the server reads it there): valid {@link #VALID}, usable once, 256 random
 * bits, kept only as a hash. The secret is in the fragment ({@code #}), which browsers never send to a
 * server or a proxy log; the setup page posts it.
 */
final class SetupLink {
  /** Tests read the link from this logger. */
  static final Logger LOG = LoggerFactory.getLogger(SetupLink.class);
  static final Duration VALID = Duration.ofHours(24);

  private final Vertx vertx;
  private final Clock clock;
  private final AccessStore store;
  private final Settings settings;

  SetupLink(Vertx vertx, Clock clock, AccessStore store, Settings settings) {
    this.vertx = vertx;
    this.clock = clock;
    this.store = store;
    this.settings = settings;
  }

  Future<Void> offer() {
    String secret = Secrets.token();
    Instant expires = clock.instant().plus(VALID);
    return store.addSetup(HashSecret.sha256(secret), expires).onSuccess(v -> LOG.warn(
        "FIRST START: no operator exists yet. Open {}/setup#{} (valid until {}, usable once) to choose the first"
            + " administrator's username and password. 首次启动：尚无操作员，请在 24 小时内打开上述链接设置第一位管理员（仅可使用一次）。",
        publicBase(), secret, expires));
  }

  private String publicBase() {
    String host = settings.app().http().host();
    return "http://" + ("0.0.0.0".equals(host) || "::".equals(host) ? "127.0.0.1" : host) + ":" + settings.app().http().port();
  }
}
