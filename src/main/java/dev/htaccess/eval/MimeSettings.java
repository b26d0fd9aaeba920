package dev.htaccess.eval;

import dev.htaccess.model.Argument;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What mod_mime (and the core's AddDefaultCharset) configure for a directory as the walk reads its
 * directives: types, charsets and handlers by extension, SetHandler, ForceType and the default
 * charset. DirConfigBuilder copies them into the DirConfig it builds.
 */
final class MimeSettings {

  final Map<String, String> addTypes = new HashMap<>();
  final Map<String, String> addCharsets = new HashMap<>();
  final Map<String, String> addHandlers = new HashMap<>();
  String forceType;
  String setHandler;
  String defaultCharset;

  /** mod_mime's directives, and AddDefaultCharset: types, handlers and charsets by extension. */
  void apply(String key, List<Argument> args) {
    switch (key) {
      case "addtype" -> {
        for (int i = 1; i < args.size(); i++) {
          // mod_mime keeps the type in lower case ("text/html; charset=UTF-8" is sent as
          // "text/html; charset=utf-8", measured).
          addTypes.put(
              DirectiveValues.extension(args.get(i).value()),
              args.get(0).value().toLowerCase(Locale.ROOT));
        }
      }
      case "addcharset" -> {
        for (int i = 1; i < args.size(); i++) {
          addCharsets.put(DirectiveValues.extension(args.get(i).value()), args.get(0).value());
        }
      }
      case "sethandler" -> setHandler = args.isEmpty() ? null : args.get(0).value();
      case "addhandler" -> {
        for (int i = 1; i < args.size(); i++) {
          addHandlers.put(DirectiveValues.extension(args.get(i).value()), args.get(0).value());
        }
      }
      case "removehandler" -> {
        for (Argument a : args) {
          addHandlers.remove(DirectiveValues.extension(a.value()));
        }
      }
      case "forcetype" ->
          forceType = args.isEmpty() ? null : DirectiveValues.forceType(args.get(0).value());
      case "adddefaultcharset" -> {
        String v = args.isEmpty() ? "off" : args.get(0).value();
        defaultCharset =
            v.equalsIgnoreCase("off") ? null : v.equalsIgnoreCase("on") ? "iso-8859-1" : v;
      }
      default -> {}
    }
  }
}
