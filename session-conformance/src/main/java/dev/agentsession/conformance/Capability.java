package dev.agentsession.conformance;

/**
 * Optional abilities a backend declares to the conformance kit. Tests of an undeclared
 * capability are reported as skipped with the reason, never as passed.
 */
public enum Capability {

    /** Data survives closing the service and opening the same store again. */
    REOPEN("data survives close and reopen"),

    /** The backend opens through {@link dev.agentsession.SessionServices#open(String)}. */
    URL("the store opens from a URL through SessionServices.open"),

    /** Two processes can use the same store at once. */
    MULTI_PROCESS("two processes can share the store");

    private final String description;

    Capability(String description) {
        this.description = description;
    }

    /** @return what the capability means, for skip messages */
    public String description() {
        return description;
    }
}
