package io.watchfloor.delivery;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.Alert;
import io.watchfloor.domain.Severity;
import io.watchfloor.notify.AlertNotice;
import io.watchfloor.notify.AlertmanagerPayload;
import io.watchfloor.notify.Hashing;
import io.watchfloor.notify.Digest;
import io.watchfloor.notify.WeComMessage;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A channel's message for one notice or a digest of several, in every form a channel may need: title and
 * markdown for the robots, the webhook's JSON body, plain text for SMS. Every message carries its stable id:
 * the webhook as the event's key (and Alertmanager's fingerprint), the others as 编号.
 */
final class Render {
  private Render() {
  }

  /** What goes out: {@code id} the stable id, the rest by channel type (see {@code Wire}). */
  record Outbound(String id, String title, String markdown, String webhookJson, String plain) {
  }

  static Outbound single(Channel channel, JsonObject notice, String linkBase) {
    String link = link(channel, notice);
    String key = notice.getString("key");
    String title = notice.getString("title");
    String text = notice.getString("text");
    String markdown = "### " + title + "\n" + lines(channel, text) + sep(channel) + "[查看详情](" + link + ")"
        + sep(channel) + "编号 " + shortId(key);
    String plain = title + "：" + text.replace("> ", "").replace("\n", "；") + " " + link + " 编号" + shortId(key);
    String webhook = notice.containsKey("alert")
        ? AlertmanagerPayload.body(channel.name(), linkBase, List.of(alertNotice(notice, link)))
        : notice.copy().put("link", link).encode();
    return new Outbound(key, title, markdown, webhook, plain);
  }

  static Outbound digest(Channel channel, List<JsonObject> notices, String linkBase, ZoneId zone) {
    List<Digest.Item> items = notices.stream().map(n -> new Digest.Item(n.getString("areaName"),
        Instant.parse(n.getString("at")), n.getString("line"))).toList();
    String id = notices.get(0).getString("key") + "+" + (notices.size() - 1);
    String text = Digest.text(items, zone, WeComMessage.MAX_CONTENT_BYTES - 200);
    String title = text.lines().findFirst().orElse("通知");
    String link = channel.unit() != null ? linkBase + "/report" : linkBase + "/console";
    String markdown = "### " + title + "\n" + lines(channel, text.substring(title.length()).strip()) + sep(channel)
        + "[查看详情](" + link + ")" + sep(channel) + "编号 " + shortId(id);
    String plain = text.replace("\n", "；") + " " + link + " 编号" + shortId(id);
    boolean allAlerts = notices.stream().allMatch(n -> n.containsKey("alert"));
    String webhook = allAlerts
        ? AlertmanagerPayload.body(channel.name(), linkBase, notices.stream().map(n -> alertNotice(n, link(channel, n))).toList())
        : new JsonObject().put("version", NoticeText.VERSION).put("kind", "digest").put("key", id)
            .put("title", title).put("notices", new JsonArray(List.copyOf(notices))).encode();
    return new Outbound(id, title, markdown, webhook, plain);
  }

  /** A unit's own channel links its people to their field page; the routes' channels to the console. */
  private static String link(Channel channel, JsonObject notice) {
    String field = notice.getString("fieldLink");
    return channel.unit() != null && field != null ? field : notice.getString("link");
  }

  /** DingTalk's markdown needs a blank line between lines; WeCom's keeps single breaks. */
  private static String lines(Channel channel, String text) {
    return channel.type() == io.watchfloor.notify.ChannelType.DINGTALK ? text.replace("\n", "\n\n") : text;
  }

  private static String sep(Channel channel) {
    return channel.type() == io.watchfloor.notify.ChannelType.DINGTALK ? "\n\n" : "\n";
  }

  /** Eight hex digits of the key: short enough to read out over the phone, enough to find the message. */
  static String shortId(String key) {
    long hash = Hashing.fnv1a(Hashing.FNV_OFFSET, key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return String.format(Locale.ROOT, "%08x", hash >>> 32);
  }

  private static AlertNotice alertNotice(JsonObject notice, String link) {
    JsonObject a = notice.getJsonObject("alert");
    String resolvedAt = a.getString("resolvedAt");
    return new AlertNotice(UUID.fromString(a.getString("id")), a.getString("rule"), a.getString("site"),
        a.getString("area"), a.getString("areaName"), Severity.valueOf(a.getString("severity").toUpperCase(Locale.ROOT)),
        Alert.State.valueOf(a.getString("state").toUpperCase(Locale.ROOT)), Instant.parse(a.getString("firstSeen")),
        resolvedAt == null ? null : Instant.parse(resolvedAt), a.getString("summary"), link);
  }
}
