#!/usr/bin/env python3
"""Writes the lint-agreement inputs that are made, not picked by hand:

* testdata/lint-apache/generated/GROUP-NNN.htaccess: every directive family's syntax varied
  (arguments, flags, cases, quotes, +/- mixes, expressions, sections, versions);
* testdata/lint-apache/corpus-mutations.tsv: one-line mutations of ../shared/corpus files, kept as
  recipes (corpus name, line number, replacement line) because the corpus is not copied here.

Deterministic: rerunning writes the same files. Then tools/record-lint-verdicts.py asks real Apache
for each verdict. Usage: tools/gen-lint-mutations.py [SHARED_DIR]
"""
import itertools, os, random, re, shutil, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "..", "shared")
base = os.path.join(root, "testdata", "lint-apache")
R = "RewriteEngine On\n"

groups = {}


def add(group, *texts):
    groups.setdefault(group, []).extend(texts)


# Options: core.c reads the words one by one (mixes of +/-, bare words, All/None, order, case).
words = ["All", "None", "Indexes", "FollowSymLinks", "+Indexes", "-Indexes", "+FollowSymLinks",
         "-MultiViews", "+All", "-None", "RunScripts", "IncludesNOEXEC", "+SymLinksIfOwnerMatch",
         "ExecCGI", "indexes", "+includes", "Bogus", "+", "-ExecCGI", "MultiViews"]
rng = random.Random(14)
seen = set()
for combo in [[w] for w in words] + [list(c) for c in itertools.permutations(words[:8], 2)]:
    seen.add(tuple(combo))
    add("options", "Options " + " ".join(combo) + "\n")
while len(groups["options"]) < 110:
    combo = tuple(rng.sample(words, rng.randint(2, 4)))
    if combo not in seen:
        seen.add(combo)
        add("options", "Options " + " ".join(combo) + "\n")
add("options", "Options\n", "Options \"\"\n", "Options \"+Indexes\"\n", "options -indexes\n",
    "Options All -Indexes +FollowSymLinks\n", "Options None +Indexes -FollowSymLinks\n",
    "Options -Indexes\nOptions FollowSymLinks\n", "Options All Indexes\n",
    "Options All -Indexes Includes\n", "Options +Indexes,FollowSymLinks\n")

# RewriteRule flags, one by one and mixed, with good and bad values.
flags = ["L", "l", "last", "LAST", "R", "R=301", "R=302", "r=303", "R=permanent", "R=temp",
         "R=seeother", "R=3xx", "R=399", "R=200", "R=404", "R=410", "R=500", "R=foo", "R=",
         "redirect=301", "N", "N=10", "N=x", "next", "NC", "nocase", "NE", "noescape", "NS",
         "nosubreq", "P", "proxy", "PT", "passthrough", "QSA", "qsappend", "QSD", "qsdiscard",
         "QSL", "qslast", "B", "B=&", "B=", "BNP", "backrefnoplus", "BCTLS", "BNE", "BNE=/",
         "C", "chain", "CO=a:b:example.com", "CO=a", "cookie=a:b:.example.com:60:/:secure:httponly",
         "DPI", "discardpath", "E=X:1", "E=!X", "E=X", "env=X:1", "END", "F", "forbidden", "G",
         "gone", "H=text/plain", "handler=x", "S=1", "S=x", "skip=2", "T=text/plain", "type=a/b",
         "UnsafeAllow3F", "UnsafePrefixStat", "QS", "X", "", "L,", ",L", "L,,R", "NC,L", "R=301,L",
         "R=301, L", "R = 301", "L NC", "l,r=301,nc", "E=a:b,E=c:d", "R=301,R=302", "S=-1",
         "N=0", "N=-5", "N=32001", "B= ?", "Redirect", "Forbidden", "E", "H", "T", "CO"]
for f in flags:
    add("rule-flags", R + "RewriteRule ^a$ /b [" + f + "]\n")
add("rule-flags", R + "RewriteRule ^a$ /b [L\n", R + "RewriteRule ^a$ /b L]\n",
    R + "RewriteRule ^a$ /b L\n", R + "RewriteRule ^a$ /b [L] extra\n",
    R + "RewriteRule ^a$ /b \"[R=301, L]\"\n", R + "RewriteRule ^a$ /b [[L]]\n",
    R + "RewriteRule ^a$ /b []\n", R + "RewriteRule ^a$ /b [L] # comment\n")

# RewriteCond: test strings, operators, flags.
conds = ["%{REQUEST_FILENAME} -f", "%{REQUEST_FILENAME} !-d", "%{REQUEST_FILENAME} -s",
         "%{REQUEST_FILENAME} -l", "%{REQUEST_FILENAME} -L", "%{REQUEST_FILENAME} -h",
         "%{REQUEST_FILENAME} -F", "%{REQUEST_URI} -U", "%{REQUEST_FILENAME} -x",
         "%{REQUEST_FILENAME} -X", "%{REQUEST_FILENAME} -e", "%{TIME_HOUR} -eq 1", "%{TIME_HOUR} -ne x",
         "%{TIME_HOUR} -lt 2", "%{TIME_HOUR} -le 2", "%{TIME_HOUR} -gt 2", "%{TIME_HOUR} -ge 2",
         "%{HTTP_HOST} =example.com", "%{HTTP_HOST} !=example.com", "%{HTTP_HOST} <b",
         "%{HTTP_HOST} >=b", "%{HTTP_HOST} <=b", "%{HTTP_HOST} >b", "%{HTTP_HOST} ^(a",
         "%{HTTP_HOST} ^a)", "%{HTTP_HOST} [a", "%{HTTP_HOST} a{2,1}", "%{HTTP_HOST} (?<n>a)",
         "%{HTTP_HOST} (?i)a", "%{HTTP_HOST} \\", "%{HTTP_HOST} a\\", "%{HTTP_HOST} !",
         "%{HTTP_HOST} \"\"", "%{HTTP_HOST}", "expr \"%{HTTP_HOST} == 'a'\"",
         "expr \"%{HTTP_HOST} == 'a\"", "expr \"-f %{REQUEST_FILENAME}\"", "expr \"foo\"",
         "expr \"true\"", "expr \"%{HTTP_HOST} =~ /a(/\"", "expr \"%{HTTP_HOST} -strmatch 'a*'\"",
         "%{HTTP:X-Forwarded-Proto} https", "%{ENV:REDIRECT_STATUS} ^$", "%{UNKNOWN_VAR} x",
         "%{HTTPS} off", "%{THE_REQUEST} \\s/+x", "%{REQUEST_URI}::$1 ^(/.+)/(.*)::\\2$",
         "%{HTTP_HOST} ^www\\. [NC]", "%{HTTP_HOST} a [NC,OR]", "%{HTTP_HOST} a [OR]",
         "%{HTTP_HOST} a [ornext]", "%{HTTP_HOST} a [nocase]", "%{HTTP_HOST} a [NV]",
         "%{HTTP_HOST} a [novary]", "%{HTTP_HOST} a [L]", "%{HTTP_HOST} a [NC, OR]",
         "%{HTTP_HOST} a [nc,or,nv]", "%{HTTP_HOST} a [X]", "%{HTTP_HOST} a []",
         "%{HTTP_HOST} a [NC", "%{HTTP_HOST} a NC]", "%{HTTP_HOST} a [NC] extra",
         "%{HTTP_HOST} -f [NC]", "%{HTTP_HOST} =a [NC]", "%{HTTP_HOST} -eq 1 [NC]",
         "%{HTTP_HOST} a [OR,OR]", "%{HTTP_HOST} a [R=301]"]
for c in conds:
    add("cond", R + "RewriteCond " + c + "\nRewriteRule ^a$ /b [L]\n")
add("cond", R + "RewriteCond %{HTTP_HOST} a\n", "RewriteCond %{HTTP_HOST} a\nRewriteRule ^a$ /b\n")

# RewriteRule patterns and substitutions.
for pat in ["^a$", "^(a$", "a)", "[a", "*a", "a**", "a{1,2}", "a{2,1}", "(?<x>a)", "(?=a)", "(?<=a)b",
            "\\d+", "\\p{L}", "\\", "!^a$", "!(a", "^/a$", "\"^a b$\"", "'^a$'", "^a$ ", "(?P<n>a)",
            "(?i)A", "\\Qa.b\\E", "a++", "(a)\\2", "(?|a|b)", "[[:alpha:]]", "[[:foo:]]"]:
    add("rule-pattern", R + "RewriteRule " + pat + " /b [L]\n")
for sub in ["-", "/b", "b", "http://example.com/b", "https://example.com/$1", "/b?x=1", "/b?",
            "$1", "%1", "${map:a}", "${map:a|b}", "${unknownmap:a}", "/b%{HTTP_HOST}", "/b%{",
            "/b${", "\"/a b\"", "/a\\ b", "\"\"", "/b#frag", "ftp://example.com/", "mailto:a@b",
            "ldap://x/", "nntp://x/", "/%{ENV:X}", "/%{HTTP:X}", "/%{LA-U:REMOTE_USER}"]:
    add("rule-subst", R + "RewriteRule ^(a)$ " + sub + " [L]\n")
add("rule-subst", R + "RewriteRule\n", R + "RewriteRule ^a$\n", R + "RewriteRule ^a$ /b [L] x y\n")

# RewriteEngine, RewriteBase, RewriteOptions, RewriteMap, RewriteLog* (gone in 2.4).
for v in ["On", "on", "ON", "Off", "off", "yes", "1", "true", "", "On Off", "\"On\""]:
    add("rewrite-misc", "RewriteEngine " + v + "\nRewriteRule ^a$ /b [L]\n")
for v in ["/", "/sub/", "sub", "\"/a b/\"", "", "/ /", "http://example.com/", "/%{HTTP_HOST}/"]:
    add("rewrite-misc", R + "RewriteBase " + v + "\nRewriteRule ^a$ b [L]\n")
for v in ["Inherit", "InheritBefore", "InheritDown", "InheritDownBefore", "IgnoreInherit",
          "AllowNoSlash", "AllowAnyURI", "MergeBase", "IgnoreContextInfo", "LegacyPrefixDocRoot",
          "MaxRedirects=5", "inherit", "Inherit AllowAnyURI", "Bogus", "", "LongURLOptimization"]:
    add("rewrite-misc", R + "RewriteOptions " + v + "\n")
add("rewrite-misc", R + "RewriteMap m txt:/tmp/m\n", R + "RewriteLog /tmp/x\n",
    R + "RewriteLogLevel 3\n", R + "RewriteLock /tmp/x\n")

# mod_headers.
for h in ["set X a", "always set X a", "onsuccess set X a", "append X a", "add X a", "unset X",
          "echo ^X", "merge X a", "edit X a b", "edit* X a b", "setifempty X a", "note X a",
          "set X", "unset", "edit X a", "bogus X a", "always X a", "set X a env=Y", "set X a env=!Y",
          "set X a \"expr=%{REQUEST_URI} =~ /a/\"", "set X a \"expr=%{REQUEST_URI} == \"",
          "set X a early", "set X a b", "set X a env=Y extra", "unset X a", "unset X env=Y",
          "echo", "set X \"%{HTTP_HOST}e\"", "set X \"%D %t\"", "set X \"%{X}z\"", "set X \"%z\"",
          "edit X \"(a\" b", "set \"X Y\" a", "Set X a", "SET X a", "set X \"a", "always unset X",
          "set Content-Security-Policy \"default-src 'self'\"", "merge Cache-Control no-cache env=x"]:
    add("header", "Header " + h + "\n")
for h in ["set X a", "unset X", "append X a", "edit X a b", "echo X", "always set X a", "set X",
          "setifempty X a", "note X a", "set X a early", "set X a env=Y"]:
    add("header", "RequestHeader " + h + "\n")

# mod_alias.
for args in ["/a http://example.com/", "/a /b", "/a b", "permanent /a http://example.com/",
             "temp /a http://example.com/", "seeother /a http://example.com/", "gone /a",
             "gone /a http://example.com/", "301 /a http://example.com/", "302 /a /b",
             "303 /a http://e/", "307 /a http://e/", "308 /a http://e/", "410 /a", "410 /a /b",
             "200 /a", "404 /a", "500 /a", "399 /a http://e/", "299 /a", "600 /a http://e/",
             "Permanent /a http://e/", "/a", "", "foo /a http://e/", "301 /a", "/a http://e/ extra",
             "3xx /a http://e/", "-1 /a http://e/", "301 a http://e/"]:
    add("alias", "Redirect " + args + "\n")
for args in ["^/a$ http://e/", "^/(a$ http://e/", "permanent ^/a http://e/$1", "301 ^/a /b",
             "410 ^/a", "^/a", "gone ^/a", "^/a b", "\"^/a b\" http://e/", "(?i)^/A http://e/"]:
    add("alias", "RedirectMatch " + args + "\n")
add("alias", "RedirectPermanent /a http://e/\n", "RedirectPermanent /a\n",
    "RedirectTemp /a http://e/\n", "RedirectTemp /a /b c\n", "Alias /a /tmp\n",
    "ScriptAlias /a /tmp\n", "AliasMatch ^/a /tmp\n")

# ErrorDocument.
for args in ["404 /e.html", "404 http://example.com/e", "404 \"Not here\"", "404 Not here",
             "404 \"unterminated", "404 default", "404", "200 /e", "399 /e", "400 /e", "599 /e",
             "600 /e", "700 /e", "99 /e", "xyz /e", "500 e.html", "401 http://e/x", "403 \"\"",
             "404 /e.html extra", "404 '/e.html'", "404 \"a\" b", "302 /e", "418 /e"]:
    add("errordocument", "ErrorDocument " + args + "\n")

# mod_expires.
for v in ["On", "Off", "on", "yes", "", "1"]:
    add("expires", "ExpiresActive " + v + "\n")
for v in ["\"access plus 1 month\"", "\"access plus 1 months\"", "\"modification plus 2 days\"",
          "\"now plus 1 year 2 weeks\"", "\"access plus\"", "\"access 1 month\"", "\"plus 1 month\"",
          "\"access plus one month\"", "\"access plus 1 fortnight\"", "A3600", "M3600", "a3600",
          "X3600", "A", "A-1", "\"access plus 0 seconds\"", "access plus 1 month",
          "\"access plus 1 month 3\"", "\"access minus 1 month\"", "\"access plus 1.5 hours\"",
          "\"ACCESS PLUS 1 MONTH\"", "\"M plus 1 day\"", "\"access plus 10 minute\""]:
    add("expires", "ExpiresDefault " + v + "\n", "ExpiresByType text/html " + v + "\n")
add("expires", "ExpiresByType text/html\n", "ExpiresByType \"access plus 1 month\"\n")

# Access control: mod_authz_core, mod_access_compat, mod_auth_basic.
for v in ["all granted", "all denied", "all", "all allowed", "not all denied", "ip 10.0.0.0/8",
          "ip 10.0.0", "ip 10.0.0.300", "ip ::1", "ip 10.0.0.0/33", "ip foo", "host example.com",
          "host", "env X", "env", "method GET POST", "method FOO", "expr \"%{REMOTE_ADDR} == '1'\"",
          "expr \"%{REMOTE_ADDR} ==\"", "user a", "valid-user", "valid-user extra", "group a",
          "not ip 10.0.0.1", "not", "not host a", "local", "bogus", "granted", "ALL GRANTED",
          "not env X", "file-owner", "ip 10.0.0.0/255.0.0.0", "ip 10.0.0.0/255.0.255.0"]:
    add("access", "Require " + v + "\n")
add("access", "<RequireAll>\nRequire ip 10.0.0.0/8\nRequire not ip 10.1.0.0/16\n</RequireAll>\n",
    "<RequireAny>\nRequire not ip 10.1.0.0/16\n</RequireAny>\n",
    "<RequireNone>\nRequire ip 10.1.0.0/16\n</RequireNone>\n",
    "<RequireAll>\n</RequireAll>\n", "<RequireAny foo>\nRequire all granted\n</RequireAny>\n",
    "<RequireAll>\nRequire not ip 10.1.0.0/16\n</RequireAll>\n")
for v in ["allow,deny", "deny,allow", "Allow,Deny", "mutual-failure", "allow, deny", "allow deny",
          "deny", "", "allow,deny,allow"]:
    add("access", "Order " + v + "\n")
for v in ["from all", "from 10.0.0.0/8", "from 10.0", "from env=X", "from env=!X", "all", "from",
          "from none", "from example.com", "from 10.0.0.0/255.0.0.0", "From All", "from 1.2.3.4 5.6.7.8"]:
    add("access", "Allow " + v + "\n", "Deny " + v + "\n")
for v in ["Any", "All", "any", "none", ""]:
    add("access", "Satisfy " + v + "\n")
for v in ["AuthType Basic\nAuthName x\n", "AuthType Digest\n", "AuthType None\n", "AuthType Bogus\n",
          "AuthName\n", "AuthName \"a b\"\n", "AuthBasicProvider file\n", "AuthBasicProvider dbm\n",
          "AuthBasicProvider bogus\n", "AuthUserFile /tmp/x\n", "AuthGroupFile /tmp/x\n",
          "AuthBasicAuthoritative Off\n", "AuthBasicAuthoritative maybe\n", "AuthMerging And\n",
          "AuthMerging Bogus\n", "AuthzSendForbiddenOnFailure On\n", "AuthBasicFake a b\n"]:
    add("access", v)

# Sections and conditionals.
for s in ["<IfModule mod_rewrite.c>\n", "<IfModule rewrite_module>\n", "<IfModule !mod_rewrite.c>\n",
          "<IfModule mod_nothing.c>\n", "<IfModule \"mod_rewrite.c\">\n", "<IfModule>\n",
          "<IfModule a b>\n", "<IfModule mod_rewrite.c\n", "<Files x>\n", "<Files \"a b\">\n",
          "<Files ~ \"\\.php$\">\n", "<Files ~ \"(\">\n", "<Files>\n", "<FilesMatch \"\\.php$\">\n",
          "<FilesMatch \"(\">\n", "<FilesMatch>\n", "<Limit GET POST>\n", "<Limit FOO>\n", "<Limit>\n",
          "<LimitExcept GET>\n", "<LimitExcept>\n", "<If \"%{HTTPS} == 'on'\">\n", "<If \"%{HTTPS} ==\">\n",
          "<If>\n", "<IfDefine X>\n", "<IfDefine !X>\n", "<IfDefine>\n", "<IfVersion >= 2.4>\n",
          "<IfVersion < 2.4>\n", "<IfVersion 2.4.71>\n", "<IfVersion ~ ^2\\.4>\n", "<IfVersion /^2/>\n",
          "<IfVersion >= x>\n", "<IfVersion>\n", "<IfVersion = 2>\n", "<IfDirective RewriteEngine>\n",
          "<IfDirective !Bogus>\n", "<IfSection VirtualHost>\n", "<IfFile /etc/passwd>\n",
          "<IfFile>\n", "<Directory /a>\n", "<Location /a>\n", "<VirtualHost *:80>\n",
          "<Proxy *>\n", "<DirectoryMatch a>\n", "<Else>\n", "<ElseIf \"true\">\n", "<Bogus>\n"]:
    name = re.match(r"<(\w+)", s).group(1)
    for body in ["Header set X a\n", "NotADirective here\n"]:
        add("sections", s + body + "</" + name + ">\n")
add("sections", "<If \"true\">\n</If>\n<Else>\n</Else>\n",
    "<If \"true\">\n</If>\n<ElseIf \"false\">\n</ElseIf>\n<Else>\n</Else>\n",
    "<If \"true\">\n</If>\n# c\n<Else>\n</Else>\n", "<If \"true\">\n</If>\nHeader set X a\n<Else>\n</Else>\n",
    "<IfModule mod_rewrite.c>\n</ifmodule>\n", "<IfModule mod_rewrite.c>\n</IfModule extra>\n",
    "<IfModule mod_rewrite.c>\n", "</IfModule>\n", "<Files a>\n</FilesMatch>\n",
    "<Files a>\n<Files b>\n</Files>\n</Files>\n", "<IfModule mod_rewrite.c>\n<IfModule mod_rewrite.c>\n</IfModule>\n</IfModule>\n",
    "<IfModule mod_nothing.c>\n<Bogus\n</IfModule>\n", "<IfModule mod_nothing.c>\n</Bogus>\n</IfModule>\n",
    "<IfModule mod_nothing.c>\n<Files>\n</Files>\n</IfModule>\n", "<Files a>\n<Limit GET>\nRequire all denied\n</Limit>\n</Files>\n",
    "<Limit GET>\nRewriteEngine On\n</Limit>\n", "<Files a>\nRewriteEngine On\n</Files>\n",
    "<If \"true\">\nRewriteEngine On\nRewriteRule ^ - [F]\n</If>\n", "<If \"true\">\nOptions -Indexes\n</If>\n",
    "<Files a>\nOptions -Indexes\n</Files>\n", "<Limit GET>\nOptions -Indexes\n</Limit>\n",
    "<Limit GET>\nHeader set X a\n</Limit>\n", "<Limit GET>\nRequire all denied\n</Limit>\n")

# mod_mime, mod_dir, mod_env, mod_setenvif, core and mod_autoindex directives.
core = ["AddType text/html .x", "AddType text/html", "AddType", "AddType text/html x .y",
        "AddType 'text/html; charset=UTF-8' .x", "AddHandler cgi-script .cgi", "AddHandler x",
        "SetHandler none", "SetHandler", "SetHandler a b", "ForceType text/plain", "ForceType",
        "ForceType None", "RemoveType .x", "RemoveHandler .x", "AddEncoding gzip .gz",
        "AddCharset UTF-8 .utf8", "AddLanguage en .en", "AddDefaultCharset UTF-8",
        "AddDefaultCharset Off", "AddDefaultCharset On", "AddDefaultCharset", "DefaultType text/plain",
        "DefaultType None", "DirectoryIndex index.php", "DirectoryIndex disabled",
        "DirectoryIndex disabled index.php", "DirectoryIndex", "DirectorySlash Off", "DirectorySlash",
        "FallbackResource /index.php", "FallbackResource disabled", "FallbackResource",
        "SetEnv A b", "SetEnv A", "SetEnv", "SetEnv A b c", "UnsetEnv A", "UnsetEnv", "PassEnv A",
        "SetEnvIf Host a X", "SetEnvIf Host (a X", "SetEnvIf Host", "SetEnvIf Host a",
        "SetEnvIfNoCase User-Agent a X=1 !Y", "BrowserMatch a X", "BrowserMatchNoCase a X",
        "SetEnvIfExpr \"true\" X", "SetEnvIfExpr \"tru\" X", "FileETag None", "FileETag MTime Size",
        "FileETag +MTime", "FileETag Bogus", "FileETag All -INode", "ServerSignature Off",
        "ServerSignature EMail", "ServerSignature Maybe", "ServerTokens Prod", "ServerName a",
        "ServerAdmin a@b", "AcceptPathInfo On", "AcceptPathInfo Default", "AcceptPathInfo Maybe",
        "LimitRequestBody 100", "LimitRequestBody x", "LimitRequestBody -1", "LimitRequestBody",
        "LimitXMLRequestBody 100", "ContentDigest On", "CGIPassAuth On", "CGIPassAuth Maybe",
        "CGIVar REQUEST_URI current-uri", "EnableSendfile Off", "EnableMMAP Off",
        "EnableMMAP maybe", "ErrorLog /tmp/x", "LogLevel debug", "LogLevel rewrite:trace3",
        "CustomLog /tmp/x common", "Include /tmp/x", "IncludeOptional /tmp/x",
        "IndexOptions FancyIndexing", "IndexOptions +FoldersFirst", "IndexOptions Bogus",
        "IndexIgnore *.bak", "IndexIgnore", "HeaderName /h.html", "ReadmeName r.html",
        "AddIcon /i.gif .x", "AddDescription \"a b\" .x", "AddDescription a", "IndexOrderDefault Ascending Name",
        "IndexOrderDefault Up Name", "AddOutputFilterByType DEFLATE text/html", "AddOutputFilter INCLUDES .shtml",
        "SetOutputFilter DEFLATE", "SetInputFilter x", "XBitHack On", "SSLRequireSSL",
        "SSLOptions +StdEnvVars", "SSLRequire true", "ProxyPass /a http://e/", "ProxyPreserveHost On",
        "ProxyErrorOverride On", "php_value a b", "php_flag a on", "php_admin_value a b",
        "LanguagePriority en", "ForceLanguagePriority Prefer", "Action x /y", "Script GET /x",
        "AddDefaultCharset utf-8 extra", "RLimitCPU 1", "Define X", "UnDefine X", "KeepAlive Off",
        "Timeout 5", "TraceEnable off", "AllowOverride None", "AllowOverrideList None", "Listen 80",
        "ServerAlias a", "UseCanonicalName Off", "HostnameLookups Off", "Mutex default",
        "SecRuleEngine Off", "ModPagespeed off", "Header", "ExpiresActive", "RewriteEngine",
        "<IfModule mod_headers.c>", "DAV On", "AuthLDAPURL x", "SetEnvIf Request_URI \"\\.gif$\" no-log",
        "Satisfy Any extra", "Options -Indexes extra", "DirectoryCheckHandler On", "MimeOptions Bogus",
        "MultiviewsMatch Any", "MultiviewsMatch Bogus", "ModMimeUsePathInfo On", "QualifyRedirectURL On",
        "MergeTrailers On", "MergeSlashes Off", "RegexDefaultOptions -DOTALL", "SetEnvIf Remote_Addr ^1 A=b=c"]
for line in core:
    add("core", line + "\n")
add("core", "AddType text/html .x \\\n .y\n", "AddType text/html .x \\\n", "\\\nAddType text/html .x\n",
    "\xef\xbb\xbfAddType text/html .x\n", "AddType text/html .x\r\n", "   \tAddType text/html .x\n",
    "#AddType\n", "  # comment\n", "AddType text/html .x # comment\n", "AddType text/html .x #comment\n",
    "Header set X a # comment\n", "Require all granted # comment\n", "Options -Indexes # comment\n",
    "RewriteEngine On # comment\n", "AddType text/html .x\n" * 3, "\n\n", "",
    "AddType text/html .x" + " " * 9000 + "\n", "ErrorDocument 404 \"" + "a" * 8200 + "\"\n")


# Second round: the readings the first round found wrong, varied further.
for v in ["All granted", "all GRANTED", "all \"granted\"", "all granted extra", "", "NOT ip 10.0.0.1",
          "method get", "method HEAD", "method TRACE", "method", "ip 10.0.0.", "ip 10.", "ip 1.2.3.4.5",
          "ip 010.000.0.1", "ip 10.0.0.1/0", "ip 10.0.0.1/32", "ip 10.0.0/8", "ip ::1/129", "ip ::1/64",
          "ip ::ffff:10.0.0.1", "ip fe80::1%eth0", "ip 1:2:3:4:5:6:7:8:9", "ip 10.0.0.1/255.255.0.x",
          "ip 10.0.0.1/+8", "ip 10.0.0.1 foo", "host %{", "host a b", "env A B", "expr true",
          "expr \"true\" \"false\"", "expr 'true'", "forward-dns a", "local x", "user",
          "Valid-User"]:
    add("access", "Require " + v + "\n")
for v in ["from 10.0.0.0/33", "from a#b", "from 10.0.0.300", "from 10.0.0.1/x", "from foo/8",
          "frm all", "from all 10.0.0.1", "from ::1", "from env="]:
    add("access", "Allow " + v + "\n")
add("access", "<RequireAny>\n<RequireNone>\nRequire ip 10.1.0.0/16\n</RequireNone>\n</RequireAny>\n",
    "<RequireAll>\n<RequireNone>\nRequire ip 10.1.0.0/16\n</RequireNone>\nRequire all granted\n</RequireAll>\n",
    "<RequireAll>\n<IfModule mod_rewrite.c>\nRequire all granted\n</IfModule>\n</RequireAll>\n",
    "<RequireAll>\n<IfModule mod_nothing.c>\nRequire all granted\n</IfModule>\n</RequireAll>\n",
    "Require\n", "AuthMerging or\n", "Satisfy all extra\n", "Order Deny,Allow\n")
for h in ["set X \"%{FOO}e %{BAR}e\"", "set X \"100%\"", "set X \"%%\"", "set X \"%{X\"", "set X \"%t %D %l %i %b\"",
          "set X expr=%{REQUEST_URI}", "set X \"expr=%{REQUEST_URI\"", "set X a expr=true", "set X a env=",
          "set X a env=!", "set X a bogus", "edit X a", "edit X ( b", "echo (", "echo X Y Z",
          "unset X Y Z", "set X: a", "set \"\" a", "always set X a b c", "merge X a early extra"]:
    add("header", "Header " + h + "\n")
for v in ["A", "a3600", "M-5", "Ax", "\"now\"", "\"now plus 1 day\"", "\"n 1 d\"", "\"access plus 1 m\"",
          "\"access plus 1 mi\"", "\"access 1\"", "\"xyz plus 1 day\"", "\"modification 2 weeks 1 hour\""]:
    add("expires", "ExpiresDefault " + v + "\n")
for o in ["All -Indexes", "None +Indexes", "+Indexes None", "All All", "None None", "-All", "+None",
          "All +Indexes -Indexes", "Indexes All", "Indexes None", "runscripts", "+RunScripts",
          "All Indexes -FollowSymLinks", "\"All -Indexes\""]:
    add("options", "Options " + o + "\n")
for f in ["discardpath", "backrefernoplus", "DPI", "D", "BCTLS=x", "NS=1", "unsafeallow3f", "qsa", "end"]:
    add("rule-flags", R + "RewriteRule ^a$ /b [" + f + "]\n")
for s2 in ["<Limit get>\n", "<Limit TRACE>\n", "<LimitExcept TRACE>\n", "<Limit GET GET>\n",
           "<Limit PROPFIND>\n", "<If \"true\" \"false\">\n", "<Else foo>\n"]:
    name = re.match(r"<(\w+)", s2).group(1)
    add("sections", s2 + "Header set X a\n</" + name + ">\n")
add("sections", "<If \"true\">\n</If>\n<Else>\n</Else>\n<Else>\n</Else>\n",
    "<If \"true\">\n</If>\n<IfModule mod_rewrite.c>\n<Else>\n</Else>\n</IfModule>\n",
    "<If \"true\">\n</If>\n<Files a>\n<Else>\n</Else>\n</Files>\n",
    "<Files a>\n<If \"true\">\n</If>\n</Files>\n<Else>\n</Else>\n",
    "<Limit GET>\n<If \"true\">\n</If>\n</Limit>\n", "<Limit GET>\n<Limit POST>\n</Limit>\n</Limit>\n",
    "<Limit GET>\n<Limit GET>\nRequire all denied\n</Limit>\n</Limit>\n",
    "<IfDirective Bogus>\nNotADirective\n</IfDirective>\n", "<IfSection Files>\nNotADirective\n</IfSection>\n",
    "<IfFile /nonexistent/x>\nNotADirective\n</IfFile>\n", "<IfFile !/etc/passwd>\nNotADirective\n</IfFile>\n")
for line in ["FileETag +None", "FileETag -All", "FileETag MTime -Size", "FileETag Digest", "ServerSignature email",
             "AcceptPathInfo DEFAULT", "EnableSendfile maybe", "EnableSendfile On", "LimitRequestBody +5",
             "LimitRequestBody 99999999999999999999", "LimitRequestBody 1k", "LimitRequestBody -0",
             "IndexOptions Charset=UTF-8", "IndexOptions NameWidth=*", "IndexOptions +Bogus", "IndexOptions Type=text/html",
             "IndexOrderDefault Descending Bogus", "MultiviewsMatch Any Handlers", "MultiviewsMatch Filters Handlers",
             "SetEnvIf", "SetEnvIf Host a b=c", "BrowserMatch", "BrowserMatch (a X", "BrowserMatch a",
             "SetEnvIfExpr", "SetEnvIfExpr \"true\"", "SetEnvIfNoCase Host (a X", "QualifyRedirectURL Off",
             "SSLRequireSSL extra", "Header set \"X Y\" a env=nothing", "Header always set \"X Y\" a"]:
    add("core", line + "\n")


def write_generated():
    out = os.path.join(base, "generated")
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    n = 0
    for group, texts in groups.items():
        for i, text in enumerate(texts, 1):
            with open(os.path.join(out, "%s-%03d.htaccess" % (group, i)), "wb") as f:
                f.write(text.encode("latin-1" if "\xef\xbb\xbf" in text else "utf-8"))
            n += 1
    return n


# One-line mutations of the corpus, each a single edit an admin could make by mistake or on purpose.
def mutations(line):
    body = line.rstrip("\r\n")
    ending = line[len(body):]
    s = body.strip()
    if not s or s.startswith("#"):
        return []
    indent = body[:len(body) - len(body.lstrip())]
    out = []
    words = s.split()
    name = words[0]
    if name.startswith("</"):
        out.append(("delete", None))
    elif name.startswith("<"):
        out.append(("delete", None))
        out.append(("unterminated", indent + s.rstrip(">")))
    else:
        out.append(("lowercase-name", indent + name.lower() + s[len(name):]))
        out.append(("extra-word", indent + s + " extra"))
        out.append(("inline-comment", indent + s + " # why"))
        if len(words) > 1:
            out.append(("drop-last", indent + s[:s.rstrip().rfind(" ")].rstrip()))
        out.append(("typo", indent + name[:-1] + s[len(name):]))
    m = re.search(r"\[([^\]]*)\]\s*$", s)
    if m and name.lower() in ("rewriterule", "rewritecond"):
        flags = m.group(1)
        head = indent + s[:m.start()]
        out.append(("flag-space", head + "[" + flags.replace(",", ", ") + "]"))
        out.append(("flag-lower", head + "[" + flags.lower() + "]"))
        out.append(("flag-unknown", head + "[" + flags + ",QS]"))
        out.append(("flag-trailing-comma", head + "[" + flags + ",]"))
        out.append(("flag-unbracketed", head + flags))
    if name.lower() == "rewriterule" and len(words) >= 3:
        out.append(("pattern-paren", indent + s.replace(words[1], "(" + words[1], 1)))
        out.append(("pattern-leading-slash", indent + s.replace(words[1], "^/" + words[1].lstrip("^"), 1)))
    if name.lower() == "options" and len(words) > 1:
        out.append(("options-unsigned", indent + " ".join([name] + [w.lstrip("+-") for w in words[1:]])))
        out.append(("options-add-all", indent + " ".join([name, "All"] + words[1:])))
        out.append(("options-sign-first", indent + " ".join([name, "+" + words[1].lstrip("+-")] + words[2:])))
    if re.search(r"\b(On|on)\s*$", s):
        out.append(("on-yes", indent + re.sub(r"\b(On|on)\s*$", "yes", s)))
    if '"' in s:
        out.append(("drop-closing-quote", indent + s[:s.rfind('"')] + s[s.rfind('"') + 1:]))
    return [(kind, (None if text is None else text + ending)) for kind, text in out]


def write_corpus_mutations():
    corpus = os.path.join(shared, "corpus")
    rows = []
    rng = random.Random(1414)
    for name in sorted(os.listdir(corpus)):
        path = os.path.join(corpus, name, ".htaccess")
        if not os.path.isfile(path):
            continue
        lines = open(path, "rb").read().decode("utf-8").split("\n")
        candidates = []
        for no, line in enumerate(lines, 1):
            for kind, text in mutations(line):
                candidates.append((no, kind, text))
        # Every kind at least once per file where it applies, then a sample of the rest.
        picked, kinds = [], set()
        for c in candidates:
            if c[1] not in kinds:
                kinds.add(c[1])
                picked.append(c)
        rest = [c for c in candidates if c not in picked]
        picked += rng.sample(rest, min(len(rest), 12))
        for no, kind, text in sorted(picked, key=lambda c: (c[0], c[1])):
            enc = "<delete>" if text is None else text.replace("\\", "\\\\").replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n")
            rows.append(f"{name}\t{no}\t{kind}\t{enc}")
    with open(os.path.join(base, "corpus-mutations.tsv"), "w") as f:
        f.write("# corpus\tline\tmutation\treplacement (escaped; <delete> drops the line)\n")
        f.write("\n".join(rows) + "\n")
    return len(rows)


print("generated:", write_generated(), file=sys.stderr)
if os.path.isdir(os.path.join(shared, "corpus")):
    print("corpus mutations:", write_corpus_mutations(), file=sys.stderr)
