package dev.htaccess.convert.verify;

import dev.htaccess.eval.Evaluation;
import dev.htaccess.eval.Evaluator;
import dev.htaccess.eval.EvaluatorOptions;
import dev.htaccess.eval.RequestSpec;
import dev.htaccess.eval.trace.TraceEvent;
import dev.htaccess.eval.trace.TraceLevel;
import dev.htaccess.source.RawText;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Which .htaccess files Apache refuses (an unknown directive, one a module not loaded defines, bad
 * arguments...), as the engine finds when it reads them: a refused file answers every request below
 * its directory with 500, and the converter writes that instead of converting the file.
 */
public final class EngineRefusals implements Function<Path, String> {

  private final Evaluator engine;
  private final Path docroot;

  public EngineRefusals(Path docroot) throws java.io.IOException {
    this.docroot = docroot.toAbsolutePath().normalize();
    this.engine = Evaluator.create(EvaluatorOptions.of(this.docroot));
  }

  /** Apache's error for the .htaccess file, or null when Apache reads it. */
  @Override
  public String apply(Path htaccess) {
    Path dir = htaccess.toAbsolutePath().normalize().getParent();
    String rel = docroot.relativize(dir).toString().replace('\\', '/');
    String url = rel.isEmpty() ? "/" : "/" + rel + "/";
    Evaluation e =
        engine.evaluate(
            new RequestSpec(
                "GET",
                RawText.fromText(url),
                List.of(new RequestSpec.Header("Host", "localhost")),
                false,
                "127.0.0.1"),
            TraceLevel.FULL);
    for (TraceEvent t : e.trace()) {
      if (t instanceof TraceEvent.ConfigError c
          && c.span() != null
          && Path.of(c.span().file())
              .toAbsolutePath()
              .normalize()
              .equals(htaccess.toAbsolutePath().normalize())) {
        return c.span().line() + ":" + c.span().column() + ": " + c.error();
      }
    }
    return null;
  }
}
