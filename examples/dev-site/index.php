<?php
// The front controller of the example site. The dry run (and Apache without PHP) serves it as
// a file; `serve --php fpm:...` runs it.
header('Content-Type: text/plain');
echo "front controller: " . $_SERVER['REQUEST_URI'] . "\n";
