package dev.htaccess.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htaccess.eval.Evaluator;
import dev.htaccess.eval.EvaluatorOptions;
import dev.htaccess.eval.HtaccessOverlay;
import dev.htaccess.eval.MemoPolicy;
import dev.htaccess.eval.RequestSpec;
import dev.htaccess.eval.trace.TraceLevel;
import dev.htaccess.testing.JsonLite;
import dev.htaccess.testing.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The engine under an overlay answers as real Apache does under that version of the file (the
 * hand-made pair's answers were recorded with the oracle), and the diff of the two versions is the
 * change they were written to make.
 */
class TrafficDiffTest {

  private static final Path CASE = ProjectFiles.testdata("diff", "wordpress-move");
  private static final Path DOCROOT = CASE.resolve("docroot");
  private static final String ROOT = DOCROOT.toAbsolutePath().normalize().toString();

  private static Evaluator evaluator(String version) throws IOException {
    String text = Files.readString(CASE.resolve(version + ".htaccess"));
    HtaccessOverlay overlay = new HtaccessOverlay(Map.of(ROOT + "/.htaccess", text), Set.of());
    return Evaluator.create(
        EvaluatorOptions.of(DOCROOT).withMemo(MemoPolicy.STATIC_TREE).withOverlay(overlay));
  }

  private static RequestSpec request(String line) {
    String[] parts = line.split(" ", 2);
    return new RequestSpec(
        parts[0],
        parts[1],
        List.of(new RequestSpec.Header("Host", "example.com")),
        false,
        "127.0.0.1");
  }

  @Test
  void eachVersionAnswersAsApacheDid() throws IOException {
    for (String version : List.of("old", "new")) {
      Evaluator e = evaluator(version);
      List<String> lines = Files.readAllLines(CASE.resolve(version + ".expected.jsonl"));
      assertThat(lines).hasSize(9);
      for (String line : lines) {
        @SuppressWarnings("unchecked")
        Map<String, Object> apache = (Map<String, Object>) JsonLite.parse(line);
        String req = (String) apache.get("request");
        Answer a = Answer.of(e.evaluate(request(req), TraceLevel.DECISIONS), ROOT);
        assertThat(a.status())
            .as(version + " " + req)
            .isEqualTo(((Number) apache.get("status")).intValue());
        assertThat(a.location()).as(version + " " + req).isEqualTo(apache.get("location"));
        assertThat(a.proxy()).as(version + " " + req).isEqualTo(apache.get("proxy"));
        assertThat(a.file()).as(version + " " + req).isEqualTo(apache.get("filename"));
      }
    }
  }

  @Test
  void theDiffIsTheChangeTheNewVersionMakes() throws IOException {
    List<WeightedRequest> traffic = new ArrayList<>();
    for (String line : Files.readAllLines(CASE.resolve("requests.txt"))) {
      // The blog and the uploads are the popular pages.
      long weight = line.contains("/blog/") ? 10 : line.contains("uploads") ? 7 : 1;
      traffic.add(new WeightedRequest(line, request(line), weight));
    }
    TrafficDiff.Result r = TrafficDiff.run(evaluator("old"), evaluator("new"), ROOT, traffic, 1);

    assertThat(r.requests()).isEqualTo(2 * 10 + 7 + 6);
    assertThat(r.distinct()).isEqualTo(9);
    assertThat(r.changed()).isEqualTo(2 * 10 + 7 + 1);
    assertThat(r.groups())
        .extracting(TrafficDiff.Group::kind, TrafficDiff.Group::weight, TrafficDiff.Group::distinct)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("200 -> 301 redirect", 20L, 2),
            org.assertj.core.groups.Tuple.tuple("200 -> proxy", 7L, 1),
            org.assertj.core.groups.Tuple.tuple("200 -> 302 redirect", 1L, 1));
    TrafficDiff.Change blog = r.groups().get(0).examples().get(0);
    assertThat(blog.before().decidedBy()).isNull(); // the directory's index.html, no rule
    assertThat(blog.after().decidedBy()).isEqualTo(".htaccess:5");
    assertThat(r.groups().get(1).examples().get(0).before().decidedBy()).isEqualTo(".htaccess:7");
    assertThat(r.groups()).allMatch(g -> g.examples().size() == 1);
  }

  @Test
  void aConfigurationAgainstItselfChangesNothingFromManyThreadsAtOnce() throws IOException {
    Evaluator old = evaluator("old");
    List<String> lines = Files.readAllLines(CASE.resolve("requests.txt"));
    Map<String, String> first = new ConcurrentHashMap<>();
    IntStream.range(0, 2000)
        .parallel()
        .forEach(
            i -> {
              String line = lines.get(i % lines.size());
              String answer =
                  Answer.of(old.evaluate(request(line), TraceLevel.DECISIONS), ROOT).toString();
              assertThat(first.computeIfAbsent(line, k -> answer)).isEqualTo(answer);
            });
    List<WeightedRequest> traffic =
        lines.stream().map(l -> new WeightedRequest(l, request(l), 1)).toList();
    assertThat(TrafficDiff.run(old, evaluator("old"), ROOT, traffic, 3).groups()).isEmpty();
  }
}
