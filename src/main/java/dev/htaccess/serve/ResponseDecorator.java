package dev.htaccess.serve;

import dev.htaccess.eval.Outcome;
import dev.htaccess.eval.ResponseHeader;
import dev.htaccess.httpd.Expiry;
import dev.htaccess.httpd.Pregsub;
import dev.htaccess.regex.PcreMatch;
import dev.htaccess.regex.PcrePattern;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;

/**
 * Applies what mod_expires and mod_headers decided (carried by the {@link Outcome}) to the headers
 * of a response about to be sent. As in Apache, {@code Header} without {@code always} reaches only
 * successful and proxied responses, and mod_expires leaves errors and upstream Expires alone.
 */
final class ResponseDecorator {

  private ResponseDecorator() {}

  /**
   * @param modifiedMillis the served file's modification time, or -1 when there is no file
   */
  static void apply(
      HttpFields.Mutable headers, Outcome o, int status, boolean proxied, long modifiedMillis) {
    if (o == null) {
      return;
    }
    Expiry expiry = o.common().expiry();
    if (expiry != null && status < 400 && !(proxied && headers.contains("Expires"))) {
      // As mod_expires: offsets from the request time with its fraction of a second, max-age
      // rounded down, and Date the request time's whole second (so Date + max-age agrees).
      long now = System.currentTimeMillis();
      headers.put("Date", FileResponder.HTTP_DATE.format(Instant.ofEpochMilli(now / 1000 * 1000)));
      if (!expiry.fromModification() || modifiedMillis >= 0) {
        long base = expiry.fromModification() ? modifiedMillis : now;
        long expires = base + expiry.seconds() * 1000;
        long maxAge = Math.max(0, Math.floorDiv(expires - now, 1000));
        String existing = headers.get("Cache-Control");
        headers.put(
            "Cache-Control",
            existing == null ? "max-age=" + maxAge : existing + ", max-age=" + maxAge);
        headers.put("Expires", FileResponder.HTTP_DATE.format(Instant.ofEpochMilli(expires)));
      }
    }
    boolean success = proxied || (status >= 200 && status < 300) || status == 304;
    applyOps(headers, o.common().headers(), success);
  }

  /** RequestHeader: the headers a proxied request carries upstream, edited in order. */
  static List<String[]> requestHeaders(List<String[]> raw, Outcome o) {
    if (o.common().requestHeaders().isEmpty()) {
      return raw;
    }
    HttpFields.Mutable fields = HttpFields.build();
    for (String[] h : raw) {
      fields.add(h[0], h[1]);
    }
    applyOps(fields, o.common().requestHeaders(), true);
    List<String[]> out = new ArrayList<>();
    for (org.eclipse.jetty.http.HttpField f : fields) {
      out.add(new String[] {f.getName(), f.getValue()});
    }
    return out;
  }

  private static void applyOps(
      HttpFields.Mutable headers, List<ResponseHeader> ops, boolean success) {
    for (ResponseHeader h : ops) {
      if (!h.always() && !success) {
        continue;
      }
      if (h.whenContentType() != null) {
        String type = headers.get("Content-Type");
        if (!h.whenContentType().test(type == null ? "" : type)) {
          continue;
        }
      }
      String name = h.name();
      switch (h.action()) {
        case "set" -> headers.put(name, h.value());
        case "setifempty" -> {
          if (!headers.contains(name)) {
            headers.put(name, h.value());
          }
        }
        case "add" -> headers.add(name, h.value());
        case "append" -> {
          String old = joined(headers, name);
          headers.put(name, old == null ? h.value() : old + ", " + h.value());
        }
        case "merge" -> {
          String old = joined(headers, name);
          if (old == null) {
            headers.put(name, h.value());
          } else if (!hasToken(old, h.value())) {
            headers.put(name, old + ", " + h.value());
          }
        }
        case "unset" -> headers.remove(name);
        case "edit", "edit*" ->
            edit(headers, name, h.pattern(), h.replacement(), h.action().equals("edit*"));
        default -> {
          // echo and note concern request headers and notes, not the response
        }
      }
    }
  }

  private static String joined(HttpFields.Mutable headers, String name) {
    List<String> values = headers.getValuesList(name);
    return values.isEmpty() ? null : String.join(", ", values);
  }

  private static boolean hasToken(String list, String value) {
    for (String part : list.split(",")) {
      if (part.strip().equals(value.strip())) {
        return true;
      }
    }
    return false;
  }

  /**
   * mod_headers' edit and edit* (process_regexp): the first match, or every match, replaced with
   * ap_pregsub; edit* matches each time again on what follows the previous match.
   */
  private static void edit(
      HttpFields.Mutable headers,
      String name,
      PcrePattern pattern,
      String replacement,
      boolean all) {
    List<String> values = headers.getValuesList(name);
    if (values.isEmpty() || pattern == null) {
      return;
    }
    List<String> edited = new ArrayList<>();
    for (String v : values) {
      edited.add(replace(pattern, v, replacement, all));
    }
    headers.remove(name);
    for (String v : edited) {
      headers.add(name, v);
    }
  }

  private static String replace(
      PcrePattern pattern, String value, String replacement, boolean all) {
    StringBuilder out = new StringBuilder();
    String rest = value;
    while (true) {
      PcreMatch m = pattern.match(rest);
      if (m == null) {
        break;
      }
      out.append(rest, 0, m.start()).append(Pregsub.substitute(replacement, m));
      rest = rest.substring(m.end());
      // An empty match would match again at the same place for ever.
      if (!all || m.end() == 0) {
        break;
      }
    }
    return out.append(rest).toString();
  }
}
