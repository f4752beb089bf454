package dev.xhsopenapi.upstream.sim;

/**
 * A note made up from a seed: its JSON is composed again, identically, each time it is served, so
 * that a dataset of thousands of notes stays small in memory.
 */
record GeneratedNote(String id, boolean sticky, long seed, Persona persona) implements SimNote {}
