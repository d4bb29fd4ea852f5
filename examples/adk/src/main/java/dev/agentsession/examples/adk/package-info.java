/**
 * A runnable Google ADK example: {@link dev.agentsession.examples.adk.AdkWeatherAgent} runs an ADK
 * agent with a function tool and a scripted model, keeping its conversation in any store.
 */
package dev.agentsession.examples.adk;
