package io.switchboard.connectors.http;

/** No HTTP answer from the vendor: DNS, connection refused, TLS failure or timeout. */
public class VendorUnreachableException extends RuntimeException {

    public VendorUnreachableException(String host, Throwable cause) {
        super("vendor host " + host + " did not answer: " + cause.getMessage(), cause);
    }
}
