package io.watchfloor;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The quick tier (<code>mvn -B -Pquick test</code>): no database, no HTTP server and no server process, no browser.
 * Plain Java, and verticles deployed on a {@code Vertx} of their own with the memory stores, count.
 * Every test class carries exactly one tier ({@link TierTagsTest}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("unit")
public @interface UnitTest {
}
