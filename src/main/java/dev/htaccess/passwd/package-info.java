/**
 * apr_password_validate: whether a password matches a hash of an htpasswd file, in every format
 * htpasswd writes. Knows nothing of Apache's configuration; the evaluator's mod_authn_file uses it.
 */
package dev.htaccess.passwd;
