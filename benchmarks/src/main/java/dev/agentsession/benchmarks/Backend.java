package dev.agentsession.benchmarks;

/** The stores measured. */
public enum Backend {
    SQLITE, POSTGRES, MARIADB, MEMORY
}
