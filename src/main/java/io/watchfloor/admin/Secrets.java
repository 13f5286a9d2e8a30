package io.watchfloor.admin;

import java.security.SecureRandom;
import java.util.Base64;

/** New unit tokens, display keys, setup secrets and temporary passwords: 256 random bits, URL-safe. */
final class Secrets {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {
  }

  static String token() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Short enough to type from a phone call, long enough (20 characters, about 119 bits) for the policy. */
  static String temporaryPassword() {
    byte[] bytes = new byte[15];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A short id for a display key the admin did not name. */
  static String id(String prefix) {
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    return prefix + java.util.HexFormat.of().formatHex(bytes);
  }
}
