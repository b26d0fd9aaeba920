package dev.htaccess.eval;

/**
 * One of mod_env's SetEnv or UnsetEnv: sets {@code name} to {@code value}, or removes it when
 * {@code value} is null. Applied in the fixup phase, after per-directory rewriting, which is why
 * RewriteCond never sees these variables.
 */
record EnvSetting(String name, String value) {}
