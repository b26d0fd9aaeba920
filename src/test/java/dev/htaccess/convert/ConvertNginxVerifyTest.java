package dev.htaccess.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.htaccess.convert.verify.NginxVerifier;
import dev.htaccess.testing.CorpusSites;
import dev.htaccess.testing.ProjectFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The converted configurations on a real nginx (skipped when nginx is not installed): each
 * construct's case answers its requests as Apache does (the engine, which EvalConformanceTest holds
 * to the case's answers recorded from real Apache), and every ../shared/corpus site converts to a
 * configuration nginx accepts and that agrees on at least 95% of its requests and of requests made
 * from its files, each other request differing by a limitation the verifier names.
 */
class ConvertNginxVerifyTest {

  @BeforeAll
  static void needsNginx() {
    assumeTrue(NginxVerifier.nginx().isPresent(), "nginx is not installed");
  }

  @TestFactory
  Stream<DynamicTest> eachCaseAgreesWithApache() throws Exception {
    return ConvertGoldenTest.eachCase(
        (docroot, c) -> {
          StringWriter log = new StringWriter();
          NginxVerifier.Report report =
              NginxVerifier.verify(
                  docroot,
                  ConvertGoldenTest.convert(docroot).config(),
                  c.resolve("requests.txt"),
                  new PrintWriter(log, true));
          assertThat(report.requests()).isGreaterThan(2);
          assertThat(report.differences()).as(log.toString()).isEmpty();
        });
  }

  @Test
  void theCorpusConvertsAndAgrees(@TempDir Path work) throws Exception {
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
      NginxConverter.Conversion conversion = ConvertGoldenTest.convert(docroot);
      String config = conversion.config();
      StringWriter log = new StringWriter();
      List<Path> inputs = new ArrayList<>();
      inputs.add(null); // requests made from the files
      if (Files.exists(caseDir.resolve("requests.txt"))) {
        inputs.add(caseDir.resolve("requests.txt"));
      }
      for (Path input : inputs) {
        NginxVerifier.Report r =
            NginxVerifier.verify(
                docroot, config, input, new PrintWriter(log, true), conversion.unconvertedLines());
        requests += r.requests();
        agreed += r.requests() - r.differences().size();
        explained += (int) r.differences().stream().filter(d -> d.known() != null).count();
        report.add(site + ": " + r.summary());
      }
    }
    System.out.printf("corpus: %d of %d alike, %d explained%n", agreed, requests, explained);
    assertThat(requests).isGreaterThan(100);
    // At least 95% answered alike, and each of the others differs by a limitation the tool names.
    assertThat(agreed * 100.0 / requests)
        .as(String.join("\n", report))
        .isGreaterThanOrEqualTo(95.0);
    assertThat(agreed + explained).as(String.join("\n", report)).isEqualTo(requests);
  }
}
