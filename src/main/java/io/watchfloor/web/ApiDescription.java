package io.watchfloor.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A description of the API as the jar carries it, for anyone to read without a credential: the OpenAPI
 * one of the HTTP routes, and the AsyncAPI one of the live socket's frames. Each says only what
 * docs/api.md and docs/live-protocol.md say. It changes only with a release, so a client may keep it an
 * hour and then ask again with its ETag.
 */
public final class ApiDescription {
  public static final String PATH = "/api/v1/openapi.json";
  public static final String RESOURCE = "openapi/watchfloor.json";
  public static final String ASYNC_PATH = "/api/v1/asyncapi.json";
  public static final String ASYNC_RESOURCE = "asyncapi/watchfloor-live.json";
  static final String CACHE = "public, max-age=3600";

  private final Buffer body;
  private final String etag;

  private ApiDescription(byte[] bytes) {
    this.body = Buffer.buffer(bytes);
    this.etag = "\"" + sha256(bytes).substring(0, 32) + "\"";
  }

  /** The OpenAPI description. */
  public static ApiDescription load() {
    return load(RESOURCE);
  }

  /** Reads a description once, at start: a jar without it is a broken build, not a 404 at run time. */
  public static ApiDescription load(String resource) {
    try (InputStream in = ApiDescription.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the class path");
      }
      return new ApiDescription(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void serve(RoutingContext ctx) {
    ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, CACHE).putHeader(HttpHeaders.ETAG, etag);
    if (etag.equals(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
      ctx.response().setStatusCode(304).end();
      return;
    }
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
