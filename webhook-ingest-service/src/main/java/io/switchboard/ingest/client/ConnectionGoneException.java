package io.switchboard.ingest.client;

/** credential-service does not know the connection (removed). */
public class ConnectionGoneException extends RuntimeException {

    public ConnectionGoneException(String connectionId) {
        super("connection " + connectionId + " is not known to credential-service");
    }
}
