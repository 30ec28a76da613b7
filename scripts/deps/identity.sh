# Identity and gateway security: a real redis-server for the shared rate-limit tests (and as the optional
# rate-limit store of several gateway replicas).
apt-get install -y --no-install-recommends redis-server
