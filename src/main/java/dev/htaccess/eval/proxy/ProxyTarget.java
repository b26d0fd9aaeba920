package dev.htaccess.eval.proxy;

/**
 * What mod_rewrite's {@code [P]} or a ProxyPass hands mod_proxy: {@code r->filename} after its
 * {@code proxy:} prefix, {@code r->args}, and the notes that change the canonicalisation.
 *
 * @param url the URL as built, not yet canonicalised (with the query already in it when {@code
 *     noCanon})
 * @param args the query string, or null
 * @param noCanon {@code proxy-nocanon} ([NE], ProxyPass {@code nocanon}): the URL goes upstream as
 *     it is
 * @param noEncode {@code proxy-noencode} (ProxyPass {@code mapping=encoded}): the path is already
 *     encoded, the query is still appended
 */
public record ProxyTarget(String url, String args, boolean noCanon, boolean noEncode) {

  /** A target with the usual canonicalisation. */
  public static ProxyTarget of(String url, String args) {
    return new ProxyTarget(url, args, false, false);
  }
}
