package dev.agentsession.spi;

import dev.agentsession.GetRequest;
import dev.agentsession.SessionService;
import java.util.ArrayList;
import java.util.List;

/**
 * What a store holds, scope by scope: what export and copy need to walk a whole store, which the
 * public API (always scoped to one app and user) does not offer. Every backend of this project
 * implements it on its {@code SessionService}.
 */
public interface StoreCatalog {

    /**
     * An (app, user) scope.
     *
     * @param appName the application
     * @param userId the user
     */
    record Scope(String appName, String userId) {
    }

    /** @return every app that has sessions or state, in code point order */
    List<String> appNames();

    /**
     * @param appName an app, or null for every app
     * @return every (app, user) scope that has sessions or user state, by app then user
     */
    List<Scope> scopes(String appName);

    /**
     * Finds a session by its id alone, in whatever scope it lives. Ids are unique only within a
     * scope, so several scopes may hold one.
     *
     * <p>The default walks every scope through {@link SessionService#get} when this catalog is
     * also the store's {@code SessionService} (one read per scope); the backends of this project
     * answer with one query.
     *
     * @param sessionId the session id; required
     * @return every (app, user) scope holding a session with that id, by app then user; empty when
     *     none does
     * @throws IllegalArgumentException if {@code sessionId} is null or blank
     * @throws UnsupportedOperationException if this catalog is not a {@code SessionService} and does
     *     not override this method
     */
    default List<Scope> scopesOf(String sessionId) {
        if (sessionId == null || sessionId.isBlank()) {
            throw new IllegalArgumentException("sessionId is required");
        }
        if (!(this instanceof SessionService service)) {
            throw new UnsupportedOperationException(getClass().getName() + " cannot find sessions by id");
        }
        List<Scope> found = new ArrayList<>();
        for (Scope scope : scopes(null)) {
            if (service.get(new GetRequest(scope.appName(), scope.userId(), sessionId)).isPresent()) {
                found.add(scope);
            }
        }
        return List.copyOf(found);
    }
}
