package io.watchfloor.ingest;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy between the server and PostgreSQL that can lose the acknowledgement of a commit on
 * purpose: when armed, it forwards the commit of reports (the COMMIT of a transaction that inserted
 * them, or the Sync that ends an insert outside a transaction block, which commits it), waits for
 * PostgreSQL's answer to it (its ReadyForQuery, so the commit has certainly happened) and then drops
 * the connection instead of forwarding it. The server sees exactly what a network failure at the worst moment looks like.
 * It follows the frontend protocol just enough to tell a report insert from the other statements.
 */
final class LostCommitProxy implements AutoCloseable {
  private static final int SSL_REQUEST = 80877103;
  private static final int GSSENC_REQUEST = 80877104;

  final int port;
  private final Vertx vertx = Vertx.vertx();
  private final NetClient client;
  private final NetServer server;
  private final String upstreamHost;
  private final int upstreamPort;
  private final AtomicInteger armed = new AtomicInteger();
  private final AtomicInteger lost = new AtomicInteger();

  LostCommitProxy(String upstreamHost, int upstreamPort) {
    this.upstreamHost = upstreamHost;
    this.upstreamPort = upstreamPort;
    client = vertx.createNetClient();
    server = vertx.createNetServer().connectHandler(this::accept).listen(0, "127.0.0.1").await();
    port = server.actualPort();
  }

  /** The next {@code count} report commits are made but their answer is lost. */
  void loseNextReportCommits(int count) {
    armed.addAndGet(count);
  }

  /** How many commit answers were lost so far. */
  int lost() {
    return lost.get();
  }

  /** Arms no more losses, whatever is left. */
  void disarm() {
    armed.set(0);
  }

  /** A URL for {@code database} through this proxy. */
  String url(String user, String database) {
    return "postgresql://" + user + "@127.0.0.1:" + port + "/" + database;
  }

  private void accept(NetSocket front) {
    front.pause();
    client.connect(upstreamPort, upstreamHost)
        .onSuccess(back -> new Link(front, back).start())
        .onFailure(e -> front.close());
  }

  /** One proxied connection. Handlers of both sockets run on the same event loop of the proxy's Vert.x. */
  private final class Link {
    private final NetSocket front;
    private final NetSocket back;
    private final Map<String, String> statements = new HashMap<>();
    private Buffer pending = Buffer.buffer();
    private boolean startup = true;
    private boolean serverStartup = true;
    private boolean inBlock;
    private boolean insertedReports;
    private boolean losing;
    private Buffer serverPending = Buffer.buffer();
    private int readySeen;
    /** Requests forwarded that PostgreSQL will end with a ReadyForQuery (a Sync, a simple query), not yet ended. */
    private int awaitingReady;
    /** While losing: the ReadyForQuery that ends the commit whose answer is lost is this many ahead. */
    private int readyToLose;

    Link(NetSocket front, NetSocket back) {
      this.front = front;
      this.back = back;
    }

    void start() {
      front.handler(this::fromClient);
      back.handler(this::fromServer);
      front.closeHandler(v -> back.close());
      back.closeHandler(v -> front.close());
      front.resume();
    }

    private void fromServer(Buffer data) {
      if (!losing) {
        countReady(data);
        front.write(data);
        return;
      }
      if (countReady(data) >= readyToLose) {
        // PostgreSQL has answered the commit: it is durable, and the server will never hear of it
        lost.incrementAndGet();
        losing = false;
        front.close();
        back.close();
      }
    }

    /** Counts the ReadyForQuery messages in the server's stream so far. */
    private int countReady(Buffer data) {
      serverPending.appendBuffer(data);
      int at = 0;
      while (true) {
        if (serverStartup) {
          // the answer to an SSL or GSS request is one byte, before any message; a plain start begins with 'R'
          if (serverPending.length() - at < 1) {
            break;
          }
          char first = (char) serverPending.getByte(at);
          if (first == 'N' || first == 'S' || first == 'G') {
            at++;
          }
          serverStartup = false;
        }
        if (serverPending.length() - at < 5) {
          break;
        }
        int total = 1 + serverPending.getInt(at + 1);
        if (serverPending.length() - at < total) {
          break;
        }
        if (serverPending.getByte(at) == 'Z') {
          readySeen++;
          awaitingReady = Math.max(0, awaitingReady - 1);
        }
        at += total;
      }
      serverPending = serverPending.getBuffer(at, serverPending.length());
      return readySeen;
    }

    private void fromClient(Buffer data) {
      if (losing) {
        return;
      }
      pending.appendBuffer(data);
      Buffer forward = Buffer.buffer();
      int at = 0;
      while (true) {
        int headerLength = startup ? 0 : 1;
        if (pending.length() - at < headerLength + 4) {
          break;
        }
        int total = headerLength + pending.getInt(at + headerLength);
        if (pending.length() - at < total) {
          break;
        }
        Buffer message = pending.getBuffer(at, at + total);
        at += total;
        forward.appendBuffer(message);
        boolean lose = inspect(message);
        if (!startup && message.length() > 0 && ((char) message.getByte(0) == 'S' || (char) message.getByte(0) == 'Q')) {
          awaitingReady++;
        }
        if (lose) {
          losing = true;
          // its ReadyForQuery comes after those of every request forwarded before it
          readyToLose = readySeen + awaitingReady;
          break;
        }
      }
      pending = pending.getBuffer(at, pending.length());
      if (forward.length() > 0) {
        back.write(forward);
      }
    }

    /** Returns whether this message is a report COMMIT whose answer is to be lost. */
    private boolean inspect(Buffer message) {
      if (startup) {
        int code = message.getInt(4);
        startup = code == SSL_REQUEST || code == GSSENC_REQUEST;
        return false;
      }
      char type = (char) message.getByte(0);
      if (type == 'P') {
        String name = cString(message, 5);
        String sql = cString(message, 5 + utf8Length(name) + 1);
        // prepared only: a report insert counts once it is bound to run
        statements.put(name, sql);
      } else if (type == 'B') {
        String portal = cString(message, 5);
        String statement = cString(message, 5 + utf8Length(portal) + 1);
        insertedReports |= isReportInsert(statements.getOrDefault(statement, ""));
      } else if (type == 'S') {
        // outside a transaction block, the Sync ends the insert's implicit transaction: its commit
        if (!inBlock && insertedReports) {
          insertedReports = false;
          return armed.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        }
      } else if (type == 'Q') {
        String sql = cString(message, 5).trim().toUpperCase();
        if (sql.equals("COMMIT") && insertedReports) {
          insertedReports = false;
          inBlock = false;
          return armed.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        }
        if (sql.equals("ROLLBACK") || sql.equals("BEGIN") || sql.equals("COMMIT")) {
          insertedReports = false;
          inBlock = sql.equals("BEGIN");
        }
        insertedReports |= isReportInsert(sql) && inBlock;
      }
      return false;
    }
  }

  private static boolean isReportInsert(String sql) {
    return sql.toUpperCase().contains("INSERT INTO REPORT ");
  }

  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static String cString(Buffer buffer, int from) {
    int end = from;
    while (end < buffer.length() && buffer.getByte(end) != 0) {
      end++;
    }
    return buffer.getString(from, end, "UTF-8");
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
