package dev.xhsopenapi.upstream;

/**
 * A user of the simulator's dataset that is worth calling in a demo.
 *
 * @param userId the Xiaohongshu user id (24 hex characters)
 * @param notes how many notes the simulator holds for that user
 */
public record SampleUser(String userId, int notes) {}
