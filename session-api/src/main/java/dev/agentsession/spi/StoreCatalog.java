package dev.agentsession.spi;

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
}
