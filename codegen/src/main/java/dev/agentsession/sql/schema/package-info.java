/**
 * The schema as Java: the jOOQ classes generated at build time from the Flyway migrations in
 * {@code dev/agentsession/migration/<dialect>} (tables {@code sessions} and {@code events}, their fields, keys
 * and indexes), and the converter of their time columns. Generated code is never edited by hand.
 * Used by {@code session-sql}; no compatibility promise to programs.
 */
package dev.agentsession.sql.schema;
