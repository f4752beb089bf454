package dev.xhsopenapi.upstream.vendor;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.upstream.UpstreamEvents;
import java.time.Clock;

/** Makes the source adapter for a configured commercial source. */
public final class Vendors {
  private Vendors() {}

  /**
   * The adapter for {@code settings.kind()}.
   *
   * @param settings the source as configured; its name is the provider's name
   * @param json the mapper that reads the vendor's error bodies
   * @param clock the clock the call deadlines are measured by
   * @param events where each call the vendor bills is reported ({@link UpstreamEvents#billed})
   * @return a new provider, which the caller closes
   */
  public static VendorProvider provider(
      VendorSettings settings, ObjectMapper json, Clock clock, UpstreamEvents events) {
    return switch (settings.kind()) {
      case SPIDERHUBS -> new SpiderHubsProvider(settings, json, clock, events);
      case TIKHUB -> new TikHubProvider(settings, json, clock, events);
      case JUSTONEAPI -> new JustOneApiProvider(settings, json, clock, events);
    };
  }
}
