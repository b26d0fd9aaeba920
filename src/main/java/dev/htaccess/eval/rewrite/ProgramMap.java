package dev.htaccess.eval.rewrite;

import dev.htaccess.model.RewriteMap;
import dev.htaccess.source.RawText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code prg:} RewriteMap: a long-running program that reads one key per line on its standard
 * input and answers one line on its standard output, {@code NULL} meaning "no value". As in Apache,
 * the program is started once and lookups are serialised.
 */
final class ProgramMap extends RewriteMapSource {

  private final String name;
  private final Process process;
  private final OutputStream in;
  private final BufferedReader out;

  private ProgramMap(String name, Process process) {
    this.name = name;
    this.process = process;
    this.in = process.getOutputStream();
    this.out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.ISO_8859_1));
  }

  static ProgramMap start(RewriteMap map, Path configDir) {
    List<String> argv = tokenize(map.source());
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("RewriteMap: bad path to prg map: " + map.source());
    }
    Path program = configDir.resolve(argv.get(0));
    if (!Files.exists(program)) {
      throw new IllegalArgumentException(
          "RewriteMap: file for map " + map.mapName() + " not found:" + program);
    }
    argv.set(0, program.toString());
    try {
      Process p =
          new ProcessBuilder(argv)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .directory(configDir.toFile())
              .start();
      ProgramMap result = new ProgramMap(map.mapName(), p);
      Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
      return result;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "RewriteMap: could not start program for map " + map.mapName() + ": " + e.getMessage());
    }
  }

  /** apr_tokenize_to_argv: white space separates, double quotes group, backslash escapes. */
  static List<String> tokenize(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length()) {
        cur.append(line.charAt(++i));
        any = true;
      } else if (c == '"') {
        quoted = !quoted;
        any = true;
      } else if (!quoted && (c == ' ' || c == '\t')) {
        if (any) {
          out.add(cur.toString());
          cur.setLength(0);
          any = false;
        }
      } else {
        cur.append(c);
        any = true;
      }
    }
    if (any) {
      out.add(cur.toString());
    }
    return out;
  }

  @Override
  public boolean deterministic() {
    return false;
  }

  @Override
  public synchronized String lookup(String key) {
    if (!process.isAlive()) {
      return null;
    }
    try {
      in.write(RawText.toBytes(key + "\n"));
      in.flush();
      String answer = out.readLine();
      if (answer == null || answer.equals("NULL")) {
        return null;
      }
      return answer;
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "prg map " + name;
  }
}
