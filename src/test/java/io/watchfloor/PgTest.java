package io.watchfloor;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The server tier: a real PostgreSQL, or a whole server (or an HTTP server) on the memory store. Runs under
 * <code>mvn -B verify</code>, not in the quick tier.
 * Every test class carries exactly one tier ({@link TierTagsTest}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("pg")
public @interface PgTest {
}
