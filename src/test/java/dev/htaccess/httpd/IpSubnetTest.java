package dev.htaccess.httpd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * apr_ipsubnet_create's reading and apr_ipsubnet_test's matching. Which texts Apache accepts is
 * recorded from real Apache in testdata/lint-apache (Require ip, Allow from); these pin the
 * matching and the kind of refusal.
 */
class IpSubnetTest {

  private static boolean in(String spec, String client) throws IpSubnet.Invalid {
    return IpSubnet.parse(spec).contains(client);
  }

  @Test
  void legacyPartialAddressesAreNetworksOfWholeOctets() throws Exception {
    assertThat(in("10.0.0", "10.0.0.5")).isTrue();
    assertThat(in("10.0.0.", "10.0.0.5")).isTrue();
    assertThat(in("10.0.0", "10.0.1.5")).isFalse();
    assertThat(in("10.", "10.200.3.4")).isTrue();
    assertThat(in("010.000.0.1", "10.0.0.1")).isTrue();
  }

  @Test
  void masksAsBitsOrDottedQuads() throws Exception {
    assertThat(in("10.0.0.0/8", "10.9.9.9")).isTrue();
    assertThat(in("10.0.0.0/8", "11.0.0.1")).isFalse();
    assertThat(in("10.0.0.0/255.0.255.0", "10.5.0.7")).isTrue();
    assertThat(in("10.0.0.0/255.0.255.0", "10.5.1.7")).isFalse();
    assertThat(in("10.0.0.1/+8", "10.1.1.1")).isTrue();
    assertThat(in("10.0.0.1/32", "10.0.0.1")).isTrue();
    assertThat(in("10.0.0.1/32", "10.0.0.2")).isFalse();
  }

  @Test
  void ipv6AndMappedClients() throws Exception {
    assertThat(in("::1", "::1")).isTrue();
    assertThat(in("::1", "127.0.0.1")).isFalse();
    assertThat(in("2001:db8::/32", "2001:db8:1::5")).isTrue();
    assertThat(in("2001:db8::/32", "2001:db9::5")).isFalse();
    assertThat(in("10.0.0.0/8", "::ffff:10.1.2.3")).isTrue();
  }

  @Test
  void refusalsSayWhetherTheTextLookedLikeAnAddressAtAll() {
    assertThatThrownBy(() -> IpSubnet.parse("foo"))
        .isInstanceOfSatisfying(IpSubnet.Invalid.class, e -> assertThat(e.notAnAddress).isTrue());
    assertThatThrownBy(() -> IpSubnet.parse("10.0.0.300"))
        .isInstanceOfSatisfying(
            IpSubnet.Invalid.class,
            e -> assertThat(e).hasMessage("The specified IP address is invalid."));
    assertThatThrownBy(() -> IpSubnet.parse("10.0.0.0/33"))
        .hasMessage("The specified network mask is invalid.");
    assertThatThrownBy(() -> IpSubnet.parse("10.0.0/8"))
        .hasMessage("The specified IP address is invalid.");
    assertThatThrownBy(() -> IpSubnet.parse("::ffff:10.0.0.1"))
        .hasMessage("The specified IP address is invalid.");
    assertThatThrownBy(() -> IpSubnet.parse("1:2:3:4:5:6:7:8:9"))
        .hasMessage("The specified IP address is invalid.");
    assertThatThrownBy(() -> IpSubnet.parse("::1/129"))
        .hasMessage("The specified network mask is invalid.");
  }
}
