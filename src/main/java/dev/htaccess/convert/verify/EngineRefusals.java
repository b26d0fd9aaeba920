package dev.htaccess.convert.verify;

import dev.htaccess.convert.HtaccessVerdicts;
import dev.htaccess.eval.Evaluation;
import dev.htaccess.eval.Evaluator;
import dev.htaccess.eval.EvaluatorOptions;
import dev.htaccess.eval.RequestSpec;
import dev.htaccess.eval.trace.TraceEvent;
import dev.htaccess.eval.trace.TraceLevel;
import dev.htaccess.source.RawText;
import java.nio.file.Path;
import java.util.List;

/**
 * Which .htaccess files Apache reads (AllowOverride in the server configuration) and which it
 * refuses (an unknown directive, one a module not loaded defines, one AllowOverride does not allow,
 * bad arguments...), as the engine finds when it reads them: a refused file answers every request
 * below its directory with 500, and the converter writes that instead of converting the file.
 */
public final class EngineRefusals implements HtaccessVerdicts {

  private final Evaluator engine;
  private final Path docroot;

  /** The verdicts for a document root without server configuration. */
  public EngineRefusals(Path docroot) throws java.io.IOException {
    this(EvaluatorOptions.of(docroot.toAbsolutePath().normalize()));
  }

  /** The verdicts of the engine with these options (its document root, its server config). */
  public EngineRefusals(EvaluatorOptions options) throws java.io.IOException {
    this.docroot = options.docroot().toAbsolutePath().normalize();
    this.engine = Evaluator.create(options);
  }

  @Override
  public boolean read(Path dir) {
    return engine.readsHtaccess(dir);
  }

  /** Apache's error for the .htaccess file, or null when Apache reads it. */
  @Override
  public String refusal(Path htaccess) {
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
