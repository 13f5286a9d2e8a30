package io.watchfloor;

/**
 * The store changing hands, as one test database on the one PostgreSQL can play it: every session of the database
 * ends (what a failover does to the pools: 57P01, or the connection closed under them), and then, until the
 * handover is over, either a standby answers (new sessions are read-only, and every write fails with 25006) or no
 * server does (new connections are refused). Each statement runs from the maintenance database, as ALTER DATABASE
 * cannot change the database it runs in for its own sessions.
 */
public enum Handover {
  /** A standby answers (or a primary being demoted): reads work, every write is refused with SQLSTATE 25006. */
  STANDBY_ANSWERS {
    @Override
    public void begin(String database) {
      TestDatabase.run("ALTER DATABASE " + TestDatabase.name(database) + " SET default_transaction_read_only = on");
      endSessions(database);
    }

    /**
     * The sessions opened meanwhile keep their read-only default, which no real promotion leaves behind (a
     * promoted standby's sessions take writes): they end, as the old server's sessions do.
     */
    @Override
    public void end(String database) {
      TestDatabase.run("ALTER DATABASE " + TestDatabase.name(database) + " RESET default_transaction_read_only");
      endSessions(database);
    }
  },
  /** No server answers: between the old primary's death and HAProxy's first connection to the new one. */
  NO_SERVER {
    @Override
    public void begin(String database) {
      TestDatabase.run("ALTER DATABASE " + TestDatabase.name(database) + " ALLOW_CONNECTIONS false");
      endSessions(database);
    }

    @Override
    public void end(String database) {
      TestDatabase.run("ALTER DATABASE " + TestDatabase.name(database) + " ALLOW_CONNECTIONS true");
    }
  };

  /** From now on the database answers as this handover's middle does. */
  public abstract void begin(String database);

  /** The new primary takes writes. */
  public abstract void end(String database);

  /** Ends every session of the database but the caller's: what a failover does to every pool's connections. */
  public static void endSessions(String database) {
    TestDatabase.run("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
        + TestDatabase.name(database) + "' AND pid <> pg_backend_pid()");
  }
}
