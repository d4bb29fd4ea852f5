/**
 * The in-memory backend: {@link dev.agentsession.memory.MemorySessionService}, for tests and
 * prototypes, and the plainly correct reference the database backends are compared against.
 */
package dev.agentsession.memory;
