package io.watchfloor.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import java.util.regex.Pattern;

/** Headers every answer carries, and the caching of the pages' own files. */
final class PageHeaders {
  /**
   * Only this server's own files may run or style a page, so an injected string can never execute.
   * ws:/wss: are named with the host because older browsers do not count them as 'self'.
   */
  private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; connect-src 'self'";
  /** A host as a browser sends it: name or address, optional port; anything else is not echoed into a header. */
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+](:[0-9]{1,5})?");

  private PageHeaders() {
  }

  static void security(RoutingContext ctx) {
    ctx.response().putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Content-Security-Policy", policy(ctx.request().getHeader(HttpHeaders.HOST)));
    if (ctx.request().path().startsWith("/api/")) {
      ctx.response().putHeader("Cache-Control", "no-store");
    }
    ctx.next();
  }

  private static String policy(String host) {
    return host != null && HOST.matcher(host).matches() ? POLICY + " ws://" + host + " wss://" + host : POLICY;
  }

  /**
   * The pages' files keep their names across releases, so a screen must ask each time whether it
   * still holds the current one: the static handler answers 304 from Last-Modified, which costs a
   * header, and a wall screen picks up a new release at its next load without anyone clearing a cache.
   */
  static void revalidate(RoutingContext ctx) {
    ctx.addHeadersEndHandler(v -> ctx.response().headers().set(HttpHeaders.CACHE_CONTROL, "no-cache"));
    ctx.next();
  }
}
