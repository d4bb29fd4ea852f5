/**
 * Helpers shared by agent-session's own modules: input rules, JSON value copies, id generation,
 * secret masking. <b>Not an API:</b> these classes are public only so that the backend modules
 * can reach them, and they may change or disappear in any release without notice. Programs should
 * not use them.
 */
package dev.agentsession.internal;
