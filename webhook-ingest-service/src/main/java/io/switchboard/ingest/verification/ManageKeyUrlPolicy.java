package io.switchboard.ingest.verification;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * SSRF guard for a Manage callback's {@code Metadata.key_url}: the body is unauthenticated until verified, so we only
 * fetch a signing key from the connection's own Manage site: same scheme, host and port as its {@code siteUrl} (the
 * site host without ConnectWise's {@code api-} prefix counts as the same host), no user info, and Manage's key path.
 */
public final class ManageKeyUrlPolicy {

    private ManageKeyUrlPolicy() {
    }

    public static boolean allowed(String siteUrl, String keyUrl) {
        if (siteUrl == null || keyUrl == null) {
            return false;
        }
        URI site;
        URI key;
        try {
            site = new URI(siteUrl);
            key = new URI(keyUrl);
        } catch (URISyntaxException e) {
            return false;
        }
        if (!key.isAbsolute() || key.getHost() == null || site.getHost() == null || key.getRawUserInfo() != null
                || key.getRawFragment() != null || site.getScheme() == null) {
            return false;
        }
        String scheme = key.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals(site.getScheme().toLowerCase(Locale.ROOT)) || port(key) != port(site)) {
            return false;
        }
        String keyHost = key.getHost().toLowerCase(Locale.ROOT);
        String siteHost = site.getHost().toLowerCase(Locale.ROOT);
        if (!keyHost.equals(siteHost) && !siteHost.equals("api-" + keyHost)) {
            return false;
        }
        String path = key.getRawPath() == null ? "" : key.getRawPath().toLowerCase(Locale.ROOT);
        return path.contains("/system/callbackkey/") && !path.contains("..");
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
