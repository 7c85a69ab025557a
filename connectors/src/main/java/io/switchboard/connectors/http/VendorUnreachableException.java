package io.switchboard.connectors.http;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;

/** No HTTP answer from the vendor: DNS, connection refused, TLS failure or timeout. */
public class VendorUnreachableException extends RuntimeException {

    /** Why there was no answer, as far as the JDK tells. */
    public enum Reason {
        UNKNOWN_HOST("the host name does not resolve"),
        CONNECT_TIMEOUT("no connection within the connect timeout"),
        CONNECTION_REFUSED("the connection was refused"),
        TLS("the TLS handshake failed"),
        TIMEOUT("no answer within the request timeout"),
        CONNECTION_LOST("the connection broke before an answer");

        private final String description;

        Reason(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private final String host;
    private final Reason reason;

    public VendorUnreachableException(String host, Throwable cause) {
        this(host, reasonOf(cause), cause);
    }

    private VendorUnreachableException(String host, Reason reason, Throwable cause) {
        super("vendor host " + host + " did not answer: " + reason.description(), cause);
        this.host = host;
        this.reason = reason;
    }

    public String host() {
        return host;
    }

    public Reason reason() {
        return reason;
    }

    // the HTTP client wraps the telling exception (an unresolved address is a ConnectException without a message)
    private static Reason reasonOf(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return Reason.UNKNOWN_HOST;
            }
            if (t instanceof HttpConnectTimeoutException) {
                return Reason.CONNECT_TIMEOUT;
            }
            if (t instanceof HttpTimeoutException) {
                return Reason.TIMEOUT;
            }
            if (t instanceof SSLException) {
                return Reason.TLS;
            }
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return Reason.CONNECTION_REFUSED;
            }
        }
        return Reason.CONNECTION_LOST;
    }
}
