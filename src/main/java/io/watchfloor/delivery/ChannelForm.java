package io.watchfloor.delivery;

import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.FieldUnit;
import io.watchfloor.notify.ChannelType;
import io.watchfloor.notify.SmsTemplate;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What makes a channel's body a channel (docs/notify.md): each type's URL and secret as its receiver needs them,
 * an SMS template that renders, a scope within the admin's and a unit of that scope. Every problem is named;
 * the body passes whole or not at all.
 */
final class ChannelForm {
  static final Set<String> FIELDS = Set.of("name", "type", "url", "secret", "scope", "perMinute", "unit", "auth", "sms");
  private static final Set<String> SMS_FIELDS = Set.of("method", "contentType", "headers", "body", "phones");
  static final int MAX_NAME = 60;
  private static final int MAX_URL = 2000;
  static final int DEFAULT_PER_MINUTE = 20;
  private static final int MAX_PER_MINUTE = 600;
  /** A robot's secret or a token: visible ASCII, as it goes into a header or a signature. */
  private static final Pattern SECRET = Pattern.compile("[\\x21-\\x7e]{1,200}");
  /** 中国大陆 mobile numbers: a unit's own contact is a person's phone. */
  private static final Pattern MAINLAND_MOBILE = Pattern.compile("1[3-9][0-9]{9}");
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{5,20}");
  /** Link-local addresses (169.254.0.0/16, fe80::/10) and the metadata names clouds answer on. */
  private static final Pattern METADATA = Pattern.compile(
      "(?i)169\\.254\\.\\d{1,3}\\.\\d{1,3}|\\[fe[89ab][0-9a-f]?:.*]|metadata(\\.google\\.internal)?|100\\.100\\.100\\.200");
  /** RFC 9110's token: what a header name may be. */
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}");
  /** Headers the client itself writes: one from the template would contradict it. */
  private static final Set<String> OWN_HEADERS = Set.of("host", "content-length", "transfer-encoding", "connection");

  private ChannelForm() {
  }

  /** The channel the body describes, checked against the tree and the units; throws the 422 of every problem. */
  static Channel read(NotifyInput in, String id, String adminScope, String adminName, Catalogue catalogue,
                      Function<String, Optional<FieldUnit>> units, Instant now) {
    String name = in.text("name", true, MAX_NAME);
    ChannelType type = type(in);
    String url = url(in);
    String secret = in.text("secret", false, 200);
    if (secret != null && !SECRET.matcher(secret).matches()) {
      in.add("secret", "must be visible ASCII characters without spaces");
      secret = null;
    }
    String scope = scope(in, adminScope, catalogue);
    int perMinute = in.integer("perMinute", DEFAULT_PER_MINUTE, 1, MAX_PER_MINUTE);
    String unit = unit(in, scope, catalogue, units);
    Channel.Auth auth = auth(in, type);
    Channel.Sms sms = type == ChannelType.SMS ? sms(in, unit != null) : null;
    if (type != null && type != ChannelType.SMS) {
      in.require(!in.has("sms"), "sms", "is only for a channel of type sms");
    }
    if (type != null && url != null) {
      typeRules(in, type, url, secret, auth);
    }
    in.check();
    return new Channel(id, name, type, url, secret, auth, sms, scope, unit, perMinute, null, null, now, adminName);
  }

  private static ChannelType type(NotifyInput in) {
    String type = in.text("type", true, 20);
    if (type == null) {
      return null;
    }
    try {
      return ChannelType.valueOf(type.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      in.add("type", "must be wecom, dingtalk, webhook or sms");
      return null;
    }
  }

  /** Absolute http or https with a host, no user-info (a password in a URL would be shown and logged). */
  private static String url(NotifyInput in) {
    String url = in.text("url", true, MAX_URL);
    if (url == null) {
      return null;
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getHost().isEmpty()) {
        in.add("url", "must be an absolute http or https URL with a host");
        return null;
      }
      if (METADATA.matcher(uri.getHost()).matches()) {
        // a cloud's instance metadata holds the machine's credentials, and the test button shows an answer
        in.add("url", "must not be a link-local or cloud metadata address");
        return null;
      }
      if (uri.getRawUserInfo() != null) {
        in.add("url", "must not carry a user name or password; use the secret and auth fields");
        return null;
      }
      return url;
    } catch (URISyntaxException e) {
      in.add("url", "is not a URL: " + e.getReason());
      return null;
    }
  }

  static String scope(NotifyInput in, String adminScope, Catalogue catalogue) {
    String scope = in.text("scope", false, 64);
    if (scope == null) {
      return in.has("scope") ? null : adminScope;
    }
    if (catalogue.area(scope).isEmpty() || !catalogue.contains(adminScope, scope)) {
      in.add("scope", "must be an area within your scope '" + adminScope + "'");
      return null;
    }
    return scope;
  }

  /** A unit of the channel's scope: every site it reaches lies there, so its cases are the scope's. */
  private static String unit(NotifyInput in, String scope, Catalogue catalogue,
                             Function<String, Optional<FieldUnit>> units) {
    String unit = in.text("unit", false, 64);
    if (unit == null || scope == null) {
      return null;
    }
    Optional<FieldUnit> found = units.apply(unit);
    if (found.isEmpty() || found.get().sites().isEmpty()
        || !found.get().sites().stream().allMatch(site -> catalogue.containsSite(scope, site))) {
      in.add("unit", "must be an enabled field unit whose sites lie in the channel's scope '" + scope + "'");
      return null;
    }
    return unit;
  }

  private static Channel.Auth auth(NotifyInput in, ChannelType type) {
    String auth = in.text("auth", false, 10);
    if (auth == null) {
      return Channel.Auth.NONE;
    }
    if (type != ChannelType.WEBHOOK) {
      in.add("auth", "is only for a channel of type webhook");
      return Channel.Auth.NONE;
    }
    try {
      return Channel.Auth.valueOf(auth.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      in.add("auth", "must be none, bearer or hmac");
      return Channel.Auth.NONE;
    }
  }

  private static void typeRules(NotifyInput in, ChannelType type, String url, String secret, Channel.Auth auth) {
    switch (type) {
      case WECOM -> {
        in.require(queryValue(url, "key").isPresent(), "url",
            "must be the robot's Webhook address, with key= in it (https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…)");
        in.require(secret == null, "secret", "a WeCom robot has no secret; its key is in the URL");
      }
      case DINGTALK -> {
        in.require(queryValue(url, "access_token").isPresent(), "url",
            "must be the robot's Webhook address, with access_token= in it (https://oapi.dingtalk.com/robot/send?access_token=…)");
        in.require(secret != null, "secret", "is required: the robot's 加签 secret (SEC…)");
      }
      case WEBHOOK -> {
        if (auth != Channel.Auth.NONE) {
          in.require(secret != null, "secret", "is required with auth " + auth.key());
        } else {
          in.require(secret == null, "secret", "is used only with auth bearer or hmac; say which");
        }
      }
      case SMS -> in.require(secret == null, "secret", "an SMS gateway's credentials go in its headers or URL");
    }
  }

  /** The non-empty value of {@code name} in the URL's query. */
  static Optional<String> queryValue(String url, String name) {
    String query = URI.create(url).getRawQuery();
    if (query == null) {
      return Optional.empty();
    }
    for (String pair : query.split("&")) {
      if (pair.startsWith(name + "=") && pair.length() > name.length() + 1) {
        return Optional.of(pair.substring(name.length() + 1));
      }
    }
    return Optional.empty();
  }

  private static Channel.Sms sms(NotifyInput in, boolean forUnit) {
    NotifyInput sms = in.object("sms", SMS_FIELDS);
    if (sms == null) {
      in.add("sms", "is required for a channel of type sms: {method, contentType, headers, body, phones}");
      return null;
    }
    String method = sms.text("method", false, 10);
    method = method == null ? "POST" : method.toUpperCase(Locale.ROOT);
    sms.require(method.equals("POST") || method.equals("PUT"), "method", "must be POST or PUT");
    String contentType = sms.text("contentType", true, 100);
    Map<String, String> headers = sms.stringMap("headers", 20, 1000);
    headers.forEach((name, value) -> {
      sms.require(HEADER_NAME.matcher(name).matches() && !OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT)),
          "headers." + name, "is not a header a template may set");
      sms.require(value.chars().noneMatch(c -> c < 0x20 || c == 0x7f), "headers." + name,
          "must not hold control characters such as a line break");
    });
    String body = sms.text("body", true, 4000);
    List<String> phones = sms.strings("phones", 50, 20);
    sms.require(!phones.isEmpty(), "phones", "must name at least one phone number");
    Pattern phone = forUnit ? MAINLAND_MOBILE : PHONE;
    sms.require(phones.stream().allMatch(p -> phone.matcher(p).matches()), "phones", forUnit
        ? "must be mainland mobile numbers of 11 digits (13…–19…) for a unit's own channel"
        : "must be phone numbers of 5 to 20 digits, with an optional leading +");
    if (contentType != null && body != null) {
      new SmsTemplate(contentType, body).validate().ifPresent(problem -> sms.add("body", problem));
    }
    return sms.hasErrors() ? null : new Channel.Sms(method, contentType, headers, body, phones);
  }
}
