package dev.htaccess.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htaccess.model.DirectiveInfo.ArgumentStyle;
import dev.htaccess.model.DirectiveInfo.Context;
import org.junit.jupiter.api.Test;

/** The catalog holds Apache 2.4's directives with their contexts and argument shapes. */
class DirectiveCatalogTest {

  private final DirectiveCatalog catalog = DirectiveCatalog.standard();

  @Test
  void holdsAboutAllDirectivesAllowedInHtaccess() {
    long htaccess = catalog.all().stream().filter(DirectiveInfo::allowedInHtaccess).count();
    assertThat(htaccess).isBetween(270L, 320L);
    assertThat(catalog.all().size()).isGreaterThan(600);
  }

  @Test
  void looksUpCaseInsensitively() {
    DirectiveInfo rule = catalog.find("rewriterule").orElseThrow();
    assertThat(rule.name()).isEqualTo("RewriteRule");
    assertThat(rule.module()).isEqualTo("mod_rewrite");
    assertThat(rule.override()).isEqualTo("FileInfo");
    assertThat(rule.arguments()).isEqualTo(ArgumentStyle.RAW_ARGS);
  }

  @Test
  void knowsServerOnlyDirectivesAndSections() {
    assertThat(catalog.find("RewriteMap").orElseThrow().allowedInHtaccess()).isFalse();
    assertThat(catalog.find("ServerName").orElseThrow().contexts())
        .containsExactlyInAnyOrder(Context.SERVER, Context.VHOST);
    DirectiveInfo directory = catalog.find("Directory").orElseThrow();
    assertThat(directory.section()).isTrue();
    assertThat(directory.allowedInHtaccess()).isFalse();
    assertThat(catalog.find("IfModule").orElseThrow().section()).isTrue();
  }

  @Test
  void knowsArgumentShapesAndVersions() {
    assertThat(catalog.find("RewriteEngine").orElseThrow().arguments())
        .isEqualTo(ArgumentStyle.FLAG);
    assertThat(catalog.find("ErrorDocument").orElseThrow().arguments())
        .isEqualTo(ArgumentStyle.TAKE2);
    assertThat(catalog.find("Options").orElseThrow().override()).isEqualTo("Options");
    assertThat(catalog.find("php_value").orElseThrow().module()).isEqualTo("mod_php");
    assertThat(catalog.find("RewriteLog")).isEmpty();
  }
}
