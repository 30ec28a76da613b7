#!/usr/bin/env bash
# Messaging: RabbitMQ broker for the RabbitMQ transport tests and benchmark.
set -euo pipefail
apt-get install -y --no-install-recommends rabbitmq-server
