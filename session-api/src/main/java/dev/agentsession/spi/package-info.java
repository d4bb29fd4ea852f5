/**
 * What a backend implements to plug into agent-session: a {@link
 * dev.agentsession.spi.SessionServiceProvider}, which {@link dev.agentsession.SessionServices}
 * finds with {@link java.util.ServiceLoader}, and {@link dev.agentsession.spi.SessionSnapshot},
 * the shared part of a {@link dev.agentsession.Session} handle. Programs that only use a store
 * need nothing from this package.
 */
package dev.agentsession.spi;
