package io.watchfloor;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Several nodes in one test, or HAProxy in front of them. Runs under <code>mvn -B verify</code>.
 * Every test class carries exactly one tier ({@link TierTagsTest}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("cluster")
public @interface ClusterTest {
}
