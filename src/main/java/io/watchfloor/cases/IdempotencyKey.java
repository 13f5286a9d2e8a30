package io.watchfloor.cases;

import io.vertx.ext.web.RoutingContext;
import io.watchfloor.http.ApiError;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The {@code Idempotency-Key} header (the IETF httpapi draft's name) and the fingerprint of the request it
 * comes with: the same principal, key and fingerprint again gets the first answer; the same key with another
 * fingerprint is a 422. A key is 1 to 64 visible ASCII characters, optionally quoted as the draft's
 * structured-field string; anything else is a 400, since no answer could be told apart by it.
 */
final class IdempotencyKey {
  static final String HEADER = "Idempotency-Key";
  static final int MAX = 64;

  private IdempotencyKey() {
  }

  /** The request's key, or null when it sent none. */
  static String of(RoutingContext ctx) {
    List<String> all = ctx.request().headers().getAll(HEADER);
    if (all.isEmpty()) {
      return null;
    }
    String key = all.size() == 1 ? unquoted(all.get(0)) : "";
    if (key.isEmpty() || key.length() > MAX || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
      throw ApiError.badRequest("send one " + HEADER + " of 1 to " + MAX + " visible ASCII characters");
    }
    return key;
  }

  private static String unquoted(String value) {
    String v = value.strip();
    return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
  }

  /** The store's request for this key (null: no key, nothing kept). */
  static CaseStore.Request request(String principal, String key, Fingerprint fingerprint) {
    return key == null ? null : new CaseStore.Request(principal, key, fingerprint.hex());
  }

  /** SHA-256 over the method, the path and each part of what was sent, each part's length first. */
  static final class Fingerprint {
    private final MessageDigest digest;

    Fingerprint(String method, String path) {
      try {
        digest = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JVM has SHA-256", e);
      }
      add(method.getBytes(StandardCharsets.UTF_8)).add(path.getBytes(StandardCharsets.UTF_8));
    }

    Fingerprint add(byte[] part) {
      digest.update(java.nio.ByteBuffer.allocate(8).putLong(part.length).array());
      digest.update(part);
      return this;
    }

    Fingerprint add(String part) {
      return add(part.getBytes(StandardCharsets.UTF_8));
    }

    String hex() {
      return HexFormat.of().formatHex(digest.digest());
    }
  }
}
