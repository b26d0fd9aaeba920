<?php
// The same test application, reached as another script (for SCRIPT_NAME and PATH_INFO).
require __DIR__ . "/../index.php";
