package io.meshbench.platform.executor;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the server may aim load ({@code MESHBENCH_ALLOWED_TARGETS}): a comma-separated list of host
 * names ({@code echo.bench.svc}), domains ({@code .bench.svc} or {@code *.bench.svc}: the domain
 * and its subdomains), addresses, CIDR blocks ({@code 10.0.0.0/8}, {@code fd00::/8}) or {@code *}
 * (anywhere). The built-in target ({@code service_url} null) is always allowed.
 *
 * <p>Unset, a server without a token allows loopback only ({@code 127.0.0.0/8}, {@code ::1}, {@code
 * localhost}): anyone who can reach such a server can start a job, and must not be able to turn it
 * against other hosts. A server with a token allows {@code *} by default.
 *
 * <p>A name that no entry names is resolved, and passes only if every address it resolves to lies
 * in an allowed block. {@code *} allows a target without vouching for it: such a run keeps no
 * excerpt of the target's error bodies ({@link Verdict#WILDCARD}), so the API cannot be used to
 * read what an arbitrary host answers.
 */
public final class TargetPolicy {
  public static final String VARIABLE = "MESHBENCH_ALLOWED_TARGETS";
  public static final String LOOPBACK = "127.0.0.0/8,::1/128,localhost";

  /** How a target stands. */
  public enum Verdict {
    /** Named by an entry, or the built-in target. */
    EXPLICIT,
    /** Allowed only because of {@code *}. */
    WILDCARD,
    REFUSED
  }

  private final String description;
  private final boolean any;
  private final List<String> names = new ArrayList<>();
  private final List<Block> blocks = new ArrayList<>();

  private record Block(BigInteger network, int prefixBits, int lengthBits) {
    boolean contains(InetAddress a) {
      byte[] bytes = a.getAddress();
      if (bytes.length * 8 != lengthBits) {
        return false;
      }
      int shift = lengthBits - prefixBits;
      return new BigInteger(1, bytes).shiftRight(shift).equals(network.shiftRight(shift));
    }
  }

  private TargetPolicy(String csv) {
    this.description = csv;
    boolean wildcard = false;
    for (String part : csv.split(",")) {
      String entry = part.strip().toLowerCase(Locale.ROOT);
      if (entry.isEmpty()) {
        continue;
      }
      if (entry.equals("*")) {
        wildcard = true;
      } else if (entry.contains("/") || literal(entry) != null) {
        blocks.add(block(entry));
      } else {
        names.add(entry.startsWith("*.") ? entry.substring(1) : entry);
      }
    }
    this.any = wildcard;
  }

  /**
   * The policy of {@code csv}, or the default when it is null or blank.
   *
   * @throws IllegalArgumentException naming MESHBENCH_ALLOWED_TARGETS and the bad entry
   */
  public static TargetPolicy parse(String csv, boolean tokenRequired) {
    if (csv == null || csv.isBlank()) {
      return new TargetPolicy(tokenRequired ? "*" : LOOPBACK);
    }
    return new TargetPolicy(csv);
  }

  public static TargetPolicy allowAll() {
    return new TargetPolicy("*");
  }

  /** The list in force, for messages and /status. */
  public String description() {
    return description;
  }

  /** How {@code serviceUrl} stands; null (the built-in target) is always explicit. */
  public Verdict check(String serviceUrl) {
    if (serviceUrl == null) {
      return Verdict.EXPLICIT;
    }
    String host = hostOf(serviceUrl);
    if (host == null) {
      return Verdict.REFUSED;
    }
    InetAddress ip = literal(host);
    if (ip != null) {
      return inBlocks(ip) ? Verdict.EXPLICIT : fallback();
    }
    if (named(host)) {
      return Verdict.EXPLICIT;
    }
    if (!blocks.isEmpty()) {
      try {
        InetAddress[] all = InetAddress.getAllByName(host);
        boolean every = all.length > 0;
        for (InetAddress a : all) {
          every &= inBlocks(a);
        }
        if (every) {
          return Verdict.EXPLICIT;
        }
      } catch (UnknownHostException e) {
        // not resolvable here: only * can allow it
      }
    }
    return fallback();
  }

  /** The refusal's text, naming the field and the variable. */
  public String refusal(String serviceUrl) {
    return "service_url "
        + serviceUrl
        + " is not an allowed target of this server ("
        + VARIABLE
        + "="
        + description
        + "); the server's operator can allow it by adding its host or network to "
        + VARIABLE;
  }

  private Verdict fallback() {
    return any ? Verdict.WILDCARD : Verdict.REFUSED;
  }

  private boolean named(String host) {
    for (String n : names) {
      if (n.equals(host)
          || (n.startsWith(".") && (host.endsWith(n) || host.equals(n.substring(1))))) {
        return true;
      }
    }
    return false;
  }

  private boolean inBlocks(InetAddress a) {
    for (Block b : blocks) {
      if (b.contains(a)) {
        return true;
      }
    }
    return false;
  }

  /** The host of a URL or of grpc's {@code host:port}, lower-case, without brackets. */
  static String hostOf(String url) {
    try {
      URI uri = new URI(url.contains("://") ? url : "grpc://" + url);
      String host = uri.getHost();
      if (host == null) {
        return null;
      }
      host = host.toLowerCase(Locale.ROOT);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static InetAddress literal(String host) {
    boolean v4 = host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    if (!v4 && !host.contains(":")) {
      return null;
    }
    try {
      return InetAddress.getByName(host); // a literal: no DNS lookup
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static Block block(String entry) {
    int slash = entry.indexOf('/');
    String address = slash < 0 ? entry : entry.substring(0, slash);
    InetAddress ip = literal(address);
    if (ip == null) {
      throw bad(entry, "not an IP address or CIDR block");
    }
    int length = ip.getAddress().length * 8;
    int prefix;
    try {
      prefix = slash < 0 ? length : Integer.parseInt(entry.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw bad(entry, "the prefix length is not a number");
    }
    if (prefix < 0 || prefix > length) {
      throw bad(entry, "the prefix length must be 0 to " + length);
    }
    return new Block(new BigInteger(1, ip.getAddress()), prefix, length);
  }

  private static IllegalArgumentException bad(String entry, String why) {
    return new IllegalArgumentException(
        VARIABLE
            + " entry '"
            + entry
            + "': "
            + why
            + "; entries are host names, .domains, addresses, CIDR blocks or *");
  }
}
