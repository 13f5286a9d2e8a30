package io.watchfloor.delivery;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A channel as /admin, the API and the audit show it: never its secret, never its key. A robot's key sits in
 * the URL ({@code ?key=} for WeCom, {@code ?access_token=} for DingTalk, a path segment for many webhooks), so
 * every query value and every path segment that looks like a key shows only its last 4 characters.
 */
final class Masked {
  private static final int SHOWN = 4;
  /** Long enough and mixed enough to be a key or a token rather than a word of a path such as "cgi-bin". */
  private static final Pattern KEYLIKE = Pattern.compile("(?=.*[0-9])[A-Za-z0-9_\\-.~%+=]{16,}|[A-Za-z0-9_\\-]{24,}");
  private static final Pattern KEY_RUN = Pattern.compile("[A-Za-z0-9_\\-]{16,}");
  private static final Pattern QUERY_VALUE = Pattern.compile("([?&][^=&#]*=)([^&#]*)");

  private Masked() {
  }

  /** The URL with the values of its query and its key-like path segments masked; user-info is never stored. */
  static String url(String url) {
    int query = url.indexOf('?');
    String path = query < 0 ? url : url.substring(0, query);
    String rest = query < 0 ? "" : url.substring(query);
    int hostEnd = path.indexOf('/', path.indexOf("//") + 2);
    StringBuilder masked = new StringBuilder(hostEnd < 0 ? path : path.substring(0, hostEnd));
    if (hostEnd >= 0) {
      for (String segment : path.substring(hostEnd + 1).split("/", -1)) {
        masked.append('/').append(KEYLIKE.matcher(segment).matches() ? last4(segment) : segment);
      }
    }
    Matcher values = QUERY_VALUE.matcher(rest);
    StringBuilder out = new StringBuilder();
    while (values.find()) {
      values.appendReplacement(out, Matcher.quoteReplacement(values.group(1)
          + (values.group(2).isEmpty() ? "" : last4(values.group(2)))));
    }
    values.appendTail(out);
    return masked.append(out).toString();
  }

  /** "…" and the last 4 characters; a value of 8 or fewer shows none, as 4 would be half of it. */
  static String last4(String value) {
    return value.length() <= 2 * SHOWN ? "…" : "…" + value.substring(value.length() - SHOWN);
  }

  /** A template may carry the gateway's key in its body ({@code "apikey":"…"}): every key-like run masked. */
  static String keysIn(String text) {
    return KEY_RUN.matcher(text).replaceAll(match -> Matcher.quoteReplacement(
        match.group().chars().anyMatch(Character::isDigit) ? last4(match.group()) : match.group()));
  }

  static JsonObject secret(String secret) {
    return secret == null || secret.isEmpty() ? new JsonObject().put("set", false)
        : new JsonObject().put("set", true).put("last4", last4(secret));
  }

  /** The channel for the list and the audit: what it is and where, with its key and secret masked. */
  static JsonObject channel(Channel channel) {
    JsonObject json = new JsonObject().put("id", channel.id()).put("name", channel.name())
        .put("type", channel.type().key()).put("url", url(channel.url())).put("secret", secret(channel.secret()))
        .put("auth", channel.auth().key()).put("scope", channel.scope()).put("unit", channel.unit())
        .put("perMinute", channel.perMinute())
        .put("stoppedAt", channel.stoppedAt() == null ? null : channel.stoppedAt().toString())
        .put("stoppedWhy", channel.stoppedWhy())
        .put("createdAt", channel.createdAt().toString()).put("createdBy", channel.createdBy());
    if (channel.sms() != null) {
      // a gateway's header may carry its token (Authorization, X-Api-Key): names only, values masked
      JsonObject headers = new JsonObject();
      channel.sms().headers().forEach((name, value) -> headers.put(name, last4(value)));
      json.put("sms", new JsonObject().put("method", channel.sms().method())
          .put("contentType", channel.sms().contentType()).put("headers", headers)
          .put("body", keysIn(channel.sms().body())).put("phones", new JsonArray(channel.sms().phones())));
    }
    return json;
  }
}
