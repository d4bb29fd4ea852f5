/**
 * The PostgreSQL backend: {@link dev.agentsession.postgres.PostgresSessionService}, opened by its
 * builder or by {@code jdbc:postgresql:} URLs through {@link dev.agentsession.SessionServices}.
 */
package dev.agentsession.postgres;
