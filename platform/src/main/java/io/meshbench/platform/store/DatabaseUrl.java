package io.meshbench.platform.store;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A PostgreSQL address as users write it, turned into what the JDBC driver takes.
 *
 * <p>Accepts the libpq / Heroku form {@code postgresql://user:pass@host:port/db?sslmode=require}
 * (also {@code postgres://}) and the JDBC form {@code jdbc:postgresql://host:port/db?user=u}. The
 * JDBC driver does not read credentials from the authority part, so they move to {@link #user} and
 * {@link #password}; query parameters pass through untouched. {@link #toString} hides the password.
 *
 * @param jdbcUrl {@code jdbc:postgresql://hosts/db?params}, without credentials
 * @param user null when the URL names none (the driver may still find one in the parameters)
 * @param password null when the URL names none
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {
  private static final String JDBC_PREFIX = "jdbc:";
  private static final String[] SCHEMES = {"postgresql://", "postgres://"};

  public static DatabaseUrl parse(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("database URL is empty");
    }
    String rest = stripScheme(url.trim());
    int pathStart = indexOfAny(rest, "/?");
    String authority = pathStart < 0 ? rest : rest.substring(0, pathStart);
    String pathAndQuery = pathStart < 0 ? "/" : rest.substring(pathStart);
    if (pathAndQuery.startsWith("?")) {
      pathAndQuery = "/" + pathAndQuery;
    }

    String user = null;
    String password = null;
    int at = authority.lastIndexOf('@'); // a password may contain '@' when not percent-encoded
    if (at >= 0) {
      String userInfo = authority.substring(0, at);
      authority = authority.substring(at + 1);
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
      if (user.isEmpty()) {
        user = null;
      }
    }
    if (authority.isEmpty()) {
      authority = "localhost"; // libpq's default; the JDBC driver needs a host
    }
    return new DatabaseUrl("jdbc:postgresql://" + authority + pathAndQuery, user, password);
  }

  /** The same address with one more query parameter (e.g. {@code currentSchema}). */
  public DatabaseUrl withParameter(String name, String value) {
    String separator = jdbcUrl.contains("?") ? "&" : "?";
    return new DatabaseUrl(jdbcUrl + separator + name + "=" + value, user, password);
  }

  @Override
  public String toString() {
    return jdbcUrl + (user == null ? "" : " as " + user) + (password == null ? "" : " (password)");
  }

  private static String stripScheme(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    int offset = lower.startsWith(JDBC_PREFIX) ? JDBC_PREFIX.length() : 0;
    for (String scheme : SCHEMES) {
      if (lower.startsWith(scheme, offset)) {
        return url.substring(offset + scheme.length());
      }
    }
    // Never echo the URL: it may carry a password.
    throw new IllegalArgumentException(
        "database URL must start with postgresql://, postgres:// or jdbc:postgresql://");
  }

  private static int indexOfAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  /** Percent-decoding as in URIs: unlike form encoding, '+' is a plus sign. */
  private static String decode(String s) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("database URL has a malformed %-escape in its user info");
    }
  }
}
