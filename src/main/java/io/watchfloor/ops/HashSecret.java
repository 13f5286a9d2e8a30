package io.watchfloor.ops;

import io.vertx.ext.auth.hashing.HashingStrategy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * Makes the hashes config/access.json holds, so an admin never writes a secret into a file:
 * {@code java -cp target/watchfloor.jar io.watchfloor.ops.HashSecret password|token SECRET}.
 */
public final class HashSecret {
  static final String ITERATIONS = "210000";

  private HashSecret() {
  }

  public static void main(String[] args) {
    if (args.length != 2 || !(args[0].equals("password") || args[0].equals("token"))) {
      System.err.println("usage: HashSecret password|token SECRET");
      System.exit(64);
    }
    System.out.println(args[0].equals("password") ? password(args[1]) : sha256(args[1]));
  }

  /** PBKDF2-HMAC-SHA512 at OWASP's recommended 210,000 iterations, in the PHC string form. */
  public static String password(String secret) {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    return HashingStrategy.load().hash("pbkdf2", Map.of("it", ITERATIONS),
        Base64.getEncoder().withoutPadding().encodeToString(salt), secret);
  }

  /**
   * Unit tokens, display keys and scrape tokens are long random strings, so one SHA-256 is enough
   * to keep a usable secret out of every file and table; passwords take PBKDF2 instead.
   */
  public static String sha256(String secret) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
