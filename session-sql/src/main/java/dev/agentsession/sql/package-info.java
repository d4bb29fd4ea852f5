/**
 * The relational implementation shared by the SQLite, PostgreSQL and MySQL/MariaDB backends: one
 * {@link dev.agentsession.sql.SqlSessionService} on the jOOQ classes generated from the Flyway
 * migrations. It holds no SQL of one database: what each database fills in, and what its module
 * may use of the core, is in {@link dev.agentsession.sql.spi}. Programs use the backends' own
 * classes; what is public here is public for those modules and carries no compatibility promise of
 * its own.
 */
package dev.agentsession.sql;
