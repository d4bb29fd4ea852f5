package dev.agentsession.conformance;

import dev.agentsession.SessionService;
import java.util.Set;

/**
 * The whole {@link SessionServiceConformance} kit for a backend on a database server: each test
 * runs on a new, empty store of the {@link ServerBackend}'s test server, with every capability
 * (reopen, URL, several processes).
 */
public abstract class ServerSessionServiceConformance extends SessionServiceConformance implements ServerBackend {

    private String url;

    @Override
    protected final SessionService openFresh() throws Exception {
        url = freshStoreUrl();
        return open(url);
    }

    @Override
    protected final SessionService reopen() {
        return open(url);
    }

    @Override
    protected final String url() {
        return url;
    }

    @Override
    protected final Set<Capability> capabilities() {
        return Set.of(Capability.REOPEN, Capability.URL, Capability.MULTI_PROCESS);
    }
}
