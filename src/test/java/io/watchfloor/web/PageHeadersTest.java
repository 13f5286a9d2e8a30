package io.watchfloor.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.PgTest;
import io.watchfloor.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Pages run only the server's own scripts, and a screen revalidates its files so a new release reaches it. */
@PgTest
class PageHeadersTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.memory();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<Buffer> get(String path) {
    HttpResponse<Buffer> response = server.client.get(path).send().await();
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return response;
  }

  @Test
  void everyPageCarriesAPolicyAllowingOnlyItsOwnScripts() {
    for (String page : List.of("/", "/console", "/report", "/index.html")) {
      String policy = get(page).getHeader("Content-Security-Policy");
      assertThat(policy).as(page).isNotNull().contains("script-src 'self'")
          .contains("connect-src 'self' ws://127.0.0.1:" + server.port + " wss://127.0.0.1:" + server.port)
          .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
    }
  }

  @Test
  void filesAreRevalidatedNotCachedAsImmutable() {
    for (String file : List.of("/", "/js/main.js", "/css/screen.css", "/vendor/echarts/echarts.esm.min.mjs")) {
      HttpResponse<Buffer> response = get(file);
      String cache = response.getHeader("Cache-Control");
      assertThat(cache).as(file).isEqualTo("no-cache");
      String lastModified = response.getHeader("Last-Modified");
      assertThat(lastModified).as(file).isNotNull();

      HttpResponse<Buffer> again = server.client.get(file).putHeader("If-Modified-Since", lastModified).send().await();
      assertThat(again.statusCode()).as(file + " revalidated").isEqualTo(304);
    }
  }
}
