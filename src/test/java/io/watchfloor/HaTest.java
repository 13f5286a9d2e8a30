package io.watchfloor;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The data tier (deploy/pg-ha.sh): etcd, PostgreSQL under Patroni with a synchronous standby, HAProxy in
 * front, and a server on it while nodes are killed. A tier of its own because it needs root and Debian's
 * patroni, etcd-server, haproxy and pgbackrest (bin/setup installs them) and takes minutes; runs under
 * <code>mvn -B verify</code>, and <code>-DexcludedGroups=ha</code> leaves it out.
 * Every test class carries exactly one tier ({@link TierTagsTest}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("ha")
public @interface HaTest {
}
