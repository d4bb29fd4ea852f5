/**
 * The MySQL and MariaDB backend: {@link dev.agentsession.mysql.MysqlSessionService}, opened by its
 * builder or by {@code jdbc:mysql:} and {@code jdbc:mariadb:} URLs through {@link
 * dev.agentsession.SessionServices}.
 */
package dev.agentsession.mysql;
