package dev.htaccess.lsp;

import dev.htaccess.httpd.ServerVariable;
import dev.htaccess.model.CondFlag;
import dev.htaccess.model.DirectiveCatalog;
import dev.htaccess.model.DirectiveInfo;
import dev.htaccess.model.RewriteOption;
import dev.htaccess.model.RuleFlagKind;
import dev.htaccess.validate.CoreOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.InsertTextFormat;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;

/**
 * Completion on a line: directive names (only those an .htaccess may hold, with their arguments as
 * a snippet), RewriteRule and RewriteCond flags, {@code %{...}} variables, RewriteOptions values,
 * Options keywords, and module names in {@code <IfModule>}.
 */
final class Completions {

  private Completions() {}

  static List<CompletionItem> at(String line, int cursor) {
    LineContext at = LineContext.of(line, cursor);
    if (at.isComment()) {
      return List.of();
    }
    String typed = at.typedPrefix().toLowerCase(Locale.ROOT);
    if (at.inUnclosedVariable()) {
      return variables(typed);
    }
    if (at.inFlags()) {
      return flags(at.directiveKey(), typed);
    }
    if (at.onDirectiveName()) {
      return directives(typed, line.substring(0, cursor).strip().startsWith("<"));
    }
    return switch (at.directiveKey()) {
      case "rewriteoptions" -> rewriteOptions(typed);
      case "options" -> options(typed);
      case "ifmodule" -> modules(typed);
      default -> List.of();
    };
  }

  private static List<CompletionItem> directives(String typed, boolean section) {
    List<CompletionItem> items = new ArrayList<>();
    for (DirectiveInfo d : DirectiveCatalog.standard().all()) {
      if (!d.contexts().contains(DirectiveInfo.Context.HTACCESS)
          || !d.key().startsWith(typed)
          || (section && !d.section())) {
        continue;
      }
      CompletionItem item = new CompletionItem(d.section() ? "<" + d.name() + ">" : d.name());
      item.setKind(d.section() ? CompletionItemKind.Module : CompletionItemKind.Keyword);
      item.setFilterText(d.name());
      item.setDetail(
          d.module() + (d.override().isEmpty() ? "" : " · AllowOverride " + d.override()));
      item.setDocumentation(new MarkupContent(MarkupKind.MARKDOWN, Hovers.directive(d)));
      item.setInsertTextFormat(InsertTextFormat.Snippet);
      item.setInsertText(snippet(d, section));
      items.add(item);
    }
    return items;
  }

  /** The directive with its synopsis's arguments as placeholders. */
  static String snippet(DirectiveInfo d, boolean afterBracket) {
    String[] words = d.syntax().strip().split("\\s+");
    StringBuilder b = new StringBuilder();
    int n = 1;
    for (int i = 1; i < words.length && n <= 4; i++) {
      String w = words[i].replaceAll("[>$}\\\\]", "");
      if (w.isEmpty() || w.equals("...")) {
        continue;
      }
      b.append(' ').append("${").append(n++).append(':').append(w).append('}');
    }
    if (d.section()) {
      return (afterBracket ? "" : "<") + d.name() + b + ">\n\t$0\n</" + d.name() + ">";
    }
    return d.name() + b;
  }

  private static List<CompletionItem> flags(String directiveKey, String typed) {
    List<CompletionItem> items = new ArrayList<>();
    if (directiveKey.equals("rewritecond")) {
      for (CondFlag.Kind k : CondFlag.Kind.values()) {
        items.add(item(k.shortName(), CompletionItemKind.EnumMember, FlagDocs.COND.get(k)));
      }
    } else {
      for (RuleFlagKind k : RuleFlagKind.values()) {
        items.add(item(k.shortName(), CompletionItemKind.EnumMember, FlagDocs.RULE.get(k)));
      }
    }
    return filter(items, typed);
  }

  private static List<CompletionItem> variables(String typed) {
    List<CompletionItem> items = new ArrayList<>();
    for (ServerVariable v : ServerVariable.values()) {
      items.add(item(v.name(), CompletionItemKind.Variable, v.holds()));
    }
    for (ServerVariable.Prefix p : ServerVariable.Prefix.values()) {
      items.add(item(p.spelling() + ":", CompletionItemKind.Variable, p.holds()));
    }
    return filter(items, typed);
  }

  private static List<CompletionItem> rewriteOptions(String typed) {
    List<CompletionItem> items = new ArrayList<>();
    for (RewriteOption o : RewriteOption.values()) {
      if (o != RewriteOption.MAX_REDIRECTS) {
        items.add(item(o.spelling(), CompletionItemKind.EnumMember, FlagDocs.OPTIONS.get(o)));
      }
    }
    return filter(items, typed);
  }

  private static List<CompletionItem> options(String typed) {
    List<CompletionItem> items = new ArrayList<>();
    for (String word : CoreOption.WORDS) {
      items.add(item(word, CompletionItemKind.EnumMember, "Options " + word));
    }
    return filter(items, typed);
  }

  private static List<CompletionItem> modules(String typed) {
    List<CompletionItem> items = new ArrayList<>();
    for (String module : DirectiveCatalog.standard().modules()) {
      if (module.startsWith("mod_")) {
        items.add(item(module + ".c", CompletionItemKind.Module, module));
      }
    }
    return filter(items, typed);
  }

  private static CompletionItem item(String label, CompletionItemKind kind, String doc) {
    CompletionItem item = new CompletionItem(label);
    item.setKind(kind);
    if (doc != null) {
      item.setDocumentation(new MarkupContent(MarkupKind.MARKDOWN, doc));
    }
    return item;
  }

  private static List<CompletionItem> filter(List<CompletionItem> items, String typed) {
    return items.stream()
        .filter(i -> i.getLabel().toLowerCase(Locale.ROOT).startsWith(typed))
        .toList();
  }
}
