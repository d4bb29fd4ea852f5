/**
 * The SQLite backend: {@link dev.agentsession.sqlite.SqliteSessionService}, one file opened by its
 * builder or by {@code sqlite:} and {@code jdbc:sqlite:} URLs through {@link
 * dev.agentsession.SessionServices}.
 */
package dev.agentsession.sqlite;
