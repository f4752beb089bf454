package dev.xhsopenapi.upstream.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.upstream.UpstreamException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What every vendor adapter does when the vendor is slow or gone, or no time is left. */
class VendorTransportTest {

  @ParameterizedTest
  @EnumSource(VendorKind.class)
  void slowVendor_timesOutAtTheDeadline_notBilled(VendorKind kind) throws Exception {
    try (VendorFixture vendor = new VendorFixture(kind);
        VendorProvider provider = vendor.provider(Map.of())) {
      vendor.answerLate(10_000);
      UpstreamException e =
          VendorFixture.failure(provider, VendorFixture.callUntil(Instant.now().plusMillis(300)));
      assertThat(e.kind()).isEqualTo(UpstreamException.Kind.TIMEOUT);
      assertThat(e.failureClass()).isEqualTo("timeout");
      assertThat(e.exhausted()).isFalse();
      assertThat(vendor.billed).isEmpty();
      vendor.assertSafe(e);
    }
  }

  @ParameterizedTest
  @EnumSource(VendorKind.class)
  void noTimeLeft_timesOutWithoutCalling(VendorKind kind) throws Exception {
    try (VendorFixture vendor = new VendorFixture(kind);
        VendorProvider provider = vendor.provider(Map.of())) {
      UpstreamException e =
          VendorFixture.failure(provider, VendorFixture.callUntil(Instant.now().minusMillis(1)));
      assertThat(e.kind()).isEqualTo(UpstreamException.Kind.TIMEOUT);
      assertThat(e.failureClass()).isEqualTo("timeout");
      assertThat(vendor.server.getRequestCount()).isZero();
      vendor.assertSafe(e);
    }
  }

  @ParameterizedTest
  @EnumSource(VendorKind.class)
  void connectionRefused_isANetworkFailure(VendorKind kind) throws Exception {
    try (VendorFixture vendor = new VendorFixture(kind);
        VendorProvider provider = vendor.provider(Map.of())) {
      vendor.server.close();
      UpstreamException e = VendorFixture.failure(provider, VendorFixture.call());
      assertThat(e.kind()).isEqualTo(UpstreamException.Kind.UNAVAILABLE);
      assertThat(e.failureClass()).isEqualTo("network");
      assertThat(e.exhausted()).isFalse();
      assertThat(vendor.billed).isEmpty();
      vendor.assertSafe(e);
    }
  }
}
