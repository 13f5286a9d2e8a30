package io.watchfloor.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The group committer's own count of its batches, from the server's {@code /metrics}
 * ({@code watchfloor_store_commit_reports}): PostgreSQL's transaction count also holds every read the server
 * made meanwhile (the live tail's, the alerts'), so reports ÷ transactions understates the batches.
 */
final class CommitBatches {
  record Count(double batches, double reports) {
    Count minus(Count before) {
      return new Count(batches - before.batches, reports - before.reports);
    }

    String text() {
      return batches <= 0 ? "n/a" : String.format("%.1f (%,.0f reports in %,.0f batch inserts)", reports / batches, reports, batches);
    }
  }

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private CommitBatches() {
  }

  /** Zero counts when the server's metrics cannot be read (a guard, another build): the table says n/a. */
  static Count read(String baseUrl) {
    try {
      HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/metrics"))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      double batches = PromSamples.sum(answer.body(), "watchfloor_store_commit_reports_count", null);
      double reports = PromSamples.sum(answer.body(), "watchfloor_store_commit_reports_sum", null);
      return new Count(batches, reports);
    } catch (java.io.IOException | RuntimeException e) {
      return new Count(0, 0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Count(0, 0);
    }
  }
}
