<?php echo "qsa";
