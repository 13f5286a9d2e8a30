package io.watchfloor.delivery;

import io.watchfloor.notify.ChannelType;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where messages go: a WeCom or DingTalk group robot, a webhook, or an SMS gateway, kept in
 * /admin. {@code url} and {@code secret} are stored as given and never shown back. {@code unit} is set on
 * a field unit's own contact channel, which gets the unit's cases and 催报 whatever the routes say.
 * {@code stoppedAt} is set once the receiver refused the key or the secret: nothing is sent until the
 * channel is saved again.
 */
public record Channel(String id, String name, ChannelType type, String url, String secret, Auth auth, Sms sms,
                      String scope, String unit, int perMinute, Instant stoppedAt, String stoppedWhy,
                      Instant createdAt, String createdBy) {

  /** How a webhook proves it is us: nothing, the secret as a bearer token, or an HMAC-SHA256 header. */
  public enum Auth {
    NONE, BEARER, HMAC;

    public String key() {
      return name().toLowerCase();
    }
  }

  /** An SMS gateway's request: its method, body's content type, headers, body template and the numbers. */
  public record Sms(String method, String contentType, Map<String, String> headers, String body, List<String> phones) {
    public Sms {
      headers = Map.copyOf(headers);
      phones = List.copyOf(phones);
    }
  }

  public boolean stopped() {
    return stoppedAt != null;
  }

  public Channel stopped(Instant at, String why) {
    return new Channel(id, name, type, url, secret, auth, sms, scope, unit, perMinute, at, why, createdAt, createdBy);
  }
}
