<?php
// Front controller for the PHP agreement tests: prints what the application sees.
$body = file_get_contents('php://input');
header('Content-Type: application/json');
if (isset($_GET['status'])) {
    http_response_code((int) $_GET['status']);
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
    'body_length' => strlen($body),
    'body_sha1' => sha1($body),
], JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES), "\n";
