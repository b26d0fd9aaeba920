<?php echo "app";
