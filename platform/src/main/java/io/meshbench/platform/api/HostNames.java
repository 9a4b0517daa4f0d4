package io.meshbench.platform.api;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names a request's {@code Host} header may carry: this server's own (loopback, {@code
 * localhost}, the bind address, the machine's host name, the addresses of its interfaces) and those
 * of {@code MESHBENCH_ALLOWED_HOSTS}: exact names or addresses, {@code .example.com} (that domain
 * and its subdomains) or {@code *} (any). An IP address in {@code Host} cannot come from DNS
 * rebinding, but it is still checked: only this machine's addresses pass.
 */
final class HostNames {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final Set<String> ownNames;
  private final Set<InetAddress> ownAddresses;
  private final List<String> allowed;
  private final boolean any;

  HostNames(Set<String> ownNames, Set<InetAddress> ownAddresses, List<String> allowed) {
    this.ownNames = Set.copyOf(ownNames);
    this.ownAddresses = Set.copyOf(ownAddresses);
    this.allowed = List.copyOf(allowed);
    this.any = allowed.contains("*");
  }

  /** This machine's names and addresses, the bind host, and {@code allowedCsv}'s entries. */
  static HostNames forServer(String bindHost, String allowedCsv) {
    Set<String> names = new HashSet<>(Set.of("localhost"));
    Set<InetAddress> addresses = new HashSet<>();
    String bind = normalise(bindHost);
    InetAddress bindLiteral = literal(bind);
    if (bindLiteral != null) {
      addresses.add(bindLiteral);
    } else if (!bind.isEmpty()) {
      names.add(bind);
    }
    try {
      InetAddress local = InetAddress.getLocalHost();
      names.add(normalise(local.getHostName()));
      names.add(normalise(local.getCanonicalHostName()));
    } catch (UnknownHostException e) {
      // a machine without a resolvable name: only its addresses and localhost
    }
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        addresses.addAll(Collections.list(nic.getInetAddresses()));
      }
    } catch (SocketException e) {
      // no interface list: loopback still passes (checked by isLoopbackAddress)
    }
    return new HostNames(names, addresses, parseList(allowedCsv));
  }

  /** The entries of a comma-separated list, trimmed, lower-cased, empty ones dropped. */
  static List<String> parseList(String csv) {
    List<String> out = new ArrayList<>();
    if (csv == null) {
      return out;
    }
    for (String part : csv.split(",")) {
      String entry = normalise(part);
      if (!entry.isEmpty()) {
        out.add(entry.startsWith("*.") ? entry.substring(1) : entry);
      }
    }
    return out;
  }

  /** True when a request with this {@code Host} header may be answered. */
  boolean allows(String hostHeader) {
    if (any) {
      return true;
    }
    Authority a = Authority.parse(hostHeader);
    if (a == null) {
      return false;
    }
    InetAddress ip = literal(a.host());
    if (ip != null) {
      return ip.isLoopbackAddress() || ownAddresses.contains(ip) || listed(a.host());
    }
    return ownNames.contains(a.host()) || a.host().endsWith(".localhost") || listed(a.host());
  }

  /**
   * True when a page served from {@code origin} is trusted to change this server: its host is named
   * explicitly in MESHBENCH_ALLOWED_HOSTS ({@code *} does not count: it would switch the cross-site
   * check off).
   */
  boolean allowsOrigin(String origin) {
    try {
      URI uri = new URI(origin);
      return uri.getHost() != null && listed(normalise(stripBrackets(uri.getHost())));
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private boolean listed(String host) {
    for (String entry : allowed) {
      if (entry.equals(host)
          || (entry.startsWith(".") && (host.endsWith(entry) || host.equals(entry.substring(1))))) {
        return true;
      }
    }
    return false;
  }

  /** An IP literal's address (no DNS lookup is ever made), or null for a name. */
  static InetAddress literal(String host) {
    if (host == null || host.isEmpty() || !(IPV4.matcher(host).matches() || host.contains(":"))) {
      return null;
    }
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  static String stripBrackets(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private static String normalise(String host) {
    String h = host == null ? "" : host.strip().toLowerCase(Locale.ROOT);
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  /** The host (lower-case, no brackets, no trailing dot) and port (-1 if absent) of a header. */
  record Authority(String host, int port) {
    static Authority parse(String value) {
      if (value == null || value.isBlank()) {
        return null;
      }
      String v = value.strip();
      String host;
      String port = null;
      if (v.startsWith("[")) {
        int close = v.indexOf(']');
        if (close < 0) {
          return null;
        }
        host = v.substring(1, close);
        if (close + 1 < v.length()) {
          if (v.charAt(close + 1) != ':') {
            return null;
          }
          port = v.substring(close + 2);
        }
      } else {
        int colon = v.indexOf(':');
        if (colon >= 0 && v.indexOf(':', colon + 1) >= 0) {
          return null; // an IPv6 address must be in brackets
        }
        host = colon < 0 ? v : v.substring(0, colon);
        port = colon < 0 ? null : v.substring(colon + 1);
      }
      int p = -1;
      if (port != null) {
        try {
          p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
          return null;
        }
      }
      return host.isEmpty() ? null : new Authority(normalise(host), p);
    }
  }
}
