package io.switchboard.credential.rest;

import io.quarkus.security.ForbiddenException;
import io.switchboard.credential.crypto.CryptoException;
import io.switchboard.credential.service.ConnectionNotFoundException;
import io.switchboard.credential.service.InvalidInputException;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error of this API as problem+json. Details never contain submitted values (they may be secrets). */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException e) {
        return Problem.response(e.status(), "invalid-input",
                e.status() == 400 ? "Malformed request" : "Invalid connection",
                "see errors: each names the field", e.errors());
    }

    @ServerExceptionMapper
    public Response notFound(ConnectionNotFoundException e) {
        return Problem.response(404, "not-found", "Connection not found", e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.response(403, "forbidden", "Forbidden",
                e.getMessage() != null ? e.getMessage() : "the token's roles do not allow this", null);
    }

    @ServerExceptionMapper
    public Response conflict(OptimisticLockException e) {
        return Problem.response(409, "conflict", "Changed concurrently", "the connection changed meanwhile: retry", null);
    }

    @ServerExceptionMapper
    public Response crypto(CryptoException e) {
        // the message names key versions and connections only, never secrets or key material
        LOG.errorf("credential decryption failed: %s", e.getMessage());
        return Problem.response(500, "crypto", "Credentials unavailable", e.getMessage(), null);
    }
}
