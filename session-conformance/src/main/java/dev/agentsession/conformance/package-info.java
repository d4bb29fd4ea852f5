/**
 * The conformance kit: abstract JUnit 5 tests that prove every rule of the contract on a backend.
 * A backend's test class extends {@link dev.agentsession.conformance.SessionServiceConformance}
 * (or, on a database server, {@link dev.agentsession.conformance.ServerSessionServiceConformance}
 * with a {@link dev.agentsession.conformance.ServerBackend}) and only says how to open a fresh
 * store; the server kits, the model-based property tests and the test-server fixtures
 * ({@link dev.agentsession.conformance.TestServer}, {@link dev.agentsession.conformance.TestDatabase})
 * live here too.
 */
package dev.agentsession.conformance;
