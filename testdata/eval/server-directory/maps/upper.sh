#!/bin/sh
while read line; do
  if [ "$line" = "none" ]; then echo NULL; else echo "$line" | tr a-z A-Z; fi
done
