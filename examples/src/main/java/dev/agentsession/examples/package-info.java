/**
 * Runnable programs: {@link dev.agentsession.examples.Quickstart} walks through a conversation on
 * any store chosen by URL.
 */
package dev.agentsession.examples;
