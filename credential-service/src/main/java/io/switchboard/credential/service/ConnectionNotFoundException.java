package io.switchboard.credential.service;

import java.util.UUID;

/** Also thrown for another tenant's connection: its existence is not revealed. */
public class ConnectionNotFoundException extends RuntimeException {

    public ConnectionNotFoundException(UUID id) {
        super("connection " + id + " not found");
    }
}
