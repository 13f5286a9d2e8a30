package io.watchfloor.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * One page of the audit asked of a store: the lines of a period, newest first (by time, then id), of the
 * given areas (null: all), with only the {@code actions} given (empty: any) and none of {@code excluded},
 * older than {@code after} (null: from the newest). Paging is by that key, not by an offset, so a page
 * costs the same however deep it is and a line written meanwhile neither repeats nor skips a line.
 */
public record AuditQuery(Instant from, Instant to, Collection<String> scopes, List<String> actions,
                         List<String> excluded, Cursor after, int limit) {

  /** Where a page ended: the last line's time and id. Opaque to a client, who sends it back as it got it. */
  public record Cursor(Instant at, long id) {
    public String token() {
      return Base64.getUrlEncoder().withoutPadding().encodeToString((at + "/" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** Empty when the text is not a token this service made. */
    public static Optional<Cursor> parse(String token) {
      try {
        String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        int slash = text.indexOf('/');
        return slash < 0 ? Optional.empty()
            : Optional.of(new Cursor(Instant.parse(text.substring(0, slash)), Long.parseLong(text.substring(slash + 1))));
      } catch (IllegalArgumentException | DateTimeParseException e) {
        return Optional.empty();
      }
    }

    public static Cursor of(AuditEntry line) {
      return new Cursor(line.at(), line.id());
    }

    /** Whether the line comes after this point in the newest-first order. */
    public boolean before(AuditEntry line) {
      return line.at().isBefore(at) || (line.at().equals(at) && line.id() < id);
    }
  }

  /** The lines, and where the next page starts when the list was cut (null when it is whole). */
  public record Page(List<AuditEntry> entries, Cursor next) {
    public boolean truncated() {
      return next != null;
    }

    /** Cuts a store's answer of up to limit + 1 lines to limit, noting whether more were there. */
    public static Page of(List<AuditEntry> found, int limit) {
      return found.size() <= limit ? new Page(found, null)
          : new Page(List.copyOf(found.subList(0, limit)), Cursor.of(found.get(limit - 1)));
    }
  }

  /** The same query for one line more than the page, so its answer shows whether the list goes on. */
  public AuditQuery probing() {
    return new AuditQuery(from, to, scopes, actions, excluded, after, limit + 1);
  }

  public boolean matches(AuditEntry line) {
    return !line.at().isBefore(from) && line.at().isBefore(to) && (scopes == null || scopes.contains(line.scope()))
        && (actions.isEmpty() || actions.contains(line.action())) && !excluded.contains(line.action())
        && (after == null || after.before(line));
  }
}
