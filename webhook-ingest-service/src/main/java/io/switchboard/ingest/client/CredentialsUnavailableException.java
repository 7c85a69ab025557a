package io.switchboard.ingest.client;

/** credential-service (or Keycloak) could not be asked; retrying later may work. Never carries a secret. */
public class CredentialsUnavailableException extends RuntimeException {

    public CredentialsUnavailableException(String message) {
        super(message);
    }
}
