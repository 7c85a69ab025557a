package io.switchboard.credential.security;

import io.switchboard.credential.config.CredentialsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * SSRF guard for the URLs a tenant hands us (Manage site, Automate server, Autotask zone): the service and the
 * connectors will call them with credentials, so they must be https and must not point into our own network.
 * Vendor domains pass without a DNS lookup; other names are resolved and every address must be public. A name that
 * does not resolve now is accepted: the vendor check then reports it unreachable, and the connectors repeat the
 * address check when they connect (DNS may change in between).
 */
@ApplicationScoped
public class UrlPolicy {

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    // a public DNS name never has a numeric last label: refuses 2130706433, 127.1, 0x7f.1 and the like
    private static final Pattern NUMERIC_LAST_LABEL = Pattern.compile(".*(^|\\.)(0x[0-9a-f]+|\\d+)\\.?$");
    private static final List<String> INTERNAL_SUFFIXES = List.of("localhost", ".localhost", ".local", ".internal",
            ".localdomain", ".home.arpa");

    private final boolean allowPrivateNetworks;
    private final List<String> allowedOrigins;
    private final List<String> vendorDomains;

    public UrlPolicy(CredentialsConfig config) {
        this.allowPrivateNetworks = config.urlPolicy().allowPrivateNetworks();
        this.allowedOrigins = config.urlPolicy().allowedOrigins().orElse(List.of()).stream()
                .filter(o -> !o.isBlank())
                .map(o -> origin(URI.create(o.trim())))
                .toList();
        this.vendorDomains = config.urlPolicy().vendorDomains().stream().map(d -> d.toLowerCase(Locale.ROOT)).toList();
    }

    /** Why the URL is refused, or empty when it is acceptable. */
    public Optional<String> problem(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getScheme() == null) {
            return Optional.of("must be an absolute URL with a host, e.g. https://example.myconnectwise.net");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not contain user information");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Optional.of("must use https");
        }
        if (allowedOrigins.contains(origin(uri)) || allowPrivateNetworks) {
            return Optional.empty();
        }
        if (!scheme.equals("https")) {
            return Optional.of("must use https");
        }
        return hostProblem(uri.getHost().toLowerCase(Locale.ROOT));
    }

    private Optional<String> hostProblem(String host) {
        if (host.startsWith("[") || IPV4_LITERAL.matcher(host).matches()) {
            return literalAddress(host.replace("[", "").replace("]", ""))
                    .filter(UrlPolicy::isInternal)
                    .map(a -> "must not point to a private, loopback or link-local address");
        }
        if (vendorDomains.stream().anyMatch(d -> host.equals(d) || host.endsWith("." + d))) {
            return Optional.empty();
        }
        if (INTERNAL_SUFFIXES.stream().anyMatch(host::endsWith) || NUMERIC_LAST_LABEL.matcher(host).matches()) {
            return Optional.of("must be a public host name");
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (isInternal(address)) {
                    return Optional.of("must not resolve to a private, loopback or link-local address");
                }
            }
        } catch (UnknownHostException e) {
            // see the class comment: re-checked at connect time
        }
        return Optional.empty();
    }

    private static Optional<InetAddress> literalAddress(String literal) {
        try {
            return Optional.of(InetAddress.getByName(literal)); // a literal: no DNS lookup
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    static boolean isInternal(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 // "this" network
                    || (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT
                    || (first == 198 && (second == 18 || second == 19)); // benchmarking
        }
        return (b[0] & 0xfe) == 0xfc; // IPv6 unique local fc00::/7
    }

    private static String origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }
}
