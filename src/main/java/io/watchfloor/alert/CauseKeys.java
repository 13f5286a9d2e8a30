package io.watchfloor.alert;

import io.watchfloor.domain.Firing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The key under which the PostgreSQL alert store remembers a counted cause: the MD5 of the rule, the subject
 * and the cause, the first two each prefixed by its length in UTF-8 bytes and a colon, so that no two triples
 * give the same text. Migration V15 computes the same in SQL for the causes counted before it. MD5 is not a
 * defence here, only a spread: a cause is a report id the server parsed or a day, never free text.
 */
final class CauseKeys {
  private CauseKeys() {
  }

  static UUID of(Firing firing) {
    return of(firing.rule().id(), firing.subject(), firing.cause());
  }

  static UUID of(String rule, String subject, String cause) {
    byte[] ruleBytes = rule.getBytes(StandardCharsets.UTF_8);
    byte[] subjectBytes = subject.getBytes(StandardCharsets.UTF_8);
    String text = ruleBytes.length + ":" + rule + subjectBytes.length + ":" + subject + cause;
    ByteBuffer digest = ByteBuffer.wrap(md5().digest(text.getBytes(StandardCharsets.UTF_8)));
    return new UUID(digest.getLong(), digest.getLong());
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has MD5", e);
    }
  }
}
