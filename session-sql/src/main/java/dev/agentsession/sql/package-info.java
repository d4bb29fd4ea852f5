/**
 * The relational implementation shared by the SQLite, PostgreSQL and MySQL/MariaDB backends: one
 * {@link dev.agentsession.sql.SqlSessionService} on the jOOQ classes generated from the Flyway
 * migrations, and the small seam each database fills in ({@link dev.agentsession.sql.Dialect},
 * {@link dev.agentsession.sql.SqlDatabase}). Programs use the backends' own classes; what is public
 * here is public for those modules and carries no compatibility promise of its own.
 */
package dev.agentsession.sql;
