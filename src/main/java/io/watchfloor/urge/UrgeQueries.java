package io.watchfloor.urge;

/** The SQL of {@link PgUrgeStore} (V13__urging.sql). */
final class UrgeQueries {
  private UrgeQueries() {
  }

  /**
   * Takes each site's turn, in the sites' order (two requests lock shared sites in one order, never a deadlock):
   * a site with no row gets one; a site whose last urging is at least the limit old ($3) moves on to $2;
   * any other is left as it is and not returned. ON CONFLICT waits on a racing insert's commit, then
   * judges its row, so of two officers urging one site at once only one gets it back.
   */
  static final String TAKE_TURNS = """
      INSERT INTO urge_limit (site, last_at) SELECT s, $2 FROM unnest($1::text[]) WITH ORDINALITY AS t(s, n) ORDER BY n
      ON CONFLICT (site) DO UPDATE SET last_at = EXCLUDED.last_at WHERE urge_limit.last_at <= $3
      RETURNING site""";

  /** When each limited site was last urged: its limit runs from there. */
  static final String LAST_URGED = "SELECT site, last_at FROM urge_limit WHERE site = ANY($1::text[])";

  static final String INSERT = "INSERT INTO urging (id, site, unit, area, by, at, note) VALUES ($1, $2, $3, $4, $5, $6, $7)";

  static final String SINCE = "SELECT id, site, unit, area, by, at, note FROM urging "
      + "WHERE site = ANY($1::text[]) AND at > $2 ORDER BY at DESC, id LIMIT $3";

  static final String BETWEEN = "SELECT id, site, unit, area, by, at, note FROM urging "
      + "WHERE area = ANY($1::text[]) AND at >= $2 AND at < $3 ORDER BY at, id LIMIT $4";
}
