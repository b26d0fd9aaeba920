package dev.htaccess.model;

import dev.htaccess.source.SourceSpan;
import java.util.List;

/**
 * {@code RewriteMap name type:source [user:group]}.
 *
 * @param mapName the name used in {@code ${name:key}}
 * @param type the map type in lower case: txt, rnd, dbm, int, prg, dbd or fastdbd
 * @param dbmType for {@code dbm=TYPE:file}, the DBM flavour; otherwise empty
 * @param source what follows the type: a file, a function name or a command line
 */
public record RewriteMap(
    String name,
    List<Argument> arguments,
    String mapName,
    String type,
    String dbmType,
    String source,
    SourceSpan span)
    implements Directive {

  public RewriteMap {
    arguments = List.copyOf(arguments);
  }
}
