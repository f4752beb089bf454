package dev.xhsopenapi.server.watch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which webhook URLs the gateway may call. A customer names the URL, so without a check the gateway
 * would call into the operator's own network for them: unless {@code webhooks.allow-private} is on,
 * every address a host resolves to must be public (not loopback, unspecified, private (RFC 1918),
 * link-local, carrier-grade NAT (RFC 6598), unique-local IPv6 (RFC 4193) or multicast). The check
 * runs when the watch is created and again before every delivery, since a name may come to resolve
 * elsewhere.
 */
final class Destinations {
  private final boolean allowPrivate;

  Destinations(boolean allowPrivate) {
    this.allowPrivate = allowPrivate;
  }

  /** A webhook URL that is not acceptable, with the reason in words. */
  static final class RefusedUrl extends Exception {
    private static final long serialVersionUID = 1L;

    RefusedUrl(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Checks the form of a URL: absolute {@code http} or {@code https}, with a host, no user info, at
   * most 2048 characters.
   *
   * @return the URL as given
   * @throws RefusedUrl saying what is wrong
   */
  static URI parse(String url) throws RefusedUrl {
    if (url.length() > 2048) {
      throw new RefusedUrl("url must be at most 2048 characters");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new RefusedUrl("url is not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new RefusedUrl("url must start with http:// or https://, got '" + url + "'");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new RefusedUrl("url must name a host, got '" + url + "'");
    }
    if (uri.getRawUserInfo() != null) {
      throw new RefusedUrl("url must not carry a user name or password");
    }
    return uri;
  }

  /**
   * Checks that the URL may be called now: its form, and (unless private addresses are allowed)
   * that its host resolves only to public addresses.
   *
   * @throws RefusedUrl saying why not
   */
  URI check(String url) throws RefusedUrl {
    URI uri = parse(url);
    if (allowPrivate) {
      return uri;
    }
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw new RefusedUrl("url's host " + host + " does not resolve");
    }
    for (InetAddress address : addresses) {
      if (!isPublic(address)) {
        throw new RefusedUrl(
            "url's host "
                + host
                + " resolves to "
                + address.getHostAddress()
                + ", a loopback or private address; the gateway only calls public addresses"
                + " (the operator can allow private ones with webhooks.allow-private)");
      }
    }
    return uri;
  }

  /** Whether {@code address} is routable on the public internet. */
  static boolean isPublic(InetAddress address) {
    if (address.isLoopbackAddress()
        || address.isAnyLocalAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return false;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      // 100.64.0.0/10 (carrier-grade NAT), 0.0.0.0/8, 192.0.0.0/24, 198.18.0.0/15 (benchmarks).
      return !(first == 100 && second >= 64 && second < 128)
          && first != 0
          && !(first == 192 && second == 0 && (b[2] & 0xff) == 0)
          && !(first == 198 && (second == 18 || second == 19));
    }
    if (address instanceof Inet6Address) {
      // fc00::/7: unique local addresses; ::ffff:a.b.c.d is checked as its IPv4 address.
      if ((b[0] & 0xfe) == 0xfc) {
        return false;
      }
      boolean mapped = true;
      for (int i = 0; i < 10; i++) {
        mapped &= b[i] == 0;
      }
      if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
        try {
          return isPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
        } catch (UnknownHostException e) {
          return false;
        }
      }
    }
    return true;
  }
}
