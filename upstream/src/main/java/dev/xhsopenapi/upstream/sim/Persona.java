package dev.xhsopenapi.upstream.sim;

import java.util.List;

/**
 * What a generated user writes about and how well it does: the topics of its notes, the median
 * likes of a note, and the share of its notes that are videos.
 */
record Persona(List<Topic> topics, double medianLikes, double videoShare) {

  Persona {
    topics = List.copyOf(topics);
    if (topics.isEmpty()) {
      throw new IllegalArgumentException("a persona needs at least one topic");
    }
  }
}
