package io.watchfloor.notify;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * The two hashes notifications need, in one place: FNV-1a 64 (Alertmanager's fingerprints, our messages' 编号),
 * written out because it must equal Prometheus's bit for bit and no library of ours has it; and HMAC-SHA256
 * (DingTalk's signature, the webhook's).
 */
public final class Hashing {
  public static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;
  private static final String HMAC = "HmacSHA256";

  private Hashing() {
  }

  /** {@code hash} carried on over {@code bytes}; start from {@link #FNV_OFFSET}. */
  public static long fnv1a(long hash, byte[] bytes) {
    for (byte b : bytes) {
      hash = fnv1a(hash, b & 0xff);
    }
    return hash;
  }

  public static long fnv1a(long hash, int octet) {
    return (hash ^ octet) * FNV_PRIME;
  }

  /** HMAC-SHA256 keyed with {@code secret} over {@code text}, both as UTF-8. */
  public static byte[] hmacSha256(String secret, String text) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      // every Java platform must provide HmacSHA256: this is a broken runtime, not a bad secret
      throw new IllegalStateException(HMAC + " is unavailable", e);
    }
  }
}
