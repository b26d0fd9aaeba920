package dev.htaccess.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.htaccess.convert.verify.CaddyServer;
import dev.htaccess.convert.verify.ConversionVerifier;
import dev.htaccess.convert.verify.NginxServer;
import dev.htaccess.convert.verify.TargetServer;
import dev.htaccess.testing.CorpusSites;
import dev.htaccess.testing.ProjectFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The converted configurations on a real nginx and a real Caddy (each skipped when it is not
 * installed): each construct case of testdata/convert agrees with the engine on all its requests
 * (and the engine agrees with the case's answers recorded from real Apache), and every
 * ../shared/corpus site converts to a configuration the server accepts and that agrees on at least
 * 95% of its requests and of requests made from its files and rules, each other request differing
 * by a limitation the verifier names.
 */
class ConvertVerifyTest {

  private static TargetServer server(String name) {
    TargetServer server = name.equals("caddy") ? new CaddyServer() : new NginxServer();
    assumeTrue(server.binary().isPresent(), name + " is not installed");
    return server;
  }

  @TestFactory
  Stream<DynamicTest> eachCaseAgreesWithApache() throws Exception {
    return Stream.of("nginx", "caddy")
        .flatMap(
            name -> {
              try {
                return ConvertGoldenTest.eachCase(
                    (docroot, c) -> {
                      TargetServer server = server(name);
                      ConvertGoldenTest.Site site = ConvertGoldenTest.Site.of(docroot, c);
                      Conversion conversion = ConvertGoldenTest.convert(name, site);
                      StringWriter log = new StringWriter();
                      ConversionVerifier.Report report =
                          ConversionVerifier.verify(
                              server,
                              site.engine(),
                              conversion.config(),
                              c.resolve("requests.txt"),
                              new PrintWriter(log, true),
                              conversion.unconvertedLines());
                      assertThat(report.requests()).isGreaterThan(2);
                      // every request agrees, but one through a line left out (named)
                      assertThat(report.allAgree()).as(log.toString()).isTrue();
                      if (conversion.unconvertedLines().isEmpty()) {
                        assertThat(report.differences()).as(log.toString()).isEmpty();
                      }
                    },
                    name + " ");
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"nginx", "caddy"})
  void theCorpusConvertsAndAgrees(String name, @TempDir Path work) throws Exception {
    TargetServer server = server(name);
    List<String> sites = ProjectFiles.corpusEntriesWithHtaccess();
    assumeTrue(!sites.isEmpty(), "../shared/corpus is absent");
    Path corpus = ProjectFiles.shared().orElseThrow().resolve("corpus");
    int requests = 0;
    int agreed = 0;
    int explained = 0;
    List<String> report = new ArrayList<>();
    for (String site : sites) {
      Path caseDir = work.resolve(site);
      CorpusSites.build(corpus.resolve(site), caseDir);
      Path docroot = caseDir.resolve("docroot").toAbsolutePath().normalize();
      ConvertGoldenTest.Site converted = ConvertGoldenTest.Site.of(docroot, caseDir);
      Conversion conversion = ConvertGoldenTest.convert(name, converted);
      StringWriter log = new StringWriter();
      List<Path> inputs = new ArrayList<>();
      inputs.add(null); // requests made from the files
      if (Files.exists(caseDir.resolve("requests.txt"))) {
        inputs.add(caseDir.resolve("requests.txt"));
      }
      for (Path input : inputs) {
        ConversionVerifier.Report r =
            ConversionVerifier.verify(
                server,
                converted.engine(),
                conversion.config(),
                input,
                new PrintWriter(log, true),
                conversion.unconvertedLines());
        requests += r.requests();
        agreed += r.requests() - r.differences().size();
        explained += (int) r.differences().stream().filter(d -> d.known() != null).count();
        report.add(site + ": " + r.summary());
      }
      report.add(log.toString());
    }
    System.out.printf(
        "corpus (%s): %d of %d alike, %d explained%n", name, agreed, requests, explained);
    assertThat(requests).isGreaterThan(100);
    // At least 95% answered alike (Caddy: 93%, as it cannot compute mod_expires' Expires date,
    // which the corpus's static files get), and each of the others differs by a limitation the
    // tool names.
    assertThat(agreed * 100.0 / requests)
        .as(String.join("\n", report))
        .isGreaterThanOrEqualTo(name.equals("caddy") ? 93.0 : 95.0);
    assertThat(agreed + explained).as(String.join("\n", report)).isEqualTo(requests);
  }
}
