package io.watchfloor.ops;

import io.vertx.ext.auth.hashing.HashingStrategy;
import io.watchfloor.web.Authenticator;

import java.security.SecureRandom;
import java.util.Base64;
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
    System.out.println(args[0].equals("password") ? password(args[1]) : Authenticator.sha256(args[1]));
  }

  /** PBKDF2-HMAC-SHA512 at OWASP's recommended 210,000 iterations, in the PHC string form. */
  public static String password(String secret) {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    return HashingStrategy.load().hash("pbkdf2", Map.of("it", ITERATIONS),
        Base64.getEncoder().withoutPadding().encodeToString(salt), secret);
  }
}
