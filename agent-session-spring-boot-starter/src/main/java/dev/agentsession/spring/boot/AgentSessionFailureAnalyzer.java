package dev.agentsession.spring.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a failed store configuration into one clear startup message and the action to take. */
public class AgentSessionFailureAnalyzer extends AbstractFailureAnalyzer<AgentSessionConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, AgentSessionConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set agent-session.url to a store URL (memory:, sqlite:PATH, jdbc:postgresql://..., jdbc:mysql://...,"
                        + " jdbc:mariadb://...) and add the matching dev.agentsession backend module, or define a"
                        + " DataSource bean.", cause);
    }
}
