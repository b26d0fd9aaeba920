#!/usr/bin/env python3
"""Random .htaccess sites for a differential run (see run.sh): gen.py OUT SEED."""
import os, random, sys

out, seed = sys.argv[1], int(sys.argv[2])
R = random.Random(seed)
DIRS = ["", "sub/", "d/", "sub/deep/"]
FILES = ["a.txt", "b.html", "index.html", "x.php", "img.png", "s.css", "data.json", "z"]

def pick(*xs):
    return R.choice(xs)

def pattern():
    return pick("^a\\.txt$", "^(.*)$", "^$", "^sub/(.*)", "(.+)\\.html$", "^([^/]+)/?$", "x",
                "^d/(.*)$", ".*", "^(.*)\\.txt$", "^missing", "^(a|b)\\.(txt|html)$", "^deep/(.*)",
                "^z$", "^img\\.png$", "/$", "^index\\.html$", "\\.php$", "^go/(.*)$")

def target():
    return pick("b.html", "/b.html", "/sub/a.txt", "$1", "/$1", "index.html", "-", "x.php?q=$1",
                "/d/$1", "http://example.com/$1", "http://other.example/$1", "/missing/$1",
                "a.txt?k=v", "/index.html?", "%{REQUEST_URI}", "sub/", "/sub/deep/", "$0",
                "/z", "data.json", "/img.png#frag", "%1", "s.css")

def flags():
    fl = []
    for f in R.sample(["L", "R", "R=301", "R=302", "R=303", "F", "G", "QSA", "QSD", "NC", "END",
                       "NE", "PT", "E=V:1", "CO=c:v:example.com", "T=text/x-test", "S=1", "C",
                       "DPI", "N=3", "B", "R=404", "R=410", "H=text/plain"], R.randint(0, 3)):
        fl.append(f)
    return "[" + ",".join(fl) + "]" if fl else ""

def cond():
    var = pick("%{REQUEST_FILENAME}", "%{REQUEST_URI}", "%{QUERY_STRING}", "%{HTTP_HOST}",
               "%{ENV:REDIRECT_STATUS}", "%{HTTP:X-Test}", "%{REQUEST_METHOD}", "%{THE_REQUEST}",
               "%{ENV:V}", "%{HTTPS}", "%{SCRIPT_FILENAME}", "%{PATH_INFO}", "%{DOCUMENT_ROOT}")
    test = pick("!-f", "!-d", "-f", "-d", "-s", "!-s", "^$", "=\"\"", "^(.*)$", "k=(\\w+)",
                "=GET", "!^/sub", "^/d/(.*)", "=on", "200", ">0", "-l", "!-l", "=1", "^example")
    fl = pick("", "", "[NC]", "[OR]")
    return f"RewriteCond {var} {test} {fl}".rstrip()

def rewrite_block(perdir):
    lines = ["RewriteEngine On"]
    if R.random() < 0.2:
        lines.append("RewriteBase " + pick("/", "/sub/", "/d"))
    if R.random() < 0.1:
        lines.append("RewriteOptions " + pick("Inherit", "InheritBefore", "IgnoreInherit"))
    for _ in range(R.randint(1, 5)):
        for _ in range(R.randint(0, 2)):
            lines.append(cond())
        lines.append(f"RewriteRule {pattern()} {target()} {flags()}".rstrip())
    return lines

def other():
    return pick(
        "DirectoryIndex " + pick("index.html", "b.html", "missing.html index.html", "x.php", "disabled"),
        "FallbackResource " + pick("/index.html", "/b.html", "/missing.html", "disabled"),
        "ErrorDocument " + pick("404", "403", "410", "500") + " " + pick("/b.html", "/missing.html", "\"oops\"", "http://example.com/err", "/sub/a.txt"),
        "Redirect " + pick("301 ", "", "gone ", "302 ") + pick("/go", "/sub/a.txt", "/d") + (" http://example.com/there" if R.random() < 0.8 else ""),
        "RedirectMatch " + pick("^/r(.*)", "\\.json$", "^/d/(.+)") + " " + pick("/b.html", "http://example.com/m$1"),
        "Options " + pick("-Indexes", "+Indexes", "-FollowSymLinks", "+MultiViews", "-MultiViews", "All", "None", "+SymLinksIfOwnerMatch"),
        "DirectorySlash " + pick("On", "Off"),
        "<Files \"" + pick("a.txt", "*.json", "z", "index.html") + "\">\n  Require all denied\n</Files>",
        "<FilesMatch \"" + pick("\\.(txt|css)$", "^x", "\\.php$") + "\">\n  " + pick("Require all denied", "Header set X-F 1", "ForceType text/plain", "ExpiresActive Off") + "\n</FilesMatch>",
        "Header " + pick("set", "append", "unset", "always set") + " X-H " + pick("v1", "\"%{REQUEST_URI}e\"", "\"a b\""),
        "ExpiresActive On\nExpiresDefault \"access plus 1 hour\"",
        "ExpiresByType " + pick("text/plain", "text/html", "image/*") + " " + pick("A60", "\"modification plus 1 day\""),
        "SetEnvIf " + pick("Request_URI", "Host", "X-Test", "Remote_Addr") + " " + pick("^/sub", "\\.txt$", "example", "127") + " V=1",
        "AddType " + pick("text/x-a .txt", "application/x-z z", "text/html .json"),
        "ForceType " + pick("text/plain", "application/json"),
        "Require " + pick("all granted", "all denied", "ip 127.0.0.1", "env V", "method GET", "host example.com"),
        "Order deny,allow\nDeny from all",
        "AddDefaultCharset " + pick("utf-8", "On", "Off"),
        "<If \"%{QUERY_STRING} =~ /deny/\">\n  Require all denied\n</If>",
        "<IfModule mod_rewrite.c>\n  RewriteEngine " + pick("On", "Off") + "\n</IfModule>",
        "CheckSpelling On",
        "RewriteEngine Off",
    )

def htaccess(perdir=True):
    lines = []
    if R.random() < 0.8:
        lines += rewrite_block(perdir)
    for _ in range(R.randint(0, 3)):
        lines.append(other())
    R.shuffle(lines) if R.random() < 0.2 else None
    return "\n".join(lines) + "\n"

os.makedirs(out + "/docroot", exist_ok=True)
for d in DIRS:
    os.makedirs(out + "/docroot/" + d, exist_ok=True)
    for f in R.sample(FILES, R.randint(1, 5)):
        with open(out + "/docroot/" + d + f, "w") as fh:
            fh.write(("<?php echo 1;\n" if f.endswith(".php") else f + " in /" + d + "\n"))
    if R.random() < 0.75:
        with open(out + "/docroot/" + d + ".htaccess", "w") as fh:
            fh.write(htaccess())
    if not os.listdir(out + "/docroot/" + d):
        open(out + "/docroot/" + d + ".keep", "w").close()
if R.random() < 0.3:
    with open(out + "/server.conf", "w") as fh:
        fh.write(pick(
            "RewriteEngine On\nRewriteRule ^/v/(.*)$ /sub/$1 [PT]\n",
            "Alias /al ${ORACLE_DOCROOT}/d\n",
            "<Directory ${ORACLE_DOCROOT}/sub>\n  AllowOverride None\n</Directory>\n",
            "<Directory ${ORACLE_DOCROOT}/d>\n  AllowOverride FileInfo\n</Directory>\n",
            "RewriteEngine On\nRewriteCond %{REQUEST_URI} ^/old\nRewriteRule ^/old(.*)$ /b.html [R=301,L]\n",
            "DirectoryIndex b.html index.html\n",
            "<Location /d>\n  Header set X-L 1\n</Location>\n",
            "RewriteEngine On\nRewriteOptions InheritDown\nRewriteRule ^/sub/a\\.txt$ /b.html\n",
        ))
reqs = []
paths = ["/", "/a.txt", "/b.html", "/index.html", "/x.php", "/z", "/sub", "/sub/", "/sub/a.txt",
         "/sub/b.html", "/sub/deep", "/sub/deep/", "/sub/deep/a.txt", "/d", "/d/", "/d/z", "/d/a.txt",
         "/missing", "/missing/x", "/go/x", "/go", "/rx", "/data.json", "/img.png", "/s.css",
         "/a.txt/extra", "/sub/x.php/pi", "/%7Esub/", "/sub/%61.txt", "/a%2Fb", "//a.txt", "/./sub/",
         "/sub/../b.html", "/v/a.txt", "/al/z", "/old/x", "/index.html?deny=1", "/?k=v", "/sub/?k=w",
         "/a.txt?x=1&k=2", "/A.TXT", "/.htaccess", "/sub/deep/index.html"]
for p in paths:
    reqs.append("GET " + p)
for p in R.sample(paths, 6):
    reqs.append(pick("HEAD", "POST", "OPTIONS", "PUT", "DELETE") + " " + p)
for p in R.sample(paths, 3):
    reqs.append("GET " + p + "\tX-Test: " + pick("1", "example", ""))
with open(out + "/requests.txt", "w") as fh:
    fh.write("\n".join(reqs) + "\n")
