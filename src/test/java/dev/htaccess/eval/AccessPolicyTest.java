package dev.htaccess.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htaccess.httpd.ModuleSet;
import dev.htaccess.source.SourceFile;
import dev.htaccess.syntax.HtaccessReader;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** mod_authz_core and mod_access_compat decisions. */
class AccessPolicyTest {

  record Case(String config, String remote, int status, String why) {
    @Override
    public String toString() {
      return why;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("Require all denied\n", "127.0.0.1", 403, "all denied"),
        new Case("Require all granted\n", "127.0.0.1", 0, "all granted"),
        new Case("Require ip 10.0.0.0/8\n", "10.2.3.4", 0, "ip in CIDR"),
        new Case("Require ip 10.0.0.0/8\n", "192.168.1.1", 403, "ip outside CIDR"),
        new Case("Require ip 10.1\n", "10.1.9.9", 0, "partial address"),
        new Case(
            "<RequireAll>\nRequire all granted\nRequire not ip 10\n</RequireAll>\n",
            "10.0.0.5",
            403,
            "RequireAll with not"),
        new Case(
            "Order deny,allow\nDeny from all\nAllow from 127.0.0.1\n",
            "127.0.0.1",
            0,
            "Deny,Allow lets the allowed in"),
        new Case(
            "Order allow,deny\nAllow from 10.0.0.0/255.0.0.0\n",
            "127.0.0.1",
            403,
            "Allow,Deny refuses everyone else"),
        new Case("Require valid-user\n", "127.0.0.1", 401, "needs a user"),
        new Case(
            "<IfModule mod_authz_core.c>\nRequire all denied\n</IfModule>\n",
            "127.0.0.1",
            403,
            "through IfModule"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decides(Case c) {
    var parsed = HtaccessReader.read(SourceFile.ofText("t", c.config()));
    AccessPolicy policy = new AccessPolicy(AccessPolicy.allGranted());
    SectionConditions conditions =
        new SectionConditions(
            ModuleSet.ORACLE, "GET", Path.of("/"), path -> FileStats.Stat.MISSING);
    policy.applyLevel(parsed.nodes(), conditions::includes);
    assertThat(userlessStatus(policy, c.remote())).isEqualTo(c.status());
  }

  /** Host rules, then the Require tree without a user: 401 stands for "authenticate first". */
  private static int userlessStatus(AccessPolicy policy, String remote) {
    if (!policy.hostsAllow(remote, Map.<String, String>of()::get)) {
      return 403;
    }
    AuthzTree.Verdict v =
        AuthzTree.decide(
                policy.authz(),
                new AuthzTree.Request() {
                  @Override
                  public String user() {
                    return null;
                  }

                  @Override
                  public String remoteAddr() {
                    return remote;
                  }

                  @Override
                  public String method() {
                    return "GET";
                  }

                  @Override
                  public String env(String name) {
                    return null;
                  }

                  @Override
                  public String variable(String name) {
                    return "";
                  }
                },
                (line, verdict) -> {})
            .verdict();
    return switch (v) {
      case GRANTED -> 0;
      case DENIED_NO_USER -> 401;
      default -> 403;
    };
  }
}
