/**
 * JMH benchmarks of the design's scenarios on every backend, beside plain JDBC (the limit) and
 * Spring AI's chat memory (the peer); {@link dev.agentsession.benchmarks.BenchmarkReport} runs them
 * and writes the markdown report.
 */
package dev.agentsession.benchmarks;
