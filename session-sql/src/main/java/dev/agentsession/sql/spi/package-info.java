/**
 * What a backend module needs from the relational core, for backend modules only: no
 * compatibility promise. A backend fills in a {@link dev.agentsession.sql.spi.Dialect} (its jOOQ
 * dialect, migrations, failure classes, and where it needs them its own
 * {@link dev.agentsession.sql.spi.Appender} and {@link dev.agentsession.sql.spi.SessionRead}) and
 * a {@link dev.agentsession.sql.spi.SqlDatabase} (how it reaches the database). Its statements
 * are built with jOOQ on the generated tables, take the event columns from
 * {@link dev.agentsession.sql.spi.EventColumns}, are rendered once per store
 * ({@link dev.agentsession.sql.spi.RenderedStatement}) and are read through the generated
 * fields ({@link dev.agentsession.sql.spi.Columns}). {@link dev.agentsession.sql.StatementCatalog}
 * renders every statement a store sends, for each backend's golden SQL file.
 */
package dev.agentsession.sql.spi;
