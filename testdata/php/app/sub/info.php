<?php
// Front controller for the PHP agreement tests: prints what the application sees.
// The body is hashed as it streams in, so a 100 MB upload needs no memory for itself.
$in = fopen('php://input', 'rb');
$hash = hash_init('sha1');
$length = 0;
while (!feof($in)) {
    $chunk = fread($in, 65536);
    if ($chunk === false) {
        break;
    }
    $length += strlen($chunk);
    hash_update($hash, $chunk);
}
header('Content-Type: application/json');
if (isset($_GET['status'])) {
    http_response_code((int) $_GET['status']);
}
if (isset($_GET['location'])) {
    header('Location: ' . $_GET['location'], true, (int) ($_GET['code'] ?? 302));
}
if (isset($_GET['sleep'])) {
    sleep((int) $_GET['sleep']);
}
if (isset($_GET['stderr'])) {
    error_log('app says: ' . $_GET['stderr']);
}
echo json_encode([
    'server' => $_SERVER,
    'get' => $_GET,
    'post' => $_POST,
    'body_length' => $length,
    'body_sha1' => hash_final($hash),
], JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES), "\n";
