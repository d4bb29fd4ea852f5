package dev.agentsession.conformance;

import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The conformance kit: every rule of the {@link SessionService} contract, as tests a backend
 * inherits. A backend's test class extends this and only says how to open a fresh, empty store
 * ({@link #openFresh()}) and which optional {@link Capability capabilities} it has, with the
 * hooks those need ({@link #reopen()}, {@link #url()}).
 *
 * <p>The tests live in one file per subject ({@code SessionCases}, {@code EventCases},
 * {@code ValueCases}, …) and are composed here as {@code @Nested} groups; each test gets a fresh
 * store, which the kit closes afterwards.
 */
public abstract class SessionServiceConformance {

    /** The store under test: fresh and empty at the start of every test. */
    SessionService service;

    /**
     * Opens a new, empty store. Called before every test; the kit closes what it returns.
     * A persistent backend typically uses a new file or a new schema here.
     *
     * @return the store
     * @throws Exception if the store cannot be opened
     */
    protected abstract SessionService openFresh() throws Exception;

    /** @return the optional capabilities this backend has; none by default */
    protected Set<Capability> capabilities() {
        return Set.of();
    }

    /**
     * Opens again the store that the last {@link #openFresh()} opened, after the kit closed it.
     * Needed with {@link Capability#REOPEN}.
     *
     * @return the same store, opened again
     * @throws Exception if the store cannot be opened
     */
    protected SessionService reopen() throws Exception {
        throw new UnsupportedOperationException("declare Capability.REOPEN and override reopen()");
    }

    /**
     * The URL of the store that the last {@link #openFresh()} opened, for
     * {@link SessionServices#open(String)}. Needed with {@link Capability#URL} and
     * {@link Capability#MULTI_PROCESS}.
     *
     * @return the store's URL, with any credentials it needs
     */
    protected String url() {
        throw new UnsupportedOperationException("declare Capability.URL and override url()");
    }

    @BeforeEach
    final void openStore() throws Exception {
        service = openFresh();
    }

    @AfterEach
    final void closeStore() {
        if (service != null) {
            service.close();
        }
    }

    @Nested
    @DisplayName("Sessions")
    class Sessions extends SessionCases {
        Sessions() {
            super(SessionServiceConformance.this);
        }
    }

    @Nested
    @DisplayName("Scope: one (app, user) never sees another's sessions")
    class Scope extends ScopeCases {
        Scope() {
            super(SessionServiceConformance.this);
        }
    }

    @Nested
    @DisplayName("Metadata")
    class Metadata extends MetadataCases {
        Metadata() {
            super(SessionServiceConformance.this);
        }
    }

    @Nested
    @DisplayName("Events")
    class Events extends EventCases {
        Events() {
            super(SessionServiceConformance.this);
        }
    }

    @Nested
    @DisplayName("Values")
    class Values extends ValueCases {
        Values() {
            super(SessionServiceConformance.this);
        }
    }

    @Nested
    @DisplayName("State: session, app: and user: tiers, committed with the event")
    class State extends StateCases {
        State() {
            super(SessionServiceConformance.this);
        }
    }

    @Nested
    @DisplayName("Size limits in UTF-8 bytes at their edges, with 2-, 3- and 4-byte characters")
    class SizeLimits extends SizeLimitCases {
        SizeLimits() {
            super(SessionServiceConformance.this);
        }
    }

    @Nested
    @DisplayName("Optimistic and idempotent appends")
    class AppendConditions extends AppendConditionCases {
        AppendConditions() {
            super(SessionServiceConformance.this);
        }
    }

    @Nested
    @DisplayName("Bad input reaching the store is rejected, naming the field, and nothing is written")
    class BadInput extends BadInputCases {
        BadInput() {
            super(SessionServiceConformance.this);
        }
    }

    @Nested
    @DisplayName("Concurrency")
    class Concurrency extends ConcurrencyCases {
        Concurrency() {
            super(SessionServiceConformance.this);
        }
    }

    @Nested
    @DisplayName("Lifecycle")
    class Lifecycle extends LifecycleCases {
        Lifecycle() {
            super(SessionServiceConformance.this);
        }
    }

    @Nested
    @DisplayName("Time")
    class Time extends TimeCases {
        Time() {
            super(SessionServiceConformance.this);
        }
    }

    @Nested
    @DisplayName("Configuration")
    class Configuration extends ConfigurationCases {
        Configuration() {
            super(SessionServiceConformance.this);
        }
    }

    @Nested
    @DisplayName("Import: sessions and events as they were elsewhere")
    class Import extends ImportCases {
        Import() {
            super(SessionServiceConformance.this);
        }
    }
}
