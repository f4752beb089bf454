/** JMH benchmarks of the gateway's hot pieces; see {@code bench/run-jmh}. */
package dev.xhsopenapi.bench;
