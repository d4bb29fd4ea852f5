package dev.agentsession.spring.boot;

import dev.agentsession.SessionStoreException;

/**
 * The starter's configuration cannot give a session store: no URL and no DataSource, a URL of no
 * known kind, or a backend module missing from the classpath. Its message says which and what to
 * do; startup fails with it.
 */
public class AgentSessionConfigurationException extends SessionStoreException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong and what to do
     */
    public AgentSessionConfigurationException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong and what to do
     * @param cause what the store reported
     */
    public AgentSessionConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
