/**
 * What the chat-memory adapters share, free of any framework: {@link dev.agentsession.chat.ConversationStore}
 * keeps one framework's conversations as sessions, saved by appending only new messages and moving
 * a window; a {@link dev.agentsession.chat.MessageCodec} says how that framework's messages are
 * stored; {@link dev.agentsession.chat.TypedValues} keeps metadata's Java types through JSON.
 */
package dev.agentsession.chat;
