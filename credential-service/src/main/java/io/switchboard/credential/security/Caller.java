package io.switchboard.credential.security;

import io.quarkus.security.ForbiddenException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling, from the verified access token only: the tenant of a user, the client id of a service. */
@RequestScoped
public class Caller {

    /** Same rule as the realm's user profile for the {@code tenant} attribute. */
    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    @Inject
    JsonWebToken token;

    /** The tenant of the calling user; a token without one is refused, whatever its roles. */
    public String tenant() {
        String tenant = token.getClaim("tenant");
        if (tenant == null || !TENANT.matcher(tenant).matches()) {
            throw new ForbiddenException("the access token carries no tenant");
        }
        return tenant;
    }

    /** The calling client: Keycloak's authorized party ({@code azp}) of a client-credentials token. */
    public String clientId() {
        String azp = token.getClaim("azp");
        String clientId = azp != null ? azp : token.getClaim("client_id");
        return clientId != null ? clientId : token.getSubject();
    }

    public String subject() {
        return token.getSubject();
    }
}
